package store

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/sites"
)

type shortlistRow struct {
	ID        int64
	TokenHash string
	Parcels   string
	Match     *string
	Note      string
	CreatedAt time.Time
	ExpiresAt time.Time
	Inquiries int
}

// CreateShortlist stores sl under the hash of its token (the token itself
// is never stored) and deletes the shortlists that have expired.
func (s *Store) CreateShortlist(ctx context.Context, sl sites.Shortlist) error {
	parcels, err := json.Marshal(sl.Parcels)
	if err != nil {
		return err
	}
	row := shortlistRow{TokenHash: sites.TokenHash(sl.Token), Parcels: string(parcels), Note: sl.Note,
		CreatedAt: sl.CreatedAt.UTC(), ExpiresAt: sl.ExpiresAt.UTC()}
	if len(sl.Match) > 0 {
		m := string(sl.Match)
		row.Match = &m
	}
	db := s.db.WithContext(ctx)
	if err := db.Table("shortlists").Where(s.dialect.timeCmp("expires_at", "<"), s.dialect.timeArg(time.Now())).Delete(&shortlistRow{}).Error; err != nil {
		return mapErr(err)
	}
	return mapErr(db.Table("shortlists").Create(&row).Error)
}

// Shortlist returns the shortlist of token, unless it has expired: a
// catalog.KindNotFound error then, as for a token never issued.
func (s *Store) Shortlist(ctx context.Context, token string) (sites.Shortlist, error) {
	var rows []shortlistRow
	err := s.db.WithContext(ctx).Table("shortlists").
		Where("token_hash = ? AND "+s.dialect.timeCmp("expires_at", ">="), sites.TokenHash(token), s.dialect.timeArg(time.Now())).Limit(1).Find(&rows).Error
	if err != nil {
		return sites.Shortlist{}, mapErr(err)
	}
	if len(rows) == 0 {
		return sites.Shortlist{}, catalog.Errorf(catalog.KindNotFound, "there is no shortlist at this link (or it expired)")
	}
	sl, err := rows[0].shortlist()
	sl.Token = token
	return sl, err
}

// Shortlists returns the live shortlists for officers, newest first, at
// most limit; with inquired, only those that led to an inquiry. Tokens are
// not stored, so none is returned.
func (s *Store) Shortlists(ctx context.Context, inquired bool, limit int) ([]sites.Shortlist, error) {
	q := s.db.WithContext(ctx).Table("shortlists").Where(s.dialect.timeCmp("expires_at", ">="), s.dialect.timeArg(time.Now()))
	if inquired {
		q = q.Where("inquiries > 0")
	}
	var rows []shortlistRow
	if err := q.Order("created_at DESC, id DESC").Limit(limit).Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]sites.Shortlist, 0, len(rows))
	for _, r := range rows {
		sl, err := r.shortlist()
		if err != nil {
			return nil, err
		}
		out = append(out, sl)
	}
	return out, nil
}

// ShortlistInquired counts an inquiry sent with the shortlist of token
// attached; an unknown or expired token is a catalog.KindNotFound error.
func (s *Store) ShortlistInquired(ctx context.Context, token string) error {
	n, err := shortlistInquired(s.db.WithContext(ctx), s.dialect, token)
	if err != nil {
		return mapErr(err)
	}
	if n == 0 {
		return catalog.Errorf(catalog.KindNotFound, "there is no shortlist at this link (or it expired)")
	}
	return nil
}

// shortlistInquired adds one to the inquiries of the shortlist of token,
// if it is still kept, and returns how many rows changed.
func shortlistInquired(db *gorm.DB, d dialect, token string) (int64, error) {
	res := db.Exec("UPDATE shortlists SET inquiries = inquiries + 1 WHERE token_hash = ? AND "+d.timeCmp("expires_at", ">="),
		sites.TokenHash(token), d.timeArg(time.Now()))
	return res.RowsAffected, res.Error
}

func (r shortlistRow) shortlist() (sites.Shortlist, error) {
	sl := sites.Shortlist{ID: r.ID, Note: r.Note, CreatedAt: r.CreatedAt.UTC(), ExpiresAt: r.ExpiresAt.UTC(), Inquiries: r.Inquiries}
	if err := json.Unmarshal([]byte(r.Parcels), &sl.Parcels); err != nil {
		return sl, err
	}
	if r.Match != nil {
		sl.Match = json.RawMessage(*r.Match)
	}
	return sl, nil
}
