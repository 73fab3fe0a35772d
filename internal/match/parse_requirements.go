package match

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
)

// reqParser decodes a requirements object into r, collecting problems.
type reqParser struct {
	r     Requirements
	zones ZoneSet // nil: any well-formed zone id
	p     problems
}

// parseRequirements decodes the requirements object; null members become
// nil entries (removing the profile's requirement). Zone ids are checked
// against zones unless it is nil.
func parseRequirements(raw json.RawMessage, zones ZoneSet) (Requirements, problems) {
	q := reqParser{zones: zones}
	var m map[string]json.RawMessage
	if isNull(raw) {
		return nil, q.p
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		q.p.add("/requirements", "must be an object")
		return nil, q.p
	}
	q.r = Requirements{}
	for _, k := range sortedKeys(m) {
		if kinds, ok := groups[k]; ok {
			q.group(k, kinds, m[k])
			continue
		}
		i, ok := specIndex[k]
		if !ok || specs[i].kind != "" {
			q.p.add("/requirements/"+pointerKey(k), "is not a requirement; known: %s", strings.Join(requirementNames(), ", "))
			continue
		}
		q.value(&specs[i], m[k])
	}
	return q.r, q.p
}

func (q *reqParser) group(group string, kinds []string, raw json.RawMessage) {
	ptr := "/requirements/" + group
	if isNull(raw) {
		for _, k := range kinds {
			q.r[group+"."+k] = nil
		}
		return
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		q.p.add(ptr, "must be an object with members %s", strings.Join(kinds, ", "))
		return
	}
	for _, k := range sortedKeys(m) {
		i, ok := specIndex[group+"."+k]
		if !ok {
			q.p.add(ptr+"/"+pointerKey(k), "is not one of %s", strings.Join(kinds, ", "))
			continue
		}
		q.value(&specs[i], m[k])
	}
}

// value decodes and checks one requirement value into q.r.
func (q *reqParser) value(s *spec, raw json.RawMessage) {
	ptr := "/requirements/" + strings.ReplaceAll(s.key, ".", "/")
	if isNull(raw) {
		q.r[s.key] = nil
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
		v, msg = q.list(s, raw, ptr)
	case opIntersects:
		v, msg = q.area(raw, ptr)
	}
	if msg != "" {
		q.p.add(ptr, "%s", msg)
		return
	}
	if v != nil {
		q.r[s.key] = v
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
		return nil, fmt.Sprintf("must be a date YYYY-MM-DD, got %s", quoted(s))
	}
	return s, ""
}

func parseEnum(s *spec, raw json.RawMessage) (any, string) {
	var v string
	if json.Unmarshal(raw, &v) != nil {
		return nil, fmt.Sprintf("must be one of %s", strings.Join(s.enum, ", "))
	}
	if !slices.Contains(s.enum, v) {
		return nil, fmt.Sprintf("%s is not one of %s", quoted(v), strings.Join(s.enum, ", "))
	}
	return v, ""
}

// list decodes a list requirement (statuses, zones, sectors): at most
// maxItems(s) values, counted before any is checked; each unknown value is
// named at its index, the first maxNamedProblems of them, and the rest are
// counted at the list. The result is sorted and without duplicates.
func (q *reqParser) list(s *spec, raw json.RawMessage, ptr string) (any, string) {
	var l []string
	if json.Unmarshal(raw, &l) != nil {
		return nil, "must be an array of strings"
	}
	if len(l) == 0 {
		return nil, "must not be empty (null removes the requirement)"
	}
	if n := maxItems(s); len(l) > n {
		return nil, fmt.Sprintf("lists %s %s; at most %d are accepted", thousands(len(l)), s.nouns, n)
	}
	bad := 0
	for i, v := range l {
		msg := q.itemProblem(s, v)
		if msg == "" {
			continue
		}
		if bad++; bad <= maxNamedProblems {
			q.p.add(fmt.Sprintf("%s/%d", ptr, i), "%s", msg)
		}
	}
	switch {
	case bad > maxNamedProblems:
		return nil, fmt.Sprintf("%s of the %s %s are unknown; the first %d are named one by one",
			thousands(bad), thousands(len(l)), s.nouns, maxNamedProblems)
	case bad > 0:
		return nil, ""
	}
	slices.Sort(l)
	return slices.Compact(l), ""
}

// maxItems is the longest list a list requirement accepts: MaxZones for
// zones, the enumeration's size otherwise.
func maxItems(s *spec) int {
	if s.enum == nil {
		return MaxZones
	}
	return len(s.enum)
}

// itemProblem says what is wrong with one value of a list, or "".
func (q *reqParser) itemProblem(s *spec, v string) string {
	switch {
	case s.enum != nil && !slices.Contains(s.enum, v):
		return fmt.Sprintf("%s is not a known %s; use %s", quoted(v), s.noun, strings.Join(s.enum, ", "))
	case s.enum == nil && !catalog.ValidID(v):
		return fmt.Sprintf("%s is not a zone id (1–128 characters from A–Z a–z 0–9 . _ ~ -)", quoted(v))
	case s.enum == nil && q.zones != nil && !q.zones(v):
		return fmt.Sprintf("%s is not a published zone; GET /collections/zones/items lists them", quoted(v))
	}
	return ""
}

// area decodes within: a valid 2D GeoJSON Polygon or MultiPolygon of at
// most maxWithinVertices positions. geo.DecodeGeometry stops counting
// past the cap, before any validation; rings count at least 4 positions
// each (vertexCost), so a million empty rings cost what their vertices
// would. Geometry issues are added with their own pointers.
func (q *reqParser) area(raw json.RawMessage, ptr string) (any, string) {
	geom, issues := geo.DecodeGeometry(raw, maxWithinVertices)
	if len(issues) == 0 {
		if t := geom.GeoJSONType(); t != "Polygon" && t != "MultiPolygon" {
			return nil, fmt.Sprintf("must be a GeoJSON Polygon or MultiPolygon, got %s", t)
		}
		if n := vertexCost(geom); n > maxWithinVertices {
			return nil, fmt.Sprintf("has %s positions counting at least 4 a ring; at most %s are accepted (simplify the area)", thousands(n), thousands(maxWithinVertices))
		}
		issues = geo.Validate(geom)
	}
	for _, is := range issues {
		q.p.add(ptr+is.Pointer, "%s", is.Message)
	}
	if len(issues) > 0 {
		return nil, ""
	}
	return geom, ""
}

// vertexCost counts the positions of a polygon or multipolygon, each ring
// (and each polygon without rings) counting at least 4, the fewest a valid
// ring has: a million empty rings cost as much as the vertices they would
// need.
func vertexCost(g orb.Geometry) int {
	n := 0
	for _, p := range polygonsOf(g) {
		if len(p) == 0 {
			n += 4
		}
		for _, r := range p {
			n += max(len(r), 4)
		}
	}
	return n
}
