package match

import (
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
		Name: m.p.Text("group.name", "n", m.count(len(ids)), "zone", m.zoneName(zone)), ZoneID: zone,
		Rank: rank, Score: sc.total, Criteria: make([]CriterionScore, len(m.weights)), Met: m.met(&gi.g)}
	for i := range m.weights {
		w := &m.weights[i]
		u, known := w.utility(gi.vals[i])
		var expl string
		if known {
			expl = m.onScale(w, m.describeGroup(&gi.g, w.idx, w.nearest), u)
		} else {
			expl = m.p.Text("score.group_unknown", "label", m.label(w.spec.property))
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
// parcels (the zone's figure counted once)".
func (m *matcher) describeGroup(g *group, idx, nearest int) string {
	p := m.ix.fieldName(idx)
	v, partial, at := m.ix.groupNum(idx, g.members())
	n := m.count(int(g.n))
	switch aggregation[p] {
	case aggSum:
		id := "group.sum"
		switch zone := m.inheritsAny(g, idx); {
		case zone && partial:
			id = "group.sum_zone_partial"
		case zone:
			id = "group.sum_zone"
		case partial:
			id = "group.sum_partial"
		}
		return m.p.Text(id, "label", m.label(p), "value", m.quantity(v, p), "n", n)
	case aggWeighted:
		return m.p.Text("group.weighted", "label", m.label(p), "value", m.quantity(v, p), "n", n)
	}
	if nearest >= 0 && at >= 0 {
		return m.p.Text("group.nearest", "desc", m.describe(m.ix.parcels[at], idx, nearest, p))
	}
	return m.p.Text("group.lowest", "label", m.label(p), "value", m.quantity(v, p), "n", n, "id", m.ix.ids[max(at, 0)])
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
			r.Message = m.bound(c, m.describeGroup(g, c.idx, c.nearest))
		default:
			r.Value, r.Message = m.metEach(c, g)
		}
		out = append(out, r)
	}
	return out
}

// bound completes a description of a group's value with a numeric
// requirement: "…; at least 35 ha required".
func (m *matcher) bound(c *check, desc string) string {
	id := "bound.max"
	if c.spec.op == opMin {
		id = "bound.min"
	}
	return m.p.Text(id, "desc", desc, "limit", m.quantity(c.num, c.spec.property))
}

// metEach explains a requirement every member meets: the group's value
// (the latest handover, the worst flood class, true for flags) and which
// member decides it.
func (m *matcher) metEach(c *check, g *group) (any, string) {
	n := m.count(int(g.n))
	switch c.spec.op {
	case opTrue:
		return true, m.p.Text("group.flag", "n", n, "need", m.p.Text(c.spec.need))
	case opDateBy, opWithinMonths, opFloodAtMost:
		col := m.ix.cols[c.idx].code
		worst := slices.MaxFunc(g.members(), func(a, b int32) int { return int(col[a] - col[b]) })
		v := m.ix.parcels[worst].At(c.idx)
		if c.spec.op == opFloodAtMost {
			return v, m.p.Text("group.flood", "value", m.term(c.spec.property, v), "id", m.ix.ids[worst], "n", n,
				"limit", m.term(c.spec.property, c.str))
		}
		return v, m.p.Text("group.handover", "date", m.date(v), "id", m.ix.ids[worst], "n", n, "limit", m.p.Date(c.str))
	case opOneOf:
		var have []string
		for _, r := range g.members() {
			s, _ := m.ix.parcels[r].Str(c.idx)
			have = append(have, s)
		}
		slices.Sort(have)
		have = slices.Compact(have)
		return have, m.p.Text("group.one_of", "label", m.label(c.spec.property), "wanted", m.p.Or(m.terms(c.spec.property, c.list)), "n", n)
	case opAllOf:
		return shortList(c.list), m.p.Text("group.sectors", "n", n, "sectors", m.p.List(m.terms(c.spec.property, c.list)))
	case opIntersects:
		return "inside", m.p.Text("group.inside", "n", n)
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
