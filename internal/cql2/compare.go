package cql2

import (
	"cmp"
	"strings"
	"time"
)

// comparator returns the three-way comparison of two operands of the
// same ordered kind (number, string, boolean, date/timestamp).
type comparator func(Record) (int, bool)

// coerce reads a constant string as a date or timestamp when the other
// operand is one, as in "updated_at IN ('2022-04-14T14:52:56Z')".
func coerce(a, b *operand) error {
	if a.kind == kTime && b.kind == kStr && b.konst {
		a, b = b, a
	}
	if b.kind != kTime || a.kind != kStr || !a.konst {
		return nil
	}
	s, _ := a.str(nil)
	t, ok := parseDate(s)
	if !ok {
		if t, ok = parseTimestamp(s); !ok {
			return compileErr("%s is not a date or timestamp, so it cannot be compared with %s", Format(a.src), Format(b.src))
		}
	}
	*a = operand{kind: kTime, src: a.src, konst: true, prop: -1,
		tim: func(Record) (time.Time, bool) { return t, true }}
	return nil
}

// typeErr reports operands of different kinds, naming the property.
func typeErr(what string, a, b operand) error {
	return compileErr("type mismatch in %s: %s is a %s but %s is a %s", what, Format(a.src), a.kind, Format(b.src), b.kind)
}

// compareOperands builds the comparator of a and b; what names the
// enclosing expression for error messages.
func compareOperands(a, b operand, what string) (comparator, error) {
	if err := coerce(&a, &b); err != nil {
		return nil, err
	}
	if a.kind != b.kind {
		return nil, typeErr(what, a, b)
	}
	switch a.kind {
	case kNum:
		return cmp2(a.num, b.num, cmp.Compare[float64]), nil
	case kStr:
		return cmp2(a.str, b.str, strings.Compare), nil
	case kBool:
		return cmp2(a.bol, b.bol, cmpBool), nil
	case kTime:
		return cmp2(a.tim, b.tim, time.Time.Compare), nil
	}
	return nil, compileErr("%s values cannot be compared in %s (use the S_*, T_* or A_* functions)", a.kind, what)
}

func cmp2[T any](fa, fb func(Record) (T, bool), f func(T, T) int) comparator {
	return func(r Record) (int, bool) {
		x, ok := fa(r)
		if !ok {
			return 0, false
		}
		y, ok := fb(r)
		if !ok {
			return 0, false
		}
		return f(x, y), true
	}
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case b:
		return -1
	}
	return 1
}

// holds reports whether the result c of a three-way comparison satisfies op.
func holds(op CompOp, c int) bool {
	switch op {
	case Eq:
		return c == 0
	case Ne:
		return c != 0
	case Lt:
		return c < 0
	case Gt:
		return c > 0
	case Le:
		return c <= 0
	}
	return c >= 0
}

func (c *compiler) operands(es ...Expr) ([]operand, error) {
	out := make([]operand, len(es))
	for i, e := range es {
		o, err := c.operand(e)
		if err != nil {
			return nil, err
		}
		out[i] = o
	}
	return out, nil
}

func (c *compiler) comparison(n Comparison) (pred, error) {
	ops, err := c.operands(n.Left, n.Right)
	if err != nil {
		return nil, err
	}
	if p := fastComparison(n.Op, ops[0], ops[1]); p != nil {
		return p, nil
	}
	f, err := compareOperands(ops[0], ops[1], Format(n))
	if err != nil {
		return nil, err
	}
	op := n.Op
	return func(r Record) tri {
		v, ok := f(r)
		if !ok {
			return unk
		}
		return triOf(holds(op, v))
	}, nil
}

// between compiles "x BETWEEN lo AND hi" as "x >= lo AND x <= hi".
func (c *compiler) between(n Between) (pred, error) {
	ops, err := c.operands(n.Arg, n.Low, n.High)
	if err != nil {
		return nil, err
	}
	x, lo, hi := ops[0], ops[1], ops[2]
	if x.kind == kNum && lo.kind == kNum && hi.kind == kNum {
		if x.prop >= 0 && lo.konst && hi.konst {
			l, okL := lo.num(nil)
			h, okH := hi.num(nil)
			if okL && okH {
				return fastNumBetween(x.prop, l, h), nil
			}
		}
		return betweenNum(x.num, lo.num, hi.num), nil
	}
	fLo, err := compareOperands(x, lo, Format(n))
	if err != nil {
		return nil, err
	}
	fHi, err := compareOperands(x, hi, Format(n))
	if err != nil {
		return nil, err
	}
	return func(r Record) tri {
		a, okA := fLo(r)
		b, okB := fHi(r)
		return and3(triKnown(a >= 0, okA), triKnown(b <= 0, okB))
	}, nil
}

func betweenNum(x, lo, hi func(Record) (float64, bool)) pred {
	return func(r Record) tri {
		v, ok := x(r)
		if !ok {
			return unk
		}
		l, okL := lo(r)
		h, okH := hi(r)
		return and3(triKnown(v >= l, okL), triKnown(v <= h, okH))
	}
}

// triKnown is b when ok, else unknown.
func triKnown(b, ok bool) tri {
	if !ok {
		return unk
	}
	return triOf(b)
}

func and3(a, b tri) tri {
	switch {
	case a == fls || b == fls:
		return fls
	case a == unk || b == unk:
		return unk
	}
	return tru
}

func (c *compiler) isNull(n IsNull) (pred, error) {
	o, err := c.operand(n.Arg)
	if err != nil {
		return nil, err
	}
	known := knownFunc(o)
	return func(r Record) tri { return triOf(!known(r)) }, nil
}

// knownFunc returns whether the operand's value is known (not null).
func knownFunc(o operand) func(Record) bool {
	switch o.kind {
	case kNum:
		return func(r Record) bool { _, ok := o.num(r); return ok }
	case kStr:
		return func(r Record) bool { _, ok := o.str(r); return ok }
	case kBool:
		return func(r Record) bool { _, ok := o.bol(r); return ok }
	case kTime:
		return func(r Record) bool { _, ok := o.tim(r); return ok }
	case kList:
		return func(r Record) bool { _, ok := o.list(r); return ok }
	case kInterval:
		return func(r Record) bool { _, ok := o.ivl(r); return ok }
	case kGeom:
		if o.geo.lit == nil {
			return func(r Record) bool { return r.Geometry() != nil }
		}
	}
	return func(Record) bool { return true }
}
