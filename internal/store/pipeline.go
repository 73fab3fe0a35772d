package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/pipeline"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// The store implements pipeline.Store: the pipeline's rows map to their
// tables by GORM's naming (ChangedAt → changed_at), and each change is
// written with its event in one transaction.
var _ pipeline.Store = (*Store)(nil)

func (s *Store) tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return mapErr(s.db.WithContext(ctx).Transaction(fn))
}

func addEvent(tx *gorm.DB, ev pipeline.Event, id string) error {
	if ev.EntityID == "" {
		ev.EntityID = id
	}
	return tx.Table("pipeline_events").Create(&ev).Error
}

// save creates or updates a row and writes its event.
func save[T any](s *Store, ctx context.Context, table string, row *T, create bool, ev pipeline.Event, id func() string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		q := tx.Table(table)
		if create {
			if err := q.Create(row).Error; err != nil {
				return err
			}
		} else if res := q.Select("*").Updates(row); res.Error != nil {
			return res.Error
		} else if res.RowsAffected == 0 {
			return catalog.Errorf(catalog.KindNotFound, "%s %s does not exist", table, id())
		}
		return addEvent(tx, ev, id())
	})
}

// one reads the row of table with this id, or a KindNotFound error.
func one[T any](s *Store, ctx context.Context, table, what string, id any) (*T, error) {
	var rows []T
	if err := s.db.WithContext(ctx).Table(table).Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	if len(rows) == 0 {
		return nil, catalog.Errorf(catalog.KindNotFound, "no %s %v", what, id)
	}
	return &rows[0], nil
}

// page orders by id and applies a cursor and a limit (0: all).
func page(q *gorm.DB, after int64, limit int) *gorm.DB {
	if after > 0 {
		q = q.Where("id > ?", after)
	}
	if limit > 0 {
		q = q.Limit(limit)
	}
	return q.Order("id")
}

func itoa64(id int64) string { return strconv.FormatInt(id, 10) }

// Officers implements pipeline.Store.
func (s *Store) Officers(ctx context.Context) ([]pipeline.Officer, error) {
	var out []pipeline.Officer
	return out, mapErr(s.db.WithContext(ctx).Table("officers").Order("id").Find(&out).Error)
}

// Officer implements pipeline.Store.
func (s *Store) Officer(ctx context.Context, id string) (*pipeline.Officer, error) {
	return one[pipeline.Officer](s, ctx, "officers", "officer", id)
}

// OfficerBySubject implements pipeline.Store.
func (s *Store) OfficerBySubject(ctx context.Context, subject string) (*pipeline.Officer, error) {
	var rows []pipeline.Officer
	if err := s.db.WithContext(ctx).Table("officers").Where("subject = ?", subject).Limit(1).Find(&rows).Error; err != nil || len(rows) == 0 {
		return nil, mapErr(err)
	}
	return &rows[0], nil
}

// SaveOfficer implements pipeline.Store.
func (s *Store) SaveOfficer(ctx context.Context, o *pipeline.Officer, create bool, ev pipeline.Event) error {
	err := save(s, ctx, "officers", o, create, ev, func() string { return o.ID })
	if catalog.KindOf(err) == catalog.KindConflict {
		return &catalog.Error{Kind: catalog.KindConflict, Message: "another officer has this id or subject", Err: err}
	}
	return err
}

// Rules implements pipeline.Store.
func (s *Store) Rules(ctx context.Context) ([]pipeline.Rule, error) {
	var out []pipeline.Rule
	return out, mapErr(s.db.WithContext(ctx).Table("routing_rules").Order("id").Find(&out).Error)
}

// SaveRule implements pipeline.Store.
func (s *Store) SaveRule(ctx context.Context, r *pipeline.Rule, ev pipeline.Event) error {
	return save(s, ctx, "routing_rules", r, true, ev, func() string { return itoa64(r.ID) })
}

// DeleteRule implements pipeline.Store.
func (s *Store) DeleteRule(ctx context.Context, id int64, ev pipeline.Event) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Exec("DELETE FROM routing_rules WHERE id = ?", id)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return catalog.Errorf(catalog.KindNotFound, "no routing rule %d", id)
		}
		return addEvent(tx, ev, itoa64(id))
	})
}

// Claim implements pipeline.Store.
func (s *Store) Claim(ctx context.Context, name, period string, at time.Time) (bool, error) {
	res := s.db.WithContext(ctx).Table("job_claims").Clauses(clause.OnConflict{DoNothing: true}).
		Create(map[string]any{"name": name, "period": period, "at": at.UTC()})
	if res.Error != nil {
		return false, mapErr(res.Error)
	}
	return res.RowsAffected == 1, nil
}

// Secret implements pipeline.Store.
func (s *Store) Secret(ctx context.Context, name string) ([]byte, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	db := s.db.WithContext(ctx)
	err := db.Table("app_secrets").Clauses(clause.OnConflict{DoNothing: true}).Create(map[string]any{"name": name, "value": hex.EncodeToString(b[:])}).Error
	if err != nil {
		return nil, mapErr(err)
	}
	var value string
	if err := db.Table("app_secrets").Where("name = ?", name).Pluck("value", &value).Error; err != nil {
		return nil, mapErr(err)
	}
	return hex.DecodeString(value)
}
