package readmodel

import (
	"math"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/cql2"
	"github.com/paulmach/orb"
)

// A compiled filter is a tree of nodes that each answer, for every slot of
// a table at once, where they are true and where they are false (the rest
// is unknown: SQL's three-valued logic, which NOT needs). The common shapes
// — a property against constants, IN, BETWEEN, IS NULL, array tests on
// enumerated lists, a spatial test against a literal — read one column (or
// a posting list, or the R-tree) into bitsets; anything else is evaluated
// feature by feature by the cql2 package's compiled predicate. Every node
// is immutable: a compiled filter is safe to share between goroutines.
type node interface {
	eval(t *table) (tru, fls bitset)
}

// Filter is a compiled filter over one collection (CompileFilter).
type Filter struct {
	coll catalog.Collection
	root node
	expr cql2.Expr
	pred func(cql2.Record) cql2.Truth // feature by feature, for a few candidates
}

// Expr returns the CQL2 expression the filter was compiled from.
func (f *Filter) Expr() cql2.Expr { return f.expr }

// CompileFilter type-checks a CQL2 expression against the queryables of c
// (its schema fields, "id" and "geometry") and compiles it. Errors are
// *cql2.Error values.
func CompileFilter(c catalog.Collection, e cql2.Expr) (*Filter, error) {
	s := cqlSchema{catalog.SchemaOf(c)}
	pred, err := cql2.Compile3(e, s)
	if err != nil {
		return nil, err
	}
	return &Filter{coll: c, root: plan(e, s), expr: e, pred: pred}, nil
}

// plan compiles e (already type-checked) into nodes.
func plan(e cql2.Expr, s cqlSchema) node {
	switch n := e.(type) {
	case cql2.Logical:
		kids := make([]node, len(n.Args))
		for i, a := range n.Args {
			kids[i] = plan(a, s)
		}
		return logical{or: n.Op == cql2.Or, kids: kids}
	case cql2.Not:
		return not{plan(n.Arg, s)}
	}
	if nd := leaf(e, s); nd != nil {
		return nd
	}
	pred, _ := cql2.Compile3(e, s)
	return rowwise{pred}
}

type logical struct {
	or   bool
	kids []node
}

func (n logical) eval(t *table) (bitset, bitset) {
	tr, fl := n.kids[0].eval(t)
	tr, fl = tr.clone(), fl.clone()
	for _, k := range n.kids[1:] {
		kt, kf := k.eval(t)
		if n.or {
			tr.or(kt)
			fl.and(kf)
		} else {
			tr.and(kt)
			fl.or(kf)
		}
	}
	return tr, fl
}

type not struct{ kid node }

func (n not) eval(t *table) (bitset, bitset) {
	tr, fl := n.kid.eval(t)
	return fl, tr
}

// rowwise evaluates a predicate feature by feature.
type rowwise struct{ pred func(cql2.Record) cql2.Truth }

func (n rowwise) eval(t *table) (bitset, bitset) {
	tr, fl := newBitset(t.n), newBitset(t.n)
	rec := &record{}
	for slot := int32(0); slot < t.n; slot++ {
		rec.f = t.feature(slot)
		switch n.pred(rec) {
		case cql2.True:
			tr.set(slot)
		case cql2.False:
			fl.set(slot)
		}
	}
	return tr, fl
}

// leaf compiles the shapes that run over columns, or returns nil.
func leaf(e cql2.Expr, s cqlSchema) node {
	switch n := e.(type) {
	case cql2.Comparison:
		p, lit, op, ok := propAndLiteral(n.Left, n.Right, n.Op)
		if !ok {
			return nil
		}
		if op == cql2.Ne {
			if eq := compare(p, cql2.Eq, lit, s); eq != nil {
				return not{eq}
			}
			return nil
		}
		return compare(p, op, lit, s)
	case cql2.In:
		p, ok := n.Arg.(cql2.Property)
		if !ok {
			return nil
		}
		return in(p, n.List, s)
	case cql2.Between:
		p, okP := n.Arg.(cql2.Property)
		lo, okL := n.Low.(cql2.NumberLit)
		hi, okH := n.High.(cql2.NumberLit)
		if i, k := s.field(p.Name); okP && okL && okH && k == kNum {
			return numRange{field: i, lo: lo.Value, hi: hi.Value}
		}
	case cql2.IsNull:
		if p, ok := n.Arg.(cql2.Property); ok {
			if i, _ := s.field(p.Name); i >= 0 {
				return isNull{i}
			}
		}
	case cql2.SpatialPred:
		return spatial(n, s)
	case cql2.ArrayPred:
		return arrayTest(n, s)
	}
	return nil
}

// propAndLiteral orders "property op literal" (either way round).
func propAndLiteral(a, b cql2.Expr, op cql2.CompOp) (cql2.Property, cql2.Expr, cql2.CompOp, bool) {
	if p, ok := a.(cql2.Property); ok && isLiteral(b) {
		return p, b, op, true
	}
	if p, ok := b.(cql2.Property); ok && isLiteral(a) {
		return p, a, flip(op), true
	}
	return cql2.Property{}, nil, op, false
}

func isLiteral(e cql2.Expr) bool {
	switch e.(type) {
	case cql2.NumberLit, cql2.StringLit, cql2.BoolLit, cql2.DateLit, cql2.TimestampLit:
		return true
	}
	return false
}

func flip(op cql2.CompOp) cql2.CompOp {
	switch op {
	case cql2.Lt:
		return cql2.Gt
	case cql2.Gt:
		return cql2.Lt
	case cql2.Le:
		return cql2.Ge
	case cql2.Ge:
		return cql2.Le
	}
	return op
}

// compare compiles "property op literal" for op other than <>.
func compare(p cql2.Property, op cql2.CompOp, lit cql2.Expr, s cqlSchema) node {
	if p.Name == "id" {
		if v, ok := lit.(cql2.StringLit); ok && op == cql2.Eq {
			return idIn{[]string{v.Value}}
		}
		return nil
	}
	i, k := s.field(p.Name)
	if i < 0 {
		return nil
	}
	switch v := lit.(type) {
	case cql2.NumberLit:
		if k == kNum {
			return numCmp{field: i, op: op, k: v.Value}
		}
	case cql2.StringLit:
		if (k == kEnum || k == kText) && op == cql2.Eq {
			return valueIn{field: i, values: []string{v.Value}}
		}
	case cql2.BoolLit:
		if k == kFlag && op == cql2.Eq {
			return flagIs{field: i, want: v.Value}
		}
	case cql2.DateLit:
		if k == kDate {
			return dayCmp{field: i, op: op, day: int32(v.Value.Unix() / 86400)}
		}
	case cql2.TimestampLit:
		if k == kTime {
			return timeCmp{field: i, op: op, ns: v.Value.UnixNano()}
		}
	}
	return nil
}

// in compiles "property IN (literals)" on numbers and strings.
func in(p cql2.Property, list []cql2.Expr, s cqlSchema) node {
	var strs []string
	var nums []float64
	for _, e := range list {
		switch v := e.(type) {
		case cql2.StringLit:
			strs = append(strs, v.Value)
		case cql2.NumberLit:
			nums = append(nums, v.Value)
		default:
			return nil
		}
	}
	if p.Name == "id" && nums == nil {
		return idIn{strs}
	}
	i, k := s.field(p.Name)
	switch {
	case i < 0:
	case (k == kEnum || k == kText) && nums == nil:
		return valueIn{field: i, values: strs}
	case k == kNum && strs == nil:
		return numIn{field: i, values: nums}
	}
	return nil
}

// holds applies a comparison operator to the result of a three-way compare.
func holds(op cql2.CompOp, c int) bool {
	switch op {
	case cql2.Eq:
		return c == 0
	case cql2.Lt:
		return c < 0
	case cql2.Le:
		return c <= 0
	case cql2.Gt:
		return c > 0
	case cql2.Ge:
		return c >= 0
	}
	return c != 0
}

// cqlSchema resolves queryable names against a catalogue schema; "id" gets
// the index after the last field.
type cqlSchema struct{ s *catalog.Schema }

func (q cqlSchema) Lookup(name string) (int, cql2.Type, bool) {
	switch name {
	case "geometry":
		return -1, cql2.Geometry, true
	case "id":
		return len(q.s.Fields), cql2.String, true
	}
	fl, ok := q.s.Field(name)
	if !ok {
		return 0, 0, false
	}
	t := map[catalog.Type]cql2.Type{
		catalog.String: cql2.String, catalog.Number: cql2.Number, catalog.Integer: cql2.Number,
		catalog.Bool: cql2.Bool, catalog.Date: cql2.Date, catalog.StringList: cql2.StringList,
		catalog.Timestamp: cql2.Timestamp,
	}[fl.Type]
	return q.s.Index(name), t, true
}

// field returns the schema index and storage of a property, or -1.
func (q cqlSchema) field(name string) (int, kind) {
	i := q.s.Index(name)
	if i < 0 {
		return -1, 0
	}
	return i, kindOf(q.s.Fields[i])
}

// record shows a feature to a predicate compiled by the cql2 package. One
// record serves one evaluation on one goroutine.
type record struct{ f *Feature }

func (r *record) Value(i int) any {
	if i == len(r.f.ch.cols) {
		return r.f.ID
	}
	if r.f.ch.kinds[i] == kDate {
		if d, ok := r.f.Day(i); ok {
			return dateOf(d)
		}
		return nil
	}
	return r.f.At(i)
}

func (r *record) Geometry() orb.Geometry   { return r.f.Geometry }
func (r *record) GeometryBound() orb.Bound { return r.f.Bound }

// timeRange is the OGC datetime parameter on updated_at.
type timeRange struct {
	field    int
	from, to int64 // Unix ns, inclusive; math.MinInt64/MaxInt64 when open
}

func newTimeRange(c catalog.Collection, r TimeRange) timeRange {
	tr := timeRange{field: catalog.SchemaOf(c).Index("updated_at"), from: math.MinInt64, to: math.MaxInt64}
	if !r.Start.IsZero() {
		tr.from = r.Start.UnixNano()
	}
	if !r.End.IsZero() {
		tr.to = r.End.UnixNano()
	}
	return tr
}

// holds reports whether f was updated within the range.
func (n timeRange) holds(f *Feature) bool {
	v := f.ch.cols[n.field].i64[f.row]
	return v != noTime && v >= n.from && v <= n.to
}

func (n timeRange) eval(t *table) (bitset, bitset) {
	return scan(t, func(ch *chunk, r int) (bool, bool) {
		v := ch.cols[n.field].i64[r]
		return v >= n.from && v <= n.to, v != noTime
	})
}

// scan evaluates test on every row: (true?, known?).
func scan(t *table, test func(ch *chunk, r int) (bool, bool)) (bitset, bitset) {
	tr, fl := newBitset(t.n), newBitset(t.n)
	for k, ch := range t.chunks {
		base := int32(k) << chunkBits
		for r := range ch.feats {
			if base+int32(r) >= t.n {
				break
			}
			v, known := test(ch, r)
			switch {
			case !known:
			case v:
				tr.set(base + int32(r))
			default:
				fl.set(base + int32(r))
			}
		}
	}
	return tr, fl
}
