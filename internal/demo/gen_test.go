package demo_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/landcat/landcat/internal/demo"
)

func generate(t testing.TB, parcels int, seed int64) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := demo.Generate(&b, demo.GenOptions{Parcels: parcels, Seed: seed}); err != nil {
		t.Fatalf("Generate(%d, %d): %v", parcels, seed, err)
	}
	return b.Bytes()
}

func TestGenerateDeterministic(t *testing.T) {
	a, b := generate(t, 1500, 7), generate(t, 1500, 7)
	if !bytes.Equal(a, b) {
		t.Fatal("same seed gave different output")
	}
	if bytes.Equal(a, generate(t, 1500, 8)) {
		t.Fatal("different seeds gave identical output")
	}
}

// byCollection parses generated output and groups features by their
// "collection" property, checking the zones → infrastructure → parcels order.
func byCollection(t *testing.T, data []byte) map[string][]*geojson.Feature {
	t.Helper()
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		t.Fatalf("output does not parse: %v", err)
	}
	order := map[string]int{"zones": 0, "infrastructure": 1, "parcels": 2}
	out := map[string][]*geojson.Feature{}
	last := 0
	for _, f := range fc.Features {
		c, _ := f.Properties["collection"].(string)
		rank, ok := order[c]
		if !ok || rank < last {
			t.Fatalf("%v: collection %q out of order", f.ID, c)
		}
		last = rank
		out[c] = append(out[c], f)
	}
	return out
}

func TestGenerateCounts(t *testing.T) {
	for _, n := range []int{0, 1, 401, 2600} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			got := byCollection(t, generate(t, n, 1))
			wantZones := max(3, int(math.Round(float64(n)/400)))
			if len(got["parcels"]) != n || len(got["zones"]) != wantZones {
				t.Fatalf("%d parcels, %d zones; want %d, %d", len(got["parcels"]), len(got["zones"]), n, wantZones)
			}
			kinds := map[string]int{}
			deep := false
			for _, f := range got["infrastructure"] {
				kinds[f.Properties["kind"].(string)]++
				dwt, _ := f.Properties["max_vessel_dwt"].(float64)
				deep = deep || (dwt >= 100000 && f.Properties["status"] == "operational")
			}
			for _, k := range []string{"seaport", "airport", "expressway_interchange", "substation", "hazard"} {
				if kinds[k] < 3 {
					t.Errorf("%d %s features, want ≥ 3", kinds[k], k)
				}
			}
			if !deep {
				t.Error("no operational deep-water seaport")
			}
		})
	}
}

func TestGenerateGeometry(t *testing.T) {
	got := byCollection(t, generate(t, 3000, 42))
	zones := map[string]orb.Bound{}
	for i, z := range got["zones"] {
		checkRings(t, z)
		zones[z.ID.(string)] = z.Geometry.Bound()
		for _, o := range got["zones"][:i] {
			if o.Geometry.Bound().Intersects(z.Geometry.Bound()) {
				t.Errorf("zones %v and %v overlap", o.ID, z.ID)
			}
		}
	}
	ids := map[string]bool{}
	var prev *geojson.Feature
	for _, p := range got["parcels"] {
		checkRings(t, p)
		id := p.ID.(string)
		if ids[id] {
			t.Errorf("duplicate id %s", id)
		}
		ids[id] = true
		zb, ok := zones[p.Properties["zone_id"].(string)]
		if !ok || !allVerticesIn(p.Geometry, orb.MultiPolygon{zb.ToPolygon()}) {
			t.Errorf("%s is not inside zone %v", id, p.Properties["zone_id"])
		}
		// Neighbouring sub-cells are the likeliest to overlap.
		if prev != nil && (anyVertexIn(p.Geometry, prev.Geometry) || anyVertexIn(prev.Geometry, p.Geometry)) {
			t.Errorf("parcels %s and %v overlap", id, prev.ID)
		}
		prev = p
	}
}

func checkRings(t *testing.T, f *geojson.Feature) {
	t.Helper()
	for _, poly := range f.Geometry.(orb.MultiPolygon) {
		r := poly[0]
		if len(r) < 4 || !r.Closed() || r.Orientation() != orb.CCW {
			t.Errorf("%v: bad ring %v", f.ID, r)
		}
	}
}

func TestGenerateValues(t *testing.T) {
	got := byCollection(t, generate(t, 2000, 3))
	noPower, inherited := 0, 0
	for _, p := range got["parcels"] {
		pr := p.Properties
		if _, ok := pr["power_capacity_mva"]; !ok {
			noPower++
		}
		if _, ok := pr["water_m3_day"]; !ok {
			inherited++
		}
		price := pr["lease_price_usd_m2"].(float64)
		if price < 65 || price > 170 || pr["data_quality"] != "illustrative" {
			t.Fatalf("%v: price %v, data_quality %v", p.ID, price, pr["data_quality"])
		}
	}
	if noPower == 0 || inherited == 0 || noPower > len(got["parcels"])/2 {
		t.Errorf("%d parcels without power, %d without water", noPower, inherited)
	}
}

func TestGenerateErrors(t *testing.T) {
	if err := demo.Generate(io.Discard, demo.GenOptions{Parcels: -1}); err == nil {
		t.Error("negative parcel count accepted")
	}
	boom := errors.New("boom")
	if err := demo.Generate(failingWriter{boom}, demo.GenOptions{Parcels: 1000}); !errors.Is(err, boom) {
		t.Errorf("write error: got %v", err)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

func TestGenerateLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large catalogue")
	}
	start := time.Now()
	var n countingWriter
	if err := demo.Generate(&n, demo.GenOptions{Parcels: 100000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("100,000 parcels took %v", d)
	}
	t.Logf("100,000 parcels: %d MB in %v", n/1e6, time.Since(start))
}

type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		if err := demo.Generate(io.Discard, demo.GenOptions{Parcels: 10000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
