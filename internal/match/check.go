package match

import (
	"math"
	"slices"
	"time"

	"github.com/landcat/landcat/internal/catalog"
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
	list     []string // opOneOf, opAllOf: the required values
	area     *area
	required any // the required value as reported in reasons (lists shortened: shortList)
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
			c.list, c.set, c.required = v, enumSet(s.enum, v), shortList(v)
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
