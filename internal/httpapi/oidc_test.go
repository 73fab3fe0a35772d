package httpapi_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/httpapi"
	"github.com/landcat/landcat/internal/identity"
	"github.com/landcat/landcat/internal/identity/oidctest"
	"github.com/landcat/landcat/internal/testdb"
)

var officers = []oidctest.User{
	{ID: "u-lan", Username: "lan", Password: "pw-lan", Name: "Nguyễn Thị Lan", Groups: []string{"landcat-editors"}, Zones: []string{"z-b"}},
	{ID: "u-nam", Username: "nam", Password: "pw-nam", Name: "Lê Nam", Groups: []string{"staff"}},
}

// oidcEnv is landcat behind a real HTTP server, configured with a real
// OpenID Provider; every response is checked against the OpenAPI
// document.
type oidcEnv struct {
	*env
	p      *oidctest.Provider
	url    string
	client oidctest.Client
}

func newOIDCEnv(t *testing.T, dbURL string) *oidcEnv {
	var h http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		checkResponse(t, r, rec)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(srv.Close)
	client := oidctest.Client{ID: "landcat", Secret: "landcat-secret", RedirectURIs: []string{"http://127.0.0.1:1/cb", srv.URL + "/auth/callback"}}
	p := oidctest.Start(t, []oidctest.Client{client}, officers)
	o, err := identity.New(identity.Config{Issuer: p.Issuer, ClientID: "landcat", ClientSecret: "landcat-secret",
		RedirectURL: srv.URL + "/auth/callback", CookieSecret: strings.Repeat("c", 32),
		Roles: map[string]catalog.Role{"landcat-editors": catalog.RoleEditor}})
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, dbURL, withFeatures(zoneB), withDeps(func(d *httpapi.Deps) { d.OIDC = o }))
	h = e.h
	return &oidcEnv{env: e, p: p, url: srv.URL, client: client}
}

func TestOIDC(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			e := newOIDCEnv(t, tc.URL(t))
			t.Run("Bearer", func(t *testing.T) { testOIDCBearer(t, e) })
			t.Run("Browser", func(t *testing.T) { testOIDCBrowser(t, e) })
		})
	}
}

func testOIDCBearer(t *testing.T, e *oidcEnv) {
	_, access := e.p.Tokens(t, e.client, "lan", "pw-lan")
	w := e.keyed(t, access, "GET", "/me", "")
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"subject":"oidc:u-lan"`) || !strings.Contains(w.Body.String(), `"auth":"oidc"`) ||
		!strings.Contains(w.Body.String(), `"zones":["z-b"]`) {
		t.Fatalf("/me with a token: %d %s", w.Code, w.Body)
	}
	problemOf(t, e.keyed(t, access, "PATCH", "/collections/parcels/items/p-1", `{"properties":{"lease_price_usd_m2":1}}`,
		"Content-Type", "application/merge-patch+json", "If-Match", "*"), 403)
	if w := e.keyed(t, access, "POST", "/collections/parcels/items", draftB); w.Code != 201 {
		t.Fatalf("create with a token: %d %s", w.Code, w.Body)
	}
	a := decodeAudit(t, e.req(t, "GET", "/audit?actor=oidc:u-lan", catalog.RolePublisher, ""))
	if a.NumberReturned != 1 || a.Entries[0].Actor.Name != "Nguyễn Thị Lan" || a.Entries[0].Actor.Auth != "oidc" {
		t.Errorf("audit of the token's write: %+v", a.Entries)
	}
	problemOf(t, e.keyed(t, "a.b.c", "GET", "/me", ""), 401)
	problemOf(t, e.keyed(t, "not-a-key", "GET", "/me", ""), 401)
	nam, _ := e.p.Tokens(t, e.client, "nam", "pw-nam")
	problemOf(t, e.keyed(t, nam, "GET", "/me", ""), 403)

	e.p.Rotate(t)
	_, fresh := e.p.Tokens(t, e.client, "lan", "pw-lan")
	if w := e.keyed(t, fresh, "GET", "/me", ""); w.Code != 200 {
		t.Errorf("a token signed with the rotated key: %d %s", w.Code, w.Body)
	}
}

func testOIDCBrowser(t *testing.T, e *oidcEnv) {
	b := oidctest.Browser(nil)
	res := e.p.Login(t, b, e.url+"/auth/login?return_to=/me", "lan", "pw-lan")
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Request.URL.Path != "/me" || !strings.Contains(string(body), `"auth":"oidc"`) {
		t.Fatalf("signed in, back at /me: %d %s %s", res.StatusCode, res.Request.URL, body)
	}
	u, _ := url.Parse(e.url)
	var csrf string
	for _, ck := range b.Jar.Cookies(u) {
		if ck.Name == "landcat_csrf" {
			csrf = ck.Value
		}
	}
	if csrf == "" {
		t.Fatal("no landcat_csrf cookie")
	}
	write := func(token string) *http.Response {
		req, _ := http.NewRequest("POST", e.url+"/collections/parcels/items", strings.NewReader(strings.Replace(draftB, "PB-D", "PB-S"+token[:min(len(token), 3)], 1)))
		req.Header.Set("Content-Type", "application/geo+json")
		if token != "" {
			req.Header.Set("X-CSRF-Token", token)
		}
		res, err := b.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	if res := write(""); res.StatusCode != 403 {
		t.Errorf("a cookie write without the CSRF token: %d", res.StatusCode)
	}
	if res := write("forged-token"); res.StatusCode != 403 {
		t.Errorf("a cookie write with a wrong CSRF token: %d", res.StatusCode)
	}
	if res := write(csrf); res.StatusCode != 201 {
		t.Errorf("a cookie write with the CSRF token: %d", res.StatusCode)
	}
	testSignOut(t, e, b, csrf)
}

func testSignOut(t *testing.T, e *oidcEnv, b *http.Client, csrf string) {
	// A public POST from a signed-in browser needs no CSRF token: it is
	// made as anonymous.
	res, err := b.Post(e.url+"/match", "application/json", strings.NewReader(`{"sector":"logistics","limit":1}`))
	if err != nil || res.StatusCode != 200 {
		t.Errorf("POST /match with a session cookie: %v %v", res, err)
	}
	res.Body.Close()
	noFollow := *b
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	if res, _ := noFollow.Post(e.url+"/auth/logout", "", nil); res.StatusCode != 403 {
		t.Errorf("logout without the CSRF token: %d", res.StatusCode)
	}
	req, _ := http.NewRequest("POST", e.url+"/auth/logout", strings.NewReader(url.Values{"csrf_token": {csrf}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err = noFollow.Do(req)
	if err != nil || res.StatusCode != 303 || !strings.HasPrefix(res.Header.Get("Location"), e.p.Issuer+"/end_session") {
		t.Fatalf("logout: %v %v", res, err)
	}
	res.Body.Close()
	res, _ = b.Get(e.url + "/me")
	res.Body.Close()
	if res.StatusCode != 401 {
		t.Errorf("/me after sign-out: %d", res.StatusCode)
	}
	// An officer without a landcat role gets no session.
	b2 := oidctest.Browser(nil)
	res = e.p.Login(t, b2, e.url+"/auth/login", "nam", "pw-nam")
	var p map[string]any
	_ = json.NewDecoder(res.Body).Decode(&p)
	res.Body.Close()
	if res.StatusCode != 403 || res.Request.URL.Path != "/auth/callback" {
		t.Errorf("no role: %d at %s %v", res.StatusCode, res.Request.URL, p)
	}
	u, _ := url.Parse(e.url)
	for _, ck := range b2.Jar.Cookies(u) {
		if ck.Name == "landcat_session" {
			t.Error("a session for an officer without a role")
		}
	}
}

// TestSignInGuards checks the sign-in's refusals and cookie attributes
// through the router.
func TestSignInGuards(t *testing.T) {
	p := oidctest.Start(t, []oidctest.Client{{ID: "landcat", Secret: "s", RedirectURIs: []string{"https://landcat.example/auth/callback"}}}, officers)
	o, err := identity.New(identity.Config{Issuer: p.Issuer, ClientID: "landcat", ClientSecret: "s",
		RedirectURL: "https://landcat.example/auth/callback", CookieSecret: strings.Repeat("c", 32)})
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, testdb.SQLite(t), withDeps(func(d *httpapi.Deps) { d.OIDC = o }))
	w := e.req(t, "GET", "/auth/login?return_to=/collections", 0, "")
	ck := w.Header().Get("Set-Cookie")
	if w.Code != 303 || !strings.HasPrefix(w.Header().Get("Location"), p.Issuer+"/auth?") ||
		!strings.Contains(ck, "landcat_signin=") || !strings.Contains(ck, "HttpOnly") || !strings.Contains(ck, "Secure") || !strings.Contains(ck, "SameSite=Lax") {
		t.Fatalf("login: %d %v", w.Code, w.Header())
	}
	loc, _ := url.Parse(w.Header().Get("Location"))
	if loc.Query().Get("code_challenge_method") != "S256" || loc.Query().Get("nonce") == "" || loc.Query().Get("state") == "" {
		t.Errorf("authorization request: %s", loc)
	}
	for _, bad := range []string{"//evil.example", "https://evil.example", "/x\\y"} {
		problemOf(t, e.req(t, "GET", "/auth/login?return_to="+url.QueryEscape(bad), 0, ""), 400)
	}
	problemOf(t, e.req(t, "GET", "/auth/callback?code=x&state=y", 0, ""), 400)
	signin := strings.SplitN(strings.TrimPrefix(ck, "landcat_signin="), ";", 2)[0]
	problemOf(t, e.req(t, "GET", "/auth/callback?code=x&state=forged", 0, "", "Cookie", "landcat_signin="+signin), 400)
	problemOf(t, e.req(t, "GET", "/auth/callback?error=access_denied&state="+loc.Query().Get("state"), 0, "", "Cookie", "landcat_signin="+signin), 401)
	problemOf(t, e.req(t, "GET", "/me", 0, "", "Cookie", "landcat_session=forged"), 401)

	plain := newEnv(t, testdb.SQLite(t))
	problemOf(t, plain.req(t, "GET", "/auth/login", 0, ""), 404)
	problemOf(t, plain.req(t, "GET", "/me", 0, "", "Authorization", "Bearer a.b.c"), 401)
}
