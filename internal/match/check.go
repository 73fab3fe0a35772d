package match

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/paulmach/orb"
)

// check is one requirement compiled against an Index: the required value
// is encoded like the index's column, so that testing every parcel is a
// scan of one array.
type check struct {
	spec     *spec
	idx      int // schema index of spec.property; -1 for within
	nearest  int // schema index of nearest_<kind> for distances; -1 otherwise
	num      float64
	str      string   // date (opDateBy, opWithinMonths) or class (opFloodAtMost), for sentences
	code     int32    // the same encoded: YYYYMMDD or class rank
	allowed  []bool   // opOneOf: allowed codes
	set      uint32   // opAllOf: required enum values
	list     []string // opOneOf, opAllOf: the required values, for sentences
	area     *area
	required any // the required value as reported in reasons
}

// compileChecks turns the effective requirements into checks in funnel
// order; false flags are no requirement. today resolves
// available_within_months to a date.
func (ix *Index) compileChecks(reqs Requirements, today time.Time) []check {
	schema := catalog.SchemaOf(catalog.Parcels)
	var out []check
	for i := range specs {
		s := &specs[i]
		v, ok := reqs[s.key]
		if !ok || v == nil || v == false {
			continue
		}
		c := check{spec: s, idx: -1, nearest: -1, required: v}
		if s.property != "" {
			c.idx = schema.Index(s.property)
		}
		if s.kind != "" {
			c.nearest = schema.Index("nearest_" + s.kind)
		}
		switch v := v.(type) {
		case float64:
			c.num = v
			if s.op == opWithinMonths {
				c.str = today.UTC().AddDate(0, int(v), 0).Format(time.DateOnly)
				c.code, c.required = dateCode(c.str), c.str
			}
		case string:
			c.str, c.code = v, dateCode(v)
			if s.op == opFloodAtMost {
				c.code = int32(slices.Index(catalog.FloodRisks, v))
			}
		case []string:
			c.list, c.set = v, enumSet(s.enum, v)
			c.allowed = ix.allowed(schema.Fields[c.idx], v)
		case orb.Geometry:
			c.area, c.required = newArea(v), "intersects the area of interest"
		}
		out = append(out, c)
	}
	return out
}

// allowed returns, by code, whether a value is in l (for opOneOf).
func (ix *Index) allowed(fl catalog.Field, l []string) []bool {
	out := make([]bool, max(len(fl.Enum), len(ix.zones)))
	for _, v := range l {
		if c := ix.lookup(fl, v); c >= 0 && int(c) < len(out) {
			out[c] = true
		}
	}
	return out
}

// eval tests every row, sets bit in failed for the rows that fail, and
// returns how many failed and how many of those because the value is
// unknown.
func (c *check) eval(ix *Index, failed []uint64, bit uint64) (fails, unknown int) {
	col := column{}
	if c.idx >= 0 {
		col = ix.cols[c.idx]
	}
	fail := func(r int, unk bool) {
		failed[r] |= bit
		fails++
		if unk {
			unknown++
		}
	}
	switch c.spec.op {
	case opMin:
		for r, x := range col.num {
			if !(x >= c.num) { // NaN (unknown) fails too
				fail(r, math.IsNaN(x))
			}
		}
	case opMax:
		for r, x := range col.num {
			if !(x <= c.num) {
				fail(r, math.IsNaN(x))
			}
		}
	case opTrue:
		for r, b := range col.flag {
			if b != 1 {
				fail(r, b < 0)
			}
		}
	case opDateBy, opWithinMonths, opFloodAtMost:
		for r, v := range col.code {
			if v < 0 || v > c.code {
				fail(r, v < 0)
			}
		}
	case opOneOf:
		for r, v := range col.code {
			if v < 0 || int(v) >= len(c.allowed) || !c.allowed[v] {
				fail(r, v < 0)
			}
		}
	case opAllOf:
		for r, v := range col.set {
			if v&knownSet == 0 || v&c.set != c.set {
				fail(r, v&knownSet == 0)
			}
		}
	case opIntersects:
		for r, b := range ix.bounds {
			if !c.area.intersects(ix.parcels[r].Geometry, b) {
				fail(r, false)
			}
		}
	}
	return fails, unknown
}

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
	case f.Values[c.idx] == nil:
		r.Unknown, r.Message = true, m.unknownMessage(c)
	default:
		r.Value, r.Message = f.Values[c.idx], m.failMessage(c, f)
	}
	return r
}

func (m *matcher) failMessage(c *check, f *readmodel.Feature) string {
	s, v := c.spec, f.Values[c.idx]
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
	case opAllOf:
		want = "permission for " + strings.Join(c.list, ", ")
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
