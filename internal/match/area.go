package match

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// area is an area of interest (within) prepared for intersection tests:
// its polygons and their bounds, so that most parcels are rejected by a
// bounding-box comparison alone.
type area struct {
	polys  []orb.Polygon
	bounds []orb.Bound
	bound  orb.Bound
}

func newArea(g orb.Geometry) *area {
	a := &area{bound: g.Bound()}
	a.polys = polygonsOf(g)
	for _, p := range a.polys {
		a.bounds = append(a.bounds, p.Bound())
	}
	return a
}

func polygonsOf(g orb.Geometry) []orb.Polygon {
	switch g := g.(type) {
	case orb.Polygon:
		return []orb.Polygon{g}
	case orb.MultiPolygon:
		return g
	}
	return nil
}

// intersects reports whether a parcel geometry with bound b shares at
// least one point with the area (planar in lon/lat, as for bbox queries;
// touching counts).
func (a *area) intersects(g orb.Geometry, b orb.Bound) bool {
	if !a.bound.Intersects(b) {
		return false
	}
	switch g := g.(type) {
	case orb.Polygon:
		return a.meets(g, b)
	case orb.MultiPolygon:
		for _, q := range g {
			if a.meets(q, b) {
				return true
			}
		}
	}
	return false
}

// meets reports whether one parcel polygon, within bound b, meets the area.
func (a *area) meets(q orb.Polygon, b orb.Bound) bool {
	for i, p := range a.polys {
		if a.bounds[i].Intersects(b) && polygonsIntersect(p, a.bounds[i], q) {
			return true
		}
	}
	return false
}

// polygonsIntersect: either two edges meet, or (no edge meeting) one
// polygon lies inside the other, which a single vertex tells.
func polygonsIntersect(p orb.Polygon, pb orb.Bound, q orb.Polygon) bool {
	if len(p) == 0 || len(q) == 0 || len(p[0]) == 0 || len(q[0]) == 0 {
		return false
	}
	qb := q.Bound()
	for _, pr := range p {
		for i := 1; i < len(pr); i++ {
			a, b := pr[i-1], pr[i]
			if !segmentBound(a, b).Intersects(qb) {
				continue
			}
			for _, qr := range q {
				for j := 1; j < len(qr); j++ {
					if segmentsMeet(a, b, qr[j-1], qr[j]) {
						return true
					}
				}
			}
		}
	}
	return (pb.Contains(q[0][0]) && planar.PolygonContains(p, q[0][0])) ||
		(qb.Contains(p[0][0]) && planar.PolygonContains(q, p[0][0]))
}

func segmentBound(a, b orb.Point) orb.Bound {
	return orb.Bound{Min: orb.Point{min(a[0], b[0]), min(a[1], b[1])}, Max: orb.Point{max(a[0], b[0]), max(a[1], b[1])}}
}

// segmentsMeet reports whether segments a–b and c–d share a point.
func segmentsMeet(a, b, c, d orb.Point) bool {
	d1, d2 := orient(c, d, a), orient(c, d, b)
	d3, d4 := orient(a, b, c), orient(a, b, d)
	if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
		return true
	}
	return (d1 == 0 && onSegment(c, d, a)) || (d2 == 0 && onSegment(c, d, b)) ||
		(d3 == 0 && onSegment(a, b, c)) || (d4 == 0 && onSegment(a, b, d))
}

func orient(o, a, b orb.Point) float64 {
	return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0])
}

// onSegment: p, known to be collinear with a–b, lies between them.
func onSegment(a, b, p orb.Point) bool {
	return min(a[0], b[0]) <= p[0] && p[0] <= max(a[0], b[0]) && min(a[1], b[1]) <= p[1] && p[1] <= max(a[1], b[1])
}
