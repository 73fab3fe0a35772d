package cql2

import (
	"strconv"
	"strings"
	"time"

	"github.com/peterstace/simplefeatures/geom"
)

// Format returns the canonical cql2-text form of e: keywords in upper case,
// property names double-quoted, every AND/OR chain and arithmetic operation
// parenthesised, numbers in their shortest form, timestamps in UTC without
// trailing zero fractions. ParseText(Format(e)) gives back a tree with the
// same Format. A nil e formats as "".
func Format(e Expr) string {
	var b strings.Builder
	writeExpr(&b, e)
	return b.String()
}

func writeExpr(b *strings.Builder, e Expr) {
	switch n := e.(type) {
	case nil:
	case Property:
		b.WriteString(quoteIdent(n.Name))
	case StringLit:
		b.WriteString(quoteString(n.Value))
	case NumberLit:
		b.WriteString(formatNumber(n.Value))
	case BoolLit:
		if n.Value {
			b.WriteString("TRUE")
		} else {
			b.WriteString("FALSE")
		}
	case DateLit:
		b.WriteString("DATE('" + formatDate(n.Value) + "')")
	case TimestampLit:
		b.WriteString("TIMESTAMP('" + formatTimestamp(n.Value) + "')")
	case Unbounded:
		b.WriteString("'..'")
	case IntervalLit:
		b.WriteString("INTERVAL(")
		writeIntervalBound(b, n.Start)
		b.WriteString(", ")
		writeIntervalBound(b, n.End)
		b.WriteByte(')')
	case GeometryLit:
		writeGeometry(b, n.Geom)
	case BBoxLit:
		b.WriteString("BBOX(")
		for i, c := range n.Coords {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(formatNumber(c))
		}
		b.WriteByte(')')
	case ArrayLit:
		b.WriteByte('(')
		for i, el := range n.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			writeArrayElem(b, el)
		}
		b.WriteByte(')')
	default:
		writeOperator(b, e)
	}
}

// writeOperator writes the nodes that combine other expressions.
func writeOperator(b *strings.Builder, e Expr) {
	switch n := e.(type) {
	case Logical:
		b.WriteByte('(')
		for i, a := range n.Args {
			if i > 0 {
				b.WriteString(" " + string(n.Op) + " ")
			}
			writeExpr(b, a)
		}
		b.WriteByte(')')
	case Not:
		b.WriteString("NOT ")
		writeOperand(b, n.Arg)
	case Comparison:
		writeOperand(b, n.Left)
		b.WriteString(" " + string(n.Op) + " ")
		writeOperand(b, n.Right)
	case Like:
		writeOperand(b, n.Arg)
		b.WriteString(" LIKE ")
		writeOperand(b, n.Pattern)
	case Between:
		writeOperand(b, n.Arg)
		b.WriteString(" BETWEEN ")
		writeOperand(b, n.Low)
		b.WriteString(" AND ")
		writeOperand(b, n.High)
	case In:
		writeOperand(b, n.Arg)
		b.WriteString(" IN (")
		for i, a := range n.List {
			if i > 0 {
				b.WriteString(", ")
			}
			writeOperand(b, a)
		}
		b.WriteByte(')')
	case IsNull:
		writeOperand(b, n.Arg)
		b.WriteString(" IS NULL")
	case Arithmetic:
		b.WriteByte('(')
		writeOperand(b, n.Left)
		b.WriteString(" " + string(n.Op) + " ")
		writeOperand(b, n.Right)
		b.WriteByte(')')
	default:
		writeCall(b, e)
	}
}

// writeCall writes the nodes that look like function calls.
func writeCall(b *strings.Builder, e Expr) {
	switch n := e.(type) {
	case CaseI:
		writeList(b, "CASEI", []Expr{n.Arg})
	case AccentI:
		writeList(b, "ACCENTI", []Expr{n.Arg})
	case SpatialPred:
		writeList(b, string(n.Op), []Expr{n.A, n.B})
	case TemporalPred:
		writeList(b, string(n.Op), []Expr{n.A, n.B})
	case ArrayPred:
		b.WriteString(string(n.Op) + "(")
		writeArrayElem(b, n.A)
		b.WriteString(", ")
		writeArrayElem(b, n.B)
		b.WriteByte(')')
	case Function:
		writeList(b, n.Name, n.Args)
	}
}

func writeList(b *strings.Builder, prefix string, args []Expr) {
	b.WriteString(prefix)
	b.WriteByte('(')
	for i, a := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		writeExpr(b, a)
	}
	b.WriteByte(')')
}

// writeArrayElem writes an array element or A_* argument. There a "("
// opens a nested array, so an expression that would start with "(" (such
// as an arithmetic operation) is written after a unary "+".
func writeArrayElem(b *strings.Builder, e Expr) {
	if _, ok := e.(ArrayLit); ok {
		writeExpr(b, e)
		return
	}
	s := Format(e)
	if strings.HasPrefix(s, "(") {
		b.WriteByte('+')
	}
	b.WriteString(s)
}

// writeOperand writes e, in parentheses when it is a predicate whose text
// would otherwise bind differently as the operand of another operator.
func writeOperand(b *strings.Builder, e Expr) {
	switch e.(type) {
	case Comparison, Like, Between, In, IsNull, Not:
		b.WriteByte('(')
		writeExpr(b, e)
		b.WriteByte(')')
	default:
		writeExpr(b, e)
	}
}

func writeIntervalBound(b *strings.Builder, e Expr) {
	switch n := e.(type) {
	case DateLit:
		b.WriteString("'" + formatDate(n.Value) + "'")
	case TimestampLit:
		b.WriteString("'" + formatTimestamp(n.Value) + "'")
	default:
		writeExpr(b, e)
	}
}

// quoteIdent double-quotes a property name. Names never contain '"'
// (both parsers reject it).
func quoteIdent(s string) string { return `"` + s + `"` }

// quoteString writes a cql2-text character literal: a quote is written
// twice, and the backslash and control characters with backslash escapes.
func quoteString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\'':
			b.WriteString("''")
		case '\\':
			b.WriteString(`\\`)
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\v':
			b.WriteString(`\v`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func formatDate(t time.Time) string { return t.UTC().Format("2006-01-02") }

func formatTimestamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.999999999Z")
}

// writeGeometry writes g as WKT, with " Z" after the tag of 3D geometries.
func writeGeometry(b *strings.Builder, g geom.Geometry) {
	z := ""
	if g.CoordinatesType().Is3D() {
		z = " Z"
	}
	switch g.Type() {
	case geom.TypePoint:
		b.WriteString("POINT" + z + "(")
		if c, ok := g.MustAsPoint().Coordinates(); ok {
			writePosition(b, c)
		}
		b.WriteByte(')')
	case geom.TypeLineString:
		b.WriteString("LINESTRING" + z)
		writeSequence(b, g.MustAsLineString().Coordinates())
	case geom.TypePolygon:
		b.WriteString("POLYGON" + z)
		writeRings(b, g.MustAsPolygon().Coordinates())
	case geom.TypeMultiPoint:
		b.WriteString("MULTIPOINT" + z + "(")
		seq := g.MustAsMultiPoint().Coordinates()
		for i := 0; i < seq.Length(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			writePosition(b, seq.Get(i))
			b.WriteByte(')')
		}
		b.WriteByte(')')
	default:
		writeMultiGeometry(b, g, z)
	}
}

func writeMultiGeometry(b *strings.Builder, g geom.Geometry, z string) {
	switch g.Type() {
	case geom.TypeMultiLineString:
		b.WriteString("MULTILINESTRING" + z)
		writeRings(b, g.MustAsMultiLineString().Coordinates())
	case geom.TypeMultiPolygon:
		b.WriteString("MULTIPOLYGON" + z + "(")
		for i, p := range g.MustAsMultiPolygon().Coordinates() {
			if i > 0 {
				b.WriteString(", ")
			}
			writeRings(b, p)
		}
		b.WriteByte(')')
	case geom.TypeGeometryCollection:
		b.WriteString("GEOMETRYCOLLECTION" + z + "(")
		gc := g.MustAsGeometryCollection()
		for i := 0; i < gc.NumGeometries(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			writeGeometry(b, gc.GeometryN(i))
		}
		b.WriteByte(')')
	}
}

func writeRings(b *strings.Builder, rings []geom.Sequence) {
	b.WriteByte('(')
	for i, r := range rings {
		if i > 0 {
			b.WriteString(", ")
		}
		writeSequence(b, r)
	}
	b.WriteByte(')')
}

func writeSequence(b *strings.Builder, seq geom.Sequence) {
	b.WriteByte('(')
	for i := 0; i < seq.Length(); i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		writePosition(b, seq.Get(i))
	}
	b.WriteByte(')')
}

func writePosition(b *strings.Builder, c geom.Coordinates) {
	b.WriteString(formatNumber(c.X))
	b.WriteByte(' ')
	b.WriteString(formatNumber(c.Y))
	if c.Type.Is3D() {
		b.WriteByte(' ')
		b.WriteString(formatNumber(c.Z))
	}
}
