package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/httpapi"
	"github.com/landcat/landcat/internal/ratelimit"
	"github.com/landcat/landcat/internal/testdb"
)

// Tests of the one HTTP stack every route goes through: strict query
// strings, HEAD, security headers, the map page, rate limits, the key
// cache and /metrics on its own listener.

func TestStrictQueryStrings(t *testing.T) {
	e := newEnv(t, testdb.SQLite(t))
	cases := []struct{ query, pointer string }{
		{"filter=status='leased';", "filter"},
		{"sortby=id;x", "sortby"},
		{"foo;bar=1", "foo;bar"},
		{"limit=5&limit=6", "limit"},
		{"status=available&status=leased", "status"},
		{"filter=%zz", "filter"},
		{"%zz=1", "%zz"},
		{"status=a%00b", "status"},
		{"status=%ff", "status"},
		{"=1", ""},
	}
	for _, c := range cases {
		p := problemOf(t, e.req(t, "GET", "/collections/parcels/items?"+c.query, 0, ""), 400)
		if pointers(p) != c.pointer {
			t.Errorf("?%s: problem names %q, want %q (%v)", c.query, pointers(p), c.pointer, p["detail"])
		}
	}
	// The same rules on every route, not only /items.
	for _, path := range []string{"/collections?f=json;", "/tiles/WebMercatorQuad/0/0/0?x=1&x=2", "/map?lang=en;"} {
		problemOf(t, e.req(t, "GET", path, 0, ""), 400)
	}
	// A long hostile name is not echoed back whole.
	long := strings.Repeat("a", 5000) + ";"
	w := e.req(t, "GET", "/collections?"+long, 0, "")
	if p := problemOf(t, w, 400); len(pointers(p)) > 80 {
		t.Errorf("pointer of %d bytes", len(pointers(p)))
	}
	// limit above the maximum is clamped however it is spelled.
	for _, l := range []string{"20000", "1e12", "1E5", "99999999999999999999999", "10000.0"} {
		got := decodeFC(t, e.req(t, "GET", "/collections/parcels/items?limit="+l, 0, ""))
		if got.NumberReturned != 3 || !strings.Contains(got.Links[0].Href, "limit=10000") {
			t.Errorf("limit=%s: returned %d, self %s", l, got.NumberReturned, got.Links[0].Href)
		}
	}
	for _, l := range []string{"1.5", "inf", "NaN", "0x10", "-1e3", "1e-3"} {
		p := problemOf(t, e.req(t, "GET", "/collections/parcels/items?limit="+l, 0, ""), 400)
		if pointers(p) != "limit" {
			t.Errorf("limit=%s: %v", l, p)
		}
	}
	if got := decodeFC(t, e.req(t, "GET", "/collections/parcels/items?offset=1e15", 0, "")); got.NumberReturned != 0 || got.NumberMatched != 3 {
		t.Errorf("offset=1e15: %d returned of %d", got.NumberReturned, got.NumberMatched)
	}
}

func TestHeadEverywhere(t *testing.T) {
	e := newEnv(t, testdb.SQLite(t))
	for _, path := range []string{"/", "/conformance", "/api", "/collections", "/collections/parcels", "/collections/parcels/queryables",
		"/collections/parcels/schema", "/collections/parcels/items", "/collections/parcels/items/p-1", "/tiles",
		"/tiles/WebMercatorQuad", "/tiles/WebMercatorQuad/0/0/0", "/tileMatrixSets", "/match/profiles", "/healthz",
		"/readyz", "/metrics", "/map"} {
		get := e.req(t, "GET", path, 0, "")
		head := e.req(t, "HEAD", path, 0, "")
		if head.Code != get.Code || head.Body.Len() != 0 {
			t.Errorf("HEAD %s: %d with %d bytes; GET %d", path, head.Code, head.Body.Len(), get.Code)
			continue
		}
		for _, h := range []string{"Content-Type", "ETag", "Content-Length", "Cache-Control"} {
			if path == "/metrics" && (h == "ETag" || h == "Content-Length") {
				continue // scrapes differ between the two requests
			}
			if head.Header().Get(h) != get.Header().Get(h) && !(h == "ETag" && path == "/readyz") {
				t.Errorf("HEAD %s: %s %q, GET %q", path, h, head.Header().Get(h), get.Header().Get(h))
			}
		}
	}
	// HEAD of a missing feature is the 404 without a body.
	if w := e.req(t, "HEAD", "/collections/parcels/items/nope", 0, ""); w.Code != 404 || w.Body.Len() != 0 {
		t.Errorf("HEAD of a missing feature: %d, %d bytes", w.Code, w.Body.Len())
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t, testdb.SQLite(t))
	for _, path := range []string{"/?f=html", "/collections?f=html", "/collections/parcels/items?f=html", "/collections/parcels/items/p-1?f=html"} {
		w := e.req(t, "GET", path, 0, "")
		h := w.Header()
		if !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
			t.Fatalf("%s: %s", path, h.Get("Content-Type"))
		}
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", path, h)
		}
		if regexp.MustCompile(`<script`).MatchString(w.Body.String()) {
			t.Errorf("%s has a script, which its CSP forbids", path)
		}
	}
	for _, path := range []string{"/collections/parcels/items", "/collections/parcels/items/p-1", "/api", "/nowhere", "/tiles/WebMercatorQuad/0/0/0"} {
		if w := e.req(t, "GET", path, 0, ""); w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s (%d): no nosniff", path, w.Code)
		}
	}
	w := e.req(t, "GET", "/map", 0, "")
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'self'") || !strings.Contains(csp, "connect-src 'self'") {
		t.Errorf("/map CSP %q", csp)
	}
}

func TestMapPage(t *testing.T) {
	e := newEnv(t, testdb.SQLite(t))
	w := e.req(t, "GET", "/map", 0, "")
	h := w.Header()
	if w.Code != 200 || h.Get("Content-Type") != "text/html; charset=utf-8" || h.Get("Content-Language") != "vi" || h.Get("Cache-Control") != "no-cache" {
		t.Fatalf("GET /map: %d %v", w.Code, h)
	}
	etag := h.Get("ETag")
	if !regexp.MustCompile(`^"[0-9a-f]{24}"$`).MatchString(etag) {
		t.Errorf("ETag %q", etag)
	}
	for _, inm := range []string{etag, "*", `"x", ` + etag, "W/" + etag} {
		if w := e.req(t, "GET", "/map", 0, "", "If-None-Match", inm); w.Code != 304 || w.Body.Len() != 0 {
			t.Errorf("If-None-Match %s: %d", inm, w.Code)
		}
	}
	if w := e.req(t, "GET", "/map?lang=en", 0, ""); w.Header().Get("Content-Language") != "en" || w.Header().Get("ETag") == etag {
		t.Errorf("English page: %v", w.Header())
	}
	if w := e.req(t, "GET", "/map", 0, "", "Accept-Language", "en-US,en;q=0.9"); w.Header().Get("Content-Language") != "en" {
		t.Errorf("Accept-Language en: %q", w.Header().Get("Content-Language"))
	}
	urls := regexp.MustCompile(`(?:href|src)="(map/assets/[^"]+)"`).FindAllStringSubmatch(w.Body.String(), -1)
	if len(urls) < 4 {
		t.Fatalf("page references %d assets", len(urls))
	}
	prefix := "/" + urls[0][1][:strings.LastIndex(urls[0][1], "/")+1]
	for _, name := range []string{"app.js", "style.css", "icon.svg", "vendor/maplibre-gl.mjs", "vendor/maplibre-gl-worker.mjs", "vendor/LICENSE.txt"} {
		w := e.req(t, "GET", prefix+name, 0, "")
		if w.Code != 200 || w.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" || w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: %d %v", name, w.Code, w.Header())
		}
		if tag := w.Header().Get("ETag"); e.req(t, "GET", prefix+name, 0, "", "If-None-Match", tag).Code != 304 {
			t.Errorf("GET %s If-None-Match: not 304", name)
		}
	}
	// The vendored bundle is compressed once, at the best level; gzip;q=0 refuses it.
	mjs := prefix + "vendor/maplibre-gl.mjs"
	plain := e.req(t, "GET", mjs, 0, "")
	gz := e.req(t, "GET", mjs, 0, "", "Accept-Encoding", "br, gzip;q=0.8")
	if gz.Header().Get("Content-Encoding") != "gzip" || gz.Header().Get("ETag") == plain.Header().Get("ETag") || gz.Body.Len() >= plain.Body.Len()/2 {
		t.Fatalf("gzip: %v, %d of %d bytes", gz.Header(), gz.Body.Len(), plain.Body.Len())
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if back, _ := io.ReadAll(zr); !bytes.Equal(back, plain.Body.Bytes()) {
		t.Error("gunzipped body differs")
	}
	for _, ae := range []string{"gzip;q=0", "identity", "gzip;q=0, *;q=1", "br"} {
		if w := e.req(t, "GET", mjs, 0, "", "Accept-Encoding", ae); w.Header().Get("Content-Encoding") != "" {
			t.Errorf("Accept-Encoding %q: compressed", ae)
		}
	}
	if w := e.req(t, "GET", "/collections/parcels/items", 0, "", "Accept-Encoding", "gzip;q=0"); w.Header().Get("Content-Encoding") != "" {
		t.Error("the API ignores gzip;q=0")
	}
	// Another build's version is served but not as immutable; the rest is 404.
	if w := e.req(t, "GET", "/map/assets/0123456789abcdef/app.js", 0, ""); w.Code != 200 || w.Header().Get("Cache-Control") != "no-cache" {
		t.Errorf("old version: %d %q", w.Code, w.Header().Get("Cache-Control"))
	}
	for _, u := range []string{"/map/nope", "/map/assets/x/nope.js", "/map/assets/x/../../api", "/mapx"} {
		problemOf(t, e.req(t, "GET", u, 0, ""), 404)
	}
	if w := e.req(t, "GET", "/map/?lang=en", 0, ""); w.Code != 301 || w.Header().Get("Location") != "/map?lang=en" {
		t.Errorf("GET /map/: %d %q", w.Code, w.Header().Get("Location"))
	}
	if w := e.req(t, "POST", "/map", 0, "{}"); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /map: %d", w.Code)
	}
}

// limited returns an option that switches on small rate limits.
func limited(l httpapi.Limits) envOpt {
	return withDeps(func(d *httpapi.Deps) { d.Limits = l })
}

func TestRateLimits(t *testing.T) {
	e := newEnv(t, testdb.SQLite(t), limited(httpapi.Limits{
		Match:       ratelimit.Rate{Every: time.Hour, Burst: 3},
		AuthFailure: ratelimit.Rate{Every: time.Hour, Burst: 2},
		KeyFactor:   2,
	}), withDeps(func(d *httpapi.Deps) { d.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")} }))
	match := func(remote string, role catalog.Role, headers ...string) *httptest.ResponseRecorder {
		return e.reqFrom(t, remote, "POST", "/match", role, `{"limit": 1}`, append([]string{"Content-Type", "application/json"}, headers...)...)
	}
	for i := 0; i < 3; i++ {
		if w := match("192.0.2.1:1000", 0); w.Code != 200 {
			t.Fatalf("match %d: %d %s", i+1, w.Code, w.Body)
		}
	}
	w := match("192.0.2.1:1001", 0)
	p := problemOf(t, w, 429)
	if w.Header().Get("Retry-After") != "3600" || !strings.Contains(p["detail"].(string), "match") {
		t.Errorf("429: Retry-After %q, %v", w.Header().Get("Retry-After"), p)
	}
	// Another address has its own budget; reads are not limited.
	if w := match("192.0.2.2:1000", 0); w.Code != 200 {
		t.Errorf("another client: %d", w.Code)
	}
	if w := e.reqFrom(t, "192.0.2.1:1000", "GET", "/collections/parcels/items", 0, ""); w.Code != 200 {
		t.Errorf("a read after the match budget is spent: %d", w.Code)
	}
	// X-Forwarded-For is believed from a trusted proxy only.
	if w := match("203.0.113.9:1000", 0, "X-Forwarded-For", "198.51.100.7"); w.Code != 200 {
		t.Errorf("untrusted peer: %d", w.Code)
	}
	for i := 0; i < 3; i++ {
		match("10.1.1.1:1000", 0, "X-Forwarded-For", "198.51.100.8, 10.2.2.2")
	}
	if w := match("10.1.1.1:1000", 0, "X-Forwarded-For", "198.51.100.8"); w.Code != 429 {
		t.Errorf("the same client behind the trusted proxy: %d", w.Code)
	}
	if w := match("10.1.1.1:1000", 0, "X-Forwarded-For", "198.51.100.9"); w.Code != 200 {
		t.Errorf("another client behind the trusted proxy: %d", w.Code)
	}
	// A spoofed X-Forwarded-For from an untrusted peer does not buy a new budget.
	for i := 0; i < 4; i++ {
		match("203.0.113.50:1", 0, "X-Forwarded-For", "198.51.100."+string(rune('0'+i)))
	}
	if w := match("203.0.113.50:1", 0, "X-Forwarded-For", "198.51.100.200"); w.Code != 429 {
		t.Errorf("spoofed X-Forwarded-For: %d", w.Code)
	}
	// IPv6 clients count by /64.
	for i := 0; i < 3; i++ {
		match("[2001:db8:1:2::"+string(rune('a'+i))+"]:1", 0)
	}
	if w := match("[2001:db8:1:2::ff]:1", 0); w.Code != 429 {
		t.Errorf("another address of the same /64: %d", w.Code)
	}
	// An officer's key has KeyFactor times the budget, shared by its holder.
	for i := 0; i < 6; i++ {
		if w := match("192.0.2.1:1000", catalog.RoleViewer); w.Code != 200 {
			t.Fatalf("keyed match %d: %d", i+1, w.Code)
		}
	}
	if w := match("192.0.2.3:1000", catalog.RoleViewer); w.Code != 429 {
		t.Errorf("keyed budget spent: %d", w.Code)
	}
	// Failed authentication: after 2 failures the address is refused
	// without a look-up, even with a good key; others are not.
	bad := func(remote, key string) int {
		return e.reqFrom(t, remote, "GET", "/collections", 0, "", "Authorization", "Bearer "+key).Code
	}
	if bad("192.0.2.77:1", "lck_wrong") != 401 || bad("192.0.2.77:1", "lck_wrong2") != 401 {
		t.Fatal("the first failures are 401")
	}
	if code := bad("192.0.2.77:1", e.keys[catalog.RoleViewer]); code != 429 {
		t.Errorf("after 2 failures: %d, want 429", code)
	}
	if code := bad("192.0.2.78:1", e.keys[catalog.RoleViewer]); code != 200 {
		t.Errorf("another address with a good key: %d", code)
	}
	m := e.req(t, "GET", "/metrics", 0, "").Body.String()
	for _, want := range []string{`landcat_rate_limited_total{class="match"} 6`, `landcat_rate_limited_total{class="auth_failure"} 1`, `landcat_rate_limited_total{class="public_write"} 0`} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func TestParseLimits(t *testing.T) {
	l, err := httpapi.ParseLimits("")
	if err != nil || l != httpapi.DefaultLimits {
		t.Errorf("defaults: %v %v", l, err)
	}
	if l, _ := httpapi.ParseLimits("off"); !l.Off {
		t.Error("off is not off")
	}
	l, err = httpapi.ParseLimits("match=120/min:30, keys=5")
	if err != nil || l.Match != (ratelimit.Rate{Every: 500 * time.Millisecond, Burst: 30}) || l.KeyFactor != 5 || l.AuthFailure != httpapi.DefaultLimits.AuthFailure {
		t.Errorf("override: %+v %v", l, err)
	}
	for _, bad := range []string{"match", "matches=1/s", "match=fast", "keys=0", "keys=x"} {
		if _, err := httpapi.ParseLimits(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := httpapi.ParseProxies("10.0.0.0/8, 192.168.1.1,::1"); err != nil {
		t.Error(err)
	}
	if _, err := httpapi.ParseProxies("10.0.0.0/33"); err == nil {
		t.Error("a bad CIDR accepted")
	}
}

// countingAuth counts credential look-ups.
type countingAuth struct {
	httpapi.Authenticator
	n int
}

func (c *countingAuth) Authenticate(ctx context.Context, key string) (catalog.Actor, error) {
	c.n++
	return c.Authenticator.Authenticate(ctx, key)
}

func TestKeyChecksAreCached(t *testing.T) {
	var counter *countingAuth
	e := newEnv(t, testdb.SQLite(t), withDeps(func(d *httpapi.Deps) {
		counter = &countingAuth{Authenticator: d.Auth}
		d.Auth = counter
	}))
	for i := 0; i < 50; i++ {
		if w := e.req(t, "GET", "/collections", catalog.RoleEditor, ""); w.Code != 200 {
			t.Fatal(w.Code)
		}
	}
	if counter.n != 1 {
		t.Errorf("50 requests with one key made %d look-ups, want 1", counter.n)
	}
	for i := 0; i < 3; i++ {
		e.req(t, "GET", "/collections", 0, "", "Authorization", "Bearer lck_nope")
	}
	if counter.n != 4 {
		t.Errorf("failures must not be cached: %d look-ups", counter.n)
	}
}

func TestMetricsElsewhere(t *testing.T) {
	e := newEnv(t, testdb.SQLite(t), withDeps(func(d *httpapi.Deps) { d.MetricsElsewhere = true }))
	problemOf(t, e.req(t, "GET", "/metrics", 0, ""), 404)
	w := httptest.NewRecorder()
	e.h.Metrics().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	if w.Code != 200 || !strings.Contains(w.Body.String(), "landcat_catalogue_revision") {
		t.Errorf("metrics handler: %d", w.Code)
	}
}
