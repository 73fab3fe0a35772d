package geo_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

// sfValid is the verdict of simplefeatures' pairwise (quadratic) validation,
// which Validate used before it had its own sweep.
func sfValid(g orb.Geometry) bool {
	poly := func(p orb.Polygon) (geom.Polygon, bool) {
		rings := make([]geom.LineString, len(p))
		for i, r := range p {
			flat := make([]float64, 0, 2*len(r))
			for _, pt := range r {
				flat = append(flat, pt[0], pt[1])
			}
			rings[i] = geom.NewLineString(geom.NewSequence(flat, geom.DimXY))
			if !rings[i].IsSimple() {
				return geom.Polygon{}, false
			}
		}
		gp := geom.NewPolygon(rings)
		return gp, gp.Validate() == nil
	}
	switch g := g.(type) {
	case orb.Polygon:
		_, ok := poly(g)
		return ok
	case orb.MultiPolygon:
		var ps []geom.Polygon
		for _, p := range g {
			gp, ok := poly(p)
			if !ok {
				return false
			}
			ps = append(ps, gp)
		}
		return geom.NewMultiPolygon(ps).Validate() == nil
	}
	panic("not polygonal")
}

// gridRing returns a closed ring of 3–6 random vertices on a small grid,
// which makes shared vertices, collinear edges and touches common.
func gridRing(rng *rand.Rand, x0, y0, size int) orb.Ring {
	n := 3 + rng.IntN(4)
	r := make(orb.Ring, 0, n+1)
	for range n {
		r = append(r, orb.Point{float64(x0 + rng.IntN(size+1)), float64(y0 + rng.IntN(size+1))})
	}
	return append(r, r[0])
}

// gridRect returns an axis-aligned rectangle on the grid.
func gridRect(rng *rand.Rand, x0, y0, size int) orb.Ring {
	x1, y1 := x0+rng.IntN(size), y0+rng.IntN(size)
	x2, y2 := x1+1+rng.IntN(size-(x1-x0)), y1+1+rng.IntN(size-(y1-y0))
	return orb.Ring{{float64(x1), float64(y1)}, {float64(x2), float64(y1)}, {float64(x2), float64(y2)}, {float64(x1), float64(y2)}, {float64(x1), float64(y1)}}
}

func gridPolygon(rng *rand.Rand) orb.Polygon {
	shape := func(x0, y0, size int) orb.Ring {
		if rng.IntN(2) == 0 {
			return gridRect(rng, x0, y0, size)
		}
		return gridRing(rng, x0, y0, size)
	}
	p := orb.Polygon{shape(0, 0, 6)}
	for range rng.IntN(4) {
		p = append(p, shape(rng.IntN(4), rng.IntN(4), 3))
	}
	return p
}

// gridTiles returns a multipolygon of small shapes in nearby cells, which
// often touch, share edges or overlap.
func gridTiles(rng *rand.Rand) orb.MultiPolygon {
	var mp orb.MultiPolygon
	for range 2 + rng.IntN(4) {
		x0, y0 := 2*rng.IntN(3), 2*rng.IntN(3)
		var r orb.Ring
		if rng.IntN(2) == 0 {
			r = gridRect(rng, x0, y0, 2)
		} else {
			r = gridRing(rng, x0, y0, 2)
		}
		p := orb.Polygon{r}
		if rng.IntN(4) == 0 {
			p = append(p, gridRing(rng, x0, y0, 2))
		}
		mp = append(mp, p)
	}
	return mp
}

// TestValidateAgreesWithPairwise compares the sweep's verdict with
// simplefeatures' pairwise checks on random polygons and multipolygons full
// of degenerate contacts.
func TestValidateAgreesWithPairwise(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	counts := map[string]int{}
	for i := range 30000 {
		var g orb.Geometry
		switch i % 3 {
		case 0:
			g = gridPolygon(rng)
		case 1:
			g = orb.MultiPolygon{gridPolygon(rng), gridPolygon(rng)}
		default:
			g = gridTiles(rng)
		}
		want := sfValid(g)
		got := len(geo.Validate(g)) == 0
		counts[fmt.Sprintf("%s valid=%v", g.GeoJSONType(), want)]++
		if got != want && !knownStricter(g) {
			t.Fatalf("case %d: Validate says valid=%v, simplefeatures %v, issues %v\n%#v", i, got, want, geo.Validate(g), g)
		}
	}
	t.Log(counts)
}

// knownStricter lists the inputs Validate refuses on purpose although
// simplefeatures v0.54 accepts them.
func knownStricter(g orb.Geometry) bool {
	return false
}
