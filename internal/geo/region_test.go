package geo

import (
	"math"
	"math/rand"
	"testing"

	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

// star is a star-shaped ring of n vertices around c, radii between r/3
// and r.
func star(rng *rand.Rand, c orb.Point, r float64, n int) orb.Ring {
	ring := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		d := r * (0.33 + 0.67*rng.Float64())
		ring = append(ring, orb.Point{c[0] + d*math.Cos(a), c[1] + d*math.Sin(a)})
	}
	return append(ring, ring[0])
}

func toSF(t *testing.T, g orb.Geometry) geom.Geometry {
	t.Helper()
	flat := func(r []orb.Point) geom.LineString {
		var f []float64
		for _, p := range r {
			f = append(f, p[0], p[1])
		}
		return geom.NewLineString(geom.NewSequence(f, geom.DimXY))
	}
	switch g := g.(type) {
	case orb.Polygon:
		var rings []geom.LineString
		for _, r := range g {
			rings = append(rings, flat(r))
		}
		return geom.NewPolygon(rings).AsGeometry()
	case orb.LineString:
		return flat(g).AsGeometry()
	case orb.Point:
		return geom.NewPoint(geom.Coordinates{XY: geom.XY{X: g[0], Y: g[1]}, Type: geom.DimXY}).AsGeometry()
	}
	t.Fatalf("type %T", g)
	return geom.Geometry{}
}

// TestRegionAgreesWithSimplefeatures: Intersects and Contains give the
// answers of simplefeatures' exact predicates on random stars with a hole
// against random small squares, lines and points.
func TestRegionAgreesWithSimplefeatures(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for k := range 60 {
		c := orb.Point{106 + rng.Float64(), 20 + rng.Float64()}
		outer := star(rng, c, 0.5, 50+rng.Intn(2000))
		hole := star(rng, c, 0.1, 30)
		hole.Reverse()
		area := orb.Polygon{outer, hole}
		if issues := Validate(area); len(issues) > 0 {
			continue
		}
		r := NewRegion(area)
		sfArea := toSF(t, area)
		for range 200 {
			p := orb.Point{c[0] + (rng.Float64()-0.5)*1.2, c[1] + (rng.Float64()-0.5)*1.2}
			d := rng.Float64() * 0.05
			var g orb.Geometry
			switch rng.Intn(3) {
			case 0:
				g = orb.Polygon{{p, {p[0] + d, p[1]}, {p[0] + d, p[1] + d}, {p[0], p[1] + d}, p}}
			case 1:
				g = orb.LineString{p, {p[0] + d, p[1] - d}}
			default:
				g = p
			}
			if got, want := r.Intersects(g), geom.Intersects(sfArea, toSF(t, g)); got != want {
				t.Fatalf("area %d, %v: Intersects %v, simplefeatures %v", k, g, got, want)
			}
		}
	}
	// The region inside a big polygon, and a polygon inside the region.
	r := NewRegion(orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}})
	if !r.Intersects(orb.Polygon{{{-5, -5}, {5, -5}, {5, 5}, {-5, 5}, {-5, -5}}}) || !r.Intersects(orb.Polygon{{{0.4, 0.4}, {0.6, 0.4}, {0.6, 0.6}, {0.4, 0.4}}}) {
		t.Error("containment either way is an intersection")
	}
	if r.Intersects(orb.Point{2, 2}) || !r.Intersects(orb.Point{1, 0.5}) {
		t.Error("points outside and on the boundary")
	}
}

// BenchmarkRegion: a 10,000-vertex area against small polygons, the
// matcher's within on a large catalogue.
func BenchmarkRegion(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	c := orb.Point{106.5, 20.8}
	r := NewRegion(orb.Polygon{star(rng, c, 0.4, 10000)})
	var parcels []orb.Polygon
	for range 1000 {
		p := orb.Point{c[0] + (rng.Float64()-0.5)*0.8, c[1] + (rng.Float64()-0.5)*0.8}
		parcels = append(parcels, orb.Polygon{{p, {p[0] + 0.003, p[1]}, {p[0] + 0.003, p[1] + 0.003}, {p[0], p[1] + 0.003}, p}})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		r.Intersects(parcels[i%len(parcels)])
	}
}
