package i18n

import (
	"slices"
	"strings"
)

// template is a compiled message: literal text with placeholders between.
// lits has one more element than holes: lits[0] holes[0] lits[1] …
type template struct {
	lits  []string
	holes []string
	size  int // the length of the literal text
}

// compile splits s at its placeholders "{name}". A brace that does not
// open a placeholder is literal text.
func compile(s string) *template {
	t := &template{}
	lit := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '{' {
			continue
		}
		end := strings.IndexByte(s[i+1:], '}')
		if end <= 0 || !isName(s[i+1:i+1+end]) {
			continue
		}
		t.lits = append(t.lits, s[lit:i])
		t.holes = append(t.holes, s[i+1:i+1+end])
		i += end + 1
		lit = i + 1
	}
	t.lits = append(t.lits, s[lit:])
	for _, l := range t.lits {
		t.size += len(l)
	}
	return t
}

func isName(s string) bool {
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// names returns the template's placeholder names, sorted and without
// repeats.
func (t *template) names() []string {
	return slices.Compact(slices.Sorted(slices.Values(t.holes)))
}

// render fills the placeholders from args (name, value pairs).
func (t *template) render(args []string) string {
	if len(t.holes) == 0 {
		return t.lits[0]
	}
	n := t.size
	for _, h := range t.holes {
		n += len(lookup(args, h))
	}
	var b strings.Builder
	b.Grow(n)
	for i, h := range t.holes {
		b.WriteString(t.lits[i])
		if v, ok := find(args, h); ok {
			b.WriteString(v)
		} else {
			b.WriteString("{" + h + "}")
		}
	}
	b.WriteString(t.lits[len(t.lits)-1])
	return b.String()
}

func lookup(args []string, name string) string {
	v, ok := find(args, name)
	if !ok {
		return "{" + name + "}"
	}
	return v
}

func find(args []string, name string) (string, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == name {
			return args[i+1], true
		}
	}
	return "", false
}
