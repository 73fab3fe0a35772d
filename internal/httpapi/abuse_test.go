package httpapi_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/testdb"
)

// TestAbuse is the abuse suite of the public API: one case per way a
// small request used to cost too much or get through, and per class of
// the OWASP API Security Top 10 (2023) that applies to landcat, through
// the real router on both databases. Each case asserts the status, the
// problem body, the bytes returned and what was stored — never a time.
// The matcher's own cases are in match_abuse_test.go, query strings,
// rate limits and headers in stack_test.go.
func TestAbuse(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			e := newEnv(t, tc.URL(t))
			t.Run("StringsNULAndUTF8", func(t *testing.T) { testAbuseStrings(t, e) })
			t.Run("Geometries", func(t *testing.T) { testAbuseGeometries(t, e) })
			t.Run("DuplicateCode", func(t *testing.T) { testAbuseDuplicateCode(t, e) })
			t.Run("NoGoTypesInProblems", func(t *testing.T) { testAbuseNoGoTypes(t, e) })
			t.Run("API1ObjectLevel", func(t *testing.T) { testAPI1(t, e) })
			t.Run("API2Authentication", func(t *testing.T) { testAPI2(t, e) })
			t.Run("API3PropertyLevel", func(t *testing.T) { testAPI3(t, e) })
			t.Run("API4Resources", func(t *testing.T) { testAPI4(t, e) })
			t.Run("API5FunctionLevel", func(t *testing.T) { testAPI5(t, e) })
			t.Run("API8Misconfiguration", func(t *testing.T) { testAPI8(t, e) })
		})
	}
}

// unchanged fails unless the catalogue is still at revision rev.
func unchanged(t *testing.T, e *env, rev int64, what string) {
	t.Helper()
	if now, _ := e.st.Revision(context.Background()); now != rev {
		t.Errorf("%s changed the catalogue: revision %d → %d", what, rev, now)
	}
}

func revision(e *env) int64 {
	rev, _ := e.st.Revision(context.Background())
	return rev
}

// parcelBody is a valid new parcel with extra properties spliced in.
func parcelBody(code, extra string) string {
	return `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[106.741,20.841],[106.742,20.841],[106.742,20.842],[106.741,20.842],[106.741,20.841]]]},
	 "properties":{"code":"` + code + `","name_vi":"Lô","name_en":"Plot","zone_id":"z-a","status":"available"` + extra + `}}`
}

func testAbuseStrings(t *testing.T, e *env) {
	rev := revision(e)
	cases := []struct{ name, body, pointer string }{
		{"NUL", parcelBody("S-1", `,"source":"a\u0000b"`), "/properties/source"},
		{"lone surrogate", parcelBody("S-2", `,"source":"a\ud800b"`), "/properties/source"},
		{"NUL in a name", strings.Replace(parcelBody("S-3", ""), `"name_vi":"Lô"`, `"name_vi":"L\u0000ô"`, 1), "/properties/name_vi"},
	}
	for _, c := range cases {
		w := e.req(t, "POST", "/collections/parcels/items", catalog.RoleEditor, c.body)
		if w.Code != 422 && w.Code != 400 {
			t.Fatalf("%s: %d %s", c.name, w.Code, w.Body)
		}
		if p := problemOf(t, w, w.Code); !strings.Contains(pointers(p), c.pointer) {
			t.Errorf("%s: problem names %q, want %s", c.name, pointers(p), c.pointer)
		}
	}
	// Raw invalid UTF-8 bytes: refused, never stored as U+FFFD.
	raw := strings.Replace(parcelBody("S-4", `,"source":"x"`), `"x"`, "\"a\xffb\"", 1)
	if w := e.req(t, "POST", "/collections/parcels/items", catalog.RoleEditor, raw); w.Code != 400 && w.Code != 422 {
		t.Errorf("invalid UTF-8: %d %s", w.Code, w.Body)
	}
	unchanged(t, e, rev, "refused strings")
}

func testAbuseGeometries(t *testing.T, e *env) {
	rev := revision(e)
	ring := func(coords string) string {
		return `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[` + coords + `]},
		 "properties":{"code":"GEO","name_vi":"Lô","name_en":"Plot","zone_id":"z-a","status":"available"}}`
	}
	cases := []struct{ name, body, pointer, msg string }{
		{"3D coordinates", ring(`[[106.741,20.841,5],[106.742,20.841,5],[106.742,20.842,5],[106.741,20.842,5],[106.741,20.841,5]]`), "/geometry/coordinates/0/0", "elevation_m"},
		{"across the antimeridian", ring(`[[179.9,10],[-179.9,10],[-179.9,11],[179.9,11],[179.9,10]]`), "/geometry", "180"},
		{"the whole world", ring(`[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]`), "/geometry", ""},
	}
	for _, c := range cases {
		w := e.req(t, "POST", "/collections/parcels/items", catalog.RoleEditor, c.body)
		p := problemOf(t, w, 422)
		if !strings.Contains(pointers(p), c.pointer) || !strings.Contains(fmt.Sprint(p["errors"]), c.msg) {
			t.Errorf("%s: %v", c.name, p["errors"])
		}
		if w.Body.Len() > 4096 {
			t.Errorf("%s: a problem of %d bytes", c.name, w.Body.Len())
		}
	}
	// A ring over the vertex cap is refused before any topology test, with
	// a short answer.
	var b strings.Builder
	b.WriteString("[")
	for i := range 120001 {
		fmt.Fprintf(&b, "[%.6f,%.6f],", 106.70+0.0000001*float64(i), 20.80+0.00001*float64(i%2))
	}
	b.WriteString("[106.70,20.80]]")
	w := e.req(t, "POST", "/collections/parcels/items", catalog.RoleEditor, ring(b.String()))
	if p := problemOf(t, w, w.Code); (w.Code != 422 && w.Code != 413) || w.Body.Len() > 4096 {
		t.Errorf("a 120,000-vertex ring: %d, %d bytes: %v", w.Code, w.Body.Len(), p["detail"])
	}
	unchanged(t, e, rev, "refused geometries")
}

func testAbuseDuplicateCode(t *testing.T, e *env) {
	rev := revision(e)
	p := problemOf(t, e.req(t, "POST", "/collections/parcels/items", catalog.RoleEditor, parcelBody("P-1", "")), 409)
	if pointers(p) != "/properties/code" || !strings.Contains(p["detail"].(string), "p-1") {
		t.Errorf("a second P-1 in zone z-a: %v", p)
	}
	unchanged(t, e, rev, "a duplicate code")
}

// goTypes matches what Go's own error texts leak: package-qualified type
// names and encoding/json prefixes.
var goTypes = regexp.MustCompile(`\b(catalog|orb|geojson|match|readmodel|httpapi|store|cql2)\.[A-Za-z]|json: |Go value|Go struct|unmarshal|\*[a-z]+\.[A-Z]`)

func testAbuseNoGoTypes(t *testing.T, e *env) {
	bodies := []string{
		`[]`, `"x"`, `{"type":"Feature","geometry":{"type":"Polygon","coordinates":"no"},"properties":{}}`,
		`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[["a","b"]]]},"properties":{}}`,
		`{"type":"Feature","geometry":{"type":42},"properties":[]}`, `{"type":"Feature","id":{},"geometry":null,"properties":{"code":7}}`,
		`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1,2],[3,4]]]},"properties":{"power_dual_feed":"yes","sectors":"a","lease_price_usd_m2":"cheap"}}`,
	}
	for _, body := range bodies {
		w := e.req(t, "POST", "/collections/parcels/items", catalog.RoleEditor, body)
		if w.Code < 400 || w.Code >= 500 {
			t.Fatalf("%s: %d", body, w.Code)
		}
		if m := goTypes.FindString(w.Body.String()); m != "" {
			t.Errorf("%s: the problem shows %q: %s", body, m, w.Body)
		}
	}
	for _, body := range []string{`[]`, `{"weights":"x"}`, `{"requirements":{"within":{"type":"Polygon","coordinates":7}}}`, `{"limit":"ten"}`} {
		w := e.req(t, "POST", "/match", 0, body, "Content-Type", "application/json")
		if m := goTypes.FindString(w.Body.String()); w.Code != 400 || m != "" {
			t.Errorf("match %s: %d, shows %q", body, w.Code, m)
		}
	}
	w := e.req(t, "PATCH", "/collections/parcels/items/p-1", catalog.RoleEditor, `{"properties":[]}`, "Content-Type", "application/merge-patch+json", "If-Match", `"v1-0"`)
	if m := goTypes.FindString(w.Body.String()); m != "" {
		t.Errorf("patch: shows %q: %s", m, w.Body)
	}
}

// API1: an anonymous caller cannot reach a draft through any read.
func testAPI1(t *testing.T, e *env) {
	problemOf(t, e.req(t, "GET", "/collections/parcels/items/p-draft", 0, ""), 404)
	problemOf(t, e.req(t, "GET", "/collections/parcels/items?publication=draft", 0, ""), 401)
	if got := decodeFC(t, e.req(t, "GET", "/collections/parcels/items?filter=id='p-draft'", 0, "")); got.NumberMatched != 0 {
		t.Errorf("a CQL2 filter reached the draft")
	}
	if w := e.req(t, "POST", "/match?excluded_limit=1000", 0, `{}`, "Content-Type", "application/json"); strings.Contains(w.Body.String(), "p-draft") {
		t.Errorf("the matcher shows the draft")
	}
	for z := 12; z <= 16; z++ {
		x, y := tileXY(106.745, 20.845, z)
		w := e.req(t, "GET", fmt.Sprintf("/collections/parcels/tiles/WebMercatorQuad/%d/%d/%d", z, y, x), 0, "")
		if strings.Contains(w.Body.String(), "p-draft") {
			t.Errorf("tile %d/%d/%d carries the draft", z, y, x)
		}
	}
	// Existence stays private too: an anonymous 404 is the same for a draft
	// and for an id that does not exist.
	a := e.req(t, "GET", "/collections/parcels/items/p-draft", 0, "")
	b := e.req(t, "GET", "/collections/parcels/items/nothing-here", 0, "")
	if strings.ReplaceAll(a.Body.String(), "p-draft", "X") != strings.ReplaceAll(b.Body.String(), "nothing-here", "X") {
		t.Errorf("a draft's 404 differs from a missing feature's:\n%s\n%s", a.Body, b.Body)
	}
}

// API2: bad credentials are refused and counted; keys are stored hashed.
func testAPI2(t *testing.T, e *env) {
	for _, h := range []string{"Bearer lck_nope", "Bearer", "Basic dXNlcjpwYXNz", "bearer " + strings.Repeat("x", 5000)} {
		w := e.req(t, "GET", "/collections", 0, "", "Authorization", h)
		if w.Code != 401 || !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") || w.Body.Len() > 1024 {
			t.Errorf("Authorization %.20q: %d %q, %d bytes", h, w.Code, w.Header().Get("WWW-Authenticate"), w.Body.Len())
		}
	}
	db, _ := e.st.SQLDB()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM api_keys WHERE key_hash = ?`, e.keys[catalog.RoleEditor]).Scan(&n); err == nil && n != 0 {
		t.Error("an API key is stored in clear")
	}
}

// API3: properties the server computes or controls cannot be set by a
// client (mass assignment).
func testAPI3(t *testing.T, e *env) {
	body := parcelBody("M-1", `,"area_ha":9999,"distance_seaport_km":0,"revision":1,"updated_at":"2000-01-01T00:00:00Z","publication":"published","inherited":["water_m3_day"]`)
	w := e.req(t, "POST", "/collections/parcels/items", catalog.RoleEditor, body)
	if w.Code != 201 {
		t.Fatalf("create: %d %s", w.Code, w.Body)
	}
	for _, leak := range []string{`"area_ha":9999`, `"distance_seaport_km":0.0,`, `"publication":"published"`, `"updated_at":"2000`, `"inherited":["water_m3_day"]`} {
		if strings.Contains(w.Body.String(), leak) {
			t.Errorf("the client set %s", leak)
		}
	}
	loc := strings.TrimPrefix(w.Header().Get("Location"), "http://example.com")
	problemOf(t, e.req(t, "GET", loc, 0, ""), 404) // still a draft: not public
}

// API4: every request has a bounded cost: bodies, pages and lists are
// capped, and the answers stay small.
func testAPI4(t *testing.T, e *env) {
	rev := revision(e)
	big := parcelBody("B-1", `,"source":"`+strings.Repeat("x", 9<<20)+`"`)
	if w := e.req(t, "POST", "/collections/parcels/items", catalog.RoleEditor, big); w.Code != 413 || w.Body.Len() > 1024 {
		t.Errorf("a 9 MB body: %d, %d bytes", w.Code, w.Body.Len())
	}
	if w := e.req(t, "POST", "/match", 0, `{"limit":`+strings.Repeat("9", 5000)+`}`, "Content-Type", "application/json"); w.Code != 400 || w.Body.Len() > 2048 {
		t.Errorf("a huge limit: %d, %d bytes", w.Code, w.Body.Len())
	}
	if got := decodeFC(t, e.req(t, "GET", "/collections/parcels/items?limit=1e12", 0, "")); got.NumberReturned > 10000 {
		t.Errorf("limit=1e12 returned %d", got.NumberReturned)
	}
	long := "/collections/parcels/items?filter=" + strings.Repeat("(", 2000) + "status='leased'" + strings.Repeat(")", 2000)
	if w := e.req(t, "GET", long, 0, ""); w.Code >= 500 {
		t.Errorf("a deeply nested filter: %d", w.Code)
	}
	unchanged(t, e, rev, "oversized requests")
}

// API5: functions are reserved to their roles.
func testAPI5(t *testing.T, e *env) {
	rev := revision(e)
	problemOf(t, e.req(t, "POST", "/collections/parcels/items", 0, parcelBody("F-1", "")), 401)
	problemOf(t, e.req(t, "POST", "/collections/parcels/items", catalog.RoleViewer, parcelBody("F-1", "")), 403)
	problemOf(t, e.req(t, "GET", "/match/demand", 0, ""), 401)
	problemOf(t, e.req(t, "GET", "/match/demand", catalog.RoleViewer, ""), 403)
	problemOf(t, e.req(t, "POST", "/collections/parcels/items/p-draft/publication", catalog.RoleEditor, `{"state":"published"}`, "Content-Type", "application/json"), 403)
	unchanged(t, e, rev, "refused functions")
}

// API8: headers and answers leak nothing an attacker can use.
func testAPI8(t *testing.T, e *env) {
	for _, path := range []string{"/debug/pprof/", "/debug/vars", "/.env", "/admin"} {
		problemOf(t, e.req(t, "GET", path, 0, ""), 404)
	}
	w := e.req(t, "GET", "/collections/parcels/items/p-1", 0, "", "Origin", "https://evil.example", "Authorization", "Bearer "+e.keys[catalog.RoleViewer])
	if w.Header().Get("Access-Control-Allow-Credentials") != "" || w.Header().Get("Access-Control-Allow-Origin") == "https://evil.example" {
		t.Errorf("credentials allowed from another origin: %v", w.Header())
	}
	for _, h := range []string{"Server", "X-Powered-By"} {
		if v := w.Header().Get(h); v != "" {
			t.Errorf("%s: %s", h, v)
		}
	}
}
