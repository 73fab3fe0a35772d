package geo

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
)

// Item is one feature of a NearestIndex, e.g. a port, a highway exit or an
// industrial park.
type Item struct {
	ID   string
	Geom orb.Geometry
}

// NearestIndex answers "which item is nearest to this geometry" by
// DistanceKm. It is immutable once built and safe for concurrent use.
//
// Items are bucketed in a uniform longitude/latitude grid (about one item
// per cell; items spanning many cells are kept aside and always checked). A
// query visits the cells ring by ring outwards from its own, computes a
// cheap lower bound of the distance to each item found from the bounding
// boxes (equatorial meridian length for latitude gaps, parallel length at
// the most poleward latitude for longitude gaps), and measures candidates
// with DistanceKm in increasing bound order, stopping once the bounds of the
// remaining items and of the next ring exceed the best distance found.
type NearestIndex struct {
	items []indexItem // sorted by ID, so equal distances resolve to the smallest ID
	boxes []lbBox     // items[i]'s bound, packed for the lower-bound tests
	grid  grid
	pool  sync.Pool // *scratch
}

type indexItem struct {
	id    string
	shape shape
}

// lbBox is a bound with the km per degree of longitude at its most poleward
// latitude.
type lbBox struct {
	minX, minY, maxX, maxY, kx float64
}

func newLBBox(s *shape) lbBox {
	return lbBox{s.bound.Min[0], s.bound.Min[1], s.bound.Max[0], s.bound.Max[1], s.kxMin}
}

// NewNearestIndex builds an index over items. Items whose geometry is nil or
// empty are left out. The items' geometries must not be modified afterwards.
func NewNearestIndex(items []Item) *NearestIndex {
	ix := &NearestIndex{items: make([]indexItem, 0, len(items))}
	for _, it := range items {
		s := prepare(it.Geom)
		if len(s.lines) == 0 {
			continue
		}
		ix.items = append(ix.items, indexItem{id: it.ID, shape: s})
	}
	slices.SortStableFunc(ix.items, func(a, b indexItem) int { return cmp.Compare(a.id, b.id) })
	ix.boxes = make([]lbBox, len(ix.items))
	for i := range ix.items {
		ix.boxes[i] = newLBBox(&ix.items[i].shape)
	}
	ix.grid = newGrid(ix.boxes)
	n := len(ix.items)
	ix.pool.New = func() any { return &scratch{seen: make([]uint32, n)} }
	return ix
}

// Len returns the number of items in the index.
func (ix *NearestIndex) Len() int {
	return len(ix.items)
}

// candidate is an item index with its squared distance lower bound.
type candidate struct {
	lb2 float64
	i   int
}

// scratch is per-query working memory.
type scratch struct {
	seen    []uint32 // seen[i] == gen when item i was already considered
	gen     uint32
	pending []candidate
}

// search is the state of one Nearest query.
type search struct {
	ix     *NearestIndex
	q      shape
	qb     lbBox
	sc     *scratch
	best   float64
	bestI  int
	cellKm float64
}

// Nearest returns the ID of the item at the smallest DistanceKm from g and
// that distance; ties go to the smallest ID. ok is false when the index is
// empty or g is nil or empty.
func (ix *NearestIndex) Nearest(g orb.Geometry) (id string, km float64, ok bool) {
	if len(ix.items) == 0 {
		return "", 0, false
	}
	s := search{ix: ix, q: prepare(g), best: math.Inf(1), bestI: -1}
	if len(s.q.lines) == 0 {
		return "", 0, false
	}
	s.qb = newLBBox(&s.q)
	s.sc = ix.pool.Get().(*scratch)
	defer ix.pool.Put(s.sc)
	s.sc.nextGen()
	s.sc.pending = s.sc.pending[:0]
	s.cellKm = ix.grid.cell * min(minKmPerDegreeLat, s.qb.kx, ix.grid.kx) * 0.999
	for _, i := range ix.grid.wide {
		s.consider(int(i))
	}
	s.run()
	if s.bestI < 0 {
		return "", 0, false
	}
	return ix.items[s.bestI].id, s.best, true
}

func (sc *scratch) nextGen() {
	sc.gen++
	if sc.gen == 0 { // wrapped: forget everything
		clear(sc.seen)
		sc.gen = 1
	}
}

// run visits grid rings outwards until no item can beat the best distance.
func (s *search) run() {
	x0, y0, x1, y1 := s.ix.grid.cellRange(s.qb)
	for r := 0; ; r++ {
		if !s.ix.grid.ring(x0, y0, x1, y1, r, func(cell int) { s.visitCell(cell) }) {
			s.evaluate(math.Inf(1))
			return
		}
		next := float64(r) * s.cellKm // lower bound for items first met in ring r+1
		s.evaluate(next * next)
		if next > s.best {
			return
		}
	}
}

func (s *search) visitCell(cell int) {
	g := &s.ix.grid
	for _, i := range g.items[g.start[cell]:g.start[cell+1]] {
		s.consider(int(i))
	}
}

// consider queues item i once per query, unless its bound rules it out.
func (s *search) consider(i int) {
	if s.sc.seen[i] == s.sc.gen {
		return
	}
	s.sc.seen[i] = s.sc.gen
	if lb2 := lowerBound2(&s.qb, &s.ix.boxes[i]); lb2 <= s.best*s.best {
		s.sc.push(candidate{lb2, i})
	}
}

// before orders candidates by bound, then by index (ties resolve to the
// smallest ID, as the items are sorted by ID).
func (a candidate) before(b candidate) bool {
	return a.lb2 < b.lb2 || (a.lb2 == b.lb2 && a.i < b.i)
}

// push adds c to the pending min-heap.
func (sc *scratch) push(c candidate) {
	p := append(sc.pending, c)
	for k := len(p) - 1; k > 0; {
		parent := (k - 1) / 2
		if !p[k].before(p[parent]) {
			break
		}
		p[k], p[parent] = p[parent], p[k]
		k = parent
	}
	sc.pending = p
}

// pop removes and returns the pending candidate with the smallest bound.
func (sc *scratch) pop() candidate {
	p := sc.pending
	top := p[0]
	last := len(p) - 1
	p[0] = p[last]
	p = p[:last]
	for k := 0; ; {
		l, r, m := 2*k+1, 2*k+2, k
		if l < len(p) && p[l].before(p[m]) {
			m = l
		}
		if r < len(p) && p[r].before(p[m]) {
			m = r
		}
		if m == k {
			break
		}
		p[k], p[m] = p[m], p[k]
		k = m
	}
	sc.pending = p
	return top
}

// evaluate measures pending candidates in bound order (a min-heap) while
// their bound is at most upTo2 (a squared km bound) and the best distance;
// the others stay pending.
func (s *search) evaluate(upTo2 float64) {
	for len(s.sc.pending) > 0 && s.sc.pending[0].lb2 <= upTo2 {
		if s.sc.pending[0].lb2 > s.best*s.best {
			s.sc.pending = s.sc.pending[:0] // nothing left can win
			return
		}
		c := s.sc.pop()
		d, found := distanceKm(&s.q, &s.ix.items[c.i].shape, s.best)
		if found && (d < s.best || (d == s.best && c.i < s.bestI)) {
			s.best, s.bestI = d, c.i
		}
	}
}

// lowerBound2 is the square of a lower bound (in km) of the geodesic
// distance between any point of a and any point of b: latitude gaps count at
// the equatorial meridian length, longitude gaps at the parallel length of
// the most poleward latitude, less 0.1 % for safety.
func lowerBound2(a, b *lbBox) float64 {
	dLat := gap(a.minY, a.maxY, b.minY, b.maxY) * minKmPerDegreeLat
	kx := a.kx
	if b.kx < kx {
		kx = b.kx
	}
	dLon := gap(a.minX, a.maxX, b.minX, b.maxX) * kx
	return 0.998 * (dLat*dLat + dLon*dLon)
}

// gap is the distance between intervals [aMin, aMax] and [bMin, bMax], 0
// when they overlap.
func gap(aMin, aMax, bMin, bMax float64) float64 {
	if d := bMin - aMax; d > 0 {
		return d
	}
	if d := aMin - bMax; d > 0 {
		return d
	}
	return 0
}
