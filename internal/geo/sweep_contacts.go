package geo

import (
	"slices"

	"github.com/paulmach/orb"
)

// ringState is what a sweepRings sweep learns about how the rings of one
// polygon meet.
type ringState struct {
	parent       []int32                // union-find over rings joined by contacts
	pairAt       map[[2]int32]orb.Point // where two rings (alone) touched first
	started      []bool                 // the sweep has reached the ring
	outside      []int32                // holes outside the exterior ring
	nested       bool                   // a hole lies inside another
	nestedAt     orb.Point              // where that was seen
	disconnected bool                   // contacts close a loop: the interior is cut apart
}

func newRingState(n int) ringState {
	p := make([]int32, n)
	for i := range p {
		p[i] = int32(i)
	}
	return ringState{parent: p, pairAt: map[[2]int32]orb.Point{}, started: make([]bool, n)}
}

func (r *ringState) find(i int32) int32 {
	for r.parent[i] != i {
		r.parent[i] = r.parent[r.parent[i]]
		i = r.parent[i]
	}
	return i
}

// contacts handles what meets at vertex q: block holds the status edges
// through q, evs the edges that start or end there.
func (s *sweeper) contacts(q orb.Point, block []int32, evs []sweepEvent) {
	var passing [2]int32
	np := 0
	for _, x := range block {
		if s.segs[x].hi != q {
			if np < 2 {
				passing[np] = x
			}
			np++
		}
	}
	if np >= 2 { // two edges cross or overlap at q
		s.clash(passing[0], passing[1], q, q)
	}
	if s.mode == sweepRing {
		// A vertex of a simple ring starts or ends exactly two edges, and
		// lies on no other edge.
		if len(evs) > 2 || np > 0 {
			s.found(q, q, 0, 0)
		}
		return
	}
	if s.mode != sweepRings {
		return // polygons may touch at any number of points
	}
	groups := s.groups[:0]
	add := func(x int32) {
		if g := s.rings[s.segs[x].ring].group; s.seen[g] != s.nev {
			s.seen[g] = s.nev
			groups = append(groups, g)
		}
	}
	for _, x := range block {
		add(x)
	}
	for _, e := range evs {
		add(e.seg)
	}
	s.groups = groups
	if len(groups) >= 2 {
		s.touch(q, groups)
	}
}

// touch records that the rings in groups meet at q. Two rings may meet at
// one point only; and since the contacts and rings form a graph whose loops
// cut the interior apart, a contact that joins rings already joined is a
// problem too.
func (s *sweeper) touch(q orb.Point, groups []int32) {
	r := &s.rs
	if len(groups) == 2 {
		key := [2]int32{min(groups[0], groups[1]), max(groups[0], groups[1])}
		if first, ok := r.pairAt[key]; !ok {
			r.pairAt[key] = q
		} else if first != q {
			s.found(q, first, key[0], key[1])
		}
	}
	root := r.find(groups[0])
	for _, g := range groups[1:] {
		if gr := r.find(g); gr == root {
			r.disconnected = true
		} else {
			r.parent[gr] = root
		}
	}
}

// coverage checks, next to the edges that start at q, how many polygons
// cover the plane: a hole must start inside its exterior ring and no other
// hole (sweepRings), no point may be inside two polygons (sweepPolygons).
func (s *sweeper) coverage(q orb.Point, evs []sweepEvent) {
	switch s.mode {
	case sweepRings:
		s.holeStarts(q, evs)
	case sweepPolygons:
		for _, e := range evs {
			w := s.st.n[e.seg].w
			if !e.start || w == 0 {
				continue
			}
			right, _ := s.st.prefix(e.seg)
			if (right > 1 || right-w > 1) && s.better(q) {
				a, b := s.coverers(e.seg, right > 1)
				s.found(q, q, a, b)
			}
		}
	}
}

// holeStarts checks the holes whose lowest vertex is q, where both their
// edges start: the sweep reaches a ring there first.
func (s *sweeper) holeStarts(q orb.Point, evs []sweepEvent) {
	first := s.buf[:0]
	for _, e := range evs {
		if ri := s.segs[e.seg].ring; e.start && !s.rs.started[ri] {
			first = append(first, e.seg)
		}
	}
	s.buf = first
	slices.Sort(first) // a ring's edges are numbered together
	for k := 0; k < len(first); k++ {
		a, ri := first[k], s.segs[first[k]].ring
		if k+1 < len(first) && s.segs[first[k+1]].ring == ri {
			if k++; s.order(first[k], a, q) < 0 {
				a = first[k]
			}
		}
		s.rs.started[ri] = true
		if ri > 0 {
			s.holeStart(q, a)
		}
	}
}

// holeStart checks the point just left of hole edge x at the hole's lowest
// vertex q, which is just outside the hole: it must be inside the exterior
// ring and inside no other hole.
func (s *sweeper) holeStart(q orb.Point, x int32) {
	sum, shell := s.st.prefix(x)
	sum -= s.st.n[x].w
	shell -= s.st.n[x].ws
	switch {
	case shell < 1:
		s.rs.outside = append(s.rs.outside, s.rings[s.segs[x].ring].group)
	case sum < 1 && !s.rs.nested:
		s.rs.nested, s.rs.nestedAt = true, q
	}
}

// coverers returns the two lowest-numbered polygons that contain the point
// just right (or left) of status edge x.
func (s *sweeper) coverers(x int32, rightSide bool) (int32, int32) {
	sums := map[int32]int32{}
	for y := s.st.first(); y != none; y = s.st.next(y) {
		if y == x && !rightSide {
			break
		}
		sums[s.rings[s.segs[y].ring].group] += s.st.n[y].w
		if y == x {
			break
		}
	}
	var in []int32
	for g, n := range sums {
		if n > 0 {
			in = append(in, g)
		}
	}
	slices.Sort(in)
	g := s.rings[s.segs[x].ring].group
	for len(in) < 2 {
		in = append(in, g)
	}
	return in[0], in[1]
}
