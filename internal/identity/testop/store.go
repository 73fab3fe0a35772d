package main

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"sync"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// store is the example's in-memory storage with landcat's claims added to
// ID tokens and JWT access tokens, and signing keys that rotate.
type store struct {
	*storage.Storage
	users userStore
	keys  *keyRing
}

func newStore(s *storage.Storage, users userStore) *store {
	return &store{Storage: s, users: users, keys: newKeyRing()}
}

// claims are what landcat reads: groups (mapped to a role), zones and
// sectors (the scope).
func (s *store) claims(userID string) map[string]any {
	u, ok := s.users[userID]
	if !ok {
		return nil
	}
	out := map[string]any{"name": u.Name}
	if u.Groups != nil {
		out["groups"] = u.Groups
	}
	if u.Zones != nil {
		out["landcat_zones"] = u.Zones
	}
	if u.Sectors != nil {
		out["landcat_sectors"] = u.Sectors
	}
	return out
}

// SetUserinfoFromRequest adds landcat's claims to the ID token.
func (s *store) SetUserinfoFromRequest(ctx context.Context, info *oidc.UserInfo, req op.IDTokenRequest, scopes []string) error {
	if err := s.Storage.SetUserinfoFromRequest(ctx, info, req, scopes); err != nil {
		return err
	}
	for k, v := range s.claims(req.GetSubject()) {
		info.AppendClaims(k, v)
	}
	return nil
}

// GetPrivateClaimsFromScopes adds landcat's claims to JWT access tokens.
func (s *store) GetPrivateClaimsFromScopes(ctx context.Context, userID, clientID string, scopes []string) (map[string]any, error) {
	return s.claims(userID), nil
}

// GetClientByClientID hands out the clients with JWT access tokens and
// the profile claims in the ID token (as Keycloak does).
func (s *store) GetClientByClientID(ctx context.Context, id string) (op.Client, error) {
	c, err := s.Storage.GetClientByClientID(ctx, id)
	if err != nil {
		return nil, err
	}
	return client{c}, nil
}

type client struct{ op.Client }

// AccessTokenType implements op.Client: JWT access tokens.
func (client) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeJWT }

// IDTokenUserinfoClaimsAssertion implements op.Client.
func (client) IDTokenUserinfoClaimsAssertion() bool { return true }

// SigningKey implements op.Storage with the current key of the ring.
func (s *store) SigningKey(ctx context.Context) (op.SigningKey, error) { return s.keys.current(), nil }

// SignatureAlgorithms implements op.Storage.
func (s *store) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

// KeySet implements op.Storage: the current key and the ones before it.
func (s *store) KeySet(ctx context.Context) ([]op.Key, error) { return s.keys.public(), nil }

// keyRing holds the signing key and the retired ones.
type keyRing struct {
	mu   sync.Mutex
	keys []*signingKey // newest last
}

type signingKey struct {
	id  string
	key *rsa.PrivateKey
}

func newKeyRing() *keyRing {
	r := &keyRing{}
	r.rotate()
	return r
}

func (r *keyRing) rotate() {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.keys = append(r.keys, &signingKey{id: rand.Text()[:12], key: k})
}

func (r *keyRing) current() *signingKey {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.keys[len(r.keys)-1]
}

func (r *keyRing) public() []op.Key {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]op.Key, len(r.keys))
	for i, k := range r.keys {
		out[i] = publicKey{k}
	}
	return out
}

// SignatureAlgorithm implements op.SigningKey.
func (k *signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }

// Key implements op.SigningKey.
func (k *signingKey) Key() any { return k.key }

// ID implements op.SigningKey.
func (k *signingKey) ID() string { return k.id }

type publicKey struct{ k *signingKey }

// ID implements op.Key.
func (p publicKey) ID() string { return p.k.id }

// Algorithm implements op.Key.
func (p publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }

// Use implements op.Key.
func (p publicKey) Use() string { return "sig" }

// Key implements op.Key.
func (p publicKey) Key() any { return &p.k.key.PublicKey }
