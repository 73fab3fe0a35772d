// Package sites is what investors do with the sites they found: compare
// two to four side by side, keep a shortlist behind an unguessable link,
// and take a fact sheet to their board. It reads the read model and knows
// neither HTTP nor the database.
//
// A site is named by an id: a parcel's id, or, once the matcher assembles
// neighbouring parcels, "assembly:…" (refused until then with a message
// that says so), so that links made today keep working.
package sites

import (
	"fmt"
	"slices"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
)

// Comparison limits.
const (
	MinCompare = 2
	MaxCompare = 4
)

// Site is one compared site.
type Site struct {
	ID     string `json:"id"`
	Kind   string `json:"kind"` // "parcel"
	Code   string `json:"code"`
	Name   string `json:"name"`
	ZoneID string `json:"zone_id,omitempty"`
	Zone   string `json:"zone,omitempty"`

	feature *readmodel.Feature
}

// Row is one property across the sites: Values[i] is site i's (nil when
// unknown), Best the indexes holding the better value by the property's
// rule (empty when the rule does not apply or fewer than two values are
// known and different).
type Row struct {
	Property string `json:"property"`
	Label    string `json:"label"`
	Unit     string `json:"unit,omitempty"`
	Group    string `json:"group"`
	Better   Better `json:"better,omitempty"`
	Values   []any  `json:"values"`
	Best     []int  `json:"best"`
	// Nearest names, for distances, the feature each distance is to.
	Nearest []string `json:"nearest,omitempty"`
}

// Comparison is the answer of GET /compare.
type Comparison struct {
	Lang  string `json:"lang"`
	Sites []Site `json:"sites"`
	Rows  []Row  `json:"rows"`
}

// ParseIDs splits the ids of a comparison ("a,b,c") and checks their
// number and form: 2 to 4 distinct ids.
func ParseIDs(raw string) ([]string, error) {
	var ids []string
	for _, id := range strings.Split(raw, ",") {
		if id = strings.TrimSpace(id); id == "" {
			continue
		}
		if slices.Contains(ids, id) {
			return nil, catalog.Errorf(catalog.KindBadRequest, "site %q is listed twice", id)
		}
		if kind, _, ok := strings.Cut(id, ":"); ok {
			return nil, catalog.Errorf(catalog.KindBadRequest, "site %q: sites of kind %q cannot be compared yet; name parcels by their id", id, kind)
		}
		ids = append(ids, id)
	}
	if len(ids) < MinCompare || len(ids) > MaxCompare {
		return nil, catalog.Errorf(catalog.KindBadRequest, "compare %d to %d sites, got %d", MinCompare, MaxCompare, len(ids))
	}
	return ids, nil
}

// Resolve returns the published parcels named by ids, in order; an id
// that names no published parcel is a catalog.KindNotFound error naming it.
func Resolve(snap *readmodel.Snapshot, ids []string, lang string) ([]Site, error) {
	out := make([]Site, 0, len(ids))
	for _, id := range ids {
		f, ok := snap.Get(catalog.Parcels, id)
		if !ok || f.Publication != catalog.Published {
			return nil, catalog.ErrNotFound(catalog.Parcels, id)
		}
		s := Site{ID: id, Kind: "parcel", Code: f.String("code"), Name: f.Name(lang), ZoneID: f.String("zone_id"), feature: f}
		if z, ok := snap.Get(catalog.Zones, s.ZoneID); ok {
			s.Zone = z.Name(lang)
		}
		out = append(out, s)
	}
	return out, nil
}

// Compare puts the sites side by side, property by property, marking the
// better value of each row.
func Compare(snap *readmodel.Snapshot, ids []string, lang string) (Comparison, error) {
	sites, err := Resolve(snap, ids, lang)
	if err != nil {
		return Comparison{}, err
	}
	cmp := Comparison{Lang: lang, Sites: sites}
	for _, p := range Properties {
		r := Row{Property: p.Name, Label: Label(p.Name, lang), Unit: p.Unit, Group: p.Group, Better: p.Better, Best: []int{}}
		for _, s := range sites {
			r.Values = append(r.Values, s.feature.Value(p.Name))
			if p.Group == "distance" {
				r.Nearest = append(r.Nearest, nearestName(snap, s.feature, p.Name, lang))
			}
		}
		r.Best = best(p, r.Values)
		cmp.Rows = append(cmp.Rows, r)
	}
	return cmp, nil
}

// nearestName is the name of the feature a distance property is to.
func nearestName(snap *readmodel.Snapshot, f *readmodel.Feature, prop, lang string) string {
	kind := strings.TrimSuffix(strings.TrimPrefix(prop, "distance_"), "_km")
	id := f.String("nearest_" + kind)
	if id == "" {
		return ""
	}
	if n, ok := snap.Get(catalog.Infrastructure, id); ok {
		return n.Name(lang)
	}
	return id
}

// best returns the indexes of the better values by p's rule.
func best(p Property, values []any) []int {
	out := []int{}
	if p.Better == None {
		return out
	}
	score := make([]float64, len(values))
	known := 0
	for i, v := range values {
		s, ok := rank(p, v)
		if !ok {
			score[i] = -1e308
			continue
		}
		if p.Better == Less {
			s = -s
		}
		score[i] = s
		known++
	}
	if known < 2 {
		return out
	}
	top := slices.Max(score)
	for i, s := range score {
		if s == top {
			out = append(out, i)
		}
	}
	if len(out) == known {
		return []int{} // all equal: nothing is better
	}
	return out
}

// rank maps a value onto a number for its rule.
func rank(p Property, v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case bool:
		if v {
			return 1, true
		}
		return 0, true
	case string:
		if p.Name == "flood_risk" {
			r, ok := floodOrder[v]
			return r, ok
		}
	}
	return 0, false
}

// Text formats a value for people in lang: numbers with their unit,
// enumerations translated, unknown said so.
func Text(p Property, v any, lang string) string {
	switch v := v.(type) {
	case nil:
		return Term("unknown", lang)
	case float64:
		s := strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
		if p.Unit != "" {
			s += " " + p.Unit
		}
		return s
	case bool:
		if v {
			return Term("yes", lang)
		}
		return Term("no", lang)
	case []string:
		out := make([]string, len(v))
		for i, x := range v {
			out[i] = Term(x, lang)
		}
		return strings.Join(out, ", ")
	case string:
		return Term(v, lang)
	}
	return fmt.Sprint(v)
}
