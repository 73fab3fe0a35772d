package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
)

// keyPrefix marks landcat API keys so that secret scanners can find leaked ones.
const keyPrefix = "lck_"

type apiKeyRow struct {
	ID        int64
	Name      string
	Role      string
	KeyHash   string
	CreatedAt time.Time
	RevokedAt *time.Time
}

// CreateAPIKey stores a new key for an officer and returns it. Only its
// SHA-256 hash is kept (the key has 160 random bits, so a fast hash is
// enough); the key cannot be shown again.
func (s *Store) CreateAPIKey(ctx context.Context, name string, role catalog.Role) (string, error) {
	if strings.TrimSpace(name) == "" {
		return "", catalog.Errorf(catalog.KindInvalid, "an API key needs a --name (who holds it)")
	}
	if role == catalog.RoleNone {
		return "", catalog.Errorf(catalog.KindInvalid, "an API key needs a --role: viewer, editor, publisher or admin")
	}
	var b [20]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	key := keyPrefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
	row := apiKeyRow{Name: name, Role: role.String(), KeyHash: hashKey(key), CreatedAt: time.Now().UTC()}
	if err := s.db.WithContext(ctx).Table("api_keys").Create(&row).Error; err != nil {
		return "", mapErr(err)
	}
	return key, nil
}

// Authenticate returns the officer holding key, or a KindUnauthenticated
// error for an unknown or revoked key.
func (s *Store) Authenticate(ctx context.Context, key string) (catalog.Actor, error) {
	var rows []apiKeyRow
	err := s.db.WithContext(ctx).Table("api_keys").Where("key_hash = ? AND revoked_at IS NULL", hashKey(key)).Limit(1).Find(&rows).Error
	if err != nil {
		return catalog.Actor{}, mapErr(err)
	}
	if len(rows) == 0 {
		return catalog.Actor{}, catalog.Errorf(catalog.KindUnauthenticated, "the API key is unknown or revoked")
	}
	role, _ := catalog.ParseRole(rows[0].Role)
	return catalog.Actor{Name: rows[0].Name, Role: role}, nil
}

func hashKey(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:])
}
