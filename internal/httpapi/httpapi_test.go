package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/httpapi"
	"github.com/landcat/landcat/internal/pipeline"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/landcat/landcat/internal/store"
	"github.com/landcat/landcat/internal/testdb"
	"github.com/paulmach/orb/encoding/mvt"
)

// fixture is a small catalogue: one zone with utility defaults, four
// infrastructure features (one of them a planned port closer than the
// operational one), three published parcels and one draft.
const fixture = `{"type":"FeatureCollection","features":[
{"type":"Feature","id":"z-a","geometry":{"type":"Polygon","coordinates":[[[106.70,20.80],[106.76,20.80],[106.76,20.86],[106.70,20.86],[106.70,20.80]]]},
 "properties":{"collection":"zones","code":"Z-A","name_vi":"Khu A","name_en":"Zone A","kind":"industrial_park","power_capacity_mva":40,"power_dual_feed":true,"water_m3_day":2000}},
{"type":"Feature","id":"port-op","geometry":{"type":"Point","coordinates":[106.80,20.83]},
 "properties":{"collection":"infrastructure","code":"PORT-OP","name_vi":"Cảng","name_en":"Port","kind":"seaport","status":"operational","max_vessel_dwt":150000}},
{"type":"Feature","id":"port-planned","geometry":{"type":"Point","coordinates":[106.77,20.83]},
 "properties":{"collection":"infrastructure","code":"PORT-PL","name_vi":"Cảng mới","name_en":"New port","kind":"seaport","status":"planned","max_vessel_dwt":200000}},
{"type":"Feature","id":"air","geometry":{"type":"Point","coordinates":[106.72,20.90]},
 "properties":{"collection":"infrastructure","code":"AIR","name_vi":"Sân bay","name_en":"Airport","kind":"airport","status":"operational"}},
{"type":"Feature","id":"sub","geometry":{"type":"Point","coordinates":[106.71,20.81]},
 "properties":{"collection":"infrastructure","code":"SUB","name_vi":"Trạm","name_en":"Substation","kind":"substation","status":"operational","voltage_kv":220}},
{"type":"Feature","id":"p-1","geometry":{"type":"Polygon","coordinates":[[[106.71,20.81],[106.72,20.81],[106.72,20.82],[106.71,20.82],[106.71,20.81]]]},
 "properties":{"collection":"parcels","code":"P-1","name_vi":"Lô 1","name_en":"Plot 1","zone_id":"z-a","status":"available","sectors":["logistics"],"lease_price_usd_m2":120,"lease_until":"2060-12-31","power_capacity_mva":60}},
{"type":"Feature","id":"p-2","geometry":{"type":"Polygon","coordinates":[[[106.73,20.81],[106.74,20.81],[106.74,20.82],[106.73,20.82],[106.73,20.81]]]},
 "properties":{"collection":"parcels","code":"P-2","name_vi":"Lô 2","name_en":"Plot 2","zone_id":"z-a","status":"leased","sectors":["high_tech","data_center"],"lease_price_usd_m2":150}},
{"type":"Feature","id":"p-3","geometry":{"type":"Polygon","coordinates":[[[106.71,20.84],[106.72,20.84],[106.72,20.85],[106.71,20.85],[106.71,20.84]]]},
 "properties":{"collection":"parcels","code":"P-3","name_vi":"Lô 3","name_en":"Plot 3","zone_id":"z-a","status":"available","lease_price_usd_m2":99}}
]}`

const draftParcel = `{"type":"Feature","id":"p-draft","geometry":{"type":"Polygon","coordinates":[[[106.74,20.84],[106.75,20.84],[106.75,20.85],[106.74,20.85],[106.74,20.84]]]},
 "properties":{"code":"P-D","name_vi":"Lô nháp","name_en":"Draft plot","zone_id":"z-a","status":"in_preparation"}}`

type env struct {
	h      *httpapi.Server
	st     *store.Store
	demand *store.DemandLog
	keys   map[catalog.Role]string
	pl     *pipeline.Service
	clock  *testClock
}

// envOpt adjusts a test server: its dependencies, or features to import.
type envOpt func(*envConfig)

type envConfig struct {
	extra []string              // FeatureCollections imported published
	deps  []func(*httpapi.Deps) // applied to the dependencies in order
}

// withDeps changes the server's dependencies (rate limits are off unless
// an option sets them).
func withDeps(f func(*httpapi.Deps)) envOpt {
	return func(c *envConfig) { c.deps = append(c.deps, f) }
}

// withFeatures imports a FeatureCollection, published, after the fixture.
func withFeatures(fc string) envOpt {
	return func(c *envConfig) { c.extra = append(c.extra, fc) }
}

// newEnv serves the fixture from a new database at url, adjusted by opts.
func newEnv(t testing.TB, url string, opts ...envOpt) *env {
	var cfg envConfig
	for _, o := range opts {
		o(&cfg)
	}
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	svc := &catalog.Service{Store: st, Trail: st}
	admin := catalog.Actor{Name: "loader", Role: catalog.RoleAdmin}
	if _, err := svc.Import(ctx, admin, strings.NewReader(fixture), catalog.ImportOptions{Publish: true}); err != nil {
		t.Fatalf("fixture: %v", err)
	}
	if _, err := svc.Import(ctx, admin, strings.NewReader(`{"type":"FeatureCollection","features":[`+draftParcel+`]}`), catalog.ImportOptions{}); err != nil {
		t.Fatalf("draft fixture: %v", err)
	}
	for _, fc := range cfg.extra {
		if _, err := svc.Import(ctx, admin, strings.NewReader(fc), catalog.ImportOptions{Publish: true}); err != nil {
			t.Fatalf("extra features: %v", err)
		}
	}
	model, err := readmodel.Load(ctx, st.Load, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	svc.Applied = model.Apply
	demand := st.NewDemandLog(slog.New(slog.NewTextHandler(io.Discard, nil)))
	t.Cleanup(demand.Close)
	clock := &testClock{t: time.Now().UTC()}
	pl := &pipeline.Service{Store: st, Catalog: svc, Now: clock.Now}
	deps := httpapi.Deps{Model: model, Service: svc, Auth: st, Ready: st.Ping, Origins: []string{"https://officers.example"}, Demand: demand,
		Shortlists: st, Pipeline: pl}
	for _, o := range cfg.deps {
		o(&deps)
	}
	h, err := httpapi.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{h: h, st: st, demand: demand, keys: map[catalog.Role]string{}, pl: deps.Pipeline, clock: clock}
	for _, r := range []catalog.Role{catalog.RoleViewer, catalog.RoleEditor, catalog.RolePublisher, catalog.RoleAdmin} {
		if e.keys[r], err = st.CreateAPIKey(ctx, r.String()+"-officer", r); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// req is one request; headers alternate name, value.
func (e *env) req(t *testing.T, method, path string, role catalog.Role, body string, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	return e.reqFrom(t, "192.0.2.1:1234", method, path, role, body, headers...)
}

// reqFrom is req from the TCP peer remote ("ip:port").
func (e *env) reqFrom(t *testing.T, remote, method, path string, role catalog.Role, body string, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	r.RemoteAddr = remote
	if body != "" {
		r.Header.Set("Content-Type", "application/geo+json")
	}
	if role != catalog.RoleNone {
		r.Header.Set("Authorization", "Bearer "+e.keys[role])
	}
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	checkResponse(t, r, w)
	return w
}

type fc struct {
	Features []struct {
		ID         string         `json:"id"`
		Properties map[string]any `json:"properties"`
	} `json:"features"`
	NumberMatched  int `json:"numberMatched"`
	NumberReturned int `json:"numberReturned"`
	Links          []struct{ Href, Rel, Type string }
}

func decodeFC(t *testing.T, w *httptest.ResponseRecorder) fc {
	t.Helper()
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/geo+json" {
		t.Fatalf("Content-Type %q", ct)
	}
	var out fc
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatalf("decode: %v\n%s", err, w.Body)
	}
	return out
}

func ids(c fc) string {
	var s []string
	for _, f := range c.Features {
		s = append(s, f.ID)
	}
	return strings.Join(s, ",")
}

// problemOf checks a problem+json answer and returns its body.
func problemOf(t *testing.T, w *httptest.ResponseRecorder, status int) map[string]any {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d: %s", w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json", ct)
	}
	var p map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if int(p["status"].(float64)) != status || p["title"] == "" {
		t.Fatalf("problem body: %v", p)
	}
	return p
}

func pointers(p map[string]any) string {
	var out []string
	errs, _ := p["errors"].([]any)
	for _, e := range errs {
		out = append(out, e.(map[string]any)["pointer"].(string))
	}
	return strings.Join(out, " ")
}

func TestHTTP(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			e := newEnv(t, tc.URL(t))
			t.Run("Items", func(t *testing.T) { testItems(t, e) })
			t.Run("ItemsParams", func(t *testing.T) { testItemsParams(t, e) })
			t.Run("Item", func(t *testing.T) { testItem(t, e) })
			t.Run("Collections", func(t *testing.T) { testCollections(t, e) })
			t.Run("OGC", func(t *testing.T) { testOGC(t, e) })
			t.Run("CQL2", func(t *testing.T) { testCQL2(t, e) })
			t.Run("Tiles", func(t *testing.T) { testTiles(t, e) })
			t.Run("CachingCORS", func(t *testing.T) { testCachingCORS(t, e) })
			t.Run("Match", func(t *testing.T) { testMatch(t, e) })
			t.Run("Auth", func(t *testing.T) { testAuth(t, e) })
			t.Run("Create", func(t *testing.T) { testCreate(t, e) })
			t.Run("ReplacePatch", func(t *testing.T) { testReplacePatch(t, e) })
			t.Run("Workflow", func(t *testing.T) { testWorkflow(t, e) })
			t.Run("Health", func(t *testing.T) { testHealth(t, e) })
		})
	}
}

func testItems(t *testing.T, e *env) {
	got := decodeFC(t, e.req(t, "GET", "/collections/parcels/items", 0, ""))
	if ids(got) != "p-1,p-2,p-3" || got.NumberMatched != 3 || got.NumberReturned != 3 {
		t.Fatalf("published parcels: %s matched %d returned %d", ids(got), got.NumberMatched, got.NumberReturned)
	}
	p1, p3 := got.Features[0].Properties, got.Features[2].Properties
	if a := p1["area_ha"].(float64); a < 115 || a > 125 {
		t.Errorf("area_ha of a 0.01° square at 20.8N = %v, want ≈ 120", a)
	}
	if p1["nearest_seaport"] != "port-op" || p1["nearest_deepsea_port"] != "port-op" {
		t.Errorf("nearest seaport %v: a planned port must not count", p1["nearest_seaport"])
	}
	if d := p1["distance_seaport_km"].(float64); d < 8 || d > 9.5 {
		t.Errorf("distance_seaport_km %v, want ≈ 8.7 (edge at 106.72 to 106.80)", d)
	}
	if p1["distance_substation_km"].(float64) != 0 {
		t.Errorf("the substation lies on p-1's corner: distance %v", p1["distance_substation_km"])
	}
	if p1["power_capacity_mva"].(float64) != 60 || p3["power_capacity_mva"].(float64) != 40 {
		t.Errorf("own value 60 must win; p-3 inherits 40: %v %v", p1["power_capacity_mva"], p3["power_capacity_mva"])
	}
	if fmt.Sprint(p3["inherited"]) != "[power_capacity_mva power_dual_feed water_m3_day]" {
		t.Errorf("p-3 inherited %v", p3["inherited"])
	}
	if p3["fibre_carriers"] != nil || p3["distance_hazard_km"] != nil {
		t.Errorf("unknown values must be null: fibre %v hazard %v", p3["fibre_carriers"], p3["distance_hazard_km"])
	}
	if y := p1["lease_term_remaining_years"].(float64); y < 30 || y > 40 {
		t.Errorf("lease_term_remaining_years %v", y)
	}
	if p1["name"] != "Lô 1" || p1["publication"] != "published" {
		t.Errorf("default language is Vietnamese: %v", p1["name"])
	}
	en := decodeFC(t, e.req(t, "GET", "/collections/parcels/items", 0, "", "Accept-Language", "en-GB,en;q=0.9"))
	if en.Features[0].Properties["name"] != "Plot 1" {
		t.Errorf("Accept-Language en: %v", en.Features[0].Properties["name"])
	}
	infra := decodeFC(t, e.req(t, "GET", "/collections/infrastructure/items?kind=seaport", 0, ""))
	if ids(infra) != "port-op,port-planned" {
		t.Errorf("infrastructure kind=seaport: %s", ids(infra))
	}
}

func testItemsParams(t *testing.T, e *env) {
	cases := []struct{ query, want string }{
		{"bbox=106.705,20.805,106.715,20.815", "p-1"},
		{"bbox=106.7155,20.8155,106.7156,20.8156", "p-1"}, // box inside the polygon
		{"bbox=100,10,101,11", ""},
		{"status=available", "p-1,p-3"},
		{"status=available,leased&sectors=data_center", "p-2"},
		{"power_capacity_mva=40", "p-2,p-3"}, // p-2 and p-3 inherit the zone's 40
		{"lease_price_usd_m2=150", "p-2"},
		{"limit=2", "p-1,p-2"},
		{"limit=2&offset=2", "p-3"},
		{"limit=99999", "p-1,p-2,p-3"},
	}
	for _, c := range cases {
		got := decodeFC(t, e.req(t, "GET", "/collections/parcels/items?"+c.query, 0, ""))
		if ids(got) != c.want {
			t.Errorf("%s: %q, want %q", c.query, ids(got), c.want)
		}
	}
	page := decodeFC(t, e.req(t, "GET", "/collections/parcels/items?limit=2&status=available,leased", 0, ""))
	var next string
	for _, l := range page.Links {
		if l.Rel == "next" {
			next = l.Href
		}
	}
	if !strings.HasPrefix(next, "http://example.com/collections/parcels/items?") || !strings.Contains(next, "offset=2") || !strings.Contains(next, "status=available%2Cleased") {
		t.Fatalf("next link %q", next)
	}
	last := decodeFC(t, e.req(t, "GET", strings.TrimPrefix(next, "http://example.com"), 0, ""))
	for _, l := range last.Links {
		if l.Rel == "next" {
			t.Errorf("last page has a next link")
		}
	}
	bad := []struct{ query, pointer string }{
		{"bbx=1,2,3,4", "bbx"},
		{"bbox=1,2,3", "bbox"},
		{"bbox=a,2,3,4", "bbox"},
		{"limit=0", "limit"},
		{"limit=unlimited", "limit"},
		{"offset=-1", "offset"},
		{"status=sold", "status"},
		{"power_capacity_mva=lots", "power_capacity_mva"},
		{"lang=fr", "lang"},
	}
	for _, c := range bad {
		p := problemOf(t, e.req(t, "GET", "/collections/parcels/items?"+c.query, 0, ""), 400)
		if pointers(p) != c.pointer {
			t.Errorf("%s: problem names %q, want %q (%v)", c.query, pointers(p), c.pointer, p["detail"])
		}
	}
}

func testItem(t *testing.T, e *env) {
	w := e.req(t, "GET", "/collections/parcels/items/p-1", 0, "")
	if w.Code != 200 || w.Header().Get("ETag") == "" || w.Header().Get("Content-Type") != "application/geo+json" {
		t.Fatalf("GET item: %d %v", w.Code, w.Header())
	}
	var f struct {
		Type  string
		ID    string
		Links []struct{ Rel, Href string }
	}
	_ = json.Unmarshal(w.Body.Bytes(), &f)
	if f.Type != "Feature" || f.ID != "p-1" || len(f.Links) != 2 {
		t.Errorf("feature body: %+v", f)
	}
	if !strings.Contains(w.Body.String(), `"coordinates":[[[[106.71,20.81],[106.72,20.81]`) {
		t.Errorf("geometry must be a counter-clockwise MultiPolygon: %s", w.Body.String()[:200])
	}
	problemOf(t, e.req(t, "GET", "/collections/parcels/items/nope", 0, ""), 404)
	problemOf(t, e.req(t, "GET", "/collections/parcels/items/p-draft", 0, ""), 404)
	if w := e.req(t, "GET", "/collections/parcels/items/p-draft", catalog.RoleViewer, ""); w.Code != 200 {
		t.Errorf("an officer sees drafts by id: %d", w.Code)
	}
	problemOf(t, e.req(t, "GET", "/collections/parcels/items/p-1?foo=1", 0, ""), 400)
}

func testCollections(t *testing.T, e *env) {
	w := e.req(t, "GET", "/collections", 0, "")
	var cols struct {
		Collections []struct {
			ID     string
			Extent struct{ Spatial struct{ Bbox [][]float64 } }
			Links  []struct{ Rel, Href string }
		}
	}
	if err := json.Unmarshal(w.Body.Bytes(), &cols); err != nil || w.Code != 200 {
		t.Fatalf("collections: %d %v", w.Code, err)
	}
	if len(cols.Collections) != 3 || cols.Collections[1].ID != "parcels" {
		t.Fatalf("collections: %+v", cols)
	}
	if bb := cols.Collections[1].Extent.Spatial.Bbox; len(bb) != 1 || bb[0][0] != 106.71 || bb[0][3] != 20.85 {
		t.Errorf("parcels extent %v (published only)", bb)
	}
	if w := e.req(t, "GET", "/collections/zones", 0, ""); w.Code != 200 || !strings.Contains(w.Body.String(), `"rel":"items"`) {
		t.Errorf("collection: %d %s", w.Code, w.Body)
	}
	problemOf(t, e.req(t, "GET", "/collections/roads", 0, ""), 404)
	problemOf(t, e.req(t, "GET", "/collections/roads/items", 0, ""), 404)
	if w := e.req(t, "GET", "/conformance", 0, ""); w.Code != 200 || !strings.Contains(w.Body.String(), "conf/geojson") {
		t.Errorf("conformance: %d %s", w.Code, w.Body)
	}
	if w := e.req(t, "GET", "/", 0, ""); w.Code != 200 || !strings.Contains(w.Body.String(), `"rel":"data"`) || !strings.Contains(w.Body.String(), `"rel":"service-desc"`) {
		t.Errorf("landing: %d %s", w.Code, w.Body)
	}
}

func testAuth(t *testing.T, e *env) {
	problemOf(t, e.req(t, "POST", "/collections/parcels/items", 0, draftParcel), 401)
	problemOf(t, e.req(t, "POST", "/collections/parcels/items", catalog.RoleViewer, draftParcel), 403)
	w := e.req(t, "GET", "/collections/parcels/items", 0, "", "Authorization", "Bearer lck_wrong")
	problemOf(t, w, 401)
	problemOf(t, e.req(t, "GET", "/collections/parcels/items?publication=draft", 0, ""), 401)
	got := decodeFC(t, e.req(t, "GET", "/collections/parcels/items?publication=draft", catalog.RoleViewer, ""))
	if ids(got) != "p-draft" {
		t.Errorf("officer ?publication=draft: %s", ids(got))
	}
}

func testCreate(t *testing.T, e *env) {
	// Codes are unique within a zone: the new parcels take codes of their own.
	body := strings.Replace(strings.Replace(draftParcel, `"id":"p-draft",`, "", 1), `"code":"P-D"`, `"code":"P-NEW"`, 1)
	rev0, _ := e.st.Revision(context.Background())
	bad := strings.Replace(strings.Replace(body, `"status":"in_preparation"`, `"status":"sold","lease_price_usd_m2":-5,"colour":"red"`, 1), `[106.74,20.84]}`, `[106.74,20.85]}`, 1)
	bad = strings.Replace(bad, `[106.74,20.85],[106.74,20.84]]`, `[106.74,20.85],[106.76,20.80]]`, 1)
	p := problemOf(t, e.req(t, "POST", "/collections/parcels/items", catalog.RoleEditor, bad), 422)
	want := "/geometry/coordinates/0/4 /properties/colour /properties/lease_price_usd_m2 /properties/status"
	if pointers(p) != want {
		t.Errorf("validation pointers %q, want %q", pointers(p), want)
	}
	if rev, _ := e.st.Revision(context.Background()); rev != rev0 {
		t.Fatalf("a rejected write changed the revision")
	}
	problemOf(t, e.req(t, "POST", "/collections/parcels/items", catalog.RoleEditor, `{"type":`), 400)
	huge := strings.Replace(body, `"code":"P-NEW"`, `"code":"`+strings.Repeat("x", 9<<20)+`"`, 1)
	problemOf(t, e.req(t, "POST", "/collections/parcels/items", catalog.RoleEditor, huge), 413)
	problemOf(t, e.req(t, "POST", "/collections/parcels/items", catalog.RoleEditor, body, "Content-Type", "text/plain"), 415)
	w := e.req(t, "POST", "/collections/parcels/items", catalog.RoleEditor, body)
	if w.Code != 201 || w.Header().Get("ETag") == "" || !strings.HasPrefix(w.Header().Get("Location"), "http://example.com/collections/parcels/items/parcel-") {
		t.Fatalf("create: %d %v %s", w.Code, w.Header(), w.Body)
	}
	loc := strings.TrimPrefix(w.Header().Get("Location"), "http://example.com")
	if w := e.req(t, "GET", loc, catalog.RoleEditor, ""); w.Code != 200 || !strings.Contains(w.Body.String(), `"publication":"draft"`) {
		t.Errorf("read your write: %d %s", w.Code, w.Body)
	}
	if w := e.req(t, "GET", loc, 0, ""); w.Code != 404 {
		t.Errorf("a new feature is a draft, hidden from the public: %d", w.Code)
	}
	computed := strings.Replace(strings.Replace(body, `"status":"in_preparation"`, `"status":"available","area_ha":9999,"distance_seaport_km":0`, 1), `"P-NEW"`, `"P-PUT"`, 1)
	w = e.req(t, "PUT", "/collections/parcels/items/p-put", catalog.RoleEditor, computed, "If-None-Match", "*")
	if w.Code != 201 || strings.Contains(w.Body.String(), "9999") {
		t.Errorf("PUT-create ignoring computed fields: %d %s", w.Code, w.Body)
	}
	problemOf(t, e.req(t, "PUT", "/collections/parcels/items/p-put", catalog.RoleEditor, body, "If-None-Match", "*"), 412)
}

func testReplacePatch(t *testing.T, e *env) {
	get := e.req(t, "GET", "/collections/parcels/items/p-3", 0, "")
	tag := get.Header().Get("ETag")
	put := strings.Replace(strings.Replace(draftParcel, `"p-draft"`, `"p-3"`, 1), `"in_preparation"`, `"available","lease_price_usd_m2":98`, 1)
	put = strings.Replace(put, `"code":"P-D"`, `"code":"P-3"`, 1)
	problemOf(t, e.req(t, "PUT", "/collections/parcels/items/p-3", catalog.RoleEditor, put), 428)
	problemOf(t, e.req(t, "PATCH", "/collections/parcels/items/p-3", catalog.RoleEditor, `{}`, "Content-Type", "application/merge-patch+json"), 428)
	problemOf(t, e.req(t, "PUT", "/collections/parcels/items/p-3", catalog.RoleEditor, put, "If-Match", `"v99-0"`), 412)
	problemOf(t, e.req(t, "PUT", "/collections/parcels/items/nope", catalog.RoleEditor, strings.Replace(put, `"id":"p-3",`, "", 1), "If-Match", tag), 404)
	w := e.req(t, "PUT", "/collections/parcels/items/p-3", catalog.RoleEditor, put, "If-Match", tag)
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"lease_price_usd_m2":98`) || w.Header().Get("ETag") == tag {
		t.Fatalf("PUT: %d %s", w.Code, w.Body)
	}
	tag = w.Header().Get("ETag")
	patch := func(body, etag string) *httptest.ResponseRecorder {
		return e.req(t, "PATCH", "/collections/parcels/items/p-3", catalog.RoleEditor, body, "Content-Type", "application/merge-patch+json", "If-Match", etag)
	}
	w = patch(`{"properties":{"fibre_carriers":3,"power_capacity_mva":null,"status":"reserved"}}`, tag)
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"fibre_carriers":3`) || !strings.Contains(w.Body.String(), `"status":"reserved"`) {
		t.Fatalf("PATCH: %d %s", w.Code, w.Body)
	}
	// Two officers edit from the same ETag: the second is refused.
	if w2 := patch(`{"properties":{"fibre_carriers":4}}`, tag); w2.Code != 412 {
		t.Errorf("concurrent PATCH with a stale ETag: %d", w2.Code)
	}
	p := problemOf(t, patch(`{"properties":{"fibre_carriers":-1}}`, w.Header().Get("ETag")), 422)
	if pointers(p) != "/properties/fibre_carriers" {
		t.Errorf("patch validation: %v", p)
	}
	p = problemOf(t, patch(`{"id":"other"}`, w.Header().Get("ETag")), 422)
	if pointers(p) != "/id" {
		t.Errorf("patching the id: %v", p)
	}
}

func testWorkflow(t *testing.T, e *env) {
	pub := func(role catalog.Role, state string) *httptest.ResponseRecorder {
		return e.req(t, "POST", "/collections/parcels/items/p-draft/publication", role, `{"state":"`+state+`"}`, "Content-Type", "application/json")
	}
	if w := pub(catalog.RoleEditor, "in_review"); w.Code != 200 || !strings.Contains(w.Body.String(), `"publication":"in_review"`) {
		t.Fatalf("editor → in_review: %d %s", w.Code, w.Body)
	}
	problemOf(t, pub(catalog.RoleEditor, "published"), 403)
	p := problemOf(t, pub(catalog.RolePublisher, "sold"), 422)
	if pointers(p) != "/state" {
		t.Errorf("bad state: %v", p)
	}
	if w := pub(catalog.RolePublisher, "published"); w.Code != 200 {
		t.Fatalf("publisher → published: %d %s", w.Code, w.Body)
	}
	if w := e.req(t, "GET", "/collections/parcels/items/p-draft", 0, ""); w.Code != 200 {
		t.Fatalf("published feature visible to the public: %d", w.Code)
	}
	tag := e.req(t, "GET", "/collections/parcels/items/p-draft", 0, "").Header().Get("ETag")
	problemOf(t, e.req(t, "DELETE", "/collections/parcels/items/p-draft", catalog.RolePublisher, ""), 428)
	problemOf(t, e.req(t, "DELETE", "/collections/parcels/items/p-draft", catalog.RoleEditor, "", "If-Match", tag), 403)
	if w := e.req(t, "DELETE", "/collections/parcels/items/p-draft", catalog.RolePublisher, "", "If-Match", tag); w.Code != 204 {
		t.Fatalf("archive: %d %s", w.Code, w.Body)
	}
	problemOf(t, e.req(t, "GET", "/collections/parcels/items/p-draft", 0, ""), 404)
	got := decodeFC(t, e.req(t, "GET", "/collections/parcels/items?publication=archived", catalog.RoleViewer, ""))
	if ids(got) != "p-draft" {
		t.Errorf("archived, history kept: %s", ids(got))
	}
	tag = e.req(t, "GET", "/collections/parcels/items/p-draft", catalog.RoleEditor, "").Header().Get("ETag")
	problemOf(t, e.req(t, "PATCH", "/collections/parcels/items/p-draft", catalog.RoleEditor, `{"properties":{"code":"X"}}`, "Content-Type", "application/merge-patch+json", "If-Match", tag), 409)
	db, _ := e.st.SQLDB()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM audit_log WHERE feature_id = 'p-draft'`).Scan(&n); err != nil || n != 4 {
		t.Errorf("audit rows for p-draft: %d %v (import, review, publish, archive)", n, err)
	}
}

func testHealth(t *testing.T, e *env) {
	if w := e.req(t, "GET", "/healthz", 0, ""); w.Code != 200 {
		t.Errorf("healthz %d", w.Code)
	}
	for _, path := range []string{"/readyz", "/readyz?strict=true"} {
		if w := e.req(t, "GET", path, 0, ""); w.Code != 200 || !strings.Contains(w.Body.String(), `"database":"ok"`) || !strings.Contains(w.Body.String(), `"writes":"ok"`) {
			t.Errorf("%s %d %s", path, w.Code, w.Body)
		}
	}
	problemOf(t, e.req(t, "GET", "/readyz?strict=maybe", 0, ""), 400)
	m := e.req(t, "GET", "/metrics", 0, "").Body.String()
	for _, want := range []string{`landcat_http_requests_total{method="GET",route="/collections/:collectionId/items",status="200"}`,
		`landcat_features{collection="parcels"} `, "landcat_catalogue_revision", "go_goroutines"} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func testOGC(t *testing.T, e *env) {
	w := e.req(t, "GET", "/collections/parcels/queryables", 0, "")
	var qs struct {
		Properties map[string]map[string]any
	}
	if err := json.Unmarshal(w.Body.Bytes(), &qs); err != nil || w.Code != 200 || w.Header().Get("Content-Type") != "application/schema+json" {
		t.Fatalf("queryables: %d %v %s", w.Code, err, w.Header().Get("Content-Type"))
	}
	if qs.Properties["area_ha"]["type"] != "number" || qs.Properties["status"]["enum"] == nil || qs.Properties["sectors"]["type"] != "array" ||
		qs.Properties["available_from"]["format"] != "date" || qs.Properties["geometry"]["format"] != "geometry-multipolygon" {
		t.Errorf("queryables: %v", qs.Properties)
	}
	cases := []struct{ query, want string }{
		{"sortby=-lease_price_usd_m2", "p-2,p-1,p-3"},
		{"sortby=+lease_price_usd_m2", "p-3,p-1,p-2"},
		{"sortby=lease_until,id", "p-1,p-2,p-3"}, // unknown lease_until sorts last
		{"sortby=-area_ha&limit=1", "p-1"},
		{"datetime=2000-01-01T00:00:00Z/..", "p-1,p-2,p-3"},
		{"datetime=../2000-01-01", ""},
		{"datetime=2000-01-01/2000-02-01", ""},
		{"bbox=106.705,20.805,106.715,20.815&bbox-crs=http://www.opengis.net/def/crs/OGC/1.3/CRS84", "p-1"},
	}
	for _, c := range cases {
		if got := decodeFC(t, e.req(t, "GET", "/collections/parcels/items?"+c.query, 0, "")); ids(got) != c.want {
			t.Errorf("%s: %q, want %q", c.query, ids(got), c.want)
		}
	}
	for _, bad := range []string{"sortby=colour", "sortby=sectors", "datetime=yesterday", "datetime=2020-01-02/2020-01-01", "bbox=1,2,3,4&bbox-crs=EPSG:3857"} {
		problemOf(t, e.req(t, "GET", "/collections/parcels/items?"+bad, 0, ""), 400)
	}
	var col struct {
		Extent struct{ Temporal struct{ Interval [][]string } }
		Links  []struct{ Rel string }
	}
	_ = json.Unmarshal(e.req(t, "GET", "/collections/parcels", 0, "").Body.Bytes(), &col)
	if len(col.Extent.Temporal.Interval) != 1 {
		t.Errorf("temporal extent: %+v", col.Extent)
	}
	rels := map[string]bool{}
	for _, l := range col.Links {
		rels[l.Rel] = true
	}
	if !rels["http://www.opengis.net/def/rel/ogc/1.0/queryables"] || !rels["describedBy"] || !rels["items"] {
		t.Errorf("collection links: %v", rels)
	}
	for _, path := range []string{"/?f=html", "/collections?f=html", "/collections/parcels?f=html", "/collections/parcels/items?f=html&limit=2", "/collections/parcels/items/p-1?f=html"} {
		w := e.req(t, "GET", path, 0, "")
		if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") || !strings.Contains(w.Body.String(), "</html>") {
			t.Errorf("%s: %d %s", path, w.Code, w.Header().Get("Content-Type"))
		}
	}
	browser := "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	if w := e.req(t, "GET", "/collections/parcels/items", 0, "", "Accept", browser); !strings.Contains(w.Body.String(), "Lô 1") || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Errorf("a browser gets HTML: %s", w.Header().Get("Content-Type"))
	}
	if w := e.req(t, "GET", "/collections/parcels/items", 0, "", "Accept", "application/geo+json, application/json"); w.Header().Get("Content-Type") != "application/geo+json" {
		t.Errorf("GDAL gets GeoJSON: %s", w.Header().Get("Content-Type"))
	}
	problemOf(t, e.req(t, "GET", "/collections/parcels/items?f=xml", 0, ""), 406)
}

func testCQL2(t *testing.T, e *env) {
	cases := []struct{ filter, lang, want string }{
		{"status = 'available' AND lease_price_usd_m2 < 110", "", "p-3"},
		{"S_INTERSECTS(geometry, BBOX(106.705,20.805,106.715,20.815))", "", "p-1"},
		{"S_INTERSECTS(geometry, POLYGON((106.735 20.805, 106.745 20.805, 106.745 20.815, 106.735 20.815, 106.735 20.805)))", "", "p-2"},
		{"A_CONTAINS(sectors, ('data_center'))", "", "p-2"},
		{"power_capacity_mva >= 40 AND NOT power_dual_feed = false", "", "p-1,p-2,p-3"},
		{"lease_until IS NULL", "", "p-2,p-3"},
		{"lease_until > DATE('2050-01-01')", "", "p-1"},
		{"name_en LIKE 'Plot _' AND id IN ('p-1','p-3')", "", "p-1,p-3"},
		{"distance_seaport_km BETWEEN 6 AND 7", "", "p-2"},
		{"status = 'available'", "cql-text", "p-1,p-3"},
		{`{"op":"=","args":[{"property":"status"},"leased"]}`, "cql2-json", "p-2"},
	}
	for _, c := range cases {
		q := url.Values{"filter": {c.filter}}
		if c.lang != "" {
			q.Set("filter-lang", c.lang)
		}
		if got := decodeFC(t, e.req(t, "GET", "/collections/parcels/items?"+q.Encode(), 0, "")); ids(got) != c.want {
			t.Errorf("%s: %q, want %q", c.filter, ids(got), c.want)
		}
	}
	bad := []struct{ filter, lang, detail string }{
		{"status = ", "", "at 9"},
		{"colour = 'red'", "", "colour"},
		{"area_ha = 'big'", "", "area_ha"},
		{"status = 'x'", "sql", "filter-lang"},
		{`{"op":"="`, "cql2-json", "cql2"},
	}
	for _, c := range bad {
		q := url.Values{"filter": {c.filter}}
		if c.lang != "" {
			q.Set("filter-lang", c.lang)
		}
		p := problemOf(t, e.req(t, "GET", "/collections/parcels/items?"+q.Encode(), 0, ""), 400)
		if d, _ := p["detail"].(string); !strings.Contains(d, c.detail) {
			t.Errorf("%s: detail %q should mention %q", c.filter, d, c.detail)
		}
	}
}

func testTiles(t *testing.T, e *env) {
	// p-1 (106.71–106.72, 20.81–20.82) lies in z14 tile x=13048 y=7223.
	w := e.req(t, "GET", "/collections/parcels/tiles/WebMercatorQuad/14/7223/13048", 0, "")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/vnd.mapbox-vector-tile" || w.Header().Get("ETag") == "" {
		t.Fatalf("parcel tile: %d %v", w.Code, w.Header())
	}
	layers, err := mvt.Unmarshal(w.Body.Bytes())
	if err != nil || len(layers) != 1 || layers[0].Name != "parcels" || layers[0].Version != 2 || layers[0].Extent != 4096 {
		t.Fatalf("decode: %v %+v", err, layers)
	}
	if w2 := e.req(t, "GET", "/collections/parcels/tiles/WebMercatorQuad/14/7223/13048", 0, "", "If-None-Match", w.Header().Get("ETag")); w2.Code != 304 {
		t.Errorf("If-None-Match: %d", w2.Code)
	}
	all := e.req(t, "GET", "/tiles/WebMercatorQuad/14/7223/13048", 0, "")
	layers, _ = mvt.Unmarshal(all.Body.Bytes())
	names := map[string]bool{}
	for _, l := range layers {
		names[l.Name] = true
	}
	if !names["parcels"] || !names["zones"] || !names["infrastructure"] {
		t.Errorf("dataset tile layers: %v", names)
	}
	if w := e.req(t, "GET", "/tiles/WebMercatorQuad/14/0/0", 0, ""); w.Code != 204 {
		t.Errorf("empty tile: %d", w.Code)
	}
	for _, bad := range []string{"/tiles/WebMercatorQuad/25/0/0", "/tiles/WebMercatorQuad/2/4/0", "/tiles/WebMercatorQuad/2/0/x"} {
		problemOf(t, e.req(t, "GET", bad, 0, ""), 400)
	}
	problemOf(t, e.req(t, "GET", "/collections/roads/tiles/WebMercatorQuad/1/0/0", 0, ""), 404)
	var tj struct {
		TileJSON string   `json:"tilejson"`
		Tiles    []string `json:"tiles"`
	}
	_ = json.Unmarshal(e.req(t, "GET", "/collections/parcels/tiles/WebMercatorQuad", 0, "").Body.Bytes(), &tj)
	if tj.TileJSON != "3.0.0" || len(tj.Tiles) != 1 || !strings.HasSuffix(tj.Tiles[0], "/collections/parcels/tiles/WebMercatorQuad/{z}/{y}/{x}") {
		t.Errorf("TileJSON: %+v", tj)
	}
	for _, p := range []string{"/tiles", "/collections/zones/tiles", "/tileMatrixSets", "/tileMatrixSets/WebMercatorQuad"} {
		if w := e.req(t, "GET", p, 0, ""); w.Code != 200 {
			t.Errorf("%s: %d", p, w.Code)
		}
	}
	// A write makes the affected tile fresh at once.
	tag := e.req(t, "GET", "/collections/parcels/items/p-1", 0, "").Header().Get("ETag")
	patch := e.req(t, "PATCH", "/collections/parcels/items/p-1", catalog.RoleEditor, `{"properties":{"status":"reserved"}}`, "Content-Type", "application/merge-patch+json", "If-Match", tag)
	if patch.Code != 200 {
		t.Fatalf("patch: %d %s", patch.Code, patch.Body)
	}
	after := e.req(t, "GET", "/collections/parcels/tiles/WebMercatorQuad/14/7223/13048", 0, "", "If-None-Match", w.Header().Get("ETag"))
	if after.Code != 200 || !bytes.Contains(after.Body.Bytes(), []byte("reserved")) {
		t.Errorf("after a write the tile must change: %d", after.Code)
	}
}

func testCachingCORS(t *testing.T, e *env) {
	w := e.req(t, "GET", "/collections/parcels/items", 0, "")
	tag := w.Header().Get("ETag")
	if tag == "" || w.Header().Get("Cache-Control") != "public, max-age=0, must-revalidate" || !strings.Contains(strings.Join(w.Header().Values("Vary"), ","), "Accept-Encoding") {
		t.Fatalf("items caching headers: %v", w.Header())
	}
	if w2 := e.req(t, "GET", "/collections/parcels/items", 0, "", "If-None-Match", tag); w2.Code != 304 || w2.Body.Len() != 0 {
		t.Errorf("If-None-Match on items: %d", w2.Code)
	}
	gz := e.req(t, "GET", "/collections/parcels/items", 0, "", "Accept-Encoding", "gzip, br")
	if gz.Header().Get("Content-Encoding") != "gzip" || gz.Header().Get("ETag") == tag || !strings.HasSuffix(gz.Header().Get("ETag"), `-gz"`) {
		t.Fatalf("gzip: %v", gz.Header())
	}
	zr, err := gzip.NewReader(gz.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if !bytes.Equal(plain, w.Body.Bytes()) {
		t.Errorf("gzip body differs from the identity body")
	}
	if w2 := e.req(t, "GET", "/collections/parcels/items", 0, "", "Accept-Encoding", "gzip", "If-None-Match", tag); w2.Code == 304 {
		t.Errorf("the identity ETag must not validate the gzip representation")
	}
	if w := e.req(t, "GET", "/api", 0, ""); w.Header().Get("Cache-Control") != "public, max-age=3600" {
		t.Errorf("/api Cache-Control %q", w.Header().Get("Cache-Control"))
	}
	if w := e.req(t, "GET", "/collections/parcels/items", catalog.RoleViewer, ""); !strings.HasPrefix(w.Header().Get("Cache-Control"), "private") {
		t.Errorf("an officer's view must be private: %q", w.Header().Get("Cache-Control"))
	}
	// CORS: public reads from anywhere, credentials only from configured origins.
	w = e.req(t, "GET", "/collections/parcels/items", 0, "", "Origin", "https://any.example")
	if w.Header().Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(w.Header().Get("Access-Control-Expose-Headers"), "ETag") {
		t.Errorf("public GET CORS: %v", w.Header())
	}
	pre := func(origin, method, headers string) *httptest.ResponseRecorder {
		return e.req(t, "OPTIONS", "/collections/parcels/items/p-1", 0, "", "Origin", origin, "Access-Control-Request-Method", method, "Access-Control-Request-Headers", headers)
	}
	if w := pre("https://any.example", "GET", "accept"); w.Code != 204 || w.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("GET preflight: %d %v", w.Code, w.Header())
	}
	if w := pre("https://any.example", "PATCH", "authorization,content-type,if-match"); w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("a write from an unlisted origin must not be allowed: %v", w.Header())
	}
	if w := pre("https://officers.example", "PATCH", "authorization,content-type,if-match"); w.Header().Get("Access-Control-Allow-Origin") != "https://officers.example" ||
		!strings.Contains(w.Header().Get("Access-Control-Allow-Methods"), "PATCH") || !strings.Contains(w.Header().Get("Access-Control-Allow-Headers"), "If-Match") {
		t.Errorf("officers' preflight: %v", w.Header())
	}
	if w := e.req(t, "OPTIONS", "/collections/parcels/items", 0, ""); w.Code != 204 || !strings.Contains(w.Header().Get("Allow"), "POST") {
		t.Errorf("OPTIONS Allow: %d %q", w.Code, w.Header().Get("Allow"))
	}
	problemOf(t, e.req(t, "OPTIONS", "/nowhere", 0, ""), 404)
}

func testMatch(t *testing.T, e *env) {
	post := func(body string, headers ...string) *httptest.ResponseRecorder {
		return e.req(t, "POST", "/match", 0, body, append([]string{"Content-Type", "application/json"}, headers...)...)
	}
	w := post(`{"requirements":{"min_power_capacity_mva":50,"statuses":["available","reserved","leased"]},"weights":{"lease_price_usd_m2":1},"limit":5}`)
	var res struct {
		Considered, Matched int
		Results             []struct {
			ID       string
			Rank     int
			Score    float64
			Criteria []struct{ Criterion, Explanation string }
		}
		Excluded []struct {
			ID      string
			Reasons []struct{ Criterion, Message string }
		}
		Funnel []struct {
			Criterion  string
			Eliminated int
		}
	}
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || w.Code != 200 {
		t.Fatalf("match: %d %v %s", w.Code, err, w.Body)
	}
	if res.Considered < 3 || res.Matched < 1 || res.Results[0].ID != "p-1" || res.Results[0].Rank != 1 || len(res.Results[0].Criteria) != 1 {
		t.Fatalf("match result: %+v", res)
	}
	byID := map[string]string{}
	for _, x := range res.Excluded {
		byID[x.ID] = x.Reasons[0].Criterion + ": " + x.Reasons[0].Message
	}
	if !strings.Contains(byID["p-3"], "min_power_capacity_mva") {
		t.Errorf("p-3 (40 MVA inherited) must be excluded by power: %v", byID)
	}
	if len(res.Funnel) == 0 {
		t.Errorf("no funnel")
	}
	if w := post(`{"requirements":{"min_power_capacity_mva":50}}`, "Accept", "application/geo+json"); w.Code != 200 ||
		w.Header().Get("Content-Type") != "application/geo+json" || !strings.Contains(w.Body.String(), `"match_rank":1`) {
		t.Errorf("geo+json match: %d %.300s", w.Code, w.Body)
	}
	p := problemOf(t, post(`{"requirements":{"min_area_ha":-1,"colour":"red"},"weights":{"status":2}}`), 400)
	for _, ptr := range []string{"/requirements/min_area_ha", "/requirements/colour", "/weights/status"} {
		if !strings.Contains(pointers(p), ptr) {
			t.Errorf("bad request must name %s: %s", ptr, pointers(p))
		}
	}
	problemOf(t, post(`{"sector":"mining"}`), 400)
	if w := post(`{"sector":"data_center"}`, "Content-Type", "text/plain"); w.Code != 415 {
		t.Errorf("Content-Type text/plain: %d", w.Code)
	}
	w = post(`{"sector":"data_center"}`)
	if w.Code != 200 {
		t.Errorf("data_center profile: %d %s", w.Code, w.Body)
	}
	var profiles struct{ Profiles []struct{ Name string } }
	_ = json.Unmarshal(e.req(t, "GET", "/match/profiles", 0, "").Body.Bytes(), &profiles)
	if len(profiles.Profiles) != 4 {
		t.Errorf("profiles: %+v", profiles)
	}
	problemOf(t, e.req(t, "GET", "/match/demand", 0, ""), 401)
	problemOf(t, e.req(t, "GET", "/match/demand", catalog.RoleViewer, ""), 403)
	deadline := time.Now().Add(5 * time.Second)
	for {
		var rep struct{ Requests int }
		w := e.req(t, "GET", "/match/demand?from=2000-01-01", catalog.RoleEditor, "")
		_ = json.Unmarshal(w.Body.Bytes(), &rep)
		if w.Code == 200 && rep.Requests >= 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("demand never showed the match requests: %d %s", w.Code, w.Body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	problemOf(t, e.req(t, "GET", "/match/demand?from=yesterday", catalog.RoleEditor, ""), 400)
}

// TestDatabaseDown: with the database gone, reads are served from the last
// snapshot, writes fail fast with 503 and Retry-After; /readyz stays 200
// and says so, /readyz?strict=true is a 503.
func TestDatabaseDown(t *testing.T) {
	e := newEnv(t, testdb.SQLite(t))
	if err := e.st.Close(); err != nil {
		t.Fatal(err)
	}
	if got := decodeFC(t, e.req(t, "GET", "/collections/parcels/items", 0, "")); got.NumberMatched != 3 {
		t.Errorf("reads from the snapshot: %d", got.NumberMatched)
	}
	// Still ready: the snapshot serves reads. The body says what is
	// degraded; the strict check requires the database.
	w := e.req(t, "GET", "/readyz", 0, "")
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"database":"unavailable"`) || !strings.Contains(w.Body.String(), `"writes":"degraded"`) {
		t.Errorf("readyz with the database down: %d %s", w.Code, w.Body)
	}
	w = e.req(t, "GET", "/readyz?strict=true", 0, "")
	if w.Code != 503 || w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), `"database":"unavailable"`) {
		t.Errorf("strict readyz with the database down: %d %v %s", w.Code, w.Header(), w.Body)
	}
	if w := e.req(t, "GET", "/healthz", 0, ""); w.Code != 200 {
		t.Errorf("healthz with the database down: %d", w.Code)
	}
	// The API key cannot be checked either: an officer gets a 503, not a 401.
	w = e.req(t, "POST", "/collections/parcels/items", catalog.RoleEditor, draftParcel)
	p := problemOf(t, w, 503)
	if w.Header().Get("Retry-After") == "" || p["detail"] == "" {
		t.Errorf("write with the database down: %v %v", w.Header(), p)
	}
}

// TestWrittenButNotApplied: a write is committed but the read model cannot
// take it in (it had to read other replicas' commits and the database went
// away meanwhile). The officer still gets the committed feature with its
// new ETag — not a 500 (a retry would find the write done), nor the
// previous version with a stale ETag.
func TestWrittenButNotApplied(t *testing.T) {
	e := newEnv(t, testdb.SQLite(t), withDeps(func(d *httpapi.Deps) {
		d.Service.Applied = func(context.Context, catalog.Commit) error {
			return errors.New("catch up: the database is unavailable")
		}
	}))
	w := e.req(t, "PUT", "/collections/parcels/items/p-new", catalog.RoleEditor,
		strings.NewReplacer(`"code":"P-D"`, `"code":"P-NEW"`, `"id":"p-draft",`, ``).Replace(draftParcel), "If-None-Match", "*")
	if w.Code != 201 || !strings.HasPrefix(w.Header().Get("ETag"), `"v1-`) || !strings.Contains(w.Body.String(), `"id":"p-new"`) {
		t.Fatalf("create not applied to the read model: %d %v %s", w.Code, w.Header(), w.Body)
	}
	get := e.req(t, "GET", "/collections/parcels/items/p-1", 0, "")
	w = e.req(t, "PATCH", "/collections/parcels/items/p-1", catalog.RoleEditor, `{"properties":{"water_m3_day":4242}}`,
		"If-Match", get.Header().Get("ETag"), "Content-Type", "application/merge-patch+json")
	if w.Code != 200 || w.Header().Get("ETag") == get.Header().Get("ETag") || !strings.Contains(w.Body.String(), `"water_m3_day":4242`) {
		t.Fatalf("patch not applied to the read model: %d ETag %s (before %s) %s", w.Code, w.Header().Get("ETag"), get.Header().Get("ETag"), w.Body)
	}
}
