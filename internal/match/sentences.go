package match

import (
	"fmt"
	"math"
	"strconv"

	"github.com/landcat/landcat/internal/catalog"
)

// Message ids built from names, made once so that writing a sentence
// never concatenates an id: "label." + property, "infra." + distance kind,
// "status." + status and so on.
var (
	infraIDs  = prefixed("infra.", catalog.DistanceKinds)
	labelIDs  = prefixed("label.", labelled())
	nounIDs   = prefixed("nouns.", []string{"status", "zone_id"})
	valueIDs  = map[string]map[string]string{"status": prefixed("status.", catalog.ParcelStatuses), "flood_risk": prefixed("flood.", catalog.FloodRisks), "sectors": prefixed("sector.", catalog.Sectors)}
	sectorIDs = valueIDs["sectors"]
)

func prefixed(prefix string, names []string) map[string]string {
	out := make(map[string]string, len(names))
	for _, n := range names {
		out[n] = prefix + n
	}
	return out
}

// labelled lists the properties with a label of their own: every
// property a requirement or a weight names but the distances, and
// "within" for the geometry.
func labelled() []string {
	out := []string{"within"}
	for _, s := range specs {
		if s.property != "" && s.kind == "" {
			out = append(out, s.property)
		}
	}
	for _, w := range weightable {
		if distanceKind(w.property) == "" {
			out = append(out, w.property)
		}
	}
	return out
}

// label names a property in the request's language: "Power capacity",
// "Distance to the nearest seaport".
func (m *matcher) label(property string) string {
	if k := distanceKind(property); k != "" {
		return m.p.Text("label.distance", "infra", m.p.Text(infraIDs[k]))
	}
	if property == "" {
		property = "within"
	}
	if id, ok := labelIDs[property]; ok {
		return m.p.Text(id)
	}
	return property
}

// term writes a value of a property: enumerations (status, flood risk,
// sectors) in the request's language, ids and other strings as they are.
func (m *matcher) term(property string, v any) string {
	switch x := v.(type) {
	case string:
		if id, ok := valueIDs[property][x]; ok {
			return m.p.Text(id)
		}
		return x
	case []string:
		return m.p.List(m.terms(property, x))
	case float64:
		return m.p.Num(x)
	}
	return fmt.Sprint(v)
}

// terms writes each item of a list (see term), the first maxShownItems
// and "N more" after them.
func (m *matcher) terms(property string, l []string) []string {
	n := min(len(l), maxShownItems)
	out := make([]string, n, n+1)
	for i, s := range l[:n] {
		out[i] = m.term(property, s)
	}
	if len(l) > n {
		out = append(out, m.p.Text("list.more", "n", m.p.Int(len(l)-n)))
	}
	return out
}

// quantity writes a property's value with its unit.
func (m *matcher) quantity(v float64, property string) string {
	return m.p.Quantity(v, unitOf(property))
}

// count writes a whole number.
func (m *matcher) count(n int) string {
	if n >= 0 && n < 1000 {
		return strconv.Itoa(n) // the common case, the same in every language
	}
	return m.p.Int(n)
}

// score writes a utility rounded to 2 decimals.
func (m *matcher) score(u float64) string { return m.p.Num(math.Round(u*100) / 100) }
