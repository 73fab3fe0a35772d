package store

import (
	"context"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"gorm.io/gorm"
)

// ListAPIKeys returns every key, revoked and expired ones included, in
// the order they were issued.
func (s *Store) ListAPIKeys(ctx context.Context) ([]APIKey, error) {
	var rows []apiKeyRow
	if err := s.db.WithContext(ctx).Table("api_keys").Order("id").Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]APIKey, len(rows))
	for i, r := range rows {
		out[i] = r.key()
	}
	return out, nil
}

// RevokeAPIKey revokes key id at once (within the HTTP layer's 15 s cache
// of successful checks). Revoking a revoked key changes nothing.
func (s *Store) RevokeAPIKey(ctx context.Context, id int64) error {
	return mapErr(s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := s.keyByID(tx, id); err != nil {
			return err
		}
		return tx.Table("api_keys").Where("id = ? AND revoked_at IS NULL", id).Update("revoked_at", time.Now().UTC()).Error
	}))
}

// RotateAPIKey issues a new key with the old one's name, role, scope and
// expiry, and retires the old one: revoked at once when grace is 0, else
// still valid for grace (its expiry is brought forward, never pushed
// back), so that a deployment can switch keys without an outage. It
// returns the new key and its id.
func (s *Store) RotateAPIKey(ctx context.Context, id int64, grace time.Duration) (string, int64, error) {
	var key string
	var newID int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		old, err := s.keyByID(tx, id)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		if old.RevokedAt != nil || (old.ExpiresAt != nil && !now.Before(*old.ExpiresAt)) {
			return catalog.Errorf(catalog.KindConflict, "API key %d is revoked or expired; issue a new one with landcat apikey create", id)
		}
		spec := KeySpec{Name: old.Name, Role: old.Role, Scope: old.Scope}
		if old.ExpiresAt != nil {
			spec.Expires = *old.ExpiresAt
		}
		if key, newID, err = s.issue(tx, spec); err != nil {
			return err
		}
		retire := map[string]any{"replaced_by": newID}
		if grace <= 0 {
			retire["revoked_at"] = now
		} else if end := now.Add(grace); old.ExpiresAt == nil || end.Before(*old.ExpiresAt) {
			retire["expires_at"] = end
		}
		return tx.Table("api_keys").Where("id = ?", id).Updates(retire).Error
	})
	if err != nil {
		return "", 0, mapErr(err)
	}
	return key, newID, nil
}

func (s *Store) keyByID(tx *gorm.DB, id int64) (APIKey, error) {
	var rows []apiKeyRow
	if err := tx.Table("api_keys").Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return APIKey{}, err
	}
	if len(rows) == 0 {
		return APIKey{}, catalog.Errorf(catalog.KindNotFound, "there is no API key %d (landcat apikey list shows them)", id)
	}
	return rows[0].key(), nil
}
