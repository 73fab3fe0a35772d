package geo

import (
	"context"
	"slices"

	"github.com/paulmach/orb"
)

// Polygon topology is checked by a plane sweep in the manner of Shamos and
// Hoey: a horizontal line moves up over the vertices (ordered by y, then x,
// so that a horizontal edge behaves like an edge that rises a little), the
// status tree holds the edges it crosses from left to right, and only edges
// that become neighbours in the status are tested against each other. While
// no two edges cross, the order of the status never changes between
// vertices, so the lowest crossing is always found before the line passes
// it; contacts at vertices (a vertex shared by rings, a vertex lying on
// another ring's edge) are found when the line reaches that vertex by
// looking up the edges that contain it. Every vertex costs O(log n) expected
// time plus the edges that end at or pass through it, so a check costs
// O(n log n) whatever the shape: no pair of edges is ever tested because
// their bounding boxes overlap.
//
// Each edge also carries a winding weight (±1, 0 when horizontal) such that
// the weights of the edges left of a point add up to the number of polygons
// containing it (holes subtract); sums over the status tree give that count
// next to a new edge in O(log n), which is how holes outside their exterior
// ring, nested holes and overlapping polygons are found without testing
// point-in-polygon pair by pair.

// sweepMode says what a sweep checks.
type sweepMode int

const (
	sweepRing     sweepMode = iota // one ring: any contact but a shared vertex of consecutive edges
	sweepRings                     // the simple rings of one polygon
	sweepPolygons                  // the rings of several valid polygons
)

// ringInput is one ring given to a sweep.
type ringInput struct {
	pts   []orb.Point // vertices without consecutive repeats or the closing repeat
	group int32       // ring index (sweepRings) or polygon index (sweepPolygons)
	shell bool        // an exterior ring
	ccw   bool        // counter-clockwise (only meaningful for simple rings)
}

// sweepSeg is one edge of a ring, its ends in sweep order.
type sweepSeg struct {
	lo, hi orb.Point // lo comes first in sweep order
	ring   int32
}

// sweepVertex is a ring vertex with the edges that leave and reach it.
type sweepVertex struct {
	p          orb.Point
	next, prev int32
}

// sweepEvent is an edge that starts or ends at the current vertex.
type sweepEvent struct {
	seg   int32
	start bool
}

// sweepProblem is the lowest problem found so far that ends the sweep.
type sweepProblem struct {
	found   bool
	certain orb.Point // the sweep may stop once it is past this point
	at      orb.Point // where to report it
	a, b    int32     // the groups involved (sweepPolygons)
}

// sweeper holds the state of one sweep.
type sweeper struct {
	mode   sweepMode
	rings  []ringInput
	segs   []sweepSeg
	verts  []sweepVertex
	evs    []sweepEvent
	st     status
	hard   sweepProblem
	rs     ringState // sweepRings only
	buf    []int32
	groups []int32
	seen   []int32 // per group: the last event that listed it, +1
	nev    int32
	q      orb.Point // the current vertex
}

// lexLess orders points as the sweep meets them: by y, then by x.
func lexLess(p, q orb.Point) bool {
	return p[1] < q[1] || (p[1] == q[1] && p[0] < q[0])
}

// lexCmp is lexLess as a three-way comparison (for finite coordinates).
func lexCmp(p, q orb.Point) int {
	switch {
	case p[1] < q[1]:
		return -1
	case p[1] > q[1]:
		return 1
	case p[0] < q[0]:
		return -1
	case p[0] > q[0]:
		return 1
	}
	return 0
}

func newSweeper(mode sweepMode, rings []ringInput) *sweeper {
	s := &sweeper{mode: mode, rings: rings}
	n, groups := 0, int32(0)
	for _, r := range rings {
		n += len(r.pts)
		groups = max(groups, r.group+1)
	}
	s.segs = make([]sweepSeg, 0, n)
	s.verts = make([]sweepVertex, 0, n)
	s.st = newStatus(n)
	s.seen = make([]int32, groups)
	for ri, r := range rings {
		off, m := int32(len(s.segs)), int32(len(r.pts))
		for i, a := range r.pts {
			s.addSeg(int32(ri), a, r.pts[(i+1)%len(r.pts)])
			k := int32(i)
			s.verts = append(s.verts, sweepVertex{p: a, next: off + k, prev: off + (k+m-1)%m})
		}
	}
	if mode == sweepRings {
		s.rs = newRingState(len(rings))
	}
	return s
}

// addSeg adds the edge a→b of ring ri with its winding weights.
func (s *sweeper) addSeg(ri int32, a, b orb.Point) {
	r := &s.rings[ri]
	down := lexLess(b, a)
	lo, hi := a, b
	if down {
		lo, hi = b, a
	}
	i := int32(len(s.segs))
	s.segs = append(s.segs, sweepSeg{lo: lo, hi: hi, ring: ri})
	if a[1] == b[1] {
		return // horizontal: a horizontal ray never crosses it
	}
	// Crossing the edge left to right enters the ring when its inside is on
	// the right: a counter-clockwise ring has its inside on the left of
	// every edge, which is the right side of a downward edge.
	w := int32(1)
	if down != r.ccw {
		w = -1
	}
	if !r.shell {
		w = -w
	}
	s.st.n[i].w = w
	if r.shell {
		s.st.n[i].ws = w
	}
}

// run sweeps over every vertex, stopping once past the lowest problem or
// when ctx ends.
func (s *sweeper) run(ctx context.Context) error {
	slices.SortFunc(s.verts, func(a, b sweepVertex) int { return lexCmp(a.p, b.p) })
	for i := 0; i < len(s.verts); {
		q := s.verts[i].p
		if s.hard.found && lexLess(s.hard.certain, q) {
			break
		}
		evs := s.evs[:0]
		j := i
		for ; j < len(s.verts) && s.verts[j].p == q; j++ {
			for _, e := range [2]int32{s.verts[j].next, s.verts[j].prev} {
				evs = append(evs, sweepEvent{seg: e, start: s.segs[e].lo == q})
			}
		}
		s.evs = evs
		if s.nev++; s.nev%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		s.vertex(q, evs)
		i = j
	}
	return nil
}
