package identity

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/landcat/landcat/internal/catalog"
)

func newKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// forge signs claims with key under kid (RS256).
func forge(t *testing.T, key *rsa.PrivateKey, kid string, claims map[string]any) string {
	t.Helper()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: key, KeyID: kid}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := json.Marshal(claims)
	jws, err := signer.Sign(payload)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := jws.CompactSerialize()
	return s
}

// keyServer publishes discovery and a JWKS holding key as kid "k1": with
// it the test signs tokens that pass the signature check, so that each
// of the other checks is seen to refuse on its own.
func keyServer(t *testing.T, key *rsa.PrivateKey) string {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/.well-known/openid-configuration":
			_ = json.NewEncoder(w).Encode(map[string]any{"issuer": srv.URL, "jwks_uri": srv.URL + "/keys",
				"authorization_endpoint": srv.URL + "/auth", "token_endpoint": srv.URL + "/token",
				"id_token_signing_alg_values_supported": []string{"RS256"}})
		case "/keys":
			_ = json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestForgedTokens(t *testing.T) {
	key := newKey(t)
	iss := keyServer(t, key)
	o, err := New(Config{Issuer: iss, Audience: "landcat", ClockSkew: time.Minute, RoleClaim: "realm_access.roles"})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	claims := func(change func(map[string]any)) map[string]any {
		c := map[string]any{"iss": iss, "aud": []string{"account", "landcat"}, "sub": "s-1", "preferred_username": "lan",
			"exp": now.Add(5 * time.Minute).Unix(), "iat": now.Unix(), "realm_access": map[string]any{"roles": []string{"offline_access", "publisher"}},
			"landcat_sectors": "logistics, high_tech"}
		if change != nil {
			change(c)
		}
		return c
	}
	good := forge(t, key, "k1", claims(nil))
	a, err := o.Authenticate(context.Background(), good)
	if err != nil || a.Role != catalog.RolePublisher || a.Name != "lan" || a.Scope.String() != "sectors high_tech, logistics" {
		t.Fatalf("a good token: %+v %v", a, err)
	}
	cases := []struct {
		name string
		tok  string
		kind catalog.Kind
		msg  string
	}{
		{"WrongIssuer", forge(t, key, "k1", claims(func(c map[string]any) { c["iss"] = "https://elsewhere.example" })), catalog.KindUnauthenticated, "issued by a different provider"},
		{"WrongAudience", forge(t, key, "k1", claims(func(c map[string]any) { c["aud"] = "account" })), catalog.KindUnauthenticated, "expected audience"},
		{"Expired", forge(t, key, "k1", claims(func(c map[string]any) { c["exp"] = now.Add(-2 * time.Minute).Unix() })), catalog.KindUnauthenticated, "expired"},
		{"IssuedInTheFuture", forge(t, key, "k1", claims(func(c map[string]any) { c["iat"] = now.Add(10 * time.Minute).Unix() })), catalog.KindUnauthenticated, "in the future"},
		{"UnknownKey", forge(t, newKey(t), "k2", claims(nil)), catalog.KindUnauthenticated, "signature"},
		{"KnownKidOtherKey", forge(t, newKey(t), "k1", claims(nil)), catalog.KindUnauthenticated, "signature"},
		{"Tampered", tamper(t, good, `"publisher"`, `"admin"`), catalog.KindUnauthenticated, "signature"},
		{"AlgNone", algNone(t, good), catalog.KindUnauthenticated, "malformed jwt"},
		{"NoRoleClaim", forge(t, key, "k1", claims(func(c map[string]any) { delete(c, "realm_access") })), catalog.KindForbidden, "has no realm_access.roles claim"},
		{"NoSubject", forge(t, key, "k1", claims(func(c map[string]any) { delete(c, "sub") })), catalog.KindUnauthenticated, "no subject"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { wantKind(t, o, tc.tok, tc.kind, tc.msg) })
	}
	// Within the allowed skew an expired token still passes.
	late := forge(t, key, "k1", claims(func(c map[string]any) { c["exp"] = now.Add(-30 * time.Second).Unix() }))
	if _, err := o.Authenticate(context.Background(), late); err != nil {
		t.Errorf("expired 30 s ago, skew 1 min: %v", err)
	}
}

func TestProviderDown(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	o, err := New(Config{Issuer: srv.URL, Audience: "landcat"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.Authenticate(context.Background(), "a.b.c"); catalog.KindOf(err) != catalog.KindUnavailable {
		t.Errorf("provider down: %v", err)
	}
}
