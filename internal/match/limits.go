package match

import (
	"fmt"
	"github.com/landcat/landcat/internal/geo"
	"slices"
	"strconv"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
)

// Limits that bound what one request may ask, so that parsing it, matching
// it, its answer and its demand record cost a bounded amount whatever it
// contains. A request beyond a limit is a 400 naming the field.
const (
	// DefaultExcludedLimit is how many excluded parcels a Result lists
	// when the caller does not say (ParseRequest sets it).
	DefaultExcludedLimit = 100
	// MaxExcludedLimit is the largest Request.ExcludedLimit: enough for a
	// map of a whole industrial zone, small enough that an answer stays a
	// few hundred kilobytes whatever the catalogue's size. The HTTP layer
	// answers 400 above it rather than silently listing fewer.
	MaxExcludedLimit = 1000
	// MaxZones is the longest zones list a request may give (the demo
	// has 33 zones; a whole province a few hundred at most).
	MaxZones = 200
	// MaxWeight is the largest weight. Weights are relative, so the cap
	// costs nothing and keeps every weighted sum finite.
	MaxWeight = 1000
)

// maxWithinVertices caps the positions of a within polygon (all rings of
// all polygons): geo's cap for query polygons. Validating and intersecting
// an area costs time in its vertex count, so it is counted before the
// polygon is validated; 10,000 vertices draw any administrative boundary
// at street precision.
const maxWithinVertices = geo.MaxQueryVertices

// Caps on the size of what the matcher says back.
const (
	maxProblems      = 50  // problems listed in one 400; the rest are counted
	maxNamedProblems = 10  // per list: values named one by one as unknown
	maxShownItems    = 5   // list items spelled out in reasons and demand records
	maxQuoted        = 100 // bytes of a caller's string quoted in a message or pointer
)

// problems collects validation problems located by JSON pointers, at most
// maxProblems of them; more are counted in dropped.
type problems struct {
	list    []catalog.Problem
	dropped int
}

func (p *problems) add(ptr, format string, args ...any) {
	if len(p.list) >= maxProblems {
		p.dropped++
		return
	}
	p.list = append(p.list, catalog.Problem{Pointer: ptr, Message: fmt.Sprintf(format, args...)})
}

func (p *problems) merge(q problems) {
	for _, x := range q.list {
		p.add(x.Pointer, "%s", x.Message)
	}
	p.dropped += q.dropped
}

func (p *problems) empty() bool { return len(p.list) == 0 && p.dropped == 0 }

func badRequest(p problems) *catalog.Error {
	list := slices.Clone(p.list)
	slices.SortStableFunc(list, func(a, b catalog.Problem) int { return strings.Compare(a.Pointer, b.Pointer) })
	if p.dropped > 0 {
		list = append(list, catalog.Problem{Pointer: "", Message: fmt.Sprintf("%d more problems not listed", p.dropped)})
	}
	return &catalog.Error{Kind: catalog.KindBadRequest, Message: "the match request is not valid", Problems: list}
}

// clip shortens a caller's string to maxQuoted bytes (on a rune boundary)
// for quoting it back: a problem about a megabyte-long key must not be a
// megabyte long.
func clip(s string) string {
	if len(s) <= maxQuoted {
		return s
	}
	cut := maxQuoted
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// quoted is clip(s) in Go quotes, for messages.
func quoted(s string) string { return strconv.Quote(clip(s)) }

// shortList returns l when it has at most maxShownItems items, else its
// first maxShownItems and a last item "… and N more": what reasons and
// demand records show of a list, so their size never grows with it.
func shortList(l []string) []string {
	if len(l) <= maxShownItems {
		return l
	}
	out := slices.Clone(l[:maxShownItems])
	return append(out, fmt.Sprintf("… and %d more", len(l)-maxShownItems))
}

// thousands formats n with comma separators, as the messages do.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
