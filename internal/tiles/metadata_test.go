package tiles_test

import (
	"encoding/json"
	"math"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/tiles"
	"github.com/paulmach/orb"
)

var haiPhong = orb.Bound{Min: orb.Point{106.40, 20.65}, Max: orb.Point{106.95, 21.05}}

// roundTrip encodes a document as the HTTP layer will and decodes it
// generically, so the checks see JSON, not Go types.
func roundTrip(t *testing.T, doc map[string]any) map[string]any {
	t.Helper()
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestTileJSON(t *testing.T) {
	doc := roundTrip(t, tiles.TileJSON("https://landcat.example/collections/parcels/", "Parcels",
		[]catalog.Collection{catalog.Parcels}, haiPhong, 0, 16))
	if doc["tilejson"] != "3.0.0" || doc["name"] != "Parcels" || doc["minzoom"] != 0.0 || doc["maxzoom"] != 16.0 {
		t.Errorf("header: %v", doc)
	}
	if tl := doc["tiles"].([]any); len(tl) != 1 || tl[0] != "https://landcat.example/collections/parcels/tiles/WebMercatorQuad/{z}/{y}/{x}" {
		t.Errorf("tiles %v: want the OGC z/y/x template", tl)
	}
	if b := doc["bounds"].([]any); b[0] != 106.40 || b[3] != 21.05 {
		t.Errorf("bounds %v", b)
	}
	c := doc["center"].([]any)
	if !haiPhong.Contains(orb.Point{c[0].(float64), c[1].(float64)}) || c[2].(float64) < 0 || c[2].(float64) > 16 {
		t.Errorf("center %v", c)
	}
	vl := doc["vector_layers"].([]any)[0].(map[string]any)
	fields := vl["fields"].(map[string]any)
	if vl["id"] != "parcels" || vl["minzoom"] != float64(tiles.ParcelMinZoom) || fields["status"] != "String" ||
		fields["area_ha"] != "Number" || fields["sectors"] != "String" || len(fields) != len(tiles.PropertyNames(catalog.Parcels, 16)) {
		t.Errorf("vector layer %v", vl)
	}
}

func TestTileMatrixSet(t *testing.T) {
	doc := roundTrip(t, tiles.TileMatrixSet())
	if doc["id"] != "WebMercatorQuad" || doc["uri"] != tiles.TileMatrixSetURI || doc["crs"] != tiles.CRS3857 {
		t.Errorf("header: %v", doc)
	}
	ms := doc["tileMatrices"].([]any)
	if len(ms) != tiles.MaxZoom+1 {
		t.Fatalf("%d tile matrices", len(ms))
	}
	// Values of the OGC registry's WebMercatorQuad.json.
	for _, want := range []struct {
		i           int
		scale, cell float64
	}{{0, 559082264.028717, 156543.033928041}, {13, 68247.346683193, 19.109257071294}, {24, 33.3238997476528, 0.0093306919293428}} {
		m := ms[want.i].(map[string]any)
		if !approx(m["scaleDenominator"].(float64), want.scale) || !approx(m["cellSize"].(float64), want.cell) ||
			m["matrixWidth"] != math.Exp2(float64(want.i)) || m["id"] != strconv.Itoa(want.i) {
			t.Errorf("matrix %d: %v", want.i, m)
		}
	}
	o := ms[5].(map[string]any)["pointOfOrigin"].([]any)
	if !approx(o[0].(float64), -20037508.3427892) || !approx(o[1].(float64), 20037508.3427892) {
		t.Errorf("point of origin %v", o)
	}
	list := roundTrip(t, tiles.TileMatrixSets("https://landcat.example"))
	item := list["tileMatrixSets"].([]any)[0].(map[string]any)
	if item["id"] != "WebMercatorQuad" || !hasLink(item, "self", "https://landcat.example/tileMatrixSets/WebMercatorQuad") {
		t.Errorf("list %v", list)
	}
}

func approx(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Abs(b) }

func hasLink(doc map[string]any, rel, href string) bool {
	for _, l := range doc["links"].([]any) {
		l := l.(map[string]any)
		if l["rel"] == rel && l["href"] == href && l["type"] != nil {
			return true
		}
	}
	return false
}

func TestTileset(t *testing.T) {
	ts := tiles.Tileset{RootURL: "https://landcat.example/", Path: "/collections/parcels", Title: "Parcels",
		Layers: []catalog.Collection{catalog.Parcels}, Bounds: haiPhong, MaxZoom: 16}
	doc := roundTrip(t, ts.Metadata())
	base := "https://landcat.example/collections/parcels/tiles/WebMercatorQuad"
	if doc["dataType"] != "vector" || doc["crs"] != tiles.CRS3857 || doc["tileMatrixSetURI"] != tiles.TileMatrixSetURI ||
		doc["tilejson"] != "3.0.0" || ts.TilesURL() != base {
		t.Errorf("header: %v", doc)
	}
	for _, l := range [][2]string{{"self", base}, {tiles.RelTilingScheme, "https://landcat.example/tileMatrixSets/WebMercatorQuad"},
		{"item", base + "/{tileMatrix}/{tileRow}/{tileCol}"}, {"http://www.opengis.net/def/rel/ogc/1.0/geodata", "https://landcat.example/collections/parcels"}} {
		if !hasLink(doc, l[0], l[1]) {
			t.Errorf("no %s link to %s: %v", l[0], l[1], doc["links"])
		}
	}
	layer := doc["layers"].([]any)[0].(map[string]any)
	props := layer["propertiesSchema"].(map[string]any)["properties"].(map[string]any)
	status := props["status"].(map[string]any)
	if layer["id"] != "parcels" || layer["minTileMatrix"] != "12" || layer["maxTileMatrix"] != "16" ||
		status["type"] != "string" || !slices.Contains(status["enum"].([]any), any("available")) {
		t.Errorf("layer %v", layer)
	}
	list := roundTrip(t, ts.List())
	item := list["tilesets"].([]any)[0].(map[string]any)
	if item["dataType"] != "vector" || !hasLink(item, "self", base) || !hasLink(item, tiles.RelTilingScheme, "https://landcat.example/tileMatrixSets/WebMercatorQuad") ||
		!hasLink(list, "self", "https://landcat.example/collections/parcels/tiles") {
		t.Errorf("list %v", list)
	}
	dataset := roundTrip(t, tiles.Tileset{RootURL: "https://landcat.example", Layers: all, Bounds: haiPhong, MaxZoom: 16}.Metadata())
	if !hasLink(dataset, "item", "https://landcat.example/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}") ||
		len(dataset["vector_layers"].([]any)) != 3 {
		t.Errorf("dataset tileset %v", dataset)
	}
	if !slices.Contains(tiles.Conformance(), "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt") {
		t.Error("conformance lacks mvt")
	}
}

// TestDomainImports keeps tiles free of Echo, GORM and database drivers.
func TestDomainImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/landcat/landcat/internal/tiles").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/labstack/echo", "gorm.io/", "github.com/jackc/pgx", "github.com/ncruces/go-sqlite3"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("internal/tiles depends on %s", dep)
			}
		}
	}
}
