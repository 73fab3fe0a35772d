package match

import (
	"encoding/json"
	"iter"
	"math/bits"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/i18n"
	"github.com/landcat/landcat/internal/readmodel"
)

// Result is the answer to a Request on one snapshot.
type Result struct {
	Revision int64  `json:"revision"` // snapshot revision matched against
	Sector   string `json:"sector,omitempty"`
	// Requirements and Weights are the effective ones: the profile's
	// merged with the request's.
	Requirements Requirements `json:"requirements"`
	Weights      Weights      `json:"weights"`
	Considered   int          `json:"considered"` // published parcels
	Matched      int          `json:"matched"`    // parcels meeting every requirement (ranked, before the limit)
	Results      []Ranked     `json:"results"`    // the best Limit of the matched, by rank
	// Excluded lists the first Request.ExcludedLimit of the other
	// considered parcels, by id; ExcludedTotal counts all of them.
	Excluded      []Excluded   `json:"excluded"`
	ExcludedTotal int          `json:"excluded_total"`
	Funnel        []FunnelStep `json:"funnel"` // one step per requirement, in requirement order
	// Assembly is what the search for groups of adjacent parcels did,
	// when the request asked for it (Request.Assembly).
	Assembly *AssemblyFunnel `json:"assembly,omitempty"`
	// AssemblyHint is set on a request without assembly that states
	// min_area_ha and matched no parcel.
	AssemblyHint *AssemblyHint `json:"assembly_hint,omitempty"`
}

// Ranked is one matching parcel, or group of parcels (an assembly), with
// its score and, per weighted criterion, how it was scored.
type Ranked struct {
	ID   string `json:"id"`   // the parcel's id, or the group's (the same members, the same id)
	Kind string `json:"kind"` // KindParcel or KindAssembly
	// Parcels are the members' ids, sorted (the parcel's own id alone for
	// a parcel).
	Parcels  []string         `json:"parcels"`
	Code     string           `json:"code"` // a group's is its members' codes joined with "+"
	Name     string           `json:"name"`
	ZoneID   string           `json:"zone_id"`
	Rank     int              `json:"rank"`  // 1 = best
	Score    float64          `json:"score"` // weighted mean of the criterion scores, in [0,1], 6 decimals
	Criteria []CriterionScore `json:"criteria"`
	// Met says, for a group, how it meets each requirement: the
	// aggregated value and how it was aggregated.
	Met []Reason `json:"met,omitempty"`
}

// CriterionScore is how one weighted criterion scored a parcel.
type CriterionScore struct {
	Criterion   string  `json:"criterion"` // the weighted property
	Value       any     `json:"value"`     // the parcel's effective value; null when unknown
	Weight      float64 `json:"weight"`
	Score       float64 `json:"score"` // utility in [0,1]; 0 when unknown
	Explanation string  `json:"explanation"`
}

// FunnelStep says how many considered parcels one requirement eliminated.
// A parcel failing several requirements counts in each of them.
type FunnelStep struct {
	Criterion  string `json:"criterion"`
	Eliminated int    `json:"eliminated"` // parcels failing it
	Unknown    int    `json:"unknown"`    // of those, parcels whose value is not published
	Only       int    `json:"only"`       // parcels failing it and nothing else: relaxing it alone would add them
	Message    string `json:"message"`    // the requirement and what it eliminated, in Request.Lang
}

// Excluded is a considered parcel that fails at least one requirement.
// Its reasons are derived on demand from the set of failed requirements
// recorded while matching, so that only the excluded parcels listed
// (Request.ExcludedLimit) ever get sentences; JSON encoding writes
// {"id", "reasons"}.
type Excluded struct {
	ID string // the parcel's id
	// Assemblies lists the kept groups (Result.Assembly) the parcel is a
	// member of: a parcel too small alone may be part of a site.
	Assemblies []string
	failed     uint64 // bit i: fails check i
	row        int32
	m          *matcher
}

// Failed returns the names of the requirements the parcel fails, in
// requirement order.
func (e Excluded) Failed() []string {
	var out []string
	for i := range e.checks() {
		out = append(out, e.m.checks[i].spec.key)
	}
	return out
}

// Reasons explains every requirement the parcel fails, in requirement
// order.
func (e Excluded) Reasons() []Reason {
	var out []Reason
	for i := range e.checks() {
		out = append(out, e.m.reason(&e.m.checks[i], e.m.ix.parcels[e.row]))
	}
	return out
}

// checks yields the indices of the failed checks.
func (e Excluded) checks() iter.Seq[int] {
	return func(yield func(int) bool) {
		for mask := e.failed; mask != 0; mask &= mask - 1 {
			if !yield(bits.TrailingZeros64(mask)) {
				return
			}
		}
	}
}

// MarshalJSON writes {"id": …, "reasons": […]} and, for a member of a
// kept group, "assemblies": […].
func (e Excluded) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ID         string   `json:"id"`
		Reasons    []Reason `json:"reasons"`
		Assemblies []string `json:"assemblies,omitempty"`
	}{e.ID, e.Reasons(), e.Assemblies})
}

// matcher holds one request compiled against one index.
type matcher struct {
	ix        *Index
	snap      *readmodel.Snapshot
	lang      string
	p         i18n.Printer // writes the sentences in lang
	checks    []check
	weights   []weight
	groups    []groupInfo // the groups kept by an assembly search, ranked beside the parcels
	inherited int         // schema index of "inherited"
}

// Match ranks the published parcels of s against r (see Index.Match). It
// indexes s first, which on a large catalogue costs far more than the
// match itself: a server should keep a Cache instead.
func Match(s *readmodel.Snapshot, r Request) Result { return NewIndex(s).Match(r) }

// Match ranks the indexed parcels against r: parcels failing any
// effective requirement are excluded with every failed requirement; the
// rest are scored on the weighted criteria, normalised over themselves,
// and ranked by score (descending), then id. Every excluded parcel is
// counted (ExcludedTotal, Funnel) but only the first r.ExcludedLimit by
// id are listed, so the cost of the answer does not grow with the
// catalogue. r should come from ParseRequest; unknown requirement and
// weight names are ignored, and limits out of range are clamped.
func (ix *Index) Match(r Request) Result {
	reqs, weights := r.Effective()
	m := &matcher{ix: ix, snap: ix.snap, lang: r.Lang, p: printerFor(r.Lang), checks: ix.compileChecks(reqs, ix.snap.Built),
		inherited: catalog.SchemaOf(catalog.Parcels).Index("inherited")}
	m.weights = compileWeights(weights)
	weights = make(Weights, len(m.weights)) // the weights used: not the ones ignored
	for _, w := range m.weights {
		weights[w.spec.property] = w.w
	}
	failed := make([]uint64, len(ix.parcels))
	res := Result{Revision: ix.snap.Revision, Sector: r.Sector, Requirements: reqs, Weights: weights,
		Considered: len(ix.parcels)}
	res.Funnel = m.screen(failed, &res)
	res.ExcludedTotal = res.Considered - res.Matched
	survivors := make([]int32, 0, res.Matched)
	listed := min(res.ExcludedTotal, max(0, min(r.ExcludedLimit, MaxExcludedLimit)))
	res.Excluded = make([]Excluded, 0, listed)
	for row, mask := range failed {
		switch {
		case mask == 0:
			survivors = append(survivors, int32(row))
		case len(res.Excluded) < listed:
			res.Excluded = append(res.Excluded, Excluded{ID: ix.ids[row], failed: mask, row: int32(row), m: m})
		}
	}
	m.assemble(r, reqs, failed, &res)
	if len(m.groups) > 0 {
		member := m.inGroups()
		for i := range res.Excluded {
			res.Excluded[i].Assemblies = member[res.Excluded[i].row]
		}
	}
	limit := r.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	res.Results = m.rank(survivors, min(limit, MaxLimit))
	return res
}

// screen runs every check over every row, one column at a time, records
// the failed checks per row and counts the funnel.
func (m *matcher) screen(failed []uint64, res *Result) []FunnelStep {
	steps := make([]FunnelStep, len(m.checks))
	for j := range m.checks {
		steps[j].Criterion = m.checks[j].spec.key
		steps[j].Eliminated, steps[j].Unknown = m.checks[j].eval(m.ix, failed, 1<<j)
	}
	for _, mask := range failed {
		switch {
		case mask == 0:
			res.Matched++
		case mask&(mask-1) == 0:
			steps[bits.TrailingZeros64(mask)].Only++
		}
	}
	for j := range steps {
		steps[j].Message = m.funnelMessage(&m.checks[j], steps[j], len(failed))
	}
	return steps
}

// describe says what the parcel offers for a property, in a sentence
// fragment: "Power capacity 50 MVA (zone figure)" or "Nearest seaport
// (Dinh Vu port cluster, port-dv) is 1.5 km away".
func (m *matcher) describe(f *readmodel.Feature, idx, nearest int, property string) string {
	x, _ := f.Num(idx)
	if nearest >= 0 {
		id, _ := f.Str(nearest)
		return m.p.Text("describe.nearest", "infra", m.p.Text(infraIDs[distanceKind(property)]),
			"name", m.infraName(id), "distance", m.p.Quantity(x, "km"))
	}
	if f.Inherited(idx) {
		return m.p.Text("describe.value_zone", "label", m.label(property), "value", m.quantity(x, property))
	}
	return m.p.Text("describe.value", "label", m.label(property), "value", m.quantity(x, property))
}

// infraName returns "Name, id" for an infrastructure feature, or the id.
func (m *matcher) infraName(id string) string {
	if f, ok := m.snap.Get(catalog.Infrastructure, id); ok {
		return f.Name(m.lang) + ", " + id
	}
	return id
}
