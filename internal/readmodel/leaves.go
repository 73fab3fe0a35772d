package readmodel

import (
	"math"
	"slices"

	"github.com/landcat/landcat/internal/cql2"
	"github.com/paulmach/orb"
)

// numCmp is "number op constant".
type numCmp struct {
	field int
	op    cql2.CompOp
	k     float64
}

func (n numCmp) eval(t *table) (bitset, bitset) {
	// Every comparison is a closed interval of floats: v < k is
	// v <= the float just below k.
	lo, hi := math.Inf(-1), math.Inf(1)
	switch n.op {
	case cql2.Eq:
		lo, hi = n.k, n.k
	case cql2.Lt:
		hi = math.Nextafter(n.k, math.Inf(-1))
	case cql2.Le:
		hi = n.k
	case cql2.Gt:
		lo = math.Nextafter(n.k, math.Inf(1))
	case cql2.Ge:
		lo = n.k
	}
	return scanRange(t, n.field, lo, hi)
}

// numRange is "number BETWEEN lo AND hi".
type numRange struct {
	field  int
	lo, hi float64
}

func (n numRange) eval(t *table) (bitset, bitset) { return scanRange(t, n.field, n.lo, n.hi) }

// scanRange answers lo <= v <= hi for every known value of a number
// column (NaN, the unknown value, is neither true nor false). It builds
// the bitsets a word at a time, without a call per value: a full scan of
// 100,000 values is a few tens of microseconds.
func scanRange(t *table, field int, lo, hi float64) (bitset, bitset) {
	tr, fl := newBitset(t.n), newBitset(t.n)
	for k, ch := range t.chunks {
		base := k << chunkBits
		col := ch.cols[field].num[:min(len(ch.feats), int(t.n)-base)]
		for w := 0; w < len(col); w += 64 {
			vals := col[w:min(w+64, len(col))]
			var in, known uint64
			for j, v := range vals { // branch-free: random data mispredicts
				in |= (b2u(v >= lo) & b2u(v <= hi)) << j
				known |= b2u(v == v) << j
			}
			tr[(base+w)>>6] = in
			fl[(base+w)>>6] = known &^ in
		}
	}
	return tr, fl
}

// b2u is 1 for true; the compiler makes it a SETcc, not a branch.
func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// numIn is "number IN (constants)".
type numIn struct {
	field  int
	values []float64
}

func (n numIn) eval(t *table) (bitset, bitset) {
	return scanNum(t, n.field, func(v float64) bool { return slices.Contains(n.values, v) })
}

// scanNum evaluates test on the known values of a number column.
func scanNum(t *table, field int, test func(float64) bool) (bitset, bitset) {
	tr, fl := newBitset(t.n), newBitset(t.n)
	for k, ch := range t.chunks {
		base := int32(k) << chunkBits
		col := ch.cols[field].num[:min(len(ch.feats), int(t.n-base))]
		for r, v := range col {
			switch {
			case math.IsNaN(v):
			case test(v):
				tr.set(base + int32(r))
			default:
				fl.set(base + int32(r))
			}
		}
	}
	return tr, fl
}

// valueIn is "string IN (constants)" (and "string = constant") on an
// enumerated or free string, answered from the column's posting lists.
type valueIn struct {
	field  int
	values []string
}

func (n valueIn) eval(t *table) (bitset, bitset) {
	p := t.postings(n.field)
	tr := newBitset(t.n)
	for _, v := range n.values {
		for _, slot := range p.slots[v] {
			tr.set(slot)
		}
	}
	fl := p.known.clone()
	fl.andNot(tr)
	return tr, fl
}

// postings lists, for each value of a string column, the slots holding it.
type postings struct {
	slots map[string][]int32
	known bitset
}

// postings returns the posting lists of a string column, built once per
// table (they cost a pass over the column and 4 bytes per feature).
func (t *table) postings(field int) *postings {
	return t.derive("postings/"+t.schema.Fields[field].Name, func() any {
		p := &postings{slots: map[string][]int32{}, known: newBitset(t.n)}
		for slot := int32(0); slot < t.n; slot++ {
			if v, ok := t.feature(slot).Str(field); ok {
				p.slots[v] = append(p.slots[v], slot)
				p.known.set(slot)
			}
		}
		return p
	}).(*postings)
}

// flagIs is "boolean = constant".
type flagIs struct {
	field int
	want  bool
}

func (n flagIs) eval(t *table) (bitset, bitset) {
	return scan(t, func(ch *chunk, r int) (bool, bool) {
		v := ch.cols[n.field].i8[r]
		return (v == 1) == n.want, v >= 0
	})
}

// dayCmp is "date op DATE(...)".
type dayCmp struct {
	field int
	op    cql2.CompOp
	day   int32
}

func (n dayCmp) eval(t *table) (bitset, bitset) {
	return scan(t, func(ch *chunk, r int) (bool, bool) {
		v := ch.cols[n.field].i32[r]
		return holds(n.op, cmp3(v, n.day)), v != noDate
	})
}

// timeCmp is "timestamp op TIMESTAMP(...)".
type timeCmp struct {
	field int
	op    cql2.CompOp
	ns    int64
}

func (n timeCmp) eval(t *table) (bitset, bitset) {
	return scan(t, func(ch *chunk, r int) (bool, bool) {
		v := ch.cols[n.field].i64[r]
		return holds(n.op, cmp3(v, n.ns)), v != noTime
	})
}

func cmp3[T int32 | int64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// isNull is "property IS NULL" (never unknown).
type isNull struct{ field int }

func (n isNull) eval(t *table) (bitset, bitset) {
	return scan(t, func(ch *chunk, r int) (bool, bool) { return !ch.known(n.field, r), true })
}

// idIn is "id IN (constants)" (and "id = constant").
type idIn struct{ ids []string }

func (n idIn) eval(t *table) (bitset, bitset) {
	tr := newBitset(t.n)
	for _, id := range n.ids {
		if f, ok := t.get(id); ok {
			tr.set(f.slot)
		}
	}
	fl := full(t.n)
	fl.andNot(tr)
	return tr, fl
}

// spatialTest is a spatial function of the feature geometry and a literal:
// the R-tree finds the features whose bound meets the literal's, the cql2
// predicate decides each of those exactly, and every other feature is
// decided by the bounds alone (disjoint: only S_DISJOINT holds).
type spatialTest struct {
	boxes    []orb.Bound
	disjoint bool
	rect     bool // S_INTERSECTS or S_DISJOINT with a BBOX: a feature whose bound lies in a box intersects it
	pred     func(cql2.Record) cql2.Truth
}

// spatial compiles "S_xxx(geometry, literal)" (either way round).
func spatial(n cql2.SpatialPred, s cqlSchema) node {
	lit := n.B
	if p, ok := n.A.(cql2.Property); !ok || p.Name != "geometry" {
		if p, ok := n.B.(cql2.Property); !ok || p.Name != "geometry" {
			return nil
		}
		lit = n.A
	}
	boxes := literalBoxes(lit)
	if boxes == nil {
		return nil
	}
	pred, err := cql2.Compile3(n, s)
	if err != nil {
		return nil
	}
	_, isBox := lit.(cql2.BBoxLit)
	rect := isBox && (n.Op == cql2.SIntersects || n.Op == cql2.SDisjoint)
	return spatialTest{boxes: boxes, disjoint: n.Op == cql2.SDisjoint, rect: rect, pred: pred}
}

// literalBoxes returns the bounding boxes of a geometry literal (two for a
// BBOX across the antimeridian), or nil.
func literalBoxes(e cql2.Expr) []orb.Bound {
	switch v := e.(type) {
	case cql2.BBoxLit:
		c := v.Coords
		if len(c) == 6 {
			c = []float64{c[0], c[1], c[3], c[4]}
		}
		if len(c) != 4 {
			return nil
		}
		if c[0] > c[2] {
			return []orb.Bound{{Min: orb.Point{c[0], c[1]}, Max: orb.Point{180, c[3]}}, {Min: orb.Point{-180, c[1]}, Max: orb.Point{c[2], c[3]}}}
		}
		return []orb.Bound{{Min: orb.Point{c[0], c[1]}, Max: orb.Point{c[2], c[3]}}}
	case cql2.GeometryLit:
		lo, hi, ok := v.Geom.Envelope().MinMaxXYs()
		if !ok {
			return nil
		}
		return []orb.Bound{{Min: orb.Point{lo.X, lo.Y}, Max: orb.Point{hi.X, hi.Y}}}
	}
	return nil
}

func (n spatialTest) eval(t *table) (bitset, bitset) {
	near, inside := newBitset(t.n), newBitset(t.n)
	for _, b := range n.boxes {
		t.tree.Search(b.Min, b.Max, func(lo, hi [2]float64, slot int32) bool {
			if n.rect && lo[0] >= b.Min[0] && lo[1] >= b.Min[1] && hi[0] <= b.Max[0] && hi[1] <= b.Max[1] {
				inside.set(slot) // decided by the bounds alone
			} else {
				near.set(slot)
			}
			return true
		})
	}
	near.andNot(inside)
	tr, fl := newBitset(t.n), full(t.n)
	if n.disjoint {
		tr, fl = fl, tr
	}
	if n.disjoint {
		fl.or(inside)
		tr.andNot(inside)
	} else {
		tr.or(inside)
		fl.andNot(inside)
	}
	rec := &record{}
	near.each(func(slot int32) bool {
		rec.f = t.feature(slot)
		v := n.pred(rec)
		tr[slot>>6] &^= 1 << (slot & 63)
		fl[slot>>6] &^= 1 << (slot & 63)
		switch v {
		case cql2.True:
			tr.set(slot)
		case cql2.False:
			fl.set(slot)
		}
		return true
	})
	return tr, fl
}

// setTest is an array function of an enumerated list property and a list
// of constants, on bit sets.
type setTest struct {
	field int
	op    cql2.ArrayOp
	mask  uint64
	extra bool // the constants hold a value outside the enumeration
}

// arrayTest compiles "A_xxx(property, (constants))" on an enumerated list.
func arrayTest(n cql2.ArrayPred, s cqlSchema) node {
	p, ok := n.A.(cql2.Property)
	arr, okA := n.B.(cql2.ArrayLit)
	if !ok || !okA || n.Op == cql2.AEquals {
		return nil
	}
	i, k := s.field(p.Name)
	if i < 0 || k != kSet {
		return nil
	}
	st := setTest{field: i, op: n.Op}
	enum := s.s.Fields[i].Enum
	for _, e := range arr.Elems {
		v, ok := e.(cql2.StringLit)
		if !ok {
			return nil
		}
		if j := slices.Index(enum, v.Value); j >= 0 && j < 63 {
			st.mask |= 1 << j
		} else {
			st.extra = true
		}
	}
	return st
}

func (n setTest) eval(t *table) (bitset, bitset) {
	return scan(t, func(ch *chunk, r int) (bool, bool) {
		v := ch.cols[n.field].set[r]
		known, got := v&setKnown != 0, v&^setKnown
		switch n.op {
		case cql2.AContains: // the property holds every constant
			return !n.extra && got&n.mask == n.mask, known
		case cql2.AOverlaps:
			return got&n.mask != 0, known
		}
		return got&^n.mask == 0, known // AContainedBy
	})
}
