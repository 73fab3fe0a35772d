package match

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/geo"
)

// problems collects validation problems located by JSON pointers.
type problems []catalog.Problem

func (p *problems) add(ptr, format string, args ...any) {
	*p = append(*p, catalog.Problem{Pointer: ptr, Message: fmt.Sprintf(format, args...)})
}

func badRequest(p problems) *catalog.Error {
	slices.SortStableFunc(p, func(a, b catalog.Problem) int { return strings.Compare(a.Pointer, b.Pointer) })
	return &catalog.Error{Kind: catalog.KindBadRequest, Message: "the match request is not valid", Problems: p}
}

func isNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

// ParseRequest decodes and validates a match request body (contract.md,
// "HTTP: matcher"). Every problem is reported at once as a
// *catalog.Error of kind KindBadRequest whose Problems carry a JSON
// pointer each: unknown fields, requirements and weights, values of the
// wrong type, negative or non-finite numbers, unknown enumeration values,
// bad dates, an invalid within polygon, a limit out of 1–MaxLimit,
// an unknown sector, and minimums above maximums (also after merging the
// profile's defaults). Limit 0 or absent becomes DefaultLimit.
func ParseRequest(body []byte) (Request, error) {
	if probs := catalog.CheckText(body); probs != nil {
		return Request{}, badRequest(probs)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil || top == nil {
		return Request{}, &catalog.Error{Kind: catalog.KindBadRequest, Message: "the match request must be a JSON object"}
	}
	var r Request
	var p problems
	for _, k := range sortedKeys(top) {
		raw := top[k]
		switch k {
		case "sector":
			r.Sector = parseSector(raw, &p)
		case "requirements":
			reqs, probs := parseRequirements(raw)
			r.Requirements, p = reqs, append(p, probs...)
		case "weights":
			r.Weights = parseWeights(raw, &p)
		case "limit":
			r.Limit = parseLimit(raw, &p)
		default:
			p.add("/"+k, "is not a field of a match request (sector, requirements, weights, limit)")
		}
	}
	if r.Limit == 0 {
		r.Limit = DefaultLimit
	}
	if len(p) == 0 {
		checkBounds(r, &p)
	}
	if len(p) > 0 {
		return Request{}, badRequest(p)
	}
	return r, nil
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
		p.add("/sector", "%q has no profile; use one of %s, or state sectors in requirements.sectors", s, strings.Join(profileNames(), ", "))
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
		ptr := "/weights/" + k
		if _, ok := weightSpecOf(k); !ok {
			p.add(ptr, "%s; weights apply to %s", notWeightable(k), strings.Join(weightNames(), ", "))
			continue
		}
		var v float64
		if isNull(m[k]) {
			w[k] = 0
		} else if err := json.Unmarshal(m[k], &v); err != nil || v < 0 || math.IsInf(v, 0) {
			p.add(ptr, "must be a number ≥ 0 (0 or null removes the profile's weight)")
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

// parseRequirements decodes the requirements object; null members become
// nil entries (removing the profile's requirement).
func parseRequirements(raw json.RawMessage) (Requirements, problems) {
	var p problems
	var m map[string]json.RawMessage
	if isNull(raw) {
		return nil, nil
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		p.add("/requirements", "must be an object")
		return nil, p
	}
	r := Requirements{}
	for _, k := range sortedKeys(m) {
		if kinds, ok := groups[k]; ok {
			parseGroup(r, k, kinds, m[k], &p)
			continue
		}
		i, ok := specIndex[k]
		if !ok || specs[i].kind != "" {
			p.add("/requirements/"+k, "is not a requirement; known: %s", strings.Join(requirementNames(), ", "))
			continue
		}
		parseValue(r, &specs[i], m[k], &p)
	}
	return r, p
}

func parseGroup(r Requirements, group string, kinds []string, raw json.RawMessage, p *problems) {
	ptr := "/requirements/" + group
	if isNull(raw) {
		for _, k := range kinds {
			r[group+"."+k] = nil
		}
		return
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		p.add(ptr, "must be an object with members %s", strings.Join(kinds, ", "))
		return
	}
	for _, k := range sortedKeys(m) {
		i, ok := specIndex[group+"."+k]
		if !ok {
			p.add(ptr+"/"+k, "is not one of %s", strings.Join(kinds, ", "))
			continue
		}
		parseValue(r, &specs[i], m[k], p)
	}
}

// parseValue decodes and checks one requirement value into r.
func parseValue(r Requirements, s *spec, raw json.RawMessage, p *problems) {
	ptr := "/requirements/" + strings.ReplaceAll(s.key, ".", "/")
	if isNull(raw) {
		r[s.key] = nil
		return
	}
	var v any
	var msg string
	switch s.op {
	case opMin, opMax, opWithinMonths:
		v, msg = parseNumber(s, raw)
	case opTrue:
		var b bool
		if json.Unmarshal(raw, &b) != nil {
			msg = "must be true or false"
		}
		v = b
	case opDateBy:
		v, msg = parseDate(raw)
	case opFloodAtMost:
		v, msg = parseEnum(s, raw)
	case opOneOf, opAllOf:
		v, msg = parseList(s, raw)
	case opIntersects:
		v, msg = parseArea(raw, ptr, p)
	}
	if msg != "" {
		p.add(ptr, "%s", msg)
		return
	}
	if v != nil {
		r[s.key] = v
	}
}

func parseNumber(s *spec, raw json.RawMessage) (any, string) {
	var n float64
	switch err := json.Unmarshal(raw, &n); {
	case err != nil || math.IsInf(n, 0) || math.IsNaN(n):
		return nil, "must be a number"
	case n < 0 && !s.signed:
		return nil, fmt.Sprintf("must not be negative, got %v", n)
	case s.integer && n != math.Trunc(n):
		return nil, fmt.Sprintf("must be a whole number, got %v", n)
	case s.op == opWithinMonths && n > 1200:
		return nil, fmt.Sprintf("must be at most 1200 months, got %v", n)
	}
	return n, ""
}

func parseDate(raw json.RawMessage) (any, string) {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return nil, "must be a date string YYYY-MM-DD"
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return nil, fmt.Sprintf("must be a date YYYY-MM-DD, got %q", s)
	}
	return s, ""
}

func parseEnum(s *spec, raw json.RawMessage) (any, string) {
	var v string
	if json.Unmarshal(raw, &v) != nil {
		return nil, fmt.Sprintf("must be one of %s", strings.Join(s.enum, ", "))
	}
	if !slices.Contains(s.enum, v) {
		return nil, fmt.Sprintf("%q is not one of %s", v, strings.Join(s.enum, ", "))
	}
	return v, ""
}

func parseList(s *spec, raw json.RawMessage) (any, string) {
	var l []string
	if json.Unmarshal(raw, &l) != nil {
		return nil, "must be an array of strings"
	}
	if len(l) == 0 {
		return nil, "must not be empty (null removes the requirement)"
	}
	for _, v := range l {
		switch {
		case s.enum != nil && !slices.Contains(s.enum, v):
			return nil, fmt.Sprintf("%q is not one of %s", v, strings.Join(s.enum, ", "))
		case s.enum == nil && !catalog.ValidID(v):
			return nil, fmt.Sprintf("%q is not a feature id", v)
		}
	}
	slices.Sort(l)
	return slices.Compact(l), ""
}

// parseArea decodes within: a valid GeoJSON Polygon or MultiPolygon of at
// most geo.MaxQueryVertices 2D positions. Geometry issues are added with
// their own pointers.
func parseArea(raw json.RawMessage, ptr string, p *problems) (any, string) {
	geom, issues := geo.DecodeGeometry(raw, geo.MaxQueryVertices)
	if len(issues) == 0 {
		if t := geom.GeoJSONType(); t != "Polygon" && t != "MultiPolygon" {
			return nil, fmt.Sprintf("must be a GeoJSON Polygon or MultiPolygon, got %s", t)
		}
		issues = geo.Validate(geom)
	}
	for _, is := range issues {
		p.add(ptr+is.Pointer, "%s", is.Message)
	}
	if len(issues) > 0 {
		return nil, ""
	}
	return geom, ""
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
