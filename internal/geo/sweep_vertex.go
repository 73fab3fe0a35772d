package geo

import (
	"cmp"

	"github.com/paulmach/orb"
)

// vertex moves the sweep line to q: it finds the edges through q, notes the
// contacts there, removes the edges that end at q, inserts those that start
// there and tests the edges that have become neighbours.
func (s *sweeper) vertex(q orb.Point, evs []sweepEvent) {
	s.q = q
	block, left, right := s.through(q)
	s.contacts(q, block, evs)
	for _, e := range evs {
		if !e.start {
			s.st.remove(e.seg)
		}
	}
	for _, e := range evs {
		if e.start {
			s.st.insert(e.seg, s)
		}
	}
	s.neighbours(left, right, q)
	s.coverage(q, evs)
}

// contains reports whether status edge j contains q (j spans q in sweep
// order, so being on its line is enough).
func (s *sweeper) contains(j int32, q orb.Point) bool {
	return orient(s.segs[j].lo, s.segs[j].hi, q) == 0
}

// through returns, left to right, the status edges that contain q (those
// ending at q and those passing through it), and the status edges just left
// and right of them.
func (s *sweeper) through(q orb.Point) (block []int32, left, right int32) {
	on, left, right := s.st.search(s)
	block = s.buf[:0]
	if on != none {
		first, last := on, on
		for p := s.st.prev(first); p != none && s.contains(p, q); p = s.st.prev(p) {
			first = p
		}
		for n := s.st.next(last); n != none && s.contains(n, q); n = s.st.next(n) {
			last = n
		}
		left, right = s.st.prev(first), s.st.next(last)
		for x := first; ; x = s.st.next(x) {
			block = append(block, x)
			if x == last {
				break
			}
		}
	}
	s.buf = block
	return block, left, right
}

// before orders edge i, which starts at the current vertex, and status edge
// j (the status tree's orderer).
func (s *sweeper) before(i, j int32) int { return s.order(i, j, s.q) }

// where locates the current vertex relative to status edge j.
func (s *sweeper) where(j int32) int {
	return -orient(s.segs[j].lo, s.segs[j].hi, s.q)
}

// order compares edge i, which starts at q, with status edge j: < 0 when i
// lies left of j just above q. Collinear edges that both go on from q share
// a stretch: that is a problem, and the tie is broken by index.
func (s *sweeper) order(i, j int32, q orb.Point) int {
	u := &s.segs[j]
	if o := orient(u.lo, u.hi, q); o != 0 {
		return -o
	}
	if o := orient(u.lo, u.hi, s.segs[i].hi); o != 0 {
		return -o
	}
	s.clash(i, j, q, q)
	return cmp.Compare(i, j)
}

// neighbours tests the pairs of adjacent edges between left and right,
// which are the only pairs the vertex can have made adjacent.
func (s *sweeper) neighbours(left, right int32, q orb.Point) {
	x := left
	if x == none {
		x = s.st.first()
	}
	if x == none || x == right {
		return
	}
	for {
		y := s.st.next(x)
		if y == none {
			return
		}
		s.testPair(x, y, q)
		if y == right {
			return
		}
		x = y
	}
}

// testPair reports adjacent edges i and j if they cross or overlap. Touches
// at an endpoint are left to the vertex handling at that endpoint.
func (s *sweeper) testPair(i, j int32, q orb.Point) {
	a, b := &s.segs[i], &s.segs[j]
	if s.mode != sweepRing && s.rings[a.ring].group == s.rings[b.ring].group {
		return
	}
	d1, d2 := orient(a.lo, a.hi, b.lo), orient(a.lo, a.hi, b.hi)
	if d1 == 0 && d2 == 0 {
		lo, hi := a.lo, a.hi
		if lexLess(lo, b.lo) {
			lo = b.lo
		}
		if lexLess(b.hi, hi) {
			hi = b.hi
		}
		if lexLess(lo, hi) {
			s.clash(i, j, lexMax(lo, q), lo)
		}
		return
	}
	if d1*d2 >= 0 {
		return
	}
	if d3, d4 := orient(b.lo, b.hi, a.lo), orient(b.lo, b.hi, a.hi); d3*d4 >= 0 {
		return
	}
	c := crossingPoint(a.lo, a.hi, b.lo, b.hi)
	s.clash(i, j, lexMax(c, q), c)
}

func lexMax(p, q orb.Point) orb.Point {
	if lexLess(p, q) {
		return q
	}
	return p
}

// crossingPoint returns where the lines a–b and c–d meet, for segments known
// to cross properly.
func crossingPoint(a, b, c, d orb.Point) orb.Point {
	d1, d2 := cross(c, d, a), cross(c, d, b)
	if d1 == d2 {
		return a
	}
	t := d1 / (d1 - d2)
	return orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
}

// clash records edges i and j meeting where they must not: the same ring
// (sweepRing), two rings of a polygon (sweepRings) or two polygons
// (sweepPolygons). Edges of one ring or polygon were checked before and are
// ignored by the later sweeps.
func (s *sweeper) clash(i, j int32, certain, at orb.Point) {
	gi, gj := s.rings[s.segs[i].ring].group, s.rings[s.segs[j].ring].group
	if s.mode != sweepRing && gi == gj {
		return
	}
	s.found(certain, at, gi, gj)
}

// better reports whether a problem known from certain would be lower than
// the one found so far.
func (s *sweeper) better(certain orb.Point) bool {
	return !s.hard.found || lexLess(certain, s.hard.certain)
}

// found records a problem if it is the lowest so far.
func (s *sweeper) found(certain, at orb.Point, a, b int32) {
	if s.better(certain) {
		s.hard = sweepProblem{found: true, certain: certain, at: at, a: min(a, b), b: max(a, b)}
	}
}
