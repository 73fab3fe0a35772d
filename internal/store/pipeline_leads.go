package store

import (
	"context"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/pipeline"
	"gorm.io/gorm"
)

// CreateLead implements pipeline.Store.
func (s *Store) CreateLead(ctx context.Context, l *pipeline.Lead, c *pipeline.Contact, ev pipeline.Event) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Table("leads").Create(l).Error; err != nil {
			return err
		}
		if c != nil {
			c.LeadID = l.ID
			if err := tx.Table("lead_contacts").Create(c).Error; err != nil {
				return err
			}
		}
		// An inquiry about a shortlist counts on it, so that officers
		// see which shared shortlists brought investors; a shortlist
		// that has expired since is no reason to lose the inquiry.
		if l.Shortlist != "" {
			if _, err := shortlistInquired(tx, s.dialect, l.Shortlist); err != nil {
				return err
			}
		}
		return addEvent(tx, ev, itoa64(l.ID))
	})
}

// Lead implements pipeline.Store.
func (s *Store) Lead(ctx context.Context, id int64) (*pipeline.Lead, error) {
	return one[pipeline.Lead](s, ctx, "leads", "lead", id)
}

// LeadByDedup implements pipeline.Store.
func (s *Store) LeadByDedup(ctx context.Context, key string, since time.Time) (*pipeline.Lead, error) {
	var rows []pipeline.Lead
	err := s.db.WithContext(ctx).Table("leads").Where("dedup_key = ? AND "+s.dialect.timeCmp("created_at", ">="), key, s.dialect.timeArg(since)).
		Order("id DESC").Limit(1).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		return nil, mapErr(err)
	}
	return &rows[0], nil
}

// Leads implements pipeline.Store.
func (s *Store) Leads(ctx context.Context, q pipeline.LeadQuery) ([]pipeline.Lead, error) {
	tx := s.db.WithContext(ctx).Table("leads")
	for col, v := range map[string]string{"source": q.Source, "stage": q.Stage, "responsible": q.Responsible, "sector": q.Sector} {
		if v != "" {
			tx = tx.Where(col+" = ?", v)
		}
	}
	var out []pipeline.Lead
	return out, mapErr(page(tx, q.After, q.Limit).Find(&out).Error)
}

// SaveLead implements pipeline.Store.
func (s *Store) SaveLead(ctx context.Context, l *pipeline.Lead, ev pipeline.Event) error {
	return save(s, ctx, "leads", l, false, ev, func() string { return itoa64(l.ID) })
}

// ReadContact implements pipeline.Store.
func (s *Store) ReadContact(ctx context.Context, leadID int64, ev pipeline.Event) (*pipeline.Contact, error) {
	var out *pipeline.Contact
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var rows []pipeline.Contact
		if err := tx.Table("lead_contacts").Where("lead_id = ?", leadID).Limit(1).Find(&rows).Error; err != nil || len(rows) == 0 {
			return err
		}
		out = &rows[0]
		return addEvent(tx, ev, itoa64(leadID))
	})
	return out, err
}

// EraseContact implements pipeline.Store.
func (s *Store) EraseContact(ctx context.Context, leadID int64, at time.Time, ev pipeline.Event) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM lead_contacts WHERE lead_id = ?", leadID).Error; err != nil {
			return err
		}
		res := tx.Exec("UPDATE leads SET erased_at = ?, dedup_key = '' WHERE id = ?", at.UTC(), leadID)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return catalog.Errorf(catalog.KindNotFound, "no lead %d", leadID)
		}
		return addEvent(tx, ev, itoa64(leadID))
	})
}

// StaleContacts implements pipeline.Store.
func (s *Store) StaleContacts(ctx context.Context, before time.Time) ([]int64, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Table("leads").Where("erased_at IS NULL AND "+s.dialect.timeCmp("changed_at", "<"), s.dialect.timeArg(before)).
		Where("EXISTS (SELECT 1 FROM lead_contacts c WHERE c.lead_id = leads.id)").Order("id").Pluck("id", &ids).Error
	return ids, mapErr(err)
}

// Events implements pipeline.Store.
func (s *Store) Events(ctx context.Context, entity, id, action string) ([]pipeline.Event, error) {
	tx := s.db.WithContext(ctx).Table("pipeline_events")
	if entity != "" {
		tx = tx.Where("entity = ? AND entity_id = ?", entity, id)
	}
	if action != "" {
		tx = tx.Where("action = ?", action)
	}
	var out []pipeline.Event
	return out, mapErr(tx.Order("id").Find(&out).Error)
}

// SaveReservation implements pipeline.Store.
func (s *Store) SaveReservation(ctx context.Context, r *pipeline.Reservation, create bool, ev pipeline.Event) error {
	return save(s, ctx, "reservations", r, create, ev, func() string { return itoa64(r.LeadID) })
}

// Reservations implements pipeline.Store.
func (s *Store) Reservations(ctx context.Context, leadID int64, expiredBefore string) ([]pipeline.Reservation, error) {
	tx := s.db.WithContext(ctx).Table("reservations")
	if leadID > 0 {
		tx = tx.Where("lead_id = ?", leadID)
	}
	if expiredBefore != "" {
		tx = tx.Where("released_at IS NULL AND until < ?", expiredBefore)
	}
	var out []pipeline.Reservation
	return out, mapErr(tx.Order("id").Find(&out).Error)
}
