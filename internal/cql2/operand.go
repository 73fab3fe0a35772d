package cql2

import (
	"math"
	"strings"
	"time"
)

// kind is the compile-time type of an operand.
type kind uint8

// The operand kinds.
const (
	kNum kind = iota + 1
	kStr
	kBool
	kTime     // an instant: date or timestamp
	kList     // a list of strings
	kGeom     // a geometry
	kInterval // a time interval
	kArray    // an array literal
)

// String names the kind in error messages.
func (k kind) String() string {
	return [...]string{"", "number", "string", "boolean", "date/timestamp", "string list",
		"geometry", "interval", "array"}[k]
}

// span is a closed time interval; instants have lo == hi.
type span struct{ lo, hi time.Time }

// operand is a compiled scalar expression. Exactly the accessor of its
// kind is set; each returns ok == false for an unknown (null) value.
type operand struct {
	kind  kind
	src   Expr
	konst bool // the value does not depend on the record
	prop  int  // record index of a plain property, or -1
	date  bool // kTime: the value is a date

	num  func(Record) (float64, bool)
	str  func(Record) (string, bool)
	bol  func(Record) (bool, bool)
	tim  func(Record) (time.Time, bool)
	list func(Record) ([]string, bool)
	ivl  func(Record) (span, bool)
	geo  *geomOperand
	arr  []operand
}

// operand compiles a scalar expression.
func (c *compiler) operand(e Expr) (operand, error) {
	o := operand{src: e, konst: true, prop: -1}
	switch n := e.(type) {
	case Property:
		return c.property(n)
	case NumberLit:
		o.kind, o.num = kNum, func(Record) (float64, bool) { return n.Value, true }
	case StringLit:
		o.kind, o.str = kStr, func(Record) (string, bool) { return n.Value, true }
	case BoolLit:
		o.kind, o.bol = kBool, func(Record) (bool, bool) { return n.Value, true }
	case DateLit:
		o.kind, o.date, o.tim = kTime, true, func(Record) (time.Time, bool) { return n.Value, true }
	case TimestampLit:
		o.kind, o.tim = kTime, func(Record) (time.Time, bool) { return n.Value, true }
	case IntervalLit:
		return c.interval(n)
	case GeometryLit, BBoxLit:
		return c.geometryLiteral(e)
	case ArrayLit:
		return c.arrayLiteral(n)
	case Arithmetic:
		return c.arithmetic(n)
	case CaseI:
		return c.stringFunc(n.Arg, e, foldCase)
	case AccentI:
		return c.stringFunc(n.Arg, e, stripAccents)
	case Function:
		return o, unsupported(n.Pos, n.Name, "function "+n.Name)
	case Unbounded:
		return o, compileErr("'..' can only be an INTERVAL bound")
	default:
		return c.predOperand(e)
	}
	return o, nil
}

// predOperand turns a predicate into a boolean operand.
func (c *compiler) predOperand(e Expr) (operand, error) {
	p, err := c.pred(e)
	if err != nil {
		return operand{}, err
	}
	return operand{kind: kBool, src: e, prop: -1, bol: func(r Record) (bool, bool) {
		t := p(r)
		return t == tru, t != unk
	}}, nil
}

// lookup resolves a property name, treating "geometry" and "geom" as
// aliases when the schema knows only one of them.
func (c *compiler) lookup(name string) (int, Type, bool) {
	if c.schema == nil {
		return 0, 0, false
	}
	if i, t, ok := c.schema.Lookup(name); ok {
		return i, t, true
	}
	switch name {
	case "geometry":
		return c.schema.Lookup("geom")
	case "geom":
		return c.schema.Lookup("geometry")
	}
	return 0, 0, false
}

func (c *compiler) property(n Property) (operand, error) {
	i, t, ok := c.lookup(n.Name)
	if !ok {
		return operand{}, &Error{Pos: n.Pos, Near: n.Name, Msg: "unknown property " + quoteIdent(n.Name)}
	}
	o := operand{src: n, prop: i}
	switch t {
	case Number:
		o.kind, o.num = kNum, func(r Record) (float64, bool) { return toFloat(r.Value(i)) }
	case String:
		o.kind, o.str = kStr, func(r Record) (string, bool) { s, ok := r.Value(i).(string); return s, ok }
	case Bool:
		o.kind, o.bol = kBool, func(r Record) (bool, bool) { b, ok := r.Value(i).(bool); return b, ok }
	case Date, Timestamp:
		o.kind, o.date = kTime, t == Date
		o.tim = func(r Record) (time.Time, bool) { v, ok := r.Value(i).(time.Time); return v, ok }
	case StringList:
		o.kind, o.list = kList, func(r Record) ([]string, bool) { v, ok := r.Value(i).([]string); return v, ok }
	case Geometry:
		o.kind, o.geo = kGeom, &geomOperand{}
	default:
		return o, compileErr("property %s has an unknown type %v", quoteIdent(n.Name), t)
	}
	return o, nil
}

// toFloat reads a numeric record value.
func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, !math.IsNaN(x)
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case float32:
		return float64(x), !math.IsNaN(float64(x))
	}
	return 0, false
}

// stringFunc compiles CASEI or ACCENTI of arg.
func (c *compiler) stringFunc(arg, src Expr, f func(string) string) (operand, error) {
	a, err := c.operand(arg)
	if err != nil {
		return a, err
	}
	if a.kind != kStr {
		return a, compileErr("%s needs a string, but %s is a %s", strings.SplitN(Format(src), "(", 2)[0], Format(arg), a.kind)
	}
	get := a.str
	o := operand{kind: kStr, src: src, konst: a.konst, prop: -1}
	o.str = func(r Record) (string, bool) {
		s, ok := get(r)
		if !ok {
			return "", false
		}
		return f(s), true
	}
	if a.konst {
		s, ok := o.str(nil)
		o.str = func(Record) (string, bool) { return s, ok }
	}
	return o, nil
}

// arithmetic compiles + - * / % div ^; results that are not finite
// numbers (division by zero, overflow) are unknown.
func (c *compiler) arithmetic(n Arithmetic) (operand, error) {
	l, err := c.operand(n.Left)
	if err != nil {
		return l, err
	}
	r, err := c.operand(n.Right)
	if err != nil {
		return r, err
	}
	if l.kind != kNum || r.kind != kNum {
		return l, compileErr("arithmetic needs numbers: %s", Format(n))
	}
	f := arithFunc(n.Op)
	lf, rf := l.num, r.num
	o := operand{kind: kNum, src: n, konst: l.konst && r.konst, prop: -1}
	o.num = func(rec Record) (float64, bool) {
		a, ok1 := lf(rec)
		b, ok2 := rf(rec)
		if !ok1 || !ok2 {
			return 0, false
		}
		v := f(a, b)
		return v, !math.IsNaN(v) && !math.IsInf(v, 0)
	}
	if o.konst {
		v, ok := o.num(nil)
		o.num = func(Record) (float64, bool) { return v, ok }
	}
	return o, nil
}

func arithFunc(op ArithOp) func(a, b float64) float64 {
	switch op {
	case Add:
		return func(a, b float64) float64 { return a + b }
	case Sub:
		return func(a, b float64) float64 { return a - b }
	case Mul:
		return func(a, b float64) float64 { return a * b }
	case Quo:
		return func(a, b float64) float64 { return a / b }
	case Mod:
		return math.Mod
	case Div:
		return func(a, b float64) float64 { return math.Trunc(a / b) }
	}
	return math.Pow
}

// arrayLiteral compiles the elements of an array literal.
func (c *compiler) arrayLiteral(n ArrayLit) (operand, error) {
	o := operand{kind: kArray, src: n, konst: true, prop: -1}
	for _, e := range n.Elems {
		el, err := c.operand(e)
		if err != nil {
			return o, err
		}
		o.konst = o.konst && el.konst
		o.arr = append(o.arr, el)
	}
	return o, nil
}
