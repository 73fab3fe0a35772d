package geo_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
)

// randomPolygon returns a star-shaped (hence simple) polygon of n vertices
// around c with radii up to r degrees.
func randomPolygon(rng *rand.Rand, c orb.Point, n int, r float64) orb.Polygon {
	ring := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * (float64(i) + 0.8*rng.Float64()) / float64(n)
		rad := r * (0.3 + 0.7*rng.Float64())
		ring = append(ring, orb.Point{c[0] + rad*math.Cos(a), c[1] + rad*math.Sin(a)})
	}
	return orb.Polygon{append(ring, ring[0])}
}

// TestDistanceKmAccuracy compares point-to-polygon distances with a dense
// sampling of the polygon boundary measured geodesically, over pairs up to
// ~150 km apart around Hai Phong.
func TestDistanceKmAccuracy(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	worst := 0.0
	for range 40 {
		pg := randomPolygon(rng, orb.Point{106.5 + rng.Float64(), 20.5 + rng.Float64()}, 3+rng.IntN(8), 0.2)
		pt := orb.Point{106.5 + rng.Float64(), 20.5 + rng.Float64()}
		got := geo.DistanceKm(pt, pg)
		if got == 0 {
			continue
		}
		sampled := math.Inf(1)
		r := pg[0]
		for i := 0; i+1 < len(r); i++ {
			for k := 0; k <= 400; k++ {
				f := float64(k) / 400
				q := orb.Point{r[i][0] + f*(r[i+1][0]-r[i][0]), r[i][1] + f*(r[i+1][1]-r[i][1])}
				sampled = math.Min(sampled, geo.DistanceKm(pt, q))
			}
		}
		// got is a true distance to a boundary point, so it may only exceed the
		// sampled minimum (which itself overshoots by at most ~1 m).
		rel := (got - sampled) / sampled
		worst = math.Max(worst, rel)
		if rel > 1e-4 || got < sampled-0.002 {
			t.Errorf("DistanceKm = %.6f km, sampled minimum %.6f km (relative %.2g)", got, sampled, rel)
		}
	}
	t.Logf("worst relative excess over the sampled minimum: %.2g", worst)
}
