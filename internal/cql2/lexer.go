package cql2

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is the kind of a token.
type tokKind int

// The token kinds.
const (
	tEOF    tokKind = iota
	tIdent          // unquoted identifier or keyword
	tQuoted         // "quoted identifier"
	tString         // 'character literal'
	tNumber         // unsigned numeric literal
	tLParen
	tRParen
	tComma
	tOp // = <> < > <= >= + - * / % ^
)

// token is one lexical token of cql2-text.
type token struct {
	kind tokKind
	pos  int     // byte offset of the first byte
	end  int     // byte offset after the last byte
	val  string  // identifier name, decoded string, or operator
	num  float64 // value of a tNumber
}

// lexer splits cql2-text into tokens.
type lexer struct {
	src string
	pos int
}

// lex returns all tokens of src, ending with a tEOF token.
func lex(src string) ([]token, error) {
	if !utf8.ValidString(src) {
		i := 0
		for i < len(src) {
			r, w := utf8.DecodeRuneInString(src[i:])
			if r == utf8.RuneError && w == 1 {
				break
			}
			i += w
		}
		return nil, errAt(src, i, "invalid UTF-8")
	}
	l := &lexer{src: src}
	var toks []token
	for {
		t, err := l.next()
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		if t.kind == tEOF {
			return toks, nil
		}
	}
}

func (l *lexer) next() (token, error) {
	for l.pos < len(l.src) {
		r, w := utf8.DecodeRuneInString(l.src[l.pos:])
		if !unicode.IsSpace(r) {
			break
		}
		l.pos += w
	}
	start := l.pos
	if start >= len(l.src) {
		return token{kind: tEOF, pos: start, end: start}, nil
	}
	c := l.src[start]
	switch {
	case c == '\'':
		return l.lexString()
	case c == '"':
		return l.lexQuoted()
	case isDigit(c) || (c == '.' && start+1 < len(l.src) && isDigit(l.src[start+1])):
		return l.lexNumber()
	}
	if r, _ := utf8.DecodeRuneInString(l.src[start:]); isIdentStart(r) {
		return l.lexIdent(), nil
	}
	return l.lexPunct()
}

func (l *lexer) lexPunct() (token, error) {
	start := l.pos
	two := ""
	if start+2 <= len(l.src) {
		two = l.src[start : start+2]
	}
	if two == "<>" || two == "<=" || two == ">=" {
		l.pos += 2
		return token{kind: tOp, pos: start, end: l.pos, val: two}, nil
	}
	c := l.src[start]
	l.pos++
	t := token{kind: tOp, pos: start, end: l.pos, val: string(c)}
	switch c {
	case '(':
		t.kind = tLParen
	case ')':
		t.kind = tRParen
	case ',':
		t.kind = tComma
	case '=', '<', '>', '+', '-', '*', '/', '%', '^':
	default:
		r, _ := utf8.DecodeRuneInString(l.src[start:])
		return token{}, errAt(l.src, start, "unexpected character %q", r)
	}
	return t, nil
}

func (l *lexer) lexIdent() token {
	start := l.pos
	for l.pos < len(l.src) {
		r, w := utf8.DecodeRuneInString(l.src[l.pos:])
		if l.pos > start && !isIdentPart(r) || l.pos == start && !isIdentStart(r) {
			break
		}
		l.pos += w
	}
	return token{kind: tIdent, pos: start, end: l.pos, val: l.src[start:l.pos]}
}

func (l *lexer) lexQuoted() (token, error) {
	start := l.pos
	i := strings.IndexByte(l.src[start+1:], '"')
	if i < 0 {
		return token{}, errAt(l.src, start, "unterminated quoted property name")
	}
	name := l.src[start+1 : start+1+i]
	l.pos = start + i + 2
	if err := checkPropertyName(name); err != "" {
		return token{}, errAt(l.src, start, "%s", err)
	}
	return token{kind: tQuoted, pos: start, end: l.pos, val: name}, nil
}

// lexString decodes a character literal: a quote written twice or after
// a backslash is a quote, \\ is a backslash, \a \b \t \n \v \f \r are
// control characters (as required by /req/cql2-text/escaping); any other
// backslash is kept as it is, so LIKE patterns such as '100\%' keep their
// escape.
func (l *lexer) lexString() (token, error) {
	start := l.pos
	var b strings.Builder
	i := start + 1
	for i < len(l.src) {
		c := l.src[i]
		switch {
		case c == '\'' && i+1 < len(l.src) && l.src[i+1] == '\'':
			b.WriteByte('\'')
			i += 2
		case c == '\'':
			l.pos = i + 1
			return token{kind: tString, pos: start, end: l.pos, val: b.String()}, nil
		case c == '\\' && i+1 < len(l.src) && unescape(l.src[i+1]) != "":
			b.WriteString(unescape(l.src[i+1]))
			i += 2
		default:
			b.WriteByte(c)
			i++
		}
	}
	return token{}, errAt(l.src, start, "unterminated string")
}

// unescape returns what the escape sequence \c stands for, or "" when it
// is not an escape sequence.
func unescape(c byte) string {
	switch c {
	case '\'':
		return "'"
	case '\\':
		return `\`
	case 'a':
		return "\a"
	case 'b':
		return "\b"
	case 't':
		return "\t"
	case 'n':
		return "\n"
	case 'v':
		return "\v"
	case 'f':
		return "\f"
	case 'r':
		return "\r"
	}
	return ""
}

// lexNumber reads digits [. digits] [E [sign] digits] (unsigned; the
// parser applies signs).
func (l *lexer) lexNumber() (token, error) {
	start := l.pos
	i := l.skipDigits(start)
	if i < len(l.src) && l.src[i] == '.' {
		i = l.skipDigits(i + 1)
	}
	if i < len(l.src) && (l.src[i] == 'e' || l.src[i] == 'E') {
		j := i + 1
		if j < len(l.src) && (l.src[j] == '+' || l.src[j] == '-') {
			j++
		}
		if j < len(l.src) && isDigit(l.src[j]) {
			i = l.skipDigits(j)
		}
	}
	l.pos = i
	f, err := strconv.ParseFloat(l.src[start:i], 64)
	if err != nil {
		return token{}, errAt(l.src, start, "number out of range")
	}
	return token{kind: tNumber, pos: start, end: i, val: l.src[start:i], num: f}, nil
}

func (l *lexer) skipDigits(i int) int {
	for i < len(l.src) && isDigit(l.src[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isIdentStart implements identifierStart of the CQL2 BNF.
func isIdentStart(r rune) bool {
	switch {
	case r == ':' || r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
		return true
	case r < 0xC0 || r == 0xD7 || r == 0xF7 || unicode.IsSpace(r):
		return false
	case r <= 0x2FF, r >= 0x370 && r <= 0x37D, r >= 0x37F && r <= 0x1FFE,
		r == 0x200C, r == 0x200D, r >= 0x2070 && r <= 0x218F,
		r >= 0x2C00 && r <= 0x2FEF, r >= 0x3001 && r <= 0xD7FF,
		r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFFD,
		r >= 0x10000 && r <= 0xEFFFF:
		return true
	}
	return false
}

// isIdentPart implements identifierPart of the CQL2 BNF.
func isIdentPart(r rune) bool {
	return isIdentStart(r) || r == '.' || r >= '0' && r <= '9' ||
		r >= 0x300 && r <= 0x36F || r == 0x203F || r == 0x2040
}

// isIdentifier reports whether s is an unquoted identifier.
func isIdentifier(s string) bool {
	for i, r := range s {
		if i == 0 && !isIdentStart(r) || i > 0 && !isIdentPart(r) {
			return false
		}
	}
	return s != ""
}

// checkPropertyName returns why name cannot be a property name, or "".
// Any non-empty text without '"' and control characters is accepted, so
// that every name can be written quoted in cql2-text.
func checkPropertyName(name string) string {
	if name == "" {
		return "empty property name"
	}
	for _, r := range name {
		if r == '"' || r < 0x20 || r == 0x7F {
			return "property names cannot contain '\"' or control characters"
		}
	}
	return ""
}
