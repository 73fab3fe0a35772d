package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"gorm.io/gorm"
)

// KeyPrefix starts every landcat API key (catalog.APIKeyPrefix).
const KeyPrefix = catalog.APIKeyPrefix

// lastUsedEvery is how often a key's last_used_at is written at most:
// a busy key costs one UPDATE a minute, not one per request.
const lastUsedEvery = time.Minute

// APIKey describes a stored key (never the key itself).
type APIKey struct {
	ID         int64
	Name       string
	Role       catalog.Role
	Scope      catalog.Scope
	CreatedAt  time.Time
	ExpiresAt  *time.Time
	RevokedAt  *time.Time
	LastUsedAt *time.Time
	ReplacedBy *int64 // the key that a rotation issued in its place
}

// KeySpec is what a new key is issued with.
type KeySpec struct {
	Name    string
	Role    catalog.Role
	Scope   catalog.Scope
	Expires time.Time // zero: never
}

type apiKeyRow struct {
	ID         int64
	Name       string
	Role       string
	KeyHash    string
	Zones      string
	Sectors    string
	CreatedAt  time.Time
	ExpiresAt  *time.Time
	RevokedAt  *time.Time
	LastUsedAt *time.Time
	ReplacedBy *int64
}

// CreateAPIKey issues an unscoped key that never expires (IssueAPIKey
// with only a name and a role).
func (s *Store) CreateAPIKey(ctx context.Context, name string, role catalog.Role) (string, error) {
	key, _, err := s.IssueAPIKey(ctx, KeySpec{Name: name, Role: role})
	return key, err
}

// IssueAPIKey stores a new key and returns it with its id. Only its
// SHA-256 hash is kept (the key has 160 random bits, so a fast hash is
// enough); the key cannot be shown again.
func (s *Store) IssueAPIKey(ctx context.Context, spec KeySpec) (string, int64, error) {
	return s.issue(s.db.WithContext(ctx), spec)
}

func (s *Store) issue(tx *gorm.DB, spec KeySpec) (string, int64, error) {
	if strings.TrimSpace(spec.Name) == "" {
		return "", 0, catalog.Errorf(catalog.KindInvalid, "an API key needs a --name (who holds it)")
	}
	if spec.Role == catalog.RoleNone {
		return "", 0, catalog.Errorf(catalog.KindInvalid, "an API key needs a --role: viewer, editor, publisher or admin")
	}
	now := time.Now().UTC()
	if !spec.Expires.IsZero() && !spec.Expires.After(now) {
		return "", 0, catalog.Errorf(catalog.KindInvalid, "--expires %s is in the past", spec.Expires.Format(time.DateOnly))
	}
	var b [20]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", 0, err
	}
	key := KeyPrefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
	row := apiKeyRow{Name: spec.Name, Role: spec.Role.String(), KeyHash: hashKey(key), CreatedAt: now,
		Zones: strings.Join(spec.Scope.Zones, ","), Sectors: strings.Join(spec.Scope.Sectors, ",")}
	if !spec.Expires.IsZero() {
		exp := spec.Expires.UTC()
		row.ExpiresAt = &exp
	}
	if err := tx.Table("api_keys").Create(&row).Error; err != nil {
		return "", 0, mapErr(err)
	}
	return key, row.ID, nil
}

// Authenticate returns the officer holding key, or a KindUnauthenticated
// error for an unknown, revoked or expired key. It records when the key
// was last used, at most once a minute (best effort: a failure to record
// does not refuse the key).
func (s *Store) Authenticate(ctx context.Context, key string) (catalog.Actor, error) {
	var rows []apiKeyRow
	err := s.db.WithContext(ctx).Table("api_keys").Where("key_hash = ? AND revoked_at IS NULL", hashKey(key)).Limit(1).Find(&rows).Error
	if err != nil {
		return catalog.Actor{}, mapErr(err)
	}
	if len(rows) == 0 {
		return catalog.Actor{}, catalog.Errorf(catalog.KindUnauthenticated, "the API key is unknown or revoked")
	}
	k := rows[0].key()
	now := time.Now().UTC()
	if k.ExpiresAt != nil && !now.Before(*k.ExpiresAt) {
		return catalog.Actor{}, catalog.Errorf(catalog.KindUnauthenticated, "the API key expired on %s", k.ExpiresAt.Format(time.RFC3339))
	}
	if k.LastUsedAt == nil || now.Sub(*k.LastUsedAt) >= lastUsedEvery {
		_ = s.db.WithContext(ctx).Table("api_keys").
			Where("id = ? AND (last_used_at IS NULL OR "+s.dialect.timeCmp("last_used_at", "<")+")", k.ID, s.dialect.timeArg(now.Add(-lastUsedEvery))).
			Update("last_used_at", now).Error
	}
	a := catalog.Actor{Subject: "apikey:" + strconv.FormatInt(k.ID, 10), Name: k.Name, Role: k.Role, Scope: k.Scope, Method: "apikey"}
	if k.ExpiresAt != nil {
		a.Expires = *k.ExpiresAt
	}
	return a, nil
}

func (r apiKeyRow) key() APIKey {
	role, _ := catalog.ParseRole(r.Role)
	scope, _ := catalog.NewScope(splitComma(r.Zones), splitComma(r.Sectors))
	k := APIKey{ID: r.ID, Name: r.Name, Role: role, Scope: scope, CreatedAt: r.CreatedAt.UTC(),
		ExpiresAt: utcPtr(r.ExpiresAt), RevokedAt: utcPtr(r.RevokedAt), LastUsedAt: utcPtr(r.LastUsedAt), ReplacedBy: r.ReplacedBy}
	return k
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func splitComma(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func hashKey(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:])
}
