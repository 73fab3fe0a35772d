package cql2

import (
	"strings"
)

// maxDepth bounds the nesting of parentheses, NOT and function calls, so
// that hostile input cannot exhaust the stack.
const maxDepth = 200

// reserved words cannot be unquoted property names.
var reserved = map[string]bool{
	"AND": true, "OR": true, "NOT": true, "LIKE": true, "BETWEEN": true,
	"IN": true, "IS": true, "NULL": true, "DIV": true,
}

// parser is a recursive-descent parser of cql2-text.
type parser struct {
	src   string
	toks  []token
	i     int
	depth int
}

// ParseText parses a cql2-text filter expression. Keywords are
// case-insensitive. Errors are *Error values whose message gives the byte
// offset and an excerpt of the input where the problem is, e.g.
//
//	cql2: at 9 (end of input): expected a value after '='
func ParseText(s string) (Expr, error) {
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	p := &parser{src: s, toks: toks}
	if p.peek().kind == tEOF {
		return nil, p.errTok(p.peek(), "empty filter expression")
	}
	e, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.errTok(t, "unexpected %s after a complete expression", describe(t))
	}
	return e, nil
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) peekN(n int) token {
	if p.i+n >= len(p.toks) {
		return p.toks[len(p.toks)-1]
	}
	return p.toks[p.i+n]
}

func (p *parser) advance() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

// errTok returns an Error at token t, quoting the token.
func (p *parser) errTok(t token, format string, args ...any) *Error {
	e := errAt(p.src, t.pos, format, args...)
	if t.end > t.pos && t.end-t.pos < len(e.Near) {
		e.Near = p.src[t.pos:t.end]
	}
	return e
}

// enter guards recursion depth; call leave when done.
func (p *parser) enter() *Error {
	p.depth++
	if p.depth > maxDepth {
		return p.errTok(p.peek(), "expression nested too deeply (more than %d levels)", maxDepth)
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

func isKw(t token, kw string) bool { return t.kind == tIdent && strings.EqualFold(t.val, kw) }

func isOp(t token, op string) bool { return t.kind == tOp && t.val == op }

// describe names a token for error messages.
func describe(t token) string {
	switch t.kind {
	case tEOF:
		return "end of input"
	case tString:
		return "string"
	case tNumber:
		return "number " + t.val
	case tQuoted:
		return `"` + t.val + `"`
	}
	return "'" + t.val + "'"
}

// startsValue reports whether t can begin a scalar or predicate operand.
func startsValue(t token) bool {
	switch t.kind {
	case tNumber, tString, tQuoted, tLParen:
		return true
	case tOp:
		return t.val == "-" || t.val == "+"
	case tIdent:
		return !reserved[strings.ToUpper(t.val)]
	}
	return false
}

func startsPredicate(t token) bool { return startsValue(t) || isKw(t, "NOT") }

// expect consumes a token of kind k or fails with "expected <what>".
func (p *parser) expect(k tokKind, what string) (token, error) {
	t := p.peek()
	if t.kind != k {
		return t, p.errTok(t, "expected %s, found %s", what, describe(t))
	}
	return p.advance(), nil
}

func (p *parser) parseOr() (Expr, error) { return p.parseChain(Or, p.parseAnd) }

func (p *parser) parseAnd() (Expr, error) { return p.parseChain(And, p.parseNot) }

// parseChain parses sub {op sub} into a Logical (or the single operand).
func (p *parser) parseChain(op LogicalOp, sub func() (Expr, error)) (Expr, error) {
	first, err := sub()
	if err != nil {
		return nil, err
	}
	args := []Expr{first}
	for isKw(p.peek(), string(op)) {
		kw := p.advance()
		if !startsPredicate(p.peek()) {
			return nil, p.errTok(p.peek(), "expected a predicate after '%s'", kw.val)
		}
		next, err := sub()
		if err != nil {
			return nil, err
		}
		args = append(args, next)
	}
	if len(args) == 1 {
		return first, nil
	}
	return Logical{Op: op, Args: args}, nil
}

func (p *parser) parseNot() (Expr, error) {
	if !isKw(p.peek(), "NOT") {
		return p.parsePredicate()
	}
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	kw := p.advance()
	if !startsPredicate(p.peek()) {
		return nil, p.errTok(p.peek(), "expected a predicate after '%s'", kw.val)
	}
	arg, err := p.parseNot()
	if err != nil {
		return nil, err
	}
	return Not{Arg: arg}, nil
}

// parsePredicate parses a scalar expression optionally followed by a
// comparison, LIKE, BETWEEN, IN or IS NULL.
func (p *parser) parsePredicate() (Expr, error) {
	left, err := p.parseAdditive()
	if err != nil {
		return nil, err
	}
	t := p.peek()
	switch {
	case t.kind == tOp && isCompOp(t.val):
		p.advance()
		right, err := p.operand("'" + t.val + "'")
		if err != nil {
			return nil, err
		}
		return Comparison{Op: CompOp(t.val), Left: left, Right: right}, nil
	case isKw(t, "NOT"):
		n := p.peekN(1)
		if !isKw(n, "LIKE") && !isKw(n, "BETWEEN") && !isKw(n, "IN") {
			return nil, p.errTok(n, "expected LIKE, BETWEEN or IN after 'NOT'")
		}
		p.advance()
		e, err := p.parseSuffix(left)
		if err != nil {
			return nil, err
		}
		return Not{Arg: e}, nil
	case isKw(t, "LIKE"), isKw(t, "BETWEEN"), isKw(t, "IN"):
		return p.parseSuffix(left)
	case isKw(t, "IS"):
		return p.parseIsNull(left)
	}
	return left, nil
}

func isCompOp(s string) bool {
	switch CompOp(s) {
	case Eq, Ne, Lt, Gt, Le, Ge:
		return true
	}
	return false
}

// operand parses the scalar operand that must follow the token named after.
func (p *parser) operand(after string) (Expr, error) {
	if !startsValue(p.peek()) {
		return nil, p.errTok(p.peek(), "expected a value after %s", after)
	}
	return p.parseAdditive()
}

// parseSuffix parses LIKE, BETWEEN or IN after their left operand.
func (p *parser) parseSuffix(left Expr) (Expr, error) {
	kw := p.advance()
	switch strings.ToUpper(kw.val) {
	case "LIKE":
		pat, err := p.operand("'LIKE'")
		if err != nil {
			return nil, err
		}
		return Like{Arg: left, Pattern: pat}, nil
	case "BETWEEN":
		low, err := p.operand("'BETWEEN'")
		if err != nil {
			return nil, err
		}
		if !isKw(p.peek(), "AND") {
			return nil, p.errTok(p.peek(), "expected AND after the lower bound of BETWEEN, found %s", describe(p.peek()))
		}
		high, err := p.operand("'" + p.advance().val + "'")
		if err != nil {
			return nil, err
		}
		return Between{Arg: left, Low: low, High: high}, nil
	}
	return p.parseInList(left)
}

func (p *parser) parseInList(left Expr) (Expr, error) {
	if _, err := p.expect(tLParen, "'(' after 'IN'"); err != nil {
		return nil, err
	}
	var list []Expr
	for {
		item, err := p.operand("'(' or ',' in the IN list")
		if err != nil {
			return nil, err
		}
		list = append(list, item)
		if p.peek().kind != tComma {
			break
		}
		p.advance()
	}
	if _, err := p.expect(tRParen, "',' or ')' in the IN list"); err != nil {
		return nil, err
	}
	return In{Arg: left, List: list}, nil
}

func (p *parser) parseIsNull(left Expr) (Expr, error) {
	p.advance()
	not := isKw(p.peek(), "NOT")
	if not {
		p.advance()
	}
	if !isKw(p.peek(), "NULL") {
		return nil, p.errTok(p.peek(), "expected NULL after IS, found %s", describe(p.peek()))
	}
	p.advance()
	if not {
		return Not{Arg: IsNull{Arg: left}}, nil
	}
	return IsNull{Arg: left}, nil
}

func (p *parser) parseAdditive() (Expr, error) {
	left, err := p.parseTerm()
	for err == nil && (isOp(p.peek(), "+") || isOp(p.peek(), "-")) {
		op := p.advance()
		var right Expr
		if right, err = p.arithOperand(op, p.parseTerm); err == nil {
			left = Arithmetic{Op: ArithOp(op.val), Left: left, Right: right}
		}
	}
	return left, err
}

func (p *parser) parseTerm() (Expr, error) {
	left, err := p.parsePower()
	for err == nil {
		t := p.peek()
		var op ArithOp
		switch {
		case isOp(t, "*"), isOp(t, "/"), isOp(t, "%"):
			op = ArithOp(t.val)
		case isKw(t, "DIV"):
			op = Div
		default:
			return left, nil
		}
		p.advance()
		var right Expr
		if right, err = p.arithOperand(t, p.parsePower); err == nil {
			left = Arithmetic{Op: op, Left: left, Right: right}
		}
	}
	return nil, err
}

// parsePower parses unary [^ power]; ^ is right-associative.
func (p *parser) parsePower() (Expr, error) {
	base, err := p.parseUnary()
	if err != nil || !isOp(p.peek(), "^") {
		return base, err
	}
	op := p.advance()
	exp, err := p.arithOperand(op, p.parsePower)
	if err != nil {
		return nil, err
	}
	return Arithmetic{Op: Pow, Left: base, Right: exp}, nil
}

func (p *parser) arithOperand(op token, sub func() (Expr, error)) (Expr, error) {
	if !startsValue(p.peek()) {
		return nil, p.errTok(p.peek(), "expected a value after '%s'", op.val)
	}
	return sub()
}

// parseUnary applies a sign: to a number literal directly, to anything
// else as (-1 * operand).
func (p *parser) parseUnary() (Expr, error) {
	t := p.peek()
	if !isOp(t, "-") && !isOp(t, "+") {
		return p.parsePrimary()
	}
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.advance()
	if n := p.peek(); n.kind == tNumber {
		p.advance()
		if t.val == "-" {
			return NumberLit{Value: -n.num}, nil
		}
		return NumberLit{Value: n.num}, nil
	}
	arg, err := p.arithOperand(t, p.parseUnary)
	if err != nil || t.val == "+" {
		return arg, err
	}
	return Arithmetic{Op: Mul, Left: NumberLit{Value: -1}, Right: arg}, nil
}

func (p *parser) parsePrimary() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	t := p.peek()
	switch t.kind {
	case tNumber:
		p.advance()
		return NumberLit{Value: t.num}, nil
	case tString:
		p.advance()
		return StringLit{Value: t.val}, nil
	case tQuoted:
		p.advance()
		return Property{Name: t.val, Pos: t.pos}, nil
	case tLParen:
		return p.parseParen()
	case tIdent:
		if !reserved[strings.ToUpper(t.val)] {
			return p.parseIdent()
		}
	}
	return nil, p.errTok(t, "expected a value, found %s", describe(t))
}

// parseParen parses "(" expr ")" or an array "(" [expr {"," expr}] ")".
func (p *parser) parseParen() (Expr, error) {
	open := p.advance()
	var elems []Expr
	for p.peek().kind != tRParen || len(elems) > 0 {
		if !startsPredicate(p.peek()) {
			return nil, p.errTok(p.peek(), "expected a value, found %s", describe(p.peek()))
		}
		e, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		elems = append(elems, e)
		if p.peek().kind != tComma {
			break
		}
		p.advance()
	}
	if p.peek().kind != tRParen {
		return nil, p.errTok(p.peek(), "expected ')' to close the '(' at %d, found %s", open.pos, describe(p.peek()))
	}
	p.advance()
	if len(elems) == 1 {
		return elems[0], nil
	}
	return ArrayLit{Elems: elems}, nil
}
