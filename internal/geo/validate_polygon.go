package geo

import (
	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

// Rule texts of simplefeatures v0.54 validation errors that get a message
// of their own.
const (
	ruleHoleOutside  = "polygon interior ring outside of exterior ring"
	ruleNested       = "polygon has nested rings"
	ruleRingsTouch   = "polygon rings intersect at multiple points"
	ruleDisconnected = "polygon has disconnected interior"
)

// maxLocateSegments bounds the quadratic search for the location of a
// self-intersection; longer rings are reported without a location.
const maxLocateSegments = 5000

// polygon validates polygon p whose coordinates are at ptr; j is its index in
// a MultiPolygon, or -1. It returns the simplefeatures polygon and whether p
// is valid.
func (v *validator) polygon(p orb.Polygon, ptr string, j int) (geom.Polygon, bool) {
	if len(p) == 0 {
		v.add(ptr, "%s has no rings", polyName(j))
		return geom.Polygon{}, false
	}
	ok := true
	for i, r := range p {
		if !v.ringStructure(r, ptrIndex(ptr, i), ringName(i, j)) {
			ok = false
		}
	}
	if !ok {
		return geom.Polygon{}, false
	}
	rings := make([]geom.LineString, len(p))
	for i, r := range p {
		rings[i] = toGeomLine(r)
		if !rings[i].IsSimple() {
			at := ""
			if pt, found := selfIntersection(r); found {
				at = " near " + fmtNear(pt)
			}
			v.add(ptrIndex(ptr, i), "%s self-intersects%s", ringName(i, j), at)
			ok = false
		}
	}
	if !ok {
		return geom.Polygon{}, false
	}
	gp := geom.NewPolygon(rings)
	if err := gp.Validate(); err != nil {
		v.polygonViolation(p, ptr, j, parseViolation(err))
		return gp, false
	}
	return gp, true
}

// ringStructure checks the positions, length and closure of a ring.
func (v *validator) ringStructure(r orb.Ring, ptr, name string) bool {
	ok := v.positions(r, ptr)
	if len(r) < 4 {
		v.add(ptr, "%s has %d position(s); a closed ring needs at least 4", name, len(r))
		return false
	}
	if last := len(r) - 1; r[0] != r[last] && finitePoint(r[0]) && finitePoint(r[last]) {
		v.add(ptrIndex(ptr, last), "%s is not closed: its last position (%s) must repeat its first (%s)",
			name, fmtXY(r[last]), fmtXY(r[0]))
		return false
	}
	return ok
}

// polygonViolation turns a polygon-level simplefeatures error into issues.
func (v *validator) polygonViolation(p orb.Polygon, ptr string, j int, vi violation) {
	name := polyName(j)
	switch vi.rule {
	case ruleHoleOutside:
		found := false
		for k := 1; k < len(p); k++ {
			if holeOutside(p[k], p[0]) {
				v.add(ptrIndex(ptr, k), "%s is a hole but lies outside the exterior ring of %s", ringName(k, j), name)
				found = true
			}
		}
		if !found {
			v.add(ptr, "a hole of %s lies outside its exterior ring%s", name, vi.near())
		}
	case ruleNested:
		v.add(ptr, "%s has a hole inside another hole%s", name, vi.near())
	case ruleRingsTouch:
		at := ""
		if pt, found := ringContact(p); found {
			at = " near " + fmtNear(pt)
		}
		v.add(ptr, "the rings of %s cross, share an edge or touch at more than one point%s", name, at)
	case ruleDisconnected:
		v.add(ptr, "the holes of %s cut its interior into separate pieces", name)
	default:
		v.add(ptr, "%s is invalid: %s%s", name, vi.rule, vi.near())
	}
}

// holeOutside reports whether the first vertex of hole that is not on the
// shell lies outside the shell.
func holeOutside(hole, shell orb.Ring) bool {
	for _, p := range hole {
		switch locateInRing(p, shell) {
		case outside:
			return true
		case inside:
			return false
		}
	}
	return false
}

// multiPolygon validates each polygon, then checks that the valid ones do
// not overlap.
func (v *validator) multiPolygon(mp orb.MultiPolygon, ptr string) {
	if len(mp) == 0 {
		v.add(ptr, "MultiPolygon has no polygons")
		return
	}
	type valid struct {
		j     int
		poly  geom.Polygon
		bound orb.Bound
	}
	var ok []valid
	for j, p := range mp {
		if gp, good := v.polygon(p, ptrIndex(ptr, j), j); good {
			ok = append(ok, valid{j, gp, p.Bound()})
		}
	}
	for a := 0; a < len(ok); a++ {
		for b := a + 1; b < len(ok); b++ {
			if !ok[a].bound.Intersects(ok[b].bound) {
				continue
			}
			pair := geom.NewMultiPolygon([]geom.Polygon{ok[a].poly, ok[b].poly})
			if err := pair.Validate(); err != nil {
				vi := parseViolation(err)
				v.add(ptrIndex(ptr, ok[b].j), "polygons %d and %d overlap or share an edge%s", ok[a].j, ok[b].j, vi.near())
			}
		}
	}
}

func finitePoint(p orb.Point) bool {
	return isFinite(p[0]) && isFinite(p[1])
}

func toGeomLine(pts []orb.Point) geom.LineString {
	flat := make([]float64, 0, 2*len(pts))
	for _, p := range pts {
		flat = append(flat, p[0], p[1])
	}
	return geom.NewLineString(geom.NewSequence(flat, geom.DimXY))
}

// selfIntersection finds a point where closed ring r touches or crosses
// itself (including an edge doubling back on the previous one).
func selfIntersection(r orb.Ring) (orb.Point, bool) {
	pts := make([]orb.Point, 0, len(r))
	for _, p := range r {
		if len(pts) == 0 || p != pts[len(pts)-1] {
			pts = append(pts, p)
		}
	}
	m := len(pts) - 1 // number of segments
	if m < 2 || m > maxLocateSegments {
		return orb.Point{}, false
	}
	for i := 0; i < m; i++ {
		if p, ok := doublesBack(pts[(i+m-1)%m], pts[i], pts[i+1]); ok {
			return p, true
		}
		for k := i + 2; k < m; k++ {
			if i == 0 && k == m-1 {
				continue // adjacent through the closing vertex
			}
			if p, ok := segmentsIntersect(pts[i], pts[i+1], pts[k], pts[k+1]); ok {
				return p, true
			}
		}
	}
	return orb.Point{}, false
}

// doublesBack reports whether the path u→s→w turns back on itself at s.
func doublesBack(u, s, w orb.Point) (orb.Point, bool) {
	if cross(s, u, w) != 0 {
		return orb.Point{}, false
	}
	dot := (u[0]-s[0])*(w[0]-s[0]) + (u[1]-s[1])*(w[1]-s[1])
	return s, dot > 0
}

// ringContact returns a point where two different rings of p meet.
func ringContact(p orb.Polygon) (orb.Point, bool) {
	for i := range p {
		for j := i + 1; j < len(p); j++ {
			if !p[i].Bound().Intersects(p[j].Bound()) || len(p[i])*len(p[j]) > maxLocateSegments*maxLocateSegments {
				continue
			}
			for a := 0; a+1 < len(p[i]); a++ {
				for b := 0; b+1 < len(p[j]); b++ {
					if pt, ok := segmentsIntersect(p[i][a], p[i][a+1], p[j][b], p[j][b+1]); ok {
						return pt, true
					}
				}
			}
		}
	}
	return orb.Point{}, false
}
