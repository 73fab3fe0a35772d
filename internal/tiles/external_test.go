package tiles_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/tiles"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
)

// toolsDir holds .ci/tools/package.json and, after `npm ci`, node_modules.
const toolsDir = "../../.ci/tools"

// need skips the test when an external checker is missing, except in CI
// (CI=true), where the checkers are installed and a missing one is a failure.
func need(t *testing.T, what, hint string, ok bool) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing (%s)", what, hint)
	}
	t.Skipf("%s is missing (%s); skipping", what, hint)
}

// demoTileFile writes a z13 demo tile holding all three layers and returns
// its path, tile address and the layers as orb decodes them.
func demoTileFile(t *testing.T) (string, maptile.Tile, map[string]*mvt.Layer) {
	t.Helper()
	s := demoSnapshot(t)
	tile := tileAt(t, s, catalog.Parcels, anchor, 13)
	data := encodeTile(t, tiles.FromSnapshot(s), all, tile)
	layers := decode(t, data)
	if len(layers) != 3 {
		t.Fatalf("tile %v has %d layers, want 3: pick another", tile, len(layers))
	}
	path := filepath.Join(t.TempDir(), "tile.mvt")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, tile, layers
}

var ogrLayer = regexp.MustCompile(`(?m)^Layer name: (\S+)\s*$(?:\n.*)*?\nFeature Count: (\d+)`)

// TestGDAL reads a tile with GDAL's MVT driver: layer names and feature
// counts (CLIP=NO keeps the buffer, as Go counts it), then the anchor
// parcel's FID and typed fields.
func TestGDAL(t *testing.T) {
	_, err := exec.LookPath("ogrinfo")
	need(t, "ogrinfo", "apt-get install gdal-bin", err == nil)
	path, tile, layers := demoTileFile(t)
	open := []string{"-ro", "-oo", fmt.Sprint("X=", tile.X), "-oo", fmt.Sprint("Y=", tile.Y), "-oo", fmt.Sprint("Z=", tile.Z), "-oo", "CLIP=NO", "MVT:" + path}
	out := ogrinfo(t, append([]string{"-al", "-so"}, open...)...)
	got := map[string]int{}
	for _, m := range ogrLayer.FindAllStringSubmatch(out, -1) {
		got[m[1]], _ = strconv.Atoi(m[2])
	}
	for name, l := range layers {
		if got[name] != len(l.Features) {
			t.Errorf("GDAL layer %s: %d features, Go decodes %d", name, got[name], len(l.Features))
		}
	}
	if len(got) != len(layers) {
		t.Errorf("GDAL layers %v, want %d", got, len(layers))
	}
	out = ogrinfo(t, append([]string{"-q", "-where", "id = '" + anchor + "'"}, append(open, "parcels")...)...)
	for _, want := range []string{
		fmt.Sprintf("mvt_id (Integer64) = %d", tiles.FeatureID(anchor)),
		"status (String) = available", "sectors (String) = high_tech,green_industry,logistics,data_center",
		"lease_price_usd_m2 (Real) = 165", "POLYGON ((",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("GDAL output lacks %q:\n%s", want, out)
		}
	}
}

func ogrinfo(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("ogrinfo", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// jsSummary is what .ci/tools/decode-mvt.mjs prints.
type jsSummary struct {
	Layers []struct {
		Name              string
		Version, Extent   int
		Length            int
		Types             map[string]int
		IDs               []uint64
		ExteriorsPositive bool
		First             struct {
			ID         uint64
			Type       string
			Properties map[string]any
			BBox       []float64
		}
	}
}

// TestMapboxVectorTile reads a tile with @mapbox/vector-tile (what MapLibre
// uses) and compares it with the Go decoding: layers, version, extent,
// counts, exact integer ids, the first feature's properties and place.
func TestMapboxVectorTile(t *testing.T) {
	_, err := exec.LookPath("node")
	need(t, "node", "install Node.js", err == nil)
	_, err = os.Stat(filepath.Join(toolsDir, "node_modules", "@mapbox", "vector-tile"))
	need(t, ".ci/tools/node_modules", "run npm ci in .ci/tools/", err == nil)
	path, tile, layers := demoTileFile(t)
	out, err := exec.Command("node", filepath.Join(toolsDir, "decode-mvt.mjs"), path,
		fmt.Sprint(tile.Z), fmt.Sprint(tile.X), fmt.Sprint(tile.Y)).CombinedOutput()
	if err != nil {
		t.Fatalf("decode-mvt.mjs: %v\n%s", err, out)
	}
	var sum jsSummary
	if err := json.Unmarshal(out, &sum); err != nil {
		t.Fatalf("decode-mvt.mjs output: %v\n%s", err, out)
	}
	if len(sum.Layers) != len(layers) {
		t.Errorf("JS sees %d layers, Go %d", len(sum.Layers), len(layers))
	}
	for _, jl := range sum.Layers {
		l := layers[jl.Name]
		if l == nil || jl.Version != 2 || jl.Extent != tiles.Extent || jl.Length != len(l.Features) || !jl.ExteriorsPositive {
			t.Errorf("JS layer %s: version %d extent %d, %d features, exteriors positive %v", jl.Name, jl.Version, jl.Extent, jl.Length, jl.ExteriorsPositive)
			continue
		}
		for i, f := range l.Features {
			if id := tiles.FeatureID(f.Properties["id"].(string)); jl.IDs[i] != id {
				t.Errorf("JS layer %s feature %d: id %d, want %d", jl.Name, i, jl.IDs[i], id)
			}
		}
		checkFirst(t, jl.Name, jl.First.Properties, jl.First.BBox, l.Features[0], tile)
	}
}

// checkFirst compares the JS view of a layer's first feature with Go's.
func checkFirst(t *testing.T, layer string, props map[string]any, bbox []float64, f *geojson.Feature, tile maptile.Tile) {
	t.Helper()
	if len(props) != len(f.Properties) {
		t.Errorf("JS layer %s: first feature has %d properties, Go %d", layer, len(props), len(f.Properties))
	}
	for k, v := range f.Properties {
		if props[k] != v {
			t.Errorf("JS layer %s: %s = %#v, Go %#v", layer, k, props[k], v)
		}
	}
	g := &mvt.Layer{Extent: tiles.Extent, Features: []*geojson.Feature{{Geometry: orb.Clone(f.Geometry)}}}
	g.ProjectToWGS84(tile)
	b := g.Features[0].Geometry.Bound()
	slack := 2 * 360 / math.Exp2(float64(tile.Z)) / tiles.Extent
	for i, want := range []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
		if len(bbox) != 4 || math.Abs(bbox[i]-want) > slack {
			t.Errorf("JS layer %s: first feature's bbox %v, Go %v", layer, bbox, b)
			break
		}
	}
}
