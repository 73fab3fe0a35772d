package cql2

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// likeElem is one element of a compiled LIKE pattern.
type likeElem struct {
	kind byte   // 'l' literal text, '_' one character, '%' any run
	lit  string // the text of a literal
}

// compileLike splits a pattern into literals, _ and %. A backslash makes
// the next character literal; a trailing backslash is literal itself.
func compileLike(pat string) []likeElem {
	var elems []likeElem
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			elems = append(elems, likeElem{kind: 'l', lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(pat); i++ {
		switch c := pat[i]; {
		case c == '\\' && i+1 < len(pat):
			_, w := utf8.DecodeRuneInString(pat[i+1:])
			lit.WriteString(pat[i+1 : i+1+w])
			i += w
		case c == '%':
			flush()
			if len(elems) == 0 || elems[len(elems)-1].kind != '%' {
				elems = append(elems, likeElem{kind: '%'})
			}
		case c == '_':
			flush()
			elems = append(elems, likeElem{kind: '_'})
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	return elems
}

// matchLike reports whether s matches the compiled pattern p. It is the
// classic wildcard matcher: on a mismatch it backtracks to the last % and
// lets it absorb one more character, which is enough because a later %
// can absorb whatever an earlier one could.
func matchLike(p []likeElem, s string) bool {
	pi, si := 0, 0
	star, starS := -1, 0
	for {
		if pi < len(p) {
			e := p[pi]
			switch {
			case e.kind == '%':
				star, starS = pi, si
				pi++
				continue
			case e.kind == '_' && si < len(s):
				_, w := utf8.DecodeRuneInString(s[si:])
				si += w
				pi++
				continue
			case e.kind == 'l' && strings.HasPrefix(s[si:], e.lit):
				si += len(e.lit)
				pi++
				continue
			}
		} else if si == len(s) {
			return true
		}
		if star < 0 || starS >= len(s) {
			return false
		}
		_, w := utf8.DecodeRuneInString(s[starS:])
		starS += w
		pi, si = star+1, starS
	}
}

// like compiles "x LIKE pattern"; the pattern must be a constant string.
func (c *compiler) like(n Like) (pred, error) {
	ops, err := c.operands(n.Arg, n.Pattern)
	if err != nil {
		return nil, err
	}
	x, pat := ops[0], ops[1]
	if x.kind != kStr {
		return nil, typeErr(Format(n), x, pat)
	}
	if pat.kind != kStr || !pat.konst {
		return nil, compileErr("the pattern of LIKE must be a string literal, not %s", Format(n.Pattern))
	}
	ps, _ := pat.str(nil)
	elems := compileLike(ps)
	get := x.str
	return func(r Record) tri {
		s, ok := get(r)
		if !ok {
			return unk
		}
		return triOf(matchLike(elems, s))
	}, nil
}

// foldCase implements CASEI with full Unicode case folding (ß = ss).
func foldCase(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf {
			return cases.Fold().String(s)
		}
	}
	return strings.ToLower(s)
}

// stripAccents implements ACCENTI: it removes combining marks after
// canonical decomposition and recomposes the rest.
func stripAccents(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
			out, _, err := transform.String(t, s)
			if err != nil {
				return s
			}
			return out
		}
	}
	return s
}
