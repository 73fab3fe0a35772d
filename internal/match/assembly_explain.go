package match

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
)

// rankedGroup explains a kept group: its members, the score of each
// weighted criterion on the aggregated value, and how it meets each
// requirement.
func (m *matcher) rankedGroup(sc scored, rank int) Ranked {
	gi := &m.groups[sc.g]
	ids := m.memberIDs(&gi.g)
	codes := make([]string, len(ids))
	for i, r := range gi.g.members() {
		codes[i] = m.ix.parcels[r].String("code")
	}
	zone := m.ix.parcels[gi.g.rows[0]].String("zone_id")
	r := Ranked{ID: gi.id, Kind: KindAssembly, Parcels: ids, Code: strings.Join(codes, "+"),
		Name: fmt.Sprintf("%d adjacent parcels of %s", len(ids), m.zoneName(zone)), ZoneID: zone,
		Rank: rank, Score: sc.total, Criteria: make([]CriterionScore, len(m.weights)), Met: m.met(&gi.g)}
	for i := range m.weights {
		w := &m.weights[i]
		u, known := w.utility(gi.vals[i])
		expl := wordsOf(w.spec.property).label + " is not published for every parcel of the group (unknown): scored 0"
		if known {
			expl = m.onScale(w, m.describeGroup(&gi.g, w.idx, w.nearest), u)
		}
		r.Criteria[i] = CriterionScore{Criterion: w.spec.property, Value: nanToNil(gi.vals[i]), Weight: w.w,
			Score: round6(u), Explanation: expl}
	}
	return r
}

func (m *matcher) zoneName(id string) string {
	if f, ok := m.snap.Get(catalog.Zones, id); ok {
		return f.Name(m.lang)
	}
	return id
}

// describeGroup says what a group offers for a numeric property and how
// the value was aggregated: "Power capacity 100 MVA, the sum over the 3
// parcels (a zone figure counted once)".
func (m *matcher) describeGroup(g *group, idx, nearest int) string {
	p := m.ix.fieldName(idx)
	v, partial, at := m.ix.groupNum(idx, g.members())
	n := g.n
	switch aggregation[p] {
	case aggSum:
		s := fmt.Sprintf("%s %s, the sum over the %d parcels", wordsOf(p).label, quantity(v, wordsOf(p).unit), n)
		if m.inheritsAny(g, idx) {
			s += " (the zone's figure counted once)"
		}
		if partial {
			s += " (at least: not every parcel publishes it)"
		}
		return s
	case aggWeighted:
		return fmt.Sprintf("%s %s, area-weighted over the %d parcels", wordsOf(p).label, quantity(v, wordsOf(p).unit), n)
	}
	if nearest >= 0 && at >= 0 {
		return fmt.Sprintf("%s, the nearest parcel of the group (the union's distance)",
			m.describe(m.ix.parcels[at], idx, nearest, p))
	}
	return fmt.Sprintf("%s %s, the lowest of the %d parcels (%s)", wordsOf(p).label, quantity(v, wordsOf(p).unit), n, m.ix.ids[max(at, 0)])
}

func (m *matcher) inheritsAny(g *group, idx int) bool {
	for _, r := range g.members() {
		if m.ix.inh[r]&(1<<idx) != 0 {
			return true
		}
	}
	return false
}

// met says how a group meets each requirement, in requirement order.
func (m *matcher) met(g *group) []Reason {
	out := make([]Reason, 0, len(m.checks))
	for i := range m.checks {
		c := &m.checks[i]
		r := Reason{Criterion: c.spec.key, Required: c.required}
		switch {
		case c.idx >= 0 && m.ix.cols[c.idx].num != nil:
			v, _, _ := m.ix.groupNum(c.idx, g.members())
			r.Value = nanToNil(v)
			r.Message = m.describeGroup(g, c.idx, c.nearest) + "; " + bound(c)
		default:
			r.Value, r.Message = m.metEach(c, g)
		}
		out = append(out, r)
	}
	return out
}

// bound states a numeric requirement: "at least 35 ha required".
func bound(c *check) string {
	b := "at most "
	if c.spec.op == opMin {
		b = "at least "
	}
	return b + quantity(c.num, wordsOf(c.spec.property).unit) + " required"
}

// metEach explains a requirement every member meets: the group's value
// (the latest handover, the worst flood class, true for flags) and which
// member decides it.
func (m *matcher) metEach(c *check, g *group) (any, string) {
	n := g.n
	switch c.spec.op {
	case opTrue:
		return true, fmt.Sprintf("Each of the %d parcels has %s", n, c.spec.need)
	case opDateBy, opWithinMonths, opFloodAtMost:
		col := m.ix.cols[c.idx].code
		worst := slices.MaxFunc(g.members(), func(a, b int32) int { return int(col[a] - col[b]) })
		v := m.ix.parcels[worst].At(c.idx)
		if c.spec.op == opFloodAtMost {
			return v, fmt.Sprintf("Flood risk %v at worst (%s, the worst of the %d parcels); at most %s accepted", v, m.ix.ids[worst], n, c.str)
		}
		return v, fmt.Sprintf("Land handover %v at the latest (%s, the latest of the %d parcels); on or before %s required", v, m.ix.ids[worst], n, c.str)
	case opOneOf:
		var have []string
		for _, r := range g.members() {
			s, _ := m.ix.parcels[r].Str(c.idx)
			have = append(have, s)
		}
		slices.Sort(have)
		have = slices.Compact(have)
		return have, fmt.Sprintf("%s is %s for each of the %d parcels", wordsOf(c.spec.property).label, oneOf(shortList(c.list)), n)
	case opAllOf:
		return shortList(c.list), fmt.Sprintf("Each of the %d parcels allows %s", n, strings.Join(shortList(c.list), ", "))
	case opIntersects:
		return "inside", fmt.Sprintf("Each of the %d parcels meets the area of interest", n)
	}
	return nil, ""
}

// roundAgg rounds a sum or an area-weighted mean to the 2 decimals
// parcels' figures are published with, so that adding 2-decimal areas
// does not show floating-point noise.
func roundAgg(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	return math.Round(v*100) / 100
}
