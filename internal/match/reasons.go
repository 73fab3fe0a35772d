package match

import (
	"slices"

	"github.com/landcat/landcat/internal/readmodel"
)

// Reason is one requirement an excluded parcel fails.
type Reason struct {
	Criterion string `json:"criterion"` // requirement name, e.g. "min_power_capacity_mva"
	Value     any    `json:"value"`     // the parcel's effective value; null when unknown
	Required  any    `json:"required"`
	Unknown   bool   `json:"unknown,omitempty"` // the value is not published: not confirmed, so excluded
	Message   string `json:"message"`           // in Request.Lang
}

// reason explains why f fails c.
func (m *matcher) reason(c *check, f *readmodel.Feature) Reason {
	r := Reason{Criterion: c.spec.key, Required: c.required}
	switch {
	case c.spec.op == opIntersects:
		r.Value, r.Message = "outside", m.p.Text("reason.outside")
	case f.At(c.idx) == nil:
		r.Unknown, r.Message = true, m.unknownMessage(c)
	default:
		r.Value, r.Message = f.At(c.idx), m.failMessage(c, f)
	}
	return r
}

func (m *matcher) failMessage(c *check, f *readmodel.Feature) string {
	s, v := c.spec, f.At(c.idx)
	switch s.op {
	case opMin, opMax:
		return m.boundMessage(c, f)
	case opTrue:
		return m.p.Text("reason.flag", "need", m.p.Text(s.need))
	case opDateBy:
		return m.p.Text("reason.handover_after", "date", m.date(v), "limit", m.p.Date(c.str))
	case opWithinMonths:
		return m.p.Text("reason.handover_after_months", "date", m.date(v), "limit", m.p.Date(c.str), "months", m.p.Num(c.num))
	case opFloodAtMost:
		return m.p.Text("reason.flood", "value", m.term(s.property, v), "limit", m.term(s.property, c.str))
	case opOneOf:
		if len(c.list) > maxShownItems {
			return m.p.Text("reason.not_among", "label", m.label(s.property), "value", m.term(s.property, v),
				"n", m.count(len(c.list)), "nouns", m.p.Text(nounIDs[s.property]))
		}
		return m.p.Text("reason.one_of", "label", m.label(s.property), "value", m.term(s.property, v),
			"wanted", m.p.Or(m.terms(s.property, c.list)))
	case opAllOf:
		have, _ := v.([]string)
		var missing []string
		for _, w := range c.list {
			if !slices.Contains(have, w) {
				missing = append(missing, w)
			}
		}
		id := "reason.sectors_missing"
		if len(missing) == 1 {
			id = "reason.sector_missing"
		}
		return m.p.Text(id, "have", m.p.List(m.terms(s.property, have)), "missing", m.p.List(m.terms(s.property, missing)))
	}
	return ""
}

func (m *matcher) boundMessage(c *check, f *readmodel.Feature) string {
	desc := m.describe(f, c.idx, c.nearest, c.spec.property)
	limit := m.quantity(c.num, c.spec.property)
	switch {
	case c.spec.kind != "" && c.spec.op == opMin:
		return m.p.Text("bound.min", "desc", desc, "limit", limit)
	case c.spec.kind != "":
		return m.p.Text("bound.max", "desc", desc, "limit", limit)
	case c.spec.op == opMin:
		return m.p.Text("reason.below", "desc", desc, "limit", limit)
	}
	return m.p.Text("reason.above", "desc", desc, "limit", limit)
}

func (m *matcher) unknownMessage(c *check) string {
	s := c.spec
	limit := m.quantity(c.num, s.property)
	if s.kind != "" {
		id := "unknown.distance_max"
		if s.op == opMin {
			id = "unknown.distance_min"
		}
		return m.p.Text(id, "infra", m.p.Text(infraIDs[s.kind]), "limit", limit)
	}
	label := m.label(s.property)
	switch s.op {
	case opMin:
		return m.p.Text("unknown.min", "label", label, "limit", limit)
	case opMax:
		return m.p.Text("unknown.max", "label", label, "limit", limit)
	case opTrue:
		return m.p.Text("unknown.flag", "label", label, "need", m.p.Text(s.need))
	case opDateBy, opWithinMonths:
		return m.p.Text("unknown.handover", "label", label, "limit", m.p.Date(c.str))
	case opFloodAtMost:
		return m.p.Text("unknown.flood", "label", label, "limit", m.term(s.property, c.str))
	case opOneOf:
		return m.p.Text("unknown.one_of", "label", label, "wanted", m.p.Or(m.terms(s.property, c.list)))
	case opAllOf:
		return m.p.Text("unknown.sectors", "label", label, "sectors", m.p.List(m.terms(s.property, c.list)))
	}
	return ""
}

// date writes a date value (an ISO string) in the request's language.
func (m *matcher) date(v any) string {
	if s, ok := v.(string); ok {
		return m.p.Date(s)
	}
	return m.term("", v)
}

// requirement states a requirement in a few words, for the funnel:
// "Power capacity at least 30 MVA".
func (m *matcher) requirement(c *check) string {
	s := c.spec
	switch s.op {
	case opMin:
		return m.p.Text("req.min", "label", m.label(s.property), "limit", m.quantity(c.num, s.property))
	case opMax:
		return m.p.Text("req.max", "label", m.label(s.property), "limit", m.quantity(c.num, s.property))
	case opTrue:
		return m.p.Text("req.flag", "need", m.p.Text(s.need))
	case opDateBy:
		return m.p.Text("req.date_by", "limit", m.p.Date(c.str))
	case opWithinMonths:
		return m.p.Text("req.within_months", "months", m.p.Num(c.num), "limit", m.p.Date(c.str))
	case opFloodAtMost:
		return m.p.Text("req.flood", "limit", m.term(s.property, c.str))
	case opOneOf:
		return m.p.Text("req.one_of", "label", m.label(s.property), "wanted", m.p.Or(m.terms(s.property, c.list)))
	case opAllOf:
		return m.p.Text("req.sectors", "sectors", m.p.List(m.terms(s.property, c.list)))
	}
	return m.p.Text("req.within")
}

// funnelMessage says what one requirement eliminated.
func (m *matcher) funnelMessage(c *check, st FunnelStep, considered int) string {
	req := m.requirement(c)
	if st.Eliminated == 0 {
		return m.p.Text("funnel.none", "requirement", req)
	}
	id := "funnel.step"
	switch {
	case st.Only == 0 && st.Unknown > 0:
		id = "funnel.step_shared_unknown"
	case st.Only == 0:
		id = "funnel.step_shared"
	case st.Unknown > 0:
		id = "funnel.step_unknown"
	}
	return m.p.Text(id, "requirement", req, "n", m.count(st.Eliminated), "considered", m.count(considered),
		"unknown", m.count(st.Unknown), "only", m.count(st.Only))
}
