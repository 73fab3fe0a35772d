package identity

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/identity/oidctest"
)

var (
	landcatClient = oidctest.Client{ID: "landcat", Secret: "landcat-secret", RedirectURIs: []string{"http://127.0.0.1:1/cb"}}
	otherClient   = oidctest.Client{ID: "other-app", Secret: "other-secret", RedirectURIs: []string{"http://127.0.0.1:1/other"}}
	officers      = []oidctest.User{
		{ID: "u-lan", Username: "lan", Password: "pw-lan", Name: "Nguyễn Thị Lan", Groups: []string{"staff", "landcat-editors"}, Zones: []string{"z-b"}},
		{ID: "u-minh", Username: "minh", Password: "pw-minh", Name: "Trần Minh", Groups: []string{"landcat-editors", "landcat-admins"}},
		{ID: "u-nam", Username: "nam", Password: "pw-nam", Name: "Lê Nam", Groups: []string{"staff"}},
		{ID: "u-hoa", Username: "hoa", Password: "pw-hoa", Name: "Phạm Hoa"},
		{ID: "u-bad", Username: "bad", Password: "pw-bad", Name: "Bad Scope", Groups: []string{"landcat-editors"}, Sectors: []string{"mining"}},
	}
	roles = map[string]catalog.Role{"landcat-editors": catalog.RoleEditor, "landcat-publishers": catalog.RolePublisher, "landcat-admins": catalog.RoleAdmin}
)

// TestRealProvider signs officers in at a real OpenID Provider (testop)
// and checks what landcat makes of their tokens.
func TestRealProvider(t *testing.T) {
	p := oidctest.Start(t, []oidctest.Client{landcatClient, otherClient}, officers)
	o, err := New(Config{Issuer: p.Issuer, Audience: "landcat", Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	idTok, accessTok := p.Tokens(t, landcatClient, "lan", "pw-lan")
	for name, tok := range map[string]string{"IDToken": idTok, "AccessToken": accessTok} {
		a, err := o.Authenticate(ctx, tok)
		if err != nil || a.Subject != "oidc:u-lan" || a.Name != "Nguyễn Thị Lan" || a.Role != catalog.RoleEditor ||
			a.Method != "oidc" || a.Scope.String() != "zones z-b" || a.Expires.IsZero() {
			t.Errorf("%s: %+v %v", name, a, err)
		}
	}
	if id, _ := p.Tokens(t, landcatClient, "minh", "pw-minh"); mustActor(t, o, id).Role != catalog.RoleAdmin {
		t.Error("the highest mapped group wins")
	}
	t.Run("Refused", func(t *testing.T) {
		nam, _ := p.Tokens(t, landcatClient, "nam", "pw-nam")
		wantKind(t, o, nam, catalog.KindForbidden, "none of the groups")
		hoa, _ := p.Tokens(t, landcatClient, "hoa", "pw-hoa")
		wantKind(t, o, hoa, catalog.KindForbidden, "has no groups claim")
		bad, _ := p.Tokens(t, landcatClient, "bad", "pw-bad")
		wantKind(t, o, bad, catalog.KindForbidden, `"mining" is not a sector`)
		other, _ := p.Tokens(t, otherClient, "lan", "pw-lan")
		wantKind(t, o, other, catalog.KindUnauthenticated, "expected audience")
		wantKind(t, o, tamper(t, idTok, `"landcat-editors"`, `"landcat-admins"`), catalog.KindUnauthenticated, "signature")
		wantKind(t, o, algNone(t, idTok), catalog.KindUnauthenticated, "malformed jwt")
		forged := forge(t, newKey(t), "k-unknown", map[string]any{"iss": p.Issuer, "aud": "landcat", "sub": "u-lan",
			"exp": time.Now().Add(time.Hour).Unix(), "iat": time.Now().Unix(), "groups": []string{"landcat-admins"}})
		wantKind(t, o, forged, catalog.KindUnauthenticated, "signature")
		o.now = func() time.Time { return time.Now().Add(2 * time.Hour) } // landcat's clock, two hours on
		wantKind(t, o, idTok, catalog.KindUnauthenticated, "expired")
		o.now = time.Now
	})
	t.Run("Rotation", func(t *testing.T) {
		p.Rotate(t)
		fresh, _ := p.Tokens(t, landcatClient, "lan", "pw-lan")
		if header(t, fresh) == header(t, idTok) {
			t.Fatal("the provider still signs with the old key")
		}
		if a := mustActor(t, o, fresh); a.Subject != "oidc:u-lan" {
			t.Errorf("a token signed with the new key: %+v", a)
		}
		mustActor(t, o, idTok) // the old key is still published during the rotation
	})
	t.Run("Browser", func(t *testing.T) { testBrowser(t, p) })
}

func mustActor(t *testing.T, o *OIDC, tok string) catalog.Actor {
	t.Helper()
	a, err := o.Authenticate(context.Background(), tok)
	if err != nil {
		t.Fatalf("token refused: %v", err)
	}
	return a
}

func wantKind(t *testing.T, o *OIDC, tok string, kind catalog.Kind, msg string) {
	t.Helper()
	_, err := o.Authenticate(context.Background(), tok)
	if catalog.KindOf(err) != kind || err == nil || !strings.Contains(err.Error(), msg) {
		t.Errorf("got %v (kind %d), want kind %d with %q", err, catalog.KindOf(err), kind, msg)
	}
}

func header(t *testing.T, tok string) string {
	t.Helper()
	h, _, _ := strings.Cut(tok, ".")
	return h
}

// tamper changes the payload of a signed token and keeps its signature.
func tamper(t *testing.T, tok, old, repl string) string {
	t.Helper()
	parts := strings.Split(tok, ".")
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil || !strings.Contains(string(payload), old) {
		t.Fatalf("payload %s lacks %s", payload, old)
	}
	parts[1] = base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(payload), old, repl, 1)))
	return strings.Join(parts, ".")
}

// algNone keeps the payload and drops the signature, with "alg": "none".
func algNone(t *testing.T, tok string) string {
	t.Helper()
	parts := strings.Split(tok, ".")
	return base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + parts[1] + "."
}
