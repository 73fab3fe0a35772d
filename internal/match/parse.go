package match

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
)

func isNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

// ParseRequest decodes and validates a match request body. Every problem
// is reported at once (up to a cap, the rest counted) as a *catalog.Error
// of kind KindBadRequest whose Problems carry a JSON pointer each:
// unknown fields, requirements and weights, values of the wrong type,
// negative or non-finite numbers, weights above MaxWeight, unknown
// enumeration values and zone ids (each at its index in the list), lists
// longer than MaxZones or than their enumeration, bad dates, an invalid
// within polygon or one of more than 10,000 vertices, a limit out of
// 1–MaxLimit, an unknown sector, minimums above maximums (also after
// merging the profile's defaults), and assembly options out of range.
//
// zones says which zone ids the public may name: PublishedZones of the
// snapshot the request will be matched on, so that a made-up or draft
// zone is a 400 rather than a silent "no site"; nil accepts every
// well-formed id (for tools that match no particular snapshot).
//
// Limit 0 or absent becomes DefaultLimit; ExcludedLimit is set to
// DefaultExcludedLimit (the HTTP layer overrides it from the query).
func ParseRequest(body []byte, zones ZoneSet) (Request, error) {
	if probs := catalog.CheckText(body); probs != nil {
		var p problems
		for _, x := range probs {
			p.add(x.Pointer, "%s", x.Message)
		}
		return Request{}, badRequest(p)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil || top == nil {
		return Request{}, &catalog.Error{Kind: catalog.KindBadRequest, Message: "the match request must be a JSON object"}
	}
	r := Request{ExcludedLimit: DefaultExcludedLimit}
	var p problems
	for _, k := range sortedKeys(top) {
		raw := top[k]
		switch k {
		case "sector":
			r.Sector = parseSector(raw, &p)
		case "requirements":
			reqs, probs := parseRequirements(raw, zones)
			r.Requirements = reqs
			p.merge(probs)
		case "weights":
			r.Weights = parseWeights(raw, &p)
		case "limit":
			r.Limit = parseLimit(raw, &p)
		case "assembly":
			r.Assembly = parseAssembly(raw, &p)
		default:
			p.add("/"+pointerKey(k), "is not a field of a match request (sector, requirements, weights, limit, assembly)")
		}
	}
	if r.Limit == 0 {
		r.Limit = DefaultLimit
	}
	if p.empty() {
		checkBounds(r, &p)
	}
	if !p.empty() {
		return Request{}, badRequest(p)
	}
	return r, nil
}

// pointerKey is a caller's object key as a JSON pointer token (RFC 6901:
// "~" and "/" escaped), clipped.
func pointerKey(k string) string {
	return clip(strings.NewReplacer("~", "~0", "/", "~1").Replace(k))
}

func parseSector(raw json.RawMessage, p *problems) string {
	var s string
	if isNull(raw) {
		return ""
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		p.add("/sector", "must be a string")
		return ""
	}
	if _, ok := ProfileByName(s); !ok && s != "" {
		p.add("/sector", "%s has no profile; use one of %s, or state sectors in requirements.sectors", quoted(s), strings.Join(profileNames(), ", "))
	}
	return s
}

func parseLimit(raw json.RawMessage, p *problems) int {
	var n float64
	if err := json.Unmarshal(raw, &n); err != nil || n != math.Trunc(n) || n < 1 || n > MaxLimit {
		p.add("/limit", "must be a whole number from 1 to %d", MaxLimit)
		return 0
	}
	return int(n)
}

func parseWeights(raw json.RawMessage, p *problems) Weights {
	var m map[string]json.RawMessage
	if isNull(raw) {
		return nil
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		p.add("/weights", "must be an object mapping numeric parcel properties to weights")
		return nil
	}
	w := Weights{}
	for _, k := range sortedKeys(m) {
		ptr := "/weights/" + pointerKey(k)
		if _, ok := weightSpecOf(k); !ok {
			p.add(ptr, "%s; weights apply to %s", notWeightable(k), strings.Join(weightNames(), ", "))
			continue
		}
		var v float64
		if isNull(m[k]) {
			w[k] = 0
		} else if err := json.Unmarshal(m[k], &v); err != nil || !(v >= 0 && v <= MaxWeight) {
			p.add(ptr, "must be a number from 0 to %d (0 or null removes the profile's weight; weights are relative)", MaxWeight)
		} else {
			w[k] = v
		}
	}
	return w
}

func notWeightable(k string) string {
	if _, ok := catalog.SchemaOf(catalog.Parcels).Field(k); ok {
		return "is not a numeric property that says how good a site is"
	}
	return "is not a parcel property"
}

// checkBounds reports minimums above maximums in the effective
// requirements, pointing at the request's own field where it set one.
func checkBounds(r Request, p *problems) {
	eff, _ := r.Effective()
	pairs := [][2]string{{"min_area_ha", "max_area_ha"}}
	for _, k := range groups["max_distance_km"] {
		pairs = append(pairs, [2]string{"min_distance_km." + k, "max_distance_km." + k})
	}
	for _, pr := range pairs {
		lo, okLo := eff[pr[0]].(float64)
		hi, okHi := eff[pr[1]].(float64)
		if !okLo || !okHi || lo <= hi {
			continue
		}
		at, other := pr[1], pr[0]
		if _, own := r.Requirements[pr[0]]; own {
			at, other = pr[0], pr[1]
		}
		from := ""
		if _, own := r.Requirements[other]; !own {
			from = fmt.Sprintf(" (from the %s profile; null removes it)", r.Sector)
		}
		p.add("/requirements/"+strings.ReplaceAll(at, ".", "/"), "%s %v is above %s %v%s: no parcel can match",
			pr[0], lo, pr[1], hi, from)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func requirementNames() []string {
	var out []string
	for _, s := range specs {
		g, _, nested := strings.Cut(s.key, ".")
		if len(out) == 0 || out[len(out)-1] != g || !nested {
			out = append(out, g)
		}
	}
	return out
}

func weightNames() []string {
	out := make([]string, len(weightable))
	for i, w := range weightable {
		out[i] = w.property
	}
	return out
}
