package readmodel

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/paulmach/orb"
)

// Query selects features of one collection.
type Query struct {
	Collection   catalog.Collection
	BBox         *orb.Bound            // features whose geometry intersects it
	Equals       map[string]string     // property = value (comma-separated values of an enum: any of)
	Publications []catalog.Publication // states to include; empty = published only
	Updated      *TimeRange            // updated_at within it (OGC datetime)
	Sort         []SortKey             // then by id
	Offset       int
	Limit        int
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

// Predicate is an equality filter compiled against a collection's schema.
type Predicate func(*Feature) bool

// Compile checks q.Equals against the schema and returns one predicate
// testing all of them. Problems name the query parameter.
func Compile(c catalog.Collection, equals map[string]string) (Predicate, error) {
	s := catalog.SchemaOf(c)
	var preds []Predicate
	var probs []catalog.Problem
	for _, name := range sortedKeys(equals) {
		fl, ok := s.Field(name)
		if !ok {
			probs = append(probs, catalog.Problem{Pointer: name, Message: "is not a property of " + string(c)})
			continue
		}
		p, err := equality(s.Index(name), fl, equals[name])
		if err != nil {
			probs = append(probs, catalog.Problem{Pointer: name, Message: err.Error()})
			continue
		}
		preds = append(preds, p)
	}
	if len(probs) > 0 {
		return nil, &catalog.Error{Kind: catalog.KindBadRequest, Message: "a property filter is not valid", Problems: probs}
	}
	return func(f *Feature) bool {
		for _, p := range preds {
			if !p(f) {
				return false
			}
		}
		return true
	}, nil
}

func equality(i int, fl catalog.Field, raw string) (Predicate, error) {
	switch fl.Type {
	case catalog.Number, catalog.Integer:
		want, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return nil, fmt.Errorf("must be a number, got %q", raw)
		}
		return func(f *Feature) bool { v, ok := f.Values[i].(float64); return ok && v == want }, nil
	case catalog.Bool:
		want, err := strconv.ParseBool(raw)
		if err != nil {
			return nil, fmt.Errorf("must be true or false, got %q", raw)
		}
		return func(f *Feature) bool { v, ok := f.Values[i].(bool); return ok && v == want }, nil
	case catalog.StringList:
		return func(f *Feature) bool { v, _ := f.Values[i].([]string); return slices.Contains(v, raw) }, nil
	}
	wants := []string{raw}
	if fl.Enum != nil {
		wants = strings.Split(raw, ",")
		for _, w := range wants {
			if !slices.Contains(fl.Enum, w) {
				return nil, fmt.Errorf("%q is not one of %v", w, fl.Enum)
			}
		}
	}
	return func(f *Feature) bool { v, ok := f.Values[i].(string); return ok && slices.Contains(wants, v) }, nil
}

// Find runs q with an extra predicate (nil for none).
func (s *Snapshot) Find(q Query, pred Predicate) Page {
	pubs := q.Publications
	if len(pubs) == 0 {
		pubs = []catalog.Publication{catalog.Published}
	}
	keep := func(f *Feature) bool {
		return slices.Contains(pubs, f.Publication) && (pred == nil || pred(f)) &&
			(q.Updated == nil || q.Updated.Contains(f.UpdatedAt)) &&
			(q.BBox == nil || intersects(f.Geometry, *q.BBox))
	}
	col := s.colls[q.Collection]
	var matched []*Feature
	if q.BBox != nil {
		col.tree.Search(q.BBox.Min, q.BBox.Max, func(_, _ [2]float64, f *Feature) bool {
			if keep(f) {
				matched = append(matched, f)
			}
			return true
		})
		if len(q.Sort) == 0 {
			slices.SortFunc(matched, byID)
		}
	} else {
		for _, f := range col.sorted {
			if keep(f) {
				matched = append(matched, f)
			}
		}
	}
	if len(q.Sort) > 0 {
		slices.SortStableFunc(matched, sorter(q.Collection, q.Sort))
	}
	page := Page{Matched: len(matched)}
	if q.Offset < len(matched) {
		page.Features = matched[q.Offset:min(len(matched), q.Offset+q.Limit)]
	}
	return page
}

// sorter compares by the keys, unknown values last, then by id.
func sorter(c catalog.Collection, keys []SortKey) func(a, b *Feature) int {
	s := catalog.SchemaOf(c)
	idx := make([]int, len(keys))
	for i, k := range keys {
		idx[i] = s.Index(k.Field)
	}
	return func(a, b *Feature) int {
		for i, k := range keys {
			if idx[i] < 0 { // "id"
				if c := strings.Compare(a.ID, b.ID); c != 0 && k.Desc {
					return -c
				}
				break
			}
			va, vb := a.Values[idx[i]], b.Values[idx[i]]
			if va == nil || vb == nil {
				if va == nil && vb != nil {
					return 1
				}
				if vb == nil && va != nil {
					return -1
				}
				continue
			}
			if c := compareValues(va, vb); c != 0 {
				if k.Desc {
					return -c
				}
				return c
			}
		}
		return strings.Compare(a.ID, b.ID)
	}
}

func compareValues(a, b any) int {
	switch a := a.(type) {
	case float64:
		bf, _ := b.(float64)
		return cmpFloat(a, bf)
	case string:
		bs, _ := b.(string)
		return strings.Compare(a, bs)
	case bool:
		bb, _ := b.(bool)
		switch {
		case a == bb:
			return 0
		case !a:
			return -1
		}
		return 1
	case time.Time:
		bt, _ := b.(time.Time)
		return a.Compare(bt)
	case []string:
		bl, _ := b.([]string)
		return strings.Compare(strings.Join(a, ","), strings.Join(bl, ","))
	}
	return 0
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
