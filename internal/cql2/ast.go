package cql2

import (
	"time"

	"github.com/peterstace/simplefeatures/geom"
)

// Expr is a node of a parsed CQL2 expression tree. The concrete types are
// the exported structs of this file; String returns the canonical cql2-text
// form (see Format), so two trees are equal when their String values are.
type Expr interface {
	String() string
	exprNode()
}

// Property is a reference to a queryable, "name" in cql2-text or
// {"property": "name"} in cql2-json.
type Property struct {
	Name string
	// Pos is the byte offset of the name in cql2-text input, or -1.
	Pos int
}

// StringLit is a character literal.
type StringLit struct{ Value string }

// NumberLit is a numeric literal.
type NumberLit struct{ Value float64 }

// BoolLit is TRUE or FALSE.
type BoolLit struct{ Value bool }

// DateLit is DATE('yyyy-mm-dd'); Value is at 00:00 UTC.
type DateLit struct{ Value time.Time }

// TimestampLit is TIMESTAMP('yyyy-mm-ddThh:mm:ss[.fff]Z'); Value is in UTC.
type TimestampLit struct{ Value time.Time }

// Unbounded is the open end '..' of an INTERVAL.
type Unbounded struct{}

// IntervalLit is INTERVAL(start, end). Start and End are each a DateLit,
// TimestampLit, Unbounded, Property or Function.
type IntervalLit struct{ Start, End Expr }

// GeometryLit is a geometry literal: WKT in cql2-text, GeoJSON in cql2-json.
// Geom is never empty and is not validated beyond ring closure.
type GeometryLit struct{ Geom geom.Geometry }

// BBoxLit is BBOX(west, south, east, north) or, with elevations,
// BBOX(west, south, minz, east, north, maxz). Coords has 4 or 6 values.
type BBoxLit struct{ Coords []float64 }

// ArrayLit is an array ('a', 'b') as used by the A_* functions and by
// function arguments.
type ArrayLit struct{ Elems []Expr }

// LogicalOp is AND or OR.
type LogicalOp string

// The logical operators.
const (
	And LogicalOp = "AND"
	Or  LogicalOp = "OR"
)

// Logical is a chain of two or more operands joined by the same operator.
type Logical struct {
	Op   LogicalOp
	Args []Expr
}

// Not negates its operand. "a NOT LIKE b", "a NOT BETWEEN ...", "a NOT IN
// (...)" and "a IS NOT NULL" are parsed as Not of the positive predicate,
// as cql2-json writes them.
type Not struct{ Arg Expr }

// CompOp is a binary comparison operator: = <> < > <= >=.
type CompOp string

// The comparison operators.
const (
	Eq CompOp = "="
	Ne CompOp = "<>"
	Lt CompOp = "<"
	Gt CompOp = ">"
	Le CompOp = "<="
	Ge CompOp = ">="
)

// Comparison is a binary comparison.
type Comparison struct {
	Op          CompOp
	Left, Right Expr
}

// Like is "Arg LIKE Pattern" with % (any run), _ (one character) and \
// (escapes the next character) in the pattern.
type Like struct{ Arg, Pattern Expr }

// Between is "Arg BETWEEN Low AND High", bounds included.
type Between struct{ Arg, Low, High Expr }

// In is "Arg IN (List...)".
type In struct {
	Arg  Expr
	List []Expr
}

// IsNull is "Arg IS NULL".
type IsNull struct{ Arg Expr }

// ArithOp is an arithmetic operator: + - * / % div ^.
type ArithOp string

// The arithmetic operators. Div is integer division (truncated).
const (
	Add ArithOp = "+"
	Sub ArithOp = "-"
	Mul ArithOp = "*"
	Quo ArithOp = "/"
	Mod ArithOp = "%"
	Div ArithOp = "div"
	Pow ArithOp = "^"
)

// Arithmetic is a binary arithmetic expression. A unary minus on anything
// but a number literal is parsed as (-1 * operand), as cql2-json writes it.
type Arithmetic struct {
	Op          ArithOp
	Left, Right Expr
}

// CaseI is CASEI(Arg): case-insensitive comparison of strings.
type CaseI struct{ Arg Expr }

// AccentI is ACCENTI(Arg): accent-insensitive comparison of strings.
type AccentI struct{ Arg Expr }

// SpatialOp is one of the eight spatial comparison functions.
type SpatialOp string

// The spatial comparison functions.
const (
	SIntersects SpatialOp = "S_INTERSECTS"
	SEquals     SpatialOp = "S_EQUALS"
	SDisjoint   SpatialOp = "S_DISJOINT"
	STouches    SpatialOp = "S_TOUCHES"
	SWithin     SpatialOp = "S_WITHIN"
	SOverlaps   SpatialOp = "S_OVERLAPS"
	SCrosses    SpatialOp = "S_CROSSES"
	SContains   SpatialOp = "S_CONTAINS"
)

// SpatialPred is a spatial comparison function applied to two geometries.
type SpatialPred struct {
	Op   SpatialOp
	A, B Expr
}

// TemporalOp is one of the temporal comparison functions.
type TemporalOp string

// The temporal comparison functions.
const (
	TAfter        TemporalOp = "T_AFTER"
	TBefore       TemporalOp = "T_BEFORE"
	TContains     TemporalOp = "T_CONTAINS"
	TDisjoint     TemporalOp = "T_DISJOINT"
	TDuring       TemporalOp = "T_DURING"
	TEquals       TemporalOp = "T_EQUALS"
	TFinishedBy   TemporalOp = "T_FINISHEDBY"
	TFinishes     TemporalOp = "T_FINISHES"
	TIntersects   TemporalOp = "T_INTERSECTS"
	TMeets        TemporalOp = "T_MEETS"
	TMetBy        TemporalOp = "T_METBY"
	TOverlappedBy TemporalOp = "T_OVERLAPPEDBY"
	TOverlaps     TemporalOp = "T_OVERLAPS"
	TStartedBy    TemporalOp = "T_STARTEDBY"
	TStarts       TemporalOp = "T_STARTS"
)

// TemporalPred is a temporal comparison function applied to two instants or
// intervals.
type TemporalPred struct {
	Op   TemporalOp
	A, B Expr
}

// ArrayOp is one of the array comparison functions.
type ArrayOp string

// The array comparison functions.
const (
	AEquals      ArrayOp = "A_EQUALS"
	AContains    ArrayOp = "A_CONTAINS"
	AContainedBy ArrayOp = "A_CONTAINEDBY"
	AOverlaps    ArrayOp = "A_OVERLAPS"
)

// ArrayPred is an array comparison function applied to two arrays.
type ArrayPred struct {
	Op   ArrayOp
	A, B Expr
}

// Function is a call of a function that is not part of the CQL2 core
// grammar (a user-defined function). Compile does not support any.
type Function struct {
	Name string
	Args []Expr
	// Pos is the byte offset of the name in cql2-text input, or -1.
	Pos int
}

func (Property) exprNode()     {}
func (StringLit) exprNode()    {}
func (NumberLit) exprNode()    {}
func (BoolLit) exprNode()      {}
func (DateLit) exprNode()      {}
func (TimestampLit) exprNode() {}
func (Unbounded) exprNode()    {}
func (IntervalLit) exprNode()  {}
func (GeometryLit) exprNode()  {}
func (BBoxLit) exprNode()      {}
func (ArrayLit) exprNode()     {}
func (Logical) exprNode()      {}
func (Not) exprNode()          {}
func (Comparison) exprNode()   {}
func (Like) exprNode()         {}
func (Between) exprNode()      {}
func (In) exprNode()           {}
func (IsNull) exprNode()       {}
func (Arithmetic) exprNode()   {}
func (CaseI) exprNode()        {}
func (AccentI) exprNode()      {}
func (SpatialPred) exprNode()  {}
func (TemporalPred) exprNode() {}
func (ArrayPred) exprNode()    {}
func (Function) exprNode()     {}

// String returns the canonical cql2-text form.
func (e Property) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e StringLit) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e NumberLit) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e BoolLit) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e DateLit) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e TimestampLit) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e Unbounded) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e IntervalLit) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e GeometryLit) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e BBoxLit) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e ArrayLit) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e Logical) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e Not) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e Comparison) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e Like) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e Between) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e In) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e IsNull) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e Arithmetic) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e CaseI) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e AccentI) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e SpatialPred) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e TemporalPred) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e ArrayPred) String() string { return Format(e) }

// String returns the canonical cql2-text form.
func (e Function) String() string { return Format(e) }
