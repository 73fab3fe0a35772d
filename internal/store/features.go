package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	"gorm.io/gorm"
)

// featureRow is how a feature comes out of any of the three tables.
type featureRow struct {
	ID          string
	Publication string
	Properties  string
	Geom        []byte
	Version     int64
	Revision    int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	UpdatedBy   string
}

func (s *Store) selectRows(tx *gorm.DB, c catalog.Collection) *gorm.DB {
	return tx.Table(string(c)).Select("id, publication, properties, " + s.dialect.geomOut +
		", version, revision, created_at, updated_at, updated_by")
}

func toFeature(c catalog.Collection, r featureRow) (*catalog.Feature, error) {
	g, err := wkb.Unmarshal(r.Geom)
	if err != nil {
		return nil, fmt.Errorf("decode geometry of %s/%s: %w", c, r.ID, err)
	}
	if p, ok := g.(orb.Polygon); ok {
		g = orb.MultiPolygon{p}
	}
	props, err := catalog.StoredProps(c, []byte(r.Properties))
	if err != nil {
		return nil, fmt.Errorf("decode properties of %s/%s: %w", c, r.ID, err)
	}
	return &catalog.Feature{
		Collection: c, ID: r.ID, Geometry: g, Props: props,
		Publication: catalog.Publication(r.Publication),
		Version:     r.Version, Revision: r.Revision,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(), UpdatedBy: r.UpdatedBy,
	}, nil
}

// toFeatures decodes rows on every core: decoding JSON properties and WKB
// is most of a cold start.
func toFeatures(c catalog.Collection, rows []featureRow) ([]*catalog.Feature, error) {
	out := make([]*catalog.Feature, len(rows))
	workers := runtime.GOMAXPROCS(0)
	chunk := (len(rows) + workers - 1) / workers
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 0; w*chunk < len(rows); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w * chunk; i < min(len(rows), (w+1)*chunk); i++ {
				f, err := toFeature(c, rows[i])
				if err != nil {
					errs[w] = err
					return
				}
				out[i] = f
			}
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// Get returns one feature in any publication state.
func (s *Store) Get(ctx context.Context, c catalog.Collection, id string) (*catalog.Feature, error) {
	var rows []featureRow
	if err := s.selectRows(s.db.WithContext(ctx), c).Where("id = ?", id).Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	if len(rows) == 0 {
		return nil, catalog.ErrNotFound(c, id)
	}
	return toFeature(c, rows[0])
}

// FindByCode returns the features of collection c, archived ones aside,
// whose code is one of codes.
func (s *Store) FindByCode(ctx context.Context, c catalog.Collection, codes []string) ([]*catalog.Feature, error) {
	var out []*catalog.Feature
	for chunk := range chunks(codes, 1000) {
		var rows []featureRow
		q := s.selectRows(s.db.WithContext(ctx), c).Where("code IN ? AND publication <> ?", chunk, string(catalog.Archived))
		if err := q.Find(&rows).Error; err != nil {
			return nil, mapErr(err)
		}
		for _, r := range rows {
			f, err := toFeature(c, r)
			if err != nil {
				return nil, err
			}
			out = append(out, f)
		}
	}
	return out, nil
}

// Missing returns those of ids that collection c lacks.
func (s *Store) Missing(ctx context.Context, c catalog.Collection, ids []string) ([]string, error) {
	found := map[string]bool{}
	for chunk := range chunks(ids, 1000) {
		var got []string
		if err := s.db.WithContext(ctx).Table(string(c)).Where("id IN ?", chunk).Pluck("id", &got).Error; err != nil {
			return nil, mapErr(err)
		}
		for _, id := range got {
			found[id] = true
		}
	}
	var missing []string
	for _, id := range ids {
		if !found[id] {
			missing = append(missing, id)
		}
	}
	return missing, nil
}

// Load returns every feature of every collection (any publication state)
// with a revision above since, and the catalogue revision they add up to.
// Load(ctx, 0) is the full snapshot; later calls are the catch-up query.
func (s *Store) Load(ctx context.Context, since int64) ([]*catalog.Feature, int64, error) {
	var out []*catalog.Feature
	var rev int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Raw("SELECT revision FROM catalog_state WHERE id = 1").Scan(&rev).Error; err != nil {
			return err
		}
		for _, c := range catalog.Collections {
			var rows []featureRow
			q := s.selectRows(tx, c).Where("revision > ? AND revision <= ?", since, rev).Order("id")
			if err := q.Find(&rows).Error; err != nil {
				return err
			}
			feats, err := toFeatures(c, rows)
			if err != nil {
				return err
			}
			out = append(out, feats...)
		}
		return nil
	})
	if err != nil {
		return nil, 0, mapErr(fmt.Errorf("load catalogue since revision %d: %w", since, err))
	}
	return out, rev, nil
}

// loadBatch is how many rows LoadEach reads and decodes at a time.
const loadBatch = 4096

// LoadEach is Load for a cold start: it hands the features to each in
// batches, collection by collection (catalog.Collections order) and by id
// within a collection, so that the whole catalogue is never held twice
// (rows and decoded features of one batch at a time). One query per
// collection streams its rows (database/sql, no reflection per row); each
// batch is decoded on every core. It returns the revision the features
// add up to.
func (s *Store) LoadEach(ctx context.Context, since int64, each func([]*catalog.Feature) error) (int64, error) {
	var rev int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Raw("SELECT revision FROM catalog_state WHERE id = 1").Scan(&rev).Error; err != nil {
			return err
		}
		for _, c := range catalog.Collections {
			q := s.selectRows(tx, c).Where("revision <= ?", rev)
			if since > 0 { // a cold start reads every row, in primary-key order
				q = q.Where("revision > ?", since)
			}
			rows, err := q.Order("id").Rows()
			if err != nil {
				return err
			}
			if err := streamRows(c, rows, each); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, mapErr(fmt.Errorf("load catalogue since revision %d: %w", since, err))
	}
	return rev, nil
}

// streamRows decodes rows in batches of loadBatch and hands them to each.
// Reading the next batch from the database overlaps decoding and building
// the previous one.
func streamRows(c catalog.Collection, rows *sql.Rows, each func([]*catalog.Feature) error) error {
	defer rows.Close()
	batches := make(chan []featureRow, 2)
	done := make(chan struct{})
	readErr := make(chan error, 1)
	go func() {
		defer close(batches)
		batch := make([]featureRow, 0, loadBatch)
		for rows.Next() {
			var r featureRow
			if err := rows.Scan(&r.ID, &r.Publication, &r.Properties, &r.Geom, &r.Version, &r.Revision, &r.CreatedAt, &r.UpdatedAt, &r.UpdatedBy); err != nil {
				readErr <- err
				return
			}
			if batch = append(batch, r); len(batch) == loadBatch {
				select {
				case batches <- batch:
				case <-done:
					readErr <- nil
					return
				}
				batch = make([]featureRow, 0, loadBatch)
			}
		}
		if len(batch) > 0 {
			select {
			case batches <- batch:
			case <-done:
			}
		}
		readErr <- rows.Err()
	}()
	var err error
	for batch := range batches {
		if err != nil {
			continue // drain: the reader stops at done
		}
		var feats []*catalog.Feature
		if feats, err = toFeatures(c, batch); err == nil {
			err = each(feats)
		}
		if err != nil {
			close(done)
		}
	}
	if rerr := <-readErr; err == nil {
		err = rerr
	}
	return err
}

// Revision returns the current catalogue revision.
func (s *Store) Revision(ctx context.Context) (int64, error) {
	var rev int64
	err := s.db.WithContext(ctx).Raw("SELECT revision FROM catalog_state WHERE id = 1").Scan(&rev).Error
	return rev, mapErr(err)
}

func chunks[T any](s []T, n int) func(func([]T) bool) {
	return func(yield func([]T) bool) {
		for len(s) > 0 {
			k := min(n, len(s))
			if !yield(s[:k]) {
				return
			}
			s = s[k:]
		}
	}
}

// auditDoc is the before/after image written to the audit log.
func auditDoc(f *catalog.Feature) string {
	b := make([]byte, 0, 1024)
	b = append(b, `{"geometry":`...)
	b = catalog.AppendGeometryJSON(b, f.Geometry)
	b = append(b, `,"properties":`...)
	b = f.AppendPropsJSON(b)
	b = append(b, `,"publication":`...)
	pub, _ := json.Marshal(f.Publication)
	b = append(b, pub...)
	b = append(b, `,"version":`...)
	b = strconv.AppendInt(b, f.Version, 10)
	return string(append(b, '}'))
}

func notifyPayload(rev int64) string { return strconv.FormatInt(rev, 10) }
