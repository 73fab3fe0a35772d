package match

import (
	"fmt"
	"slices"
	"strings"

	"github.com/landcat/landcat/internal/readmodel"
)

// Reason is one requirement an excluded parcel fails.
type Reason struct {
	Criterion string `json:"criterion"` // requirement name, e.g. "min_power_capacity_mva"
	Value     any    `json:"value"`     // the parcel's effective value; null when unknown
	Required  any    `json:"required"`
	Unknown   bool   `json:"unknown,omitempty"` // the value is not published: not confirmed, so excluded
	Message   string `json:"message"`
}

// reason explains why f fails c.
func (m *matcher) reason(c *check, f *readmodel.Feature) Reason {
	r := Reason{Criterion: c.spec.key, Required: c.required}
	switch {
	case c.spec.op == opIntersects:
		r.Value, r.Message = "outside", "The parcel lies outside the area of interest"
	case f.At(c.idx) == nil:
		r.Unknown, r.Message = true, m.unknownMessage(c)
	default:
		r.Value, r.Message = f.At(c.idx), m.failMessage(c, f)
	}
	return r
}

func (m *matcher) failMessage(c *check, f *readmodel.Feature) string {
	s, v := c.spec, f.At(c.idx)
	req := quantity(c.num, wordsOf(s.property).unit)
	switch s.op {
	case opMin, opMax:
		return m.boundMessage(c, f, req)
	case opTrue:
		return fmt.Sprintf("The parcel has no %s, which is required", s.need)
	case opDateBy:
		return fmt.Sprintf("Land handover on %v is after the required %s", v, c.str)
	case opWithinMonths:
		return fmt.Sprintf("Land handover on %v is after %s (within %s months required)", v, c.str, num(c.num))
	case opFloodAtMost:
		return fmt.Sprintf("Flood risk is %v; at most %s is accepted", v, c.str)
	case opOneOf:
		if len(c.list) > maxShownItems {
			return fmt.Sprintf("%s %v is not among the %d requested %s", wordsOf(s.property).label, v, len(c.list), s.nouns)
		}
		return fmt.Sprintf("%s is %v; %s required", wordsOf(s.property).label, v, oneOf(c.list))
	case opAllOf:
		have, _ := v.([]string)
		var missing []string
		for _, w := range c.list {
			if !slices.Contains(have, w) {
				missing = append(missing, w)
			}
		}
		return fmt.Sprintf("Sectors allowed here are %s; %s not among them", strings.Join(have, ", "), isAre(missing))
	}
	return ""
}

func (m *matcher) boundMessage(c *check, f *readmodel.Feature, req string) string {
	desc := m.describe(f, c.idx, c.nearest, c.spec.property)
	switch {
	case c.spec.kind != "" && c.spec.op == opMin:
		return fmt.Sprintf("%s; at least %s required", desc, req)
	case c.spec.kind != "":
		return fmt.Sprintf("%s; at most %s required", desc, req)
	case c.spec.op == opMin:
		return fmt.Sprintf("%s is below the required %s", desc, req)
	}
	return fmt.Sprintf("%s is above the maximum %s", desc, req)
}

func (m *matcher) unknownMessage(c *check) string {
	s := c.spec
	req := quantity(c.num, wordsOf(s.property).unit)
	if s.kind != "" {
		bound := "at most"
		if s.op == opMin {
			bound = "at least"
		}
		return fmt.Sprintf("No operational %s is published, so the distance to one is unknown; %s %s required",
			distanceLabels[s.kind], bound, req)
	}
	var want string
	switch s.op {
	case opMin:
		want = "the required minimum of " + req
	case opMax:
		want = "the required maximum of " + req
	case opTrue:
		want = "the required " + s.need
	case opDateBy, opWithinMonths:
		want = "handover by " + c.str
	case opFloodAtMost:
		want = "flood risk at most " + c.str
	case opOneOf:
		want = oneOf(c.list)
		if len(c.list) > maxShownItems {
			want = fmt.Sprintf("one of the %d requested %s", len(c.list), s.nouns)
		}
	case opAllOf:
		want = "permission for " + strings.Join(shortList(c.list), ", ")
	}
	return fmt.Sprintf("%s is not published for this parcel (unknown), so %s cannot be confirmed", wordsOf(s.property).label, want)
}

func oneOf(l []string) string {
	if len(l) == 1 {
		return l[0]
	}
	return "one of " + strings.Join(l, ", ")
}

func isAre(l []string) string {
	if len(l) == 1 {
		return l[0] + " is"
	}
	return strings.Join(l, ", ") + " are"
}
