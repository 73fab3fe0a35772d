package cql2

import (
	"fmt"
	"time"

	"github.com/paulmach/orb"
)

// Type is the data type of a queryable.
type Type int

// The queryable types. Record values of each type are: Number float64 (int,
// int64, int32 and float32 are accepted too), String string, Bool bool,
// Date and Timestamp time.Time (dates at 00:00 UTC), StringList []string;
// a Geometry queryable is read from Record.Geometry.
const (
	Number Type = iota + 1
	String
	Bool
	Date
	Timestamp
	StringList
	Geometry
)

// String returns the lower-case name of the type.
func (t Type) String() string {
	switch t {
	case Number:
		return "number"
	case String:
		return "string"
	case Bool:
		return "boolean"
	case Date:
		return "date"
	case Timestamp:
		return "timestamp"
	case StringList:
		return "string list"
	case Geometry:
		return "geometry"
	}
	return fmt.Sprintf("Type(%d)", int(t))
}

// Schema resolves queryable names to a record index and a type.
type Schema interface {
	Lookup(name string) (index int, t Type, ok bool)
}

// Record is one feature as seen by a compiled filter. Value returns the
// value of the queryable at index (as given by Schema.Lookup), nil when it
// is unknown; Geometry returns the feature geometry, nil when it has none.
type Record interface {
	Value(index int) any
	Geometry() orb.Geometry
}

// BoundedRecord is a Record that can give the bounding box of its geometry
// without computing it; spatial filters use it when a record implements it.
type BoundedRecord interface {
	Record
	GeometryBound() orb.Bound
}

// tri is a truth value of SQL's three-valued logic.
type tri uint8

// The three truth values: false, true and unknown.
const (
	fls tri = iota
	tru
	unk
)

func triOf(b bool) tri {
	if b {
		return tru
	}
	return fls
}

// pred is a compiled predicate.
type pred func(Record) tri

// Compile type-checks e against s and returns a predicate that reports
// whether a record satisfies the filter. Errors are *Error values; they
// name the property or operator at fault, and match ErrNotSupported
// (errors.Is) for valid CQL2 that is not evaluated, such as user-defined
// functions. The returned function is safe for concurrent use.
func Compile(e Expr, s Schema) (func(Record) bool, error) {
	if e == nil {
		return nil, &Error{Pos: -1, Msg: "empty filter expression"}
	}
	if err := CheckSupported(e); err != nil {
		return nil, err
	}
	c := &compiler{schema: s}
	p, err := c.pred(e)
	if err != nil {
		return nil, err
	}
	return func(r Record) bool { return p(r) == tru }, nil
}

// Truth is a value of SQL's three-valued logic: a comparison with an
// unknown value is Unknown, neither true nor false.
type Truth uint8

// The three truth values.
const (
	False   = Truth(fls)
	True    = Truth(tru)
	Unknown = Truth(unk)
)

// Compile3 is Compile for callers that combine results themselves (under
// NOT, an unknown stays unknown while a false becomes true): the returned
// function tells False from Unknown. It is safe for concurrent use.
func Compile3(e Expr, s Schema) (func(Record) Truth, error) {
	if e == nil {
		return nil, &Error{Pos: -1, Msg: "empty filter expression"}
	}
	if err := CheckSupported(e); err != nil {
		return nil, err
	}
	c := &compiler{schema: s}
	p, err := c.pred(e)
	if err != nil {
		return nil, err
	}
	return func(r Record) Truth { return Truth(p(r)) }, nil
}

// compiler holds the state of one Compile call.
type compiler struct {
	schema Schema
}

func compileErr(format string, args ...any) *Error {
	return &Error{Pos: -1, Msg: fmt.Sprintf(format, args...)}
}

// pred compiles a boolean-valued expression.
func (c *compiler) pred(e Expr) (pred, error) {
	switch n := e.(type) {
	case Logical:
		return c.logical(n)
	case Not:
		p, err := c.pred(n.Arg)
		if err != nil {
			return nil, err
		}
		return func(r Record) tri { return not3(p(r)) }, nil
	case Comparison:
		return c.comparison(n)
	case Like:
		return c.like(n)
	case Between:
		return c.between(n)
	case In:
		return c.in(n)
	case IsNull:
		return c.isNull(n)
	case SpatialPred:
		return c.spatial(n)
	case TemporalPred:
		return c.temporal(n)
	case ArrayPred:
		return c.array(n)
	}
	o, err := c.operand(e)
	if err != nil {
		return nil, err
	}
	if o.kind != kBool {
		return nil, compileErr("%s is a %s, not a predicate", Format(e), o.kind)
	}
	return func(r Record) tri {
		v, ok := o.bol(r)
		if !ok {
			return unk
		}
		return triOf(v)
	}, nil
}

func not3(t tri) tri {
	switch t {
	case tru:
		return fls
	case fls:
		return tru
	}
	return unk
}

// logical compiles AND and OR with short-circuit evaluation.
func (c *compiler) logical(n Logical) (pred, error) {
	ps := make([]pred, len(n.Args))
	for i, a := range n.Args {
		p, err := c.pred(a)
		if err != nil {
			return nil, err
		}
		ps[i] = p
	}
	// AND stops at the first false, OR at the first true.
	stop, other := fls, tru
	if n.Op == Or {
		stop, other = tru, fls
	}
	return func(r Record) tri {
		res := other
		for _, p := range ps {
			switch p(r) {
			case stop:
				return stop
			case unk:
				res = unk
			}
		}
		return res
	}, nil
}

// timeMin and timeMax stand for the open ends of intervals.
var (
	timeMin = time.Unix(-1<<62, 0).UTC()
	timeMax = time.Unix(1<<62, 0).UTC()
)
