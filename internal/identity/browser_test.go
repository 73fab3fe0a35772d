package identity

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/identity/oidctest"
)

// testBrowser runs the sign-in landcat's /auth/login and /auth/callback
// make: authorization code with PKCE and a nonce.
func testBrowser(t *testing.T, p *oidctest.Provider) {
	o, err := New(Config{Issuer: p.Issuer, ClientID: "landcat", ClientSecret: "landcat-secret", RedirectURL: "http://127.0.0.1:1/auth/callback",
		CookieSecret: strings.Repeat("s", 32), Roles: roles, Session: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	verifier, nonce := RandomToken(), RandomToken()
	start, err := o.LoginURL(ctx, "st", nonce, verifier)
	if err != nil || !strings.Contains(start, "code_challenge_method=S256") {
		t.Fatalf("login URL %s %v", start, err)
	}
	// The redirect URL registered for the test client is …/cb: the
	// provider refuses any other.
	b := oidctest.Browser(func(u *url.URL) bool { return u.Port() == "1" })
	res := p.Login(t, b, strings.Replace(start, url.QueryEscape("/auth/callback"), url.QueryEscape("/cb"), 1), "lan", "pw-lan")
	res.Body.Close()
	loc, _ := url.Parse(res.Header.Get("Location"))
	code := loc.Query().Get("code")
	if code == "" || loc.Query().Get("state") != "st" {
		t.Fatalf("callback %s", loc)
	}
	o.cfg.RedirectURL = "http://127.0.0.1:1/cb" // what the code was issued for
	if _, err := o.Exchange(ctx, code, RandomToken(), nonce); catalog.KindOf(err) != catalog.KindUnauthenticated {
		t.Errorf("a wrong PKCE verifier: %v", err)
	}
	res = p.Login(t, b, strings.Replace(start, url.QueryEscape("/auth/callback"), url.QueryEscape("/cb"), 1), "lan", "pw-lan")
	res.Body.Close()
	loc, _ = url.Parse(res.Header.Get("Location"))
	if _, err := o.Exchange(ctx, loc.Query().Get("code"), verifier, "another nonce"); catalog.KindOf(err) != catalog.KindUnauthenticated {
		t.Errorf("a wrong nonce: %v", err)
	}
	res = p.Login(t, b, strings.Replace(start, url.QueryEscape("/auth/callback"), url.QueryEscape("/cb"), 1), "lan", "pw-lan")
	res.Body.Close()
	loc, _ = url.Parse(res.Header.Get("Location"))
	a, err := o.Exchange(ctx, loc.Query().Get("code"), verifier, nonce)
	if err != nil || a.Role != catalog.RoleEditor || a.Scope.String() != "zones z-b" || time.Until(a.Expires) < 50*time.Minute {
		t.Fatalf("exchange: %+v %v", a, err)
	}
	if u := o.LogoutURL(ctx); !strings.HasPrefix(u, p.Issuer+"/end_session?client_id=landcat") {
		t.Errorf("logout URL %q", u)
	}
}

func TestSeal(t *testing.T) {
	o, err := New(Config{Issuer: "https://id.example", ClientID: "c", RedirectURL: "https://l.example/auth/callback", CookieSecret: strings.Repeat("k", 40)})
	if err != nil {
		t.Fatal(err)
	}
	v, err := o.Seal("session", map[string]string{"sub": "x"}, time.Now().Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]string
	if err := o.Open("session", v, &got); err != nil || got["sub"] != "x" {
		t.Errorf("open: %v %v", got, err)
	}
	if o.Open("flow", v, &got) == nil {
		t.Error("a session cookie opened as a flow cookie")
	}
	if o.Open("session", v[:len(v)-2]+"AA", &got) == nil {
		t.Error("a tampered cookie opened")
	}
	o.now = func() time.Time { return time.Now().Add(2 * time.Minute) }
	if o.Open("session", v, &got) == nil {
		t.Error("an expired cookie opened")
	}
	other, _ := New(Config{Issuer: "https://id.example", ClientID: "c", RedirectURL: "https://l.example/auth/callback", CookieSecret: strings.Repeat("z", 40)})
	if other.Open("session", v, &got) == nil {
		t.Error("a cookie sealed with another secret opened")
	}
	if o.CSRFToken("a") == o.CSRFToken("b") || o.CSRFToken("a") == other.CSRFToken("a") {
		t.Error("CSRF tokens must depend on the session and the secret")
	}
}

func TestConfig(t *testing.T) {
	ok := Config{Issuer: "https://id.example/realms/hp", Audience: "landcat"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []Config{
		{Issuer: "http://id.example", Audience: "a"},
		{Issuer: "id.example", Audience: "a"},
		{Issuer: "https://id.example"},
		{Audience: "a"},
		{Issuer: "https://id.example", Audience: "a", ClockSkew: time.Hour},
		{Issuer: "https://id.example", ClientID: "c", RedirectURL: "https://l.example/callback", CookieSecret: strings.Repeat("k", 32)},
		{Issuer: "https://id.example", ClientID: "c", RedirectURL: "https://l.example/auth/callback", CookieSecret: "short"},
		{Issuer: "https://id.example", ClientID: "c", RedirectURL: "http://l.example/auth/callback", CookieSecret: strings.Repeat("k", 32)},
	}
	for _, c := range bad {
		if c.WithDefaults().Validate() == nil {
			t.Errorf("accepted %+v", c)
		}
	}
	if _, err := ParseRoles("a=editor,b=boss"); err == nil {
		t.Error("unknown role accepted")
	}
	if m, err := ParseRoles(" /parks/a=b/x=publisher , g=admin"); err != nil || m["/parks/a=b/x"] != catalog.RolePublisher || m["g"] != catalog.RoleAdmin {
		t.Errorf("roles %v %v", m, err)
	}
}
