package geo

import "github.com/paulmach/orb"

// Planar helpers working directly on longitude/latitude (or on any plane).

func cross(o, a, b orb.Point) float64 {
	return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0])
}

// onSegment reports whether p, known to be collinear with a–b, lies on it.
func onSegment(a, b, p orb.Point) bool {
	return min(a[0], b[0]) <= p[0] && p[0] <= max(a[0], b[0]) &&
		min(a[1], b[1]) <= p[1] && p[1] <= max(a[1], b[1])
}

// segmentsIntersect reports whether the closed segments a–b and c–d share a
// point, and returns one such point.
func segmentsIntersect(a, b, c, d orb.Point) (orb.Point, bool) {
	d1 := cross(c, d, a)
	d2 := cross(c, d, b)
	d3 := cross(a, b, c)
	d4 := cross(a, b, d)
	if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
		((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
		t := d1 / (d1 - d2)
		return orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}, true
	}
	switch {
	case d1 == 0 && onSegment(c, d, a):
		return a, true
	case d2 == 0 && onSegment(c, d, b):
		return b, true
	case d3 == 0 && onSegment(a, b, c):
		return c, true
	case d4 == 0 && onSegment(a, b, d):
		return d, true
	}
	return orb.Point{}, false
}

// ringLocation tells where a point lies relative to a ring.
type ringLocation int

const (
	outside ringLocation = iota
	inside
	onBoundary
)

// locateInRing classifies p against ring r (closed implicitly) by ray
// crossing, detecting the boundary exactly.
func locateInRing(p orb.Point, r orb.Ring) ringLocation {
	in := false
	n := len(r)
	for i, j := 0, n-1; i < n; j, i = i, i+1 {
		a, b := r[j], r[i]
		if cross(a, b, p) == 0 && onSegment(a, b, p) {
			return onBoundary
		}
		if (a[1] > p[1]) != (b[1] > p[1]) &&
			p[0] < a[0]+(p[1]-a[1])*(b[0]-a[0])/(b[1]-a[1]) {
			in = !in
		}
	}
	if in {
		return inside
	}
	return outside
}

// inPolygon reports whether p lies in polygon pg (boundary included).
func inPolygon(p orb.Point, pg orb.Polygon) bool {
	if len(pg) == 0 || locateInRing(p, pg[0]) == outside {
		return false
	}
	for _, h := range pg[1:] {
		if locateInRing(p, h) == inside {
			return false
		}
	}
	return true
}
