package match

import (
	"fmt"
	"slices"
)

// Limits that bound what one request costs, whatever it contains.
const (
	// DefaultExcludedLimit is how many excluded parcels a Result lists
	// when the caller does not say (ParseRequest sets it).
	DefaultExcludedLimit = 100
	// MaxExcludedLimit is the largest Request.ExcludedLimit: enough for a
	// map of a whole industrial zone, small enough that an answer stays a
	// few hundred kilobytes whatever the catalogue's size. The HTTP layer
	// answers 400 above it rather than silently listing fewer.
	MaxExcludedLimit = 1000
)

// Caps on the size of what the matcher keeps and says back.
const (
	maxShownItems = 5 // list items spelled out in reasons and demand records
)

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
