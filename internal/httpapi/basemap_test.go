package httpapi_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/testdb"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
)

// TestBasemap serves the embedded basemap through the real router: its
// TileJSON names the sources and attribution, a tile over Hai Phong holds
// land and places, an empty area answers 204, and the ETag gives a 304.
func TestBasemap(t *testing.T) {
	e := newEnv(t, testdb.SQLite(t))
	w := e.req(t, "GET", "/map/basemap/WebMercatorQuad", 0, "")
	var tj struct {
		Tiles       []string `json:"tiles"`
		Attribution string   `json:"attribution"`
		Sources     []struct{ Licence string }
	}
	if err := json.Unmarshal(w.Body.Bytes(), &tj); err != nil || w.Code != 200 {
		t.Fatalf("%d %v: %s", w.Code, err, w.Body)
	}
	if len(tj.Tiles) != 1 || !strings.HasSuffix(tj.Tiles[0], "/map/basemap/WebMercatorQuad/{z}/{y}/{x}") ||
		!strings.Contains(tj.Attribution, "GSHHG") || !strings.Contains(tj.Attribution, "GeoNames") || len(tj.Sources) < 2 {
		t.Errorf("TileJSON %+v", tj)
	}
	tl := maptile.At(orb.Point{106.68, 20.86}, 11)
	path := fmt.Sprintf("/map/basemap/WebMercatorQuad/11/%d/%d", tl.Y, tl.X)
	w = e.req(t, "GET", path, 0, "")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/vnd.mapbox-vector-tile" {
		t.Fatalf("GET %s: %d %v", path, w.Code, w.Header())
	}
	layers, err := mvt.Unmarshal(w.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, l := range layers {
		got[l.Name] = len(l.Features)
	}
	if got["land"] == 0 || got["places"] == 0 {
		t.Errorf("layers %v", got)
	}
	if w2 := e.req(t, "GET", path, 0, "", "If-None-Match", w.Header().Get("ETag")); w2.Code != 304 {
		t.Errorf("If-None-Match: %d", w2.Code)
	}
	if w := e.req(t, "GET", "/map/basemap/WebMercatorQuad/11/100/100", 0, ""); w.Code != 204 {
		t.Errorf("far from Hai Phong: %d", w.Code)
	}
	problemOf(t, e.req(t, "GET", "/map/basemap/WebMercatorQuad/3/0/9", 0, ""), 400)
}

// TestGlyphs serves the label glyphs under the page's versioned assets:
// a generated range, and an empty range for one that was not generated.
func TestGlyphs(t *testing.T) {
	e := newEnv(t, testdb.SQLite(t))
	page := e.req(t, "GET", "/map", 0, "").Body.String()
	m := regexp.MustCompile(`map/assets/([0-9a-f]+)/`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no asset prefix in the page")
	}
	prefix := "/map/assets/" + m[1] + "/glyphs/"
	w := e.req(t, "GET", prefix+"NotoSans-Regular/7680-7935.pbf", 0, "")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/x-protobuf" || w.Body.Len() < 10000 ||
		w.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("Vietnamese range: %d %v, %d bytes", w.Code, w.Header(), w.Body.Len())
	}
	if w := e.req(t, "GET", prefix+"NotoSans-Bold/40960-41215.pbf", 0, ""); w.Code != 200 || w.Body.Len() != 0 {
		t.Errorf("range not generated: %d, %d bytes", w.Code, w.Body.Len())
	}
	problemOf(t, e.req(t, "GET", prefix+"Arial/0-255.pbf", 0, ""), 404)
}
