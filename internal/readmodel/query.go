package readmodel

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/cql2"
	"github.com/paulmach/orb"
)

// Query selects features of one collection. Everything it states is
// ANDed: the bbox (S_INTERSECTS with a BBOX), the datetime range, the
// publication states and the compiled filter, which holds the property
// equality filters and the CQL2 filter as one CQL2 expression.
type Query struct {
	Collection   catalog.Collection
	BBox         *orb.Bound            // features whose geometry intersects it
	Filter       *Filter               // nil: none
	Publications []catalog.Publication // states to include; empty = published only
	// Scope keeps features that are not published only where it covers
	// them (an officer limited to some zones or sectors); published
	// features are everyone's.
	Scope   catalog.Scope
	Updated *TimeRange // updated_at within it (OGC datetime)
	Sort    []SortKey  // then by id
	Offset  int
	Limit   int
}

// TimeRange is a closed interval; a zero end is open.
type TimeRange struct{ Start, End time.Time }

// Contains reports whether t lies in the range.
func (r TimeRange) Contains(t time.Time) bool {
	return (r.Start.IsZero() || !t.Before(r.Start)) && (r.End.IsZero() || !t.After(r.End))
}

// SortKey orders by one property; unknown values sort last either way.
type SortKey struct {
	Field string
	Desc  bool
}

// Page is one page of a query's result.
type Page struct {
	Features []*Feature
	Matched  int // features matching, over all pages
}

// EqualsFilter turns property equality filters (OGC API - Features query
// parameters such as status=available,reserved) into one CQL2 expression:
// a comma in an enumerated property means "any of" (IN), a list property
// must contain the value (A_CONTAINS), numbers, booleans, dates and
// timestamps compare as such. Problems name the parameter. It returns nil
// when equals is empty.
func EqualsFilter(c catalog.Collection, equals map[string]string) (cql2.Expr, error) {
	s := catalog.SchemaOf(c)
	var terms []cql2.Expr
	var probs []catalog.Problem
	for _, name := range slices.Sorted(mapKeys(equals)) {
		fl, ok := s.Field(name)
		if !ok {
			probs = append(probs, catalog.Problem{Pointer: name, Message: "is not a property of " + string(c)})
			continue
		}
		e, err := equality(fl, equals[name])
		if err != nil {
			probs = append(probs, catalog.Problem{Pointer: name, Message: err.Error()})
			continue
		}
		terms = append(terms, e)
	}
	if len(probs) > 0 {
		return nil, &catalog.Error{Kind: catalog.KindBadRequest, Message: "a property filter is not valid", Problems: probs}
	}
	return And(terms...), nil
}

// And joins expressions with AND, leaving out nil ones (nil when none is
// left).
func And(es ...cql2.Expr) cql2.Expr {
	var args []cql2.Expr
	for _, e := range es {
		if e != nil {
			args = append(args, e)
		}
	}
	switch len(args) {
	case 0:
		return nil
	case 1:
		return args[0]
	}
	return cql2.Logical{Op: cql2.And, Args: args}
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// equality is one equality filter as CQL2.
func equality(fl catalog.Field, raw string) (cql2.Expr, error) {
	prop := cql2.Property{Name: fl.Name, Pos: -1}
	eq := func(lit cql2.Expr) cql2.Expr { return cql2.Comparison{Op: cql2.Eq, Left: prop, Right: lit} }
	switch fl.Type {
	case catalog.Number, catalog.Integer:
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("must be a number, got %q", raw)
		}
		return eq(cql2.NumberLit{Value: v}), nil
	case catalog.Bool:
		v, err := strconv.ParseBool(raw)
		if err != nil {
			return nil, fmt.Errorf("must be true or false, got %q", raw)
		}
		return eq(cql2.BoolLit{Value: v}), nil
	case catalog.Date:
		v, err := time.Parse(time.DateOnly, raw)
		if err != nil {
			return nil, fmt.Errorf("must be a date YYYY-MM-DD, got %q", raw)
		}
		return eq(cql2.DateLit{Value: v}), nil
	case catalog.Timestamp:
		v, err := time.Parse(time.RFC3339Nano, raw)
		if err != nil {
			return nil, fmt.Errorf("must be an RFC 3339 timestamp, got %q", raw)
		}
		return eq(cql2.TimestampLit{Value: v.UTC()}), nil
	case catalog.StringList:
		return cql2.ArrayPred{Op: cql2.AContains, A: prop, B: cql2.ArrayLit{Elems: []cql2.Expr{cql2.StringLit{Value: raw}}}}, nil
	}
	if fl.Enum == nil {
		return eq(cql2.StringLit{Value: raw}), nil
	}
	var list []cql2.Expr
	for _, w := range strings.Split(raw, ",") {
		if !slices.Contains(fl.Enum, w) {
			return nil, fmt.Errorf("%q is not one of %v", w, fl.Enum)
		}
		list = append(list, cql2.StringLit{Value: w})
	}
	return cql2.In{Arg: prop, List: list}, nil
}

// Find runs q.
func (s *Snapshot) Find(q Query) Page {
	t := s.tables[q.Collection]
	pubs := q.Publications
	if len(pubs) == 0 {
		pubs = []catalog.Publication{catalog.Published}
	}
	onlyPublished := len(pubs) == 1 && pubs[0] == catalog.Published
	if onlyPublished && q.BBox == nil && q.Filter == nil && q.Updated == nil && len(q.Sort) == 0 {
		// The plain listing: a page of the published list, no scan.
		all := t.published()
		return Page{Matched: len(all), Features: pageOf(all, q.Offset, q.Limit)}
	}
	if q.BBox != nil {
		if page, ok := t.findNear(q, pubs); ok {
			return page
		}
	}
	return t.findBits(q, pubs, onlyPublished)
}

// findBits answers q with bitsets over the whole collection.
func (t *table) findBits(q Query, pubs []catalog.Publication, onlyPublished bool) Page {
	hits := t.publicationBits(pubs).clone()
	if q.BBox != nil {
		tr, _ := spatialTest{boxes: []orb.Bound{*q.BBox}, rect: true, pred: bboxPred(q.Collection, *q.BBox)}.eval(t)
		hits.and(tr)
	}
	if q.Updated != nil {
		tr, _ := newTimeRange(q.Collection, *q.Updated).eval(t)
		hits.and(tr)
	}
	if q.Filter != nil {
		tr, _ := q.Filter.root.eval(t)
		hits.and(tr)
	}
	if q.Scope.Limited() && !onlyPublished {
		t.dropOutOfScope(hits, q.Scope)
	}
	page := Page{Matched: hits.count()}
	if len(q.Sort) > 0 {
		page.Features = t.sorted(hits, page.Matched, q)
	} else {
		page.Features = t.inIDOrder(hits, page.Matched, q.Offset, q.Limit)
	}
	return page
}

// findNear answers a query with a bbox from the R-tree's candidates alone,
// feature by feature, when they are few (a map view): its cost follows the
// features in the box, not the size of the collection. ok is false when
// the box holds too many for that to pay.
func (t *table) findNear(q Query, pubs []catalog.Publication) (Page, bool) {
	b := *q.BBox
	var near []int32
	var inside []bool
	limit := int(t.n)/32 + 64
	t.tree.Search(b.Min, b.Max, func(lo, hi [2]float64, slot int32) bool {
		near = append(near, slot)
		inside = append(inside, lo[0] >= b.Min[0] && lo[1] >= b.Min[1] && hi[0] <= b.Max[0] && hi[1] <= b.Max[1])
		return len(near) <= limit
	})
	if len(near) > limit {
		return Page{}, false
	}
	var exact func(cql2.Record) cql2.Truth
	var tr timeRange
	if q.Updated != nil {
		tr = newTimeRange(q.Collection, *q.Updated)
	}
	rec := &record{}
	hits := near[:0]
	for i, slot := range near {
		f := t.feature(slot)
		rec.f = f
		switch {
		case !slices.Contains(pubs, f.Publication):
			continue
		case q.Scope.Limited() && f.Publication != catalog.Published && !f.InScope(q.Scope):
			continue
		case q.Updated != nil && !tr.holds(f):
			continue
		case q.Filter != nil && q.Filter.pred(rec) != cql2.True:
			continue
		}
		if !inside[i] {
			if exact == nil {
				exact = bboxPred(q.Collection, b)
			}
			if exact(rec) != cql2.True {
				continue
			}
		}
		hits = append(hits, slot)
	}
	page := Page{Matched: len(hits)}
	if q.Offset >= len(hits) {
		return page, true
	}
	feats := make([]*Feature, len(hits))
	for i, slot := range hits {
		feats[i] = t.feature(slot)
	}
	if len(q.Sort) > 0 {
		slices.SortFunc(feats, sorter(t, q.Sort))
	} else {
		rank := t.rank()
		slices.SortFunc(feats, func(a, b *Feature) int { return cmp.Compare(rank[a.slot], rank[b.slot]) })
	}
	page.Features = feats[q.Offset:min(len(feats), q.Offset+q.Limit)]
	return page, true
}

func pageOf(all []*Feature, offset, limit int) []*Feature {
	if offset >= len(all) {
		return nil
	}
	return all[offset:min(len(all), offset+limit)]
}

// bboxPred is S_INTERSECTS(geometry, BBOX(b)): the bbox parameter and the
// CQL2 filter share one definition of "intersects".
func bboxPred(c catalog.Collection, b orb.Bound) func(cql2.Record) cql2.Truth {
	e := cql2.SpatialPred{Op: cql2.SIntersects, A: cql2.Property{Name: "geometry", Pos: -1},
		B: cql2.BBoxLit{Coords: []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}}}
	pred, err := cql2.Compile3(e, cqlSchema{catalog.SchemaOf(c)})
	if err != nil { // a bound from parseBBox is always a valid literal
		return func(cql2.Record) cql2.Truth { return cql2.Unknown }
	}
	return pred
}

// publicationBits returns the slots in any of the states.
func (t *table) publicationBits(pubs []catalog.Publication) bitset {
	key := fmt.Sprint("publications", pubs)
	return t.derive(key, func() any {
		b := newBitset(t.n)
		for slot := int32(0); slot < t.n; slot++ {
			if slices.Contains(pubs, t.feature(slot).Publication) {
				b.set(slot)
			}
		}
		return b
	}).(bitset)
}

// inIDOrder returns the page of the hits in id order: few hits are
// gathered and sorted by their rank in id order; many are read off the id
// order, skipping the offset.
func (t *table) inIDOrder(hits bitset, matched, offset, limit int) []*Feature {
	if offset >= matched {
		return nil
	}
	var out []*Feature
	if matched <= 4096 || matched < int(t.n)/16 {
		slots := make([]int32, 0, matched)
		hits.each(func(s int32) bool { slots = append(slots, s); return true })
		rank := t.rank()
		slices.SortFunc(slots, func(a, b int32) int { return cmp.Compare(rank[a], rank[b]) })
		slots = slots[offset:min(len(slots), offset+limit)]
		out = make([]*Feature, len(slots))
		for i, s := range slots {
			out[i] = t.feature(s)
		}
		return out
	}
	out = make([]*Feature, 0, min(limit, matched-offset))
	skip := offset
	for _, slot := range t.byID {
		if !hits.has(slot) {
			continue
		}
		if skip > 0 {
			skip--
			continue
		}
		out = append(out, t.feature(slot))
		if len(out) == limit {
			break
		}
	}
	return out
}

// sorted returns the page of the hits ordered by q.Sort, then id. Only the
// first offset+limit are ordered when that is a small part of the hits.
func (t *table) sorted(hits bitset, matched int, q Query) []*Feature {
	if q.Offset >= matched {
		return nil
	}
	feats := make([]*Feature, 0, matched)
	hits.each(func(s int32) bool { feats = append(feats, t.feature(s)); return true })
	less := sorter(t, q.Sort)
	n := min(matched, q.Offset+q.Limit)
	if n < matched/8 {
		topK(feats, n, less)
		feats = feats[:n]
	}
	slices.SortFunc(feats, less)
	return feats[q.Offset:n]
}

// topK moves the k smallest features (by less) to the front, in any order.
func topK(feats []*Feature, k int, less func(a, b *Feature) int) {
	lo, hi := 0, len(feats)-1
	for lo < hi {
		p := partition(feats, lo, hi, less)
		switch {
		case p == k:
			return
		case p < k:
			lo = p + 1
		default:
			hi = p - 1
		}
	}
}

// partition orders feats[lo:hi+1] around a median-of-three pivot and
// returns its final index.
func partition(feats []*Feature, lo, hi int, less func(a, b *Feature) int) int {
	mid := lo + (hi-lo)/2
	if less(feats[mid], feats[lo]) < 0 {
		feats[mid], feats[lo] = feats[lo], feats[mid]
	}
	if less(feats[hi], feats[lo]) < 0 {
		feats[hi], feats[lo] = feats[lo], feats[hi]
	}
	if less(feats[mid], feats[hi]) < 0 {
		feats[mid], feats[hi] = feats[hi], feats[mid]
	}
	pivot := feats[hi]
	i := lo
	for j := lo; j < hi; j++ {
		if less(feats[j], pivot) < 0 {
			feats[i], feats[j] = feats[j], feats[i]
			i++
		}
	}
	feats[i], feats[hi] = feats[hi], feats[i]
	return i
}

// sorter compares by the keys, unknown values last, then by id.
func sorter(t *table, keys []SortKey) func(a, b *Feature) int {
	idx := make([]int, len(keys))
	for i, k := range keys {
		idx[i] = t.schema.Index(k.Field)
	}
	rank := t.rank()
	return func(a, b *Feature) int {
		for i, k := range keys {
			if idx[i] < 0 { // "id"
				if c := cmp.Compare(rank[a.slot], rank[b.slot]); k.Desc {
					return -c
				}
				break
			}
			ka, kb := a.ch.known(idx[i], int(a.row)), b.ch.known(idx[i], int(b.row))
			switch {
			case !ka && !kb:
				continue
			case !ka:
				return 1
			case !kb:
				return -1
			}
			if c := compareField(a, b, idx[i]); c != 0 {
				if k.Desc {
					return -c
				}
				return c
			}
		}
		return cmp.Compare(rank[a.slot], rank[b.slot])
	}
}

// compareField compares the known values of field i of two features.
func compareField(a, b *Feature, i int) int {
	ca, cb := &a.ch.cols[i], &b.ch.cols[i]
	switch a.ch.kinds[i] {
	case kNum:
		return cmp.Compare(ca.num[a.row], cb.num[b.row])
	case kFlag:
		return cmp.Compare(ca.i8[a.row], cb.i8[b.row])
	case kDate:
		return cmp.Compare(ca.i32[a.row], cb.i32[b.row])
	case kTime:
		return cmp.Compare(ca.i64[a.row], cb.i64[b.row])
	}
	sa, _ := a.Str(i)
	sb, _ := b.Str(i)
	return strings.Compare(sa, sb)
}
