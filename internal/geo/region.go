package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Region is a polygonal area (a Polygon or MultiPolygon in lon/lat)
// prepared for many planar intersection tests: its edges bucketed in a
// uniform grid, so that testing a small geometry against it looks at the
// few edges near that geometry instead of all of them. A 10,000-vertex
// area of interest tested against 100,000 parcels costs about what 100,000
// small polygon tests cost. It is immutable and safe for concurrent use.
type Region struct {
	polys []orb.Polygon
	bound orb.Bound
	edges []edge
	minX  float64
	minY  float64
	cell  float64
	nx    int
	ny    int
	cells [][]int32 // edges touching each cell (row-major)
	rows  [][]int32 // edges spanning each row of cells, for the ray test
}

type edge struct{ a, b orb.Point }

// maxRegionCells bounds the grid of a Region.
const maxRegionCells = 1 << 16

// NewRegion prepares the polygons of g (other geometries make an empty
// region).
func NewRegion(g orb.Geometry) *Region {
	r := &Region{}
	switch g := g.(type) {
	case orb.Polygon:
		r.polys = []orb.Polygon{g}
	case orb.MultiPolygon:
		r.polys = g
	case orb.Bound:
		r.polys = []orb.Polygon{g.ToPolygon()}
	}
	first := true
	for _, p := range r.polys {
		for _, ring := range p {
			for i := 1; i < len(ring); i++ {
				r.edges = append(r.edges, edge{ring[i-1], ring[i]})
			}
			for _, pt := range ring {
				if first {
					r.bound, first = orb.Bound{Min: pt, Max: pt}, false
				}
				r.bound = r.bound.Extend(pt)
			}
		}
	}
	r.index()
	return r
}

// index buckets the edges in about len(edges)/4 square cells.
func (r *Region) index() {
	w, h := r.bound.Max[0]-r.bound.Min[0], r.bound.Max[1]-r.bound.Min[1]
	n := max(1, min(maxRegionCells, len(r.edges)/4))
	r.cell = max(math.Sqrt(w*h/float64(n)), w/256, h/256, 1e-12)
	r.minX, r.minY = r.bound.Min[0], r.bound.Min[1]
	r.nx, r.ny = int(w/r.cell)+1, int(h/r.cell)+1
	r.cells = make([][]int32, r.nx*r.ny)
	r.rows = make([][]int32, r.ny)
	for i, e := range r.edges {
		x0, y0, x1, y1 := r.span(segBound(e.a, e.b))
		for y := y0; y <= y1; y++ {
			r.rows[y] = append(r.rows[y], int32(i))
			for x := x0; x <= x1; x++ {
				r.cells[y*r.nx+x] = append(r.cells[y*r.nx+x], int32(i))
			}
		}
	}
}

// span returns the cells a bound covers, clamped to the grid.
func (r *Region) span(b orb.Bound) (x0, y0, x1, y1 int) {
	c := func(v, lo float64, n int) int {
		return max(0, min(n-1, int(math.Floor((v-lo)/r.cell))))
	}
	return c(b.Min[0], r.minX, r.nx), c(b.Min[1], r.minY, r.ny), c(b.Max[0], r.minX, r.nx), c(b.Max[1], r.minY, r.ny)
}

func segBound(a, b orb.Point) orb.Bound {
	return orb.Bound{Min: orb.Point{min(a[0], b[0]), min(a[1], b[1])}, Max: orb.Point{max(a[0], b[0]), max(a[1], b[1])}}
}

// Bound returns the region's bounding box.
func (r *Region) Bound() orb.Bound { return r.bound }

// Contains reports whether p lies in the region, boundary included.
func (r *Region) Contains(p orb.Point) bool {
	if len(r.edges) == 0 || !r.bound.Contains(p) {
		return false
	}
	_, y, _, _ := r.span(orb.Bound{Min: p, Max: p})
	in := false
	for _, i := range r.rows[y] { // a ray to +x crosses each edge of the row at most once
		a, b := r.edges[i].a, r.edges[i].b
		if cross(a, b, p) == 0 && onSegment(a, b, p) {
			return true
		}
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < a[0]+(p[1]-a[1])*(b[0]-a[0])/(b[1]-a[1]) {
			in = !in
		}
	}
	return in
}

// Intersects reports whether g shares at least one point with the region
// (planar in lon/lat; touching counts). g is a point, line or polygonal
// geometry.
func (r *Region) Intersects(g orb.Geometry) bool {
	if g == nil || len(r.edges) == 0 || !r.bound.Intersects(g.Bound()) {
		return false
	}
	hit := false
	eachSegment(g, func(a, b orb.Point) bool {
		hit = r.crosses(a, b)
		return !hit
	})
	if hit {
		return true
	}
	// No edges meet: g lies inside the region, the region inside g, or
	// they are apart. One vertex of each tells.
	if p, ok := firstPoint(g); ok && r.Contains(p) {
		return true
	}
	if poly, ok := polygonal(g); ok {
		pt := r.edges[0].a
		for _, p := range poly {
			if inPolygon(pt, p) {
				return true
			}
		}
	}
	return false
}

// crosses reports whether segment a–b meets an edge of the region.
func (r *Region) crosses(a, b orb.Point) bool {
	sb := segBound(a, b)
	if !sb.Intersects(r.bound) {
		return false
	}
	x0, y0, x1, y1 := r.span(sb)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			for _, i := range r.cells[y*r.nx+x] {
				e := r.edges[i]
				if segBound(e.a, e.b).Intersects(sb) {
					if _, ok := segmentsIntersect(a, b, e.a, e.b); ok {
						return true
					}
				}
			}
		}
	}
	return false
}

// eachSegment calls fn for every segment of g (a point is a segment of
// length zero) until fn returns false.
func eachSegment(g orb.Geometry, fn func(a, b orb.Point) bool) {
	line := func(pts []orb.Point) bool {
		if len(pts) == 1 {
			return fn(pts[0], pts[0])
		}
		for i := 1; i < len(pts); i++ {
			if !fn(pts[i-1], pts[i]) {
				return false
			}
		}
		return true
	}
	switch g := g.(type) {
	case orb.Point:
		fn(g, g)
	case orb.MultiPoint:
		for _, p := range g {
			if !fn(p, p) {
				return
			}
		}
	case orb.LineString:
		line(g)
	case orb.MultiLineString:
		for _, l := range g {
			if !line(l) {
				return
			}
		}
	case orb.Polygon:
		for _, ring := range g {
			if !line(ring) {
				return
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, ring := range p {
				if !line(ring) {
					return
				}
			}
		}
	case orb.Bound:
		eachSegment(g.ToPolygon(), fn)
	}
}

func firstPoint(g orb.Geometry) (orb.Point, bool) {
	var p orb.Point
	found := false
	eachSegment(g, func(a, _ orb.Point) bool { p, found = a, true; return false })
	return p, found
}

func polygonal(g orb.Geometry) ([]orb.Polygon, bool) {
	switch g := g.(type) {
	case orb.Polygon:
		return []orb.Polygon{g}, true
	case orb.MultiPolygon:
		return g, true
	case orb.Bound:
		return []orb.Polygon{g.ToPolygon()}, true
	}
	return nil, false
}
