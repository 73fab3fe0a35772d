package cql2

import (
	"slices"
	"time"
)

// interval compiles INTERVAL(start, end); a null bound makes the interval
// unknown.
func (c *compiler) interval(n IntervalLit) (operand, error) {
	lo, err := c.intervalBound(n.Start, timeMin)
	if err != nil {
		return operand{}, err
	}
	hi, err := c.intervalBound(n.End, timeMax)
	if err != nil {
		return operand{}, err
	}
	o := operand{kind: kInterval, src: n, konst: lo.konst && hi.konst, prop: -1}
	if o.konst {
		l, _ := lo.tim(nil)
		h, _ := hi.tim(nil)
		if l.After(h) {
			return o, compileErr("%s starts after it ends", Format(n))
		}
	}
	o.ivl = func(r Record) (span, bool) {
		l, ok1 := lo.tim(r)
		h, ok2 := hi.tim(r)
		return span{l, h}, ok1 && ok2
	}
	return o, nil
}

// intervalBound compiles one bound; open is the time that stands for '..'.
func (c *compiler) intervalBound(e Expr, open time.Time) (operand, error) {
	if _, ok := e.(Unbounded); ok {
		return operand{kind: kTime, src: e, konst: true, prop: -1,
			tim: func(Record) (time.Time, bool) { return open, true }}, nil
	}
	o, err := c.operand(e)
	if err == nil && o.kind != kTime {
		err = compileErr("an INTERVAL bound must be a date or timestamp, but %s is a %s", Format(e), o.kind)
	}
	return o, err
}

// asSpan returns the interval of a temporal operand (an instant t is
// [t, t]).
func asSpan(o operand) func(Record) (span, bool) {
	if o.kind == kInterval {
		return o.ivl
	}
	get := o.tim
	return func(r Record) (span, bool) {
		t, ok := get(r)
		return span{t, t}, ok
	}
}

// temporalRelations define the T_* functions on closed intervals.
var temporalRelations = map[TemporalOp]func(a, b span) bool{
	TAfter:        func(a, b span) bool { return a.lo.After(b.hi) },
	TBefore:       func(a, b span) bool { return a.hi.Before(b.lo) },
	TContains:     func(a, b span) bool { return a.lo.Before(b.lo) && a.hi.After(b.hi) },
	TDisjoint:     func(a, b span) bool { return a.hi.Before(b.lo) || a.lo.After(b.hi) },
	TDuring:       func(a, b span) bool { return a.lo.After(b.lo) && a.hi.Before(b.hi) },
	TEquals:       func(a, b span) bool { return a.lo.Equal(b.lo) && a.hi.Equal(b.hi) },
	TFinishedBy:   func(a, b span) bool { return a.lo.Before(b.lo) && a.hi.Equal(b.hi) },
	TFinishes:     func(a, b span) bool { return a.lo.After(b.lo) && a.hi.Equal(b.hi) },
	TIntersects:   func(a, b span) bool { return !a.lo.After(b.hi) && !a.hi.Before(b.lo) },
	TMeets:        func(a, b span) bool { return a.hi.Equal(b.lo) },
	TMetBy:        func(a, b span) bool { return a.lo.Equal(b.hi) },
	TOverlappedBy: func(a, b span) bool { return a.lo.After(b.lo) && a.lo.Before(b.hi) && a.hi.After(b.hi) },
	TOverlaps:     func(a, b span) bool { return a.lo.Before(b.lo) && a.hi.After(b.lo) && a.hi.Before(b.hi) },
	TStartedBy:    func(a, b span) bool { return a.lo.Equal(b.lo) && a.hi.After(b.hi) },
	TStarts:       func(a, b span) bool { return a.lo.Equal(b.lo) && a.hi.Before(b.hi) },
}

// temporal compiles a temporal comparison function.
func (c *compiler) temporal(n TemporalPred) (pred, error) {
	ops, err := c.operands(n.A, n.B)
	if err != nil {
		return nil, err
	}
	for _, o := range ops {
		if o.kind != kTime && o.kind != kInterval {
			return nil, compileErr("%s needs dates, timestamps or intervals, but %s is a %s", n.Op, Format(o.src), o.kind)
		}
	}
	rel := temporalRelations[n.Op]
	if rel == nil {
		return nil, unsupported(-1, "", string(n.Op))
	}
	a, b := asSpan(ops[0]), asSpan(ops[1])
	return func(r Record) tri {
		x, ok := a(r)
		if !ok {
			return unk
		}
		y, ok := b(r)
		if !ok {
			return unk
		}
		return triOf(rel(x, y))
	}, nil
}

// array compiles A_EQUALS, A_CONTAINS, A_CONTAINEDBY and A_OVERLAPS on
// string lists and arrays of string literals, with set semantics: order
// and repetitions do not matter.
func (c *compiler) array(n ArrayPred) (pred, error) {
	ops, err := c.operands(n.A, n.B)
	if err != nil {
		return nil, err
	}
	var get [2]func(Record) ([]string, bool)
	for i, o := range ops {
		if get[i], err = stringsOf(o, n.Op); err != nil {
			return nil, err
		}
	}
	rel := arrayRelation(n.Op)
	return func(r Record) tri {
		a, ok := get[0](r)
		if !ok {
			return unk
		}
		b, ok := get[1](r)
		if !ok {
			return unk
		}
		return triOf(rel(a, b))
	}, nil
}

func stringsOf(o operand, op ArrayOp) (func(Record) ([]string, bool), error) {
	switch o.kind {
	case kList:
		return o.list, nil
	case kArray:
		vals := make([]string, 0, len(o.arr))
		for _, el := range o.arr {
			if el.kind != kStr || !el.konst {
				return nil, unsupported(-1, "", string(op)+" on arrays of values other than string literals")
			}
			s, _ := el.str(nil)
			vals = append(vals, s)
		}
		return func(Record) ([]string, bool) { return vals, true }, nil
	}
	return nil, compileErr("%s needs arrays, but %s is a %s", op, Format(o.src), o.kind)
}

// containsAll reports whether every element of b is in a.
func containsAll(a, b []string) bool {
	for _, y := range b {
		if !slices.Contains(a, y) {
			return false
		}
	}
	return true
}

func arrayRelation(op ArrayOp) func(a, b []string) bool {
	switch op {
	case AContains:
		return containsAll
	case AContainedBy:
		return func(a, b []string) bool { return containsAll(b, a) }
	case AEquals:
		return func(a, b []string) bool { return containsAll(a, b) && containsAll(b, a) }
	}
	return func(a, b []string) bool {
		return slices.ContainsFunc(a, func(x string) bool { return slices.Contains(b, x) })
	}
}
