package geo_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
)

func TestNearest(t *testing.T) {
	items := []geo.Item{
		{ID: "port-lach-huyen", Geom: orb.Point{106.9098, 20.7968}},
		{ID: "port-dinh-vu", Geom: orb.Point{106.8185, 20.8228}},
		{ID: "airport-cat-bi", Geom: orb.Polygon{square(106.720, 20.815, 0.01)}},
		{ID: "highway", Geom: orb.LineString{{106.30, 20.90}, {106.60, 20.88}, {106.80, 20.86}}},
		{ID: "b-twin", Geom: orb.Point{105.0, 10.0}},
		{ID: "a-twin", Geom: orb.Point{105.0, 10.0}},
		{ID: "empty", Geom: orb.Polygon{}},
	}
	ix := geo.NewNearestIndex(items)
	tests := []struct {
		name   string
		g      orb.Geometry
		wantID string
		wantKm float64
		tolKm  float64
	}{
		{"next to Dinh Vu", orb.Point{106.790, 20.815}, "port-dinh-vu", 3.089849, 1e-6},
		{"inside the airport", orb.Point{106.725, 20.82}, "airport-cat-bi", 0, 0},
		{"parcel crossing the highway", orb.Polygon{square(106.45, 20.88, 0.02)}, "highway", 0, 0},
		{"tie goes to the smallest ID", orb.Point{105.1, 10.1}, "a-twin", 15.6, 0.1},
		{"far east", orb.Point{107.5, 20.7}, "port-lach-huyen", 62.4, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, km, ok := ix.Nearest(tt.g)
			if !ok || id != tt.wantID || math.Abs(km-tt.wantKm) > tt.tolKm {
				t.Errorf("Nearest = (%q, %.6f, %v), want (%q, %.6f ± %g, true)", id, km, ok, tt.wantID, tt.wantKm, tt.tolKm)
			}
		})
	}
	if ix.Len() != 6 {
		t.Errorf("Len = %d, want 6 (the empty geometry is left out)", ix.Len())
	}
}

func TestNearestEmpty(t *testing.T) {
	tests := []struct {
		name string
		ix   *geo.NearestIndex
		g    orb.Geometry
	}{
		{"empty index", geo.NewNearestIndex(nil), orb.Point{1, 1}},
		{"nil query", geo.NewNearestIndex([]geo.Item{{ID: "a", Geom: orb.Point{1, 1}}}), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if id, km, ok := tt.ix.Nearest(tt.g); ok {
				t.Errorf("Nearest = (%q, %v, true), want ok=false", id, km)
			}
		})
	}
}

// TestNearestMatchesBruteForce checks the pruned search against the minimum
// of DistanceKm over all items.
func TestNearestMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	wide := append(randomItems(rng, 100),
		geo.Item{ID: "wide-polygon", Geom: randomPolygon(rng, orb.Point{106.5, 21}, 30, 3)},
		geo.Item{ID: "wide-line", Geom: orb.LineString{{105, 20}, {106, 22}, {108, 20.5}}})
	far := func(rng *rand.Rand) orb.Geometry { // around and outside the items' extent
		return orb.Point{103 + 7*rng.Float64(), 18 + 6*rng.Float64()}
	}
	tests := []struct {
		name  string
		items []geo.Item
		query func(*rand.Rand) orb.Geometry
	}{
		{"parcels among 300 items", randomItems(rng, 300), func(rng *rand.Rand) orb.Geometry { return randomParcel(rng) }},
		{"points outside the grid", randomItems(rng, 200), far},
		{"items spanning many cells", wide, far},
		{"single item", randomItems(rng, 1), far},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := geo.NewNearestIndex(tt.items)
			for i := range 300 {
				q := tt.query(rng)
				wantID, wantKm := bruteNearest(tt.items, q)
				id, km, ok := ix.Nearest(q)
				if !ok || id != wantID || km != wantKm {
					t.Fatalf("query %d: Nearest = (%q, %v, %v), brute force (%q, %v)", i, id, km, ok, wantID, wantKm)
				}
			}
		})
	}
}

// TestNearestConcurrent runs queries from several goroutines (run with -race).
func TestNearestConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	ix := geo.NewNearestIndex(randomItems(rng, 200))
	queries := make([]orb.Polygon, 200)
	want := make([]string, len(queries))
	for i := range queries {
		queries[i] = randomParcel(rng)
		want[i], _, _ = ix.Nearest(queries[i])
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(queries); i += 2 {
				if id, _, _ := ix.Nearest(queries[i]); id != want[i] {
					t.Errorf("query %d: %q, want %q", i, id, want[i])
				}
			}
		})
	}
	wg.Wait()
}

func bruteNearest(items []geo.Item, q orb.Geometry) (string, float64) {
	wantID, wantKm := "", math.Inf(1)
	for _, it := range items {
		d := geo.DistanceKm(q, it.Geom)
		if d < wantKm || (d == wantKm && it.ID < wantID) {
			wantID, wantKm = it.ID, d
		}
	}
	return wantID, wantKm
}

// randomParcel returns a parcel of 5–50 vertices, 50–300 m across, somewhere
// in greater Hai Phong.
func randomParcel(rng *rand.Rand) orb.Polygon {
	c := orb.Point{106.2 + 0.8*rng.Float64(), 20.6 + 0.4*rng.Float64()}
	return randomPolygon(rng, c, 5+rng.IntN(46), 0.0005+0.0025*rng.Float64())
}

// randomItems returns n items over northern Vietnam: points (ports, exits),
// polygons of 20–60 vertices (parks) and lines of 50–200 vertices (roads).
func randomItems(rng *rand.Rand, n int) []geo.Item {
	items := make([]geo.Item, n)
	for i := range items {
		c := orb.Point{105.5 + 2*rng.Float64(), 20.2 + 1.5*rng.Float64()}
		var g orb.Geometry
		switch i % 10 {
		case 0:
			line := orb.LineString{c}
			for range 50 + rng.IntN(150) {
				last := line[len(line)-1]
				line = append(line, orb.Point{last[0] + 0.002 + 0.002*rng.Float64(), last[1] + 0.004*(rng.Float64()-0.5)})
			}
			g = line
		case 1, 2, 3, 4:
			g = randomPolygon(rng, c, 20+rng.IntN(41), 0.005+0.02*rng.Float64())
		default:
			g = c
		}
		items[i] = geo.Item{ID: fmt.Sprintf("item-%04d", i), Geom: g}
	}
	return items
}

// BenchmarkNearest runs one query per iteration: a 5–50 vertex parcel against
// 500 or 5000 items; 100 000 queries take 100 000 × ns/op.
func BenchmarkNearest(b *testing.B) {
	for _, n := range []int{500, 5000} {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(5, 6))
			ix := geo.NewNearestIndex(randomItems(rng, n))
			queries := make([]orb.Polygon, 1000)
			for i := range queries {
				queries[i] = randomParcel(rng)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				if _, _, ok := ix.Nearest(queries[i%len(queries)]); !ok {
					b.Fatal("no result")
				}
			}
		})
	}
}

// BenchmarkNearestParallel is BenchmarkNearest (500 items) on all cores
// (GOMAXPROCS).
func BenchmarkNearestParallel(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	ix := geo.NewNearestIndex(randomItems(rng, 500))
	queries := make([]orb.Polygon, 1000)
	for i := range queries {
		queries[i] = randomParcel(rng)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			ix.Nearest(queries[i%len(queries)])
			i++
		}
	})
}

// BenchmarkDistanceKm measures one parcel-to-park distance.
func BenchmarkDistanceKm(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	park := randomPolygon(rng, orb.Point{106.7, 20.8}, 40, 0.02)
	parcel := randomParcel(rng)
	b.ReportAllocs()
	for b.Loop() {
		geo.DistanceKm(parcel, park)
	}
}
