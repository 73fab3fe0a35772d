package cql2

import (
	"time"
)

// in compiles "x IN (a, b, ...)". A list of constants is matched with a
// set; otherwise the items are compared one by one.
func (c *compiler) in(n In) (pred, error) {
	x, err := c.operand(n.Arg)
	if err != nil {
		return nil, err
	}
	items, err := c.operands(n.List...)
	if err != nil {
		return nil, err
	}
	allConst := true
	for i := range items {
		if err := coerce(&x, &items[i]); err != nil {
			return nil, err
		}
		if items[i].kind != x.kind {
			return nil, typeErr(Format(n), x, items[i])
		}
		allConst = allConst && items[i].konst
	}
	if allConst {
		if p := constIn(x, items); p != nil {
			return p, nil
		}
	}
	fs := make([]comparator, len(items))
	for i, it := range items {
		if fs[i], err = compareOperands(x, it, Format(n)); err != nil {
			return nil, err
		}
	}
	return func(r Record) tri {
		res := fls
		for _, f := range fs {
			v, ok := f(r)
			switch {
			case !ok:
				res = unk
			case v == 0:
				return tru
			}
		}
		return res
	}, nil
}

// constIn matches x against a list of constants, or returns nil for kinds
// it does not handle.
func constIn(x operand, items []operand) pred {
	switch x.kind {
	case kStr:
		set := make([]string, 0, len(items))
		for _, it := range items {
			s, _ := it.str(nil)
			set = append(set, s)
		}
		if x.prop >= 0 && len(set) <= 8 {
			return fastStringIn(x.prop, set)
		}
		return member(x.str, set, func(a, b string) bool { return a == b })
	case kNum:
		set := make([]float64, 0, len(items))
		for _, it := range items {
			f, ok := it.num(nil)
			if !ok {
				return nil // an unknown item makes a miss unknown: compare one by one
			}
			set = append(set, f)
		}
		return member(x.num, set, func(a, b float64) bool { return a == b })
	case kTime:
		set := make([]time.Time, 0, len(items))
		for _, it := range items {
			t, _ := it.tim(nil)
			set = append(set, t)
		}
		return member(x.tim, set, time.Time.Equal)
	case kBool:
		set := make([]bool, 0, len(items))
		for _, it := range items {
			b, _ := it.bol(nil)
			set = append(set, b)
		}
		return member(x.bol, set, func(a, b bool) bool { return a == b })
	}
	return nil
}

// member tests whether the value of get is in set. Long string and number
// lists use a map.
func member[T comparable](get func(Record) (T, bool), set []T, eq func(a, b T) bool) pred {
	if len(set) > 8 {
		if _, isTime := any(set[0]).(time.Time); !isTime {
			m := make(map[T]struct{}, len(set))
			for _, v := range set {
				m[v] = struct{}{}
			}
			return func(r Record) tri {
				v, ok := get(r)
				if !ok {
					return unk
				}
				_, found := m[v]
				return triOf(found)
			}
		}
	}
	return func(r Record) tri {
		v, ok := get(r)
		if !ok {
			return unk
		}
		for _, s := range set {
			if eq(v, s) {
				return tru
			}
		}
		return fls
	}
}
