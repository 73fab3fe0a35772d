package geo

import (
	"github.com/paulmach/orb"
)

// polygon validates polygon p whose coordinates are at ptr; j is its index in
// a MultiPolygon, or -1. It returns the rings prepared for a sweep and
// whether p is valid.
func (v *validator) polygon(p orb.Polygon, ptr string, j int) ([]ringInput, bool) {
	if len(p) == 0 {
		v.add(ptr, "%s has no rings", polyName(j))
		return nil, false
	}
	ok := true
	for i, r := range p {
		if !v.ringStructure(r, ptrIndex(ptr, i), ringName(i, j)) {
			ok = false
		}
	}
	if !ok || !v.span(p[0].Bound(), ptr) {
		return nil, false
	}
	rings := make([]ringInput, len(p))
	for i, r := range p {
		rings[i] = newRingInput(r, int32(i), i == 0)
		if !v.simpleRing(&rings[i], ptrIndex(ptr, i), ringName(i, j)) {
			ok = false
		}
	}
	if !ok || len(rings) == 1 {
		return rings, ok
	}
	return rings, v.ringRelations(rings, ptr, j)
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

// newRingInput returns ring r's distinct vertices (no consecutive repeats,
// no closing repeat) for a sweep.
func newRingInput(r orb.Ring, group int32, shell bool) ringInput {
	pts := make([]orb.Point, 0, len(r))
	for _, p := range r {
		if len(pts) == 0 || p != pts[len(pts)-1] {
			pts = append(pts, p)
		}
	}
	for len(pts) > 1 && pts[len(pts)-1] == pts[0] {
		pts = pts[:len(pts)-1]
	}
	return ringInput{pts: pts, group: group, shell: shell}
}

// simpleRing checks that ring r neither crosses nor touches itself, and
// then records its orientation.
func (v *validator) simpleRing(r *ringInput, ptr, name string) bool {
	if len(r.pts) < 2 {
		v.add(ptr, "%s has only one distinct position", name)
		return false
	}
	s := newSweeper(sweepRing, []ringInput{*r})
	if v.sweep(s) {
		v.add(ptr, "%s self-intersects near %s", name, fmtNear(s.hard.at))
		return false
	}
	if v.err != nil {
		return false
	}
	r.ccw = lowestTurn(r.pts) > 0
	return true
}

// lowestTurn returns the orientation of a simple ring at its lowest vertex,
// where it cannot be collinear: +1 counter-clockwise, -1 clockwise.
func lowestTurn(pts []orb.Point) int {
	k := 0
	for i, p := range pts {
		if lexLess(p, pts[k]) {
			k = i
		}
	}
	n := len(pts)
	return orient(pts[(k+n-1)%n], pts[k], pts[(k+1)%n])
}

// sweep runs s and reports whether it found a problem; a context error is
// kept in v.err.
func (v *validator) sweep(s *sweeper) bool {
	if v.err != nil {
		return false
	}
	if err := s.run(v.ctx); err != nil {
		v.err = err
		return false
	}
	return s.hard.found
}

// ringRelations checks how the simple rings of polygon j meet: holes inside
// the exterior ring, not inside one another, meeting other rings at one
// point at most, without cutting the interior apart.
func (v *validator) ringRelations(rings []ringInput, ptr string, j int) bool {
	name := polyName(j)
	s := newSweeper(sweepRings, rings)
	hard := v.sweep(s)
	switch {
	case v.err != nil:
	case hard:
		v.add(ptr, "the rings of %s cross, share an edge or touch at more than one point near %s", name, fmtNear(s.hard.at))
	case len(s.rs.outside) > 0:
		for _, k := range s.rs.outside {
			v.add(ptrIndex(ptr, int(k)), "%s is a hole but lies outside the exterior ring of %s", ringName(int(k), j), name)
		}
	case s.rs.nested:
		v.add(ptr, "%s has a hole inside another hole near %s", name, fmtNear(s.rs.nestedAt))
	case s.rs.disconnected:
		v.add(ptr, "the holes of %s cut its interior into separate pieces", name)
	default:
		return true
	}
	return false
}

// multiPolygon validates each polygon, then checks that the valid ones
// neither overlap nor share an edge (touching at points is allowed).
func (v *validator) multiPolygon(mp orb.MultiPolygon, ptr string) {
	if len(mp) == 0 {
		v.add(ptr, "MultiPolygon has no polygons")
		return
	}
	var all []ringInput
	valid := 0
	for j, p := range mp {
		rings, ok := v.polygon(p, ptrIndex(ptr, j), j)
		if v.err != nil {
			return
		}
		if ok {
			valid++
			for _, r := range rings {
				r.group = int32(j)
				all = append(all, r)
			}
		}
	}
	if valid < 2 {
		return
	}
	s := newSweeper(sweepPolygons, all)
	if v.sweep(s) {
		v.add(ptrIndex(ptr, int(s.hard.b)), "polygons %d and %d overlap or share an edge near %s", s.hard.a, s.hard.b, fmtNear(s.hard.at))
	}
}

func finitePoint(p orb.Point) bool {
	return isFinite(p[0]) && isFinite(p[1])
}
