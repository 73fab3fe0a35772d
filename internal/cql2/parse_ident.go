package cql2

import (
	"strings"

	"github.com/peterstace/simplefeatures/geom"
)

var spatialOps = map[string]SpatialOp{}
var temporalOps = map[string]TemporalOp{}
var arrayOps = map[string]ArrayOp{}

func init() {
	for _, op := range []SpatialOp{SIntersects, SEquals, SDisjoint, STouches, SWithin, SOverlaps, SCrosses, SContains} {
		spatialOps[string(op)] = op
	}
	for _, op := range []TemporalOp{TAfter, TBefore, TContains, TDisjoint, TDuring, TEquals, TFinishedBy,
		TFinishes, TIntersects, TMeets, TMetBy, TOverlappedBy, TOverlaps, TStartedBy, TStarts} {
		temporalOps[string(op)] = op
	}
	for _, op := range []ArrayOp{AEquals, AContains, AContainedBy, AOverlaps} {
		arrayOps[string(op)] = op
	}
}

// parseIdent parses what starts with an unquoted identifier: a boolean,
// a property, a literal introduced by a keyword, or a function call.
func (p *parser) parseIdent() (Expr, error) {
	t := p.peek()
	up := strings.ToUpper(t.val)
	if up == "TRUE" || up == "FALSE" {
		p.advance()
		return BoolLit{Value: up == "TRUE"}, nil
	}
	next := p.peekN(1)
	if _, ok := geomTags[up]; ok && (next.kind == tLParen || isKw(next, "Z") || isKw(next, "EMPTY")) {
		d := &dims{}
		g, err := p.geomTagged(d)
		if err != nil {
			return nil, err
		}
		return GeometryLit{Geom: g}, nil
	}
	if next.kind != tLParen {
		p.advance()
		return Property{Name: t.val, Pos: t.pos}, nil
	}
	switch up {
	case "DATE", "TIMESTAMP":
		return p.parseInstant()
	case "INTERVAL":
		return p.parseInterval()
	case "BBOX":
		return p.parseBBox()
	case "CASEI", "ACCENTI":
		args, err := p.parseCall(1, p.argument)
		if err != nil {
			return nil, err
		}
		if up == "CASEI" {
			return CaseI{Arg: args[0]}, nil
		}
		return AccentI{Arg: args[0]}, nil
	}
	return p.parseFunctionLike(up)
}

// parseFunctionLike parses spatial, temporal and array functions and
// user-defined functions.
func (p *parser) parseFunctionLike(up string) (Expr, error) {
	name := p.peek()
	if op, ok := spatialOps[up]; ok {
		args, err := p.parseCall(2, p.argument)
		if err != nil {
			return nil, err
		}
		return SpatialPred{Op: op, A: args[0], B: args[1]}, nil
	}
	if op, ok := temporalOps[up]; ok {
		args, err := p.parseCall(2, p.argument)
		if err != nil {
			return nil, err
		}
		return TemporalPred{Op: op, A: args[0], B: args[1]}, nil
	}
	if op, ok := arrayOps[up]; ok {
		args, err := p.parseCall(2, p.arrayArgument)
		if err != nil {
			return nil, err
		}
		return ArrayPred{Op: op, A: args[0], B: args[1]}, nil
	}
	if up == "ISNULL" {
		return nil, p.errTok(name, "unknown function %s, write: value IS NULL", name.val)
	}
	args, err := p.parseCall(-1, p.argument)
	if err != nil {
		return nil, err
	}
	return Function{Name: name.val, Args: args, Pos: name.pos}, nil
}

// parseCall parses name "(" [arg {"," arg}] ")"; want >= 0 is the
// required number of arguments.
func (p *parser) parseCall(want int, arg func() (Expr, error)) ([]Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	name := p.advance()
	p.advance() // "(", checked by the caller
	var args []Expr
	for p.peek().kind != tRParen || len(args) > 0 {
		a, err := arg()
		if err != nil {
			return nil, err
		}
		args = append(args, a)
		if p.peek().kind != tComma {
			break
		}
		p.advance()
	}
	if _, err := p.expect(tRParen, "',' or ')' in the arguments of "+name.val); err != nil {
		return nil, err
	}
	if want >= 0 && len(args) != want {
		return nil, p.errTok(name, "%s takes %d argument(s), found %d", strings.ToUpper(name.val), want, len(args))
	}
	return args, nil
}

// argument parses one function argument.
func (p *parser) argument() (Expr, error) {
	if !startsPredicate(p.peek()) {
		return nil, p.errTok(p.peek(), "expected an argument, found %s", describe(p.peek()))
	}
	return p.parseOr()
}

// arrayArgument parses an argument of an A_* function, where a
// parenthesised list is always an array, even with one element.
func (p *parser) arrayArgument() (Expr, error) {
	if p.peek().kind != tLParen {
		return p.argument()
	}
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.advance()
	elems := []Expr{}
	for p.peek().kind != tRParen || len(elems) > 0 {
		e, err := p.arrayArgument()
		if err != nil {
			return nil, err
		}
		elems = append(elems, e)
		if p.peek().kind != tComma {
			break
		}
		p.advance()
	}
	if _, err := p.expect(tRParen, "',' or ')' in the array"); err != nil {
		return nil, err
	}
	return ArrayLit{Elems: elems}, nil
}

// parseInstant parses DATE('...') or TIMESTAMP('...').
func (p *parser) parseInstant() (Expr, error) {
	kw := p.advance()
	p.advance() // "("
	s, err := p.expect(tString, "a quoted date or timestamp after "+strings.ToUpper(kw.val)+"(")
	if err != nil {
		return nil, err
	}
	if _, err := p.expect(tRParen, "')'"); err != nil {
		return nil, err
	}
	if strings.EqualFold(kw.val, "DATE") {
		d, ok := parseDate(s.val)
		if !ok {
			return nil, p.errTok(s, "invalid date %q, expected YYYY-MM-DD", s.val)
		}
		return DateLit{Value: d}, nil
	}
	ts, ok := parseTimestamp(s.val)
	if !ok {
		return nil, p.errTok(s, "invalid timestamp %q, expected YYYY-MM-DDThh:mm:ss[.fff]Z", s.val)
	}
	return TimestampLit{Value: ts}, nil
}

// parseInterval parses INTERVAL(bound, bound).
func (p *parser) parseInterval() (Expr, error) {
	args, err := p.parseCall(2, p.intervalBound)
	if err != nil {
		return nil, err
	}
	return IntervalLit{Start: args[0], End: args[1]}, nil
}

func (p *parser) intervalBound() (Expr, error) {
	t := p.peek()
	if t.kind == tString {
		p.advance()
		b, ok := parseIntervalBound(t.val)
		if !ok {
			return nil, p.errTok(t, "invalid INTERVAL bound %q, expected a date, a timestamp or '..'", t.val)
		}
		return b, nil
	}
	if t.kind != tQuoted && t.kind != tIdent {
		return nil, p.errTok(t, "expected a date, a timestamp, '..' or a property in INTERVAL, found %s", describe(t))
	}
	e, err := p.parsePrimary()
	if err != nil {
		return nil, err
	}
	switch e.(type) {
	case Property, Function, DateLit, TimestampLit:
		return e, nil
	}
	return nil, p.errTok(t, "expected a date, a timestamp, '..' or a property in INTERVAL, found %s", describe(t))
}

// parseBBox parses BBOX(w, s, e, n) or BBOX(w, s, zmin, e, n, zmax).
func (p *parser) parseBBox() (Expr, error) {
	kw := p.advance()
	p.advance() // "("
	var coords []float64
	for {
		f, err := p.signedNumber()
		if err != nil {
			return nil, err
		}
		coords = append(coords, f)
		if p.peek().kind != tComma {
			break
		}
		p.advance()
	}
	if _, err := p.expect(tRParen, "',' or ')' in BBOX"); err != nil {
		return nil, err
	}
	if len(coords) != 4 && len(coords) != 6 {
		return nil, p.errTok(kw, "BBOX takes 4 or 6 numbers, found %d", len(coords))
	}
	return BBoxLit{Coords: coords}, nil
}

// signedNumber parses [+|-] number.
func (p *parser) signedNumber() (float64, error) {
	sign := 1.0
	if t := p.peek(); isOp(t, "-") || isOp(t, "+") {
		p.advance()
		if t.val == "-" {
			sign = -1
		}
	}
	t, err := p.expect(tNumber, "a number")
	return sign * t.num, err
}

// geomTagged parses a WKT geometry: TAG [Z] text.
func (p *parser) geomTagged(d *dims) (geom.Geometry, error) {
	if err := p.enter(); err != nil {
		return geom.Geometry{}, err
	}
	defer p.leave()
	tag := p.peek()
	typ, ok := geomTags[strings.ToUpper(tag.val)]
	if tag.kind != tIdent || !ok {
		return geom.Geometry{}, p.errTok(tag, "expected a geometry (POINT, LINESTRING, POLYGON, ...), found %s", describe(tag))
	}
	p.advance()
	if isKw(p.peek(), "Z") {
		p.advance()
		d.want3 = true
	}
	if isKw(p.peek(), "EMPTY") {
		return geom.Geometry{}, p.errTok(p.peek(), "empty geometries are not supported")
	}
	if typ == geom.TypeGeometryCollection {
		return p.geomCollection(d)
	}
	return p.geomBody(typ, d)
}
