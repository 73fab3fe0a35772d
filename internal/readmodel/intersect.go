package readmodel

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// intersects reports whether g and the box b share any point (planar, in
// lon/lat, which is what a bbox query means in CRS84).
func intersects(g orb.Geometry, b orb.Bound) bool {
	if !g.Bound().Intersects(b) {
		return false
	}
	switch g := g.(type) {
	case orb.Point:
		return b.Contains(g)
	case orb.LineString:
		return lineIntersects(g, b)
	case orb.MultiPolygon:
		for _, p := range g {
			if polygonIntersects(p, b) {
				return true
			}
		}
		return false
	case orb.Polygon:
		return polygonIntersects(g, b)
	}
	return true
}

func polygonIntersects(p orb.Polygon, b orb.Bound) bool {
	if len(p) == 0 {
		return false
	}
	for _, r := range p {
		if lineIntersects(orb.LineString(r), b) {
			return true
		}
	}
	// No edge touches the box: either the box lies inside the polygon or
	// they are apart.
	return planar.PolygonContains(p, b.Center())
}

func lineIntersects(l orb.LineString, b orb.Bound) bool {
	for i := range l {
		if b.Contains(l[i]) {
			return true
		}
		if i > 0 && segmentCrossesBox(l[i-1], l[i], b) {
			return true
		}
	}
	return false
}

// segmentCrossesBox clips the segment a–b against the box (Liang–Barsky).
func segmentCrossesBox(a, c orb.Point, b orb.Bound) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := c[0]-a[0], c[1]-a[1]
	for _, e := range [4][2]float64{{-dx, a[0] - b.Min[0]}, {dx, b.Max[0] - a[0]}, {-dy, a[1] - b.Min[1]}, {dy, b.Max[1] - a[1]}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}
