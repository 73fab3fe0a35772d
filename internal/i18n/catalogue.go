package i18n

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Texts are one language's messages by id. A message may hold named
// placeholders, "{name}" (letters, digits and _), which Printer.Text fills.
type Texts map[string]string

// Catalogue is a set of messages in every language, compiled once. It is
// immutable and safe for concurrent use.
type Catalogue struct {
	texts [numLangs]Texts
	msgs  [numLangs]map[string]*template
}

// NewCatalogue compiles the texts of each language (keyed by the codes of
// Languages). Languages left out have no message; Check reports them.
func NewCatalogue(byLang map[string]Texts) *Catalogue {
	c := &Catalogue{}
	for code, texts := range byLang {
		l, ok := Parse(code)
		if !ok {
			continue
		}
		c.texts[l] = texts
		c.msgs[l] = make(map[string]*template, len(texts))
		for id, s := range texts {
			c.msgs[l][id] = compile(s)
		}
	}
	return c
}

// Check reports, in one error, every message id that some language lacks
// or has in excess (English is the reference), every message whose
// placeholders differ from the English one's, and every empty message.
func (c *Catalogue) Check() error {
	var errs []error
	ref := c.texts[EN]
	if len(ref) == 0 {
		return errors.New("i18n: the catalogue has no English message")
	}
	ids := slices.Sorted(maps.Keys(ref))
	for l := range Lang(numLangs) {
		for _, id := range ids {
			s, ok := c.texts[l][id]
			switch {
			case !ok:
				errs = append(errs, fmt.Errorf("i18n: %s: %q is missing", l, id))
			case strings.TrimSpace(s) == "":
				errs = append(errs, fmt.Errorf("i18n: %s: %q is empty", l, id))
			default:
				if got, want := c.msgs[l][id].names(), c.msgs[EN][id].names(); !slices.Equal(got, want) {
					errs = append(errs, fmt.Errorf("i18n: %s: %q has placeholders %v, English has %v", l, id, got, want))
				}
			}
		}
		for _, id := range slices.Sorted(maps.Keys(c.texts[l])) {
			if _, ok := ref[id]; !ok {
				errs = append(errs, fmt.Errorf("i18n: %s: %q is not an English message", l, id))
			}
		}
	}
	return errors.Join(errs...)
}

// IDs returns the ids of the English messages, sorted.
func (c *Catalogue) IDs() []string { return slices.Sorted(maps.Keys(c.texts[EN])) }

// Printer writes the catalogue's messages in one language.
func (c *Catalogue) Printer(l Lang) Printer {
	if int(l) >= numLangs {
		l = Default
	}
	return Printer{Lang: l, c: c}
}

// Printer writes messages and values in one language. Its zero value
// writes no message (Text returns the id).
type Printer struct {
	Lang
	c *Catalogue
}

// Text returns message id filled with args, given as name, value pairs:
// p.Text("fail.min", "value", "20 MVA", "limit", "40 MVA"). A message the
// language lacks is written in English (Check reports it); an unknown id
// is returned as it is, and a placeholder without a value is left as it
// is, so that a test sees the mistake.
func (p Printer) Text(id string, args ...string) string {
	if p.c == nil {
		return id
	}
	t := p.c.msgs[p.Lang][id]
	if t == nil {
		if t = p.c.msgs[EN][id]; t == nil {
			return id
		}
	}
	return t.render(args)
}

// Has reports whether the catalogue has message id in English.
func (p Printer) Has(id string) bool { return p.c != nil && p.c.msgs[EN][id] != nil }
