package store

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/paulmach/orb/encoding/wkb"
	"gorm.io/gorm"
)

// NotifyChannel is the PostgreSQL channel on which every commit announces
// its revision.
const NotifyChannel = "landcat_changes"

const batchSize = 500

// Write applies w in one transaction: bump the revision (which also
// serialises writers), check each change's expected version, upsert the
// rows, append the audit log and, on PostgreSQL, NOTIFY the other processes.
func (s *Store) Write(ctx context.Context, w catalog.Write) (catalog.Commit, error) {
	var commit catalog.Commit
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rev int64
		if err := tx.Raw("UPDATE catalog_state SET revision = revision + 1 WHERE id = 1 RETURNING revision").Scan(&rev).Error; err != nil {
			return err
		}
		now := time.Now().UTC().Truncate(time.Microsecond)
		done := 0 // changes written, for w.Progress
		for _, c := range catalog.Collections {
			var changes []catalog.Change
			for _, ch := range w.Changes {
				if ch.Feature.Collection == c {
					changes = append(changes, ch)
				}
			}
			if len(changes) == 0 {
				continue
			}
			feats, befores, err := s.writeCollection(tx, w, c, changes, rev, now, &done)
			if err != nil {
				return err
			}
			commit.Features = append(commit.Features, feats...)
			if w.KeepBefore {
				commit.Before = append(commit.Before, befores...)
			}
		}
		if s.dialect.name == "postgres" {
			if err := tx.Exec("SELECT pg_notify(?, ?)", NotifyChannel, notifyPayload(rev)).Error; err != nil {
				return err
			}
		}
		commit.Revision = rev
		if w.DryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return commit, nil
	}
	if err != nil {
		return catalog.Commit{}, mapErr(err)
	}
	return commit, nil
}

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("dry run: rolled back")

// writeCollection writes the changes of one collection batch by batch: the
// stored state of a batch is read, each change checked against it, the
// rows upserted and the audit rows appended with one statement each, so a
// large import holds one batch of rows at a time.
// It returns the features as written and, with w.KeepBefore, their stored
// states before; done counts the changes written so far, for w.Progress.
func (s *Store) writeCollection(tx *gorm.DB, w catalog.Write, c catalog.Collection, changes []catalog.Change, rev int64, now time.Time, done *int) ([]*catalog.Feature, []*catalog.Feature, error) {
	if c == catalog.Parcels {
		if err := s.checkParcelCodes(tx, changes); err != nil {
			return nil, nil, err
		}
	}
	out := make([]*catalog.Feature, 0, len(changes))
	var kept []*catalog.Feature
	written := map[string]*catalog.Feature{} // a later change of the same id sees the earlier one
	for batch := range chunks(changes, batchSize) {
		cur, err := s.current(tx, c, batch)
		if err != nil {
			return nil, nil, err
		}
		befores, feats := make([]*catalog.Feature, len(batch)), make([]*catalog.Feature, len(batch))
		for i, ch := range batch {
			befores[i] = cur[ch.Feature.ID]
			if prev, ok := written[ch.Feature.ID]; ok {
				befores[i] = prev
			}
			f, err := s.next(c, ch, befores[i], rev, now, w.Actor.Name)
			if err != nil {
				return nil, nil, err
			}
			feats[i], written[f.ID] = f, f
			out = append(out, f)
		}
		rows, audits, err := s.encodeBatch(w, c, rev, now, befores, feats)
		if err != nil {
			return nil, nil, err
		}
		if err := s.upsert(tx, c, rows); err != nil {
			return nil, nil, fmt.Errorf("write %s: %w", c, err)
		}
		if err := s.insert(tx, "audit_log", auditInsertColumns, audits); err != nil {
			return nil, nil, fmt.Errorf("append audit log: %w", err)
		}
		if w.KeepBefore {
			kept = append(kept, befores...)
		}
		if *done += len(batch); w.Progress != nil {
			w.Progress(*done, len(w.Changes))
		}
	}
	return out, kept, nil
}

// encodeBatch makes the rows and audit rows of a batch on every core
// (encoding properties, geometry and audit documents is most of the cost
// of a large import).
func (s *Store) encodeBatch(w catalog.Write, c catalog.Collection, rev int64, now time.Time, befores, feats []*catalog.Feature) ([][]any, [][]any, error) {
	rows, audits := make([][]any, len(feats)), make([][]any, len(feats))
	errs := make([]error, len(feats))
	parallel(len(feats), func(i int) {
		f, before := feats[i], befores[i]
		rows[i], errs[i] = s.row(f)
		var beforeDoc any
		if before != nil {
			beforeDoc = auditDoc(before)
		}
		zones, sectors := scopeColumns(before, f)
		audits[i] = []any{rev, now, w.Actor.Name, w.Actor.Role.String(), w.Actor.Subject, w.Actor.Method, w.Action, string(c), f.ID,
			f.Version, beforeDoc, auditDoc(f), zones, sectors}
	})
	return rows, audits, errors.Join(errs...)
}

// parallel calls fn(0…n-1) on every core.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/16))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// next is the feature as the change stores it: its expected version
// checked, version, revision and timestamps set, and the publication kept
// when the change does not set one (new features start as drafts). The
// caller's feature is not modified (its properties are shared, never
// changed).
func (s *Store) next(c catalog.Collection, ch catalog.Change, before *catalog.Feature, rev int64, now time.Time, actor string) (*catalog.Feature, error) {
	if err := checkExpect(c, ch.Feature.ID, ch.Expect, before); err != nil {
		return nil, err
	}
	copied := *ch.Feature
	f := &copied
	f.Version, f.Revision, f.UpdatedAt, f.UpdatedBy, f.CreatedAt = 1, rev, now, actor, now
	if f.Publication == "" {
		f.Publication = catalog.Draft
		if before != nil {
			f.Publication = before.Publication
		}
	}
	if before != nil {
		f.Version, f.CreatedAt = before.Version+1, before.CreatedAt
	}
	return f, nil
}

func checkExpect(c catalog.Collection, id string, expect int64, before *catalog.Feature) error {
	switch {
	case expect == catalog.ExpectAny:
		return nil
	case expect == catalog.ExpectAbsent && before != nil:
		return catalog.Errorf(catalog.KindConflict, "%s/%s already exists; use PUT with If-Match to replace it", c, id)
	case expect != catalog.ExpectAbsent && before == nil:
		return catalog.ErrNotFound(c, id)
	case expect != catalog.ExpectAbsent && before.Version != expect:
		return catalog.Errorf(catalog.KindPreconditionFailed, "%s/%s changed while you were editing it (now version %d, you had %d)", c, id, before.Version, expect)
	}
	return nil
}

// current reads the stored state of the features the changes touch.
func (s *Store) current(tx *gorm.DB, c catalog.Collection, changes []catalog.Change) (map[string]*catalog.Feature, error) {
	ids := make([]string, len(changes))
	for i, ch := range changes {
		ids[i] = ch.Feature.ID
	}
	cur := map[string]*catalog.Feature{}
	for chunk := range chunks(ids, 1000) {
		var rows []featureRow
		if err := s.selectRows(tx, c).Where("id IN ?", chunk).Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			f, err := toFeature(c, r)
			if err != nil {
				return nil, err
			}
			cur[f.ID] = f
		}
	}
	return cur, nil
}

// columns lists a table's columns, id first; the promoted ones differ.
func columns(c catalog.Collection) []string {
	cols := []string{"id", "code", "publication", "properties", "geom", "version", "revision", "created_at", "updated_at", "updated_by"}
	switch c {
	case catalog.Zones:
		cols = append(cols, "kind")
	case catalog.Parcels:
		cols = append(cols, "zone_id", "status")
	case catalog.Infrastructure:
		cols = append(cols, "kind", "status")
	}
	return cols
}

// row returns the column values of f in columns(f.Collection) order.
func (s *Store) row(f *catalog.Feature) ([]any, error) {
	b, err := wkb.Marshal(f.Geometry)
	if err != nil {
		return nil, fmt.Errorf("encode geometry of %s/%s: %w", f.Collection, f.ID, err)
	}
	row := []any{f.ID, f.String("code"), string(f.Publication), string(f.PropsJSON()), b,
		f.Version, f.Revision, f.CreatedAt, f.UpdatedAt, f.UpdatedBy}
	for _, col := range columns(f.Collection)[10:] {
		row = append(row, f.String(col))
	}
	return row, nil
}
