package main_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/testdb"
)

// needTool skips when a command-line client is missing, except under CI,
// where .ci/run installs it and a missing tool is a failure.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed (bash .ci/run installs it)", name)
		}
		t.Skipf("%s is not installed: skipping (bash .ci/run installs it)", name)
	}
}

func gdal(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "GDAL_HTTP_TIMEOUT=30")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// ogrIDs converts an OAPIF layer to GeoJSON with ogr2ogr and returns the
// feature ids and the first feature's properties.
func ogrIDs(t *testing.T, src string, args ...string) ([]string, []map[string]any) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out.geojson")
	gdal(t, append([]string{"ogr2ogr", "-f", "GeoJSON", out, src, "parcels"}, args...)...)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct{ Properties map[string]any }
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	var ids []string
	var props []map[string]any
	for _, f := range fc.Features {
		id, _ := f.Properties["id"].(string)
		ids = append(ids, id)
		props = append(props, f.Properties)
	}
	slices.Sort(ids)
	return ids, props
}

func apiIDs(t *testing.T, url string) ([]string, int) {
	t.Helper()
	var fc featureCollection
	getJSON(t, url, &fc)
	var ids []string
	for _, f := range fc.Features {
		ids = append(ids, f.ID)
	}
	slices.Sort(ids)
	return ids, fc.NumberMatched
}

// TestGDAL reads the running server with GDAL's OGC API - Features client,
// as a GIS user would.
func TestGDAL(t *testing.T) {
	needTool(t, "ogrinfo")
	bin := binary(t)
	base := serve(t, bin, []string{"LANDCAT_DATABASE_URL=" + testdb.SQLite(t), "LANDCAT_DEMO=true", "LANDCAT_LOG_LEVEL=warn"})
	src := "OAPIF:" + base

	layers := gdal(t, "ogrinfo", "-ro", "-q", src)
	for _, l := range []string{"zones", "parcels", "infrastructure"} {
		if !strings.Contains(layers, ": "+l+" ") {
			t.Errorf("ogrinfo does not list %s:\n%s", l, layers)
		}
	}
	info := gdal(t, "ogrinfo", "-ro", "-so", src, "parcels")
	for _, want := range []string{"area_ha: Real", "lease_price_usd_m2: Real", "power_capacity_mva: Real", "fibre_carriers: Integer",
		"power_dual_feed: Integer(Boolean)", "available_from: Date", "updated_at: DateTime", "sectors: StringList"} {
		if !strings.Contains(info, want) {
			t.Errorf("ogrinfo -so parcels lacks %q", want)
		}
	}

	all, matched := apiIDs(t, base+"/collections/parcels/items?limit=10000")
	ids, props := ogrIDs(t, src, "-oo", "PAGE_SIZE=7")
	if len(ids) != matched || !slices.Equal(ids, all) {
		t.Fatalf("ogr2ogr paged %d parcels, the API says numberMatched %d", len(ids), matched)
	}
	fractional := false
	for _, p := range props {
		if v, ok := p["area_ha"].(float64); ok && v != float64(int(v)) {
			fractional = true
		}
	}
	if !fractional {
		t.Errorf("area_ha lost its decimals through GDAL")
	}

	want, _ := apiIDs(t, base+"/collections/parcels/items?bbox=106.76,20.80,106.83,20.84&limit=10000")
	got, _ := ogrIDs(t, src, "-spat", "106.76", "20.80", "106.83", "20.84")
	if !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("spatial filter: GDAL %v, API %v", got, want)
	}
	want, _ = apiIDs(t, base+"/collections/parcels/items?status=available&limit=10000")
	got, _ = ogrIDs(t, src, "-where", "status = 'available'")
	if !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("attribute filter: GDAL %v, API %v", got, want)
	}
}
