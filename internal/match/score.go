package match

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
)

// weight is one weighted criterion compiled against the parcel schema,
// with the range of its known values over the survivors.
type weight struct {
	spec    weightSpec
	idx     int       // schema index of the property
	col     []float64 // its column in the index
	nearest int       // schema index of nearest_<kind> for distances; -1 otherwise
	w       float64   // the weight as stated
	share   float64   // w over the sum of the weights: the shares sum to 1
	lo, hi  float64   // smallest and largest known value among the survivors
	known   int       // survivors whose value is known
	of      int       // survivors
}

// compileWeights orders the weighted criteria by weight (heaviest first),
// then name, and gives each its share of the total weight. Shares are
// computed on the weights divided by the largest, so that no sum
// overflows: whatever the weights (ParseRequest caps them at MaxWeight; a
// Request built in code may not), the shares are finite, non-negative and
// sum to 1. Weights that are not positive and finite are ignored.
func compileWeights(ws Weights) []weight {
	schema := catalog.SchemaOf(catalog.Parcels)
	var out []weight
	top := 0.0
	for name, w := range ws {
		sp, ok := weightSpecOf(name)
		if !ok || !(w > 0) || math.IsInf(w, 1) {
			continue
		}
		c := weight{spec: sp, idx: schema.Index(name), nearest: -1, w: w}
		if k := distanceKind(name); k != "" {
			c.nearest = schema.Index("nearest_" + k)
		}
		out = append(out, c)
		top = max(top, w)
	}
	sum := 0.0
	for i := range out {
		sum += out[i].w / top
	}
	for i := range out {
		out[i].share = out[i].w / top / sum
	}
	slices.SortFunc(out, func(a, b weight) int {
		return cmp.Or(cmp.Compare(b.w, a.w), strings.Compare(a.spec.property, b.spec.property))
	})
	return out
}

// utility maps a value (NaN = unknown) to [0,1]: min–max over the
// survivors' known values, increasing when more is better, decreasing
// otherwise; 1 when every known value is the same; 0 when unknown.
// Differences are taken on halves, which is exact and cannot overflow
// however far apart the values are.
func (w *weight) utility(x float64) (float64, bool) {
	switch {
	case math.IsNaN(x):
		return 0, false
	case w.hi == w.lo:
		return 1, true
	case w.spec.more:
		return unit((x/2 - w.lo/2) / (w.hi/2 - w.lo/2)), true
	}
	return unit((w.hi/2 - x/2) / (w.hi/2 - w.lo/2)), true
}

// unit clamps v to [0,1], NaN to 0.
func unit(v float64) float64 {
	if !(v > 0) {
		return 0
	}
	return min(v, 1)
}

// scored is a survivor (a parcel's row, or a group) and its total score.
type scored struct {
	id    string
	row   int32 // the parcel's row; -1 for a group
	g     int32 // the group's position in matcher.groups; -1 for a parcel
	total float64
}

// better orders by total descending, then id ascending.
func better(a, b scored) bool {
	return a.total > b.total || (a.total == b.total && a.id < b.id)
}

// rank normalises the weighted criteria over the survivors (parcels and
// groups alike), scores them and returns the best limit, explained.
func (m *matcher) rank(survivors []int32, limit int) []Ranked {
	for i := range m.weights {
		m.weights[i].col = m.ix.cols[m.weights[i].idx].num
		m.weights[i].normalise(survivors, m.groups, i)
	}
	top := make(topK, 0, min(limit, len(survivors)+len(m.groups)))
	for _, row := range survivors {
		sc := scored{id: m.ix.ids[row], row: row, g: -1}
		sc.total = m.total(sc)
		top = top.push(sc, limit)
	}
	for i := range m.groups {
		sc := scored{id: m.groups[i].id, row: -1, g: int32(i)}
		sc.total = m.total(sc)
		top = top.push(sc, limit)
	}
	slices.SortFunc(top, func(a, b scored) int {
		if better(a, b) {
			return -1
		}
		return 1
	})
	out := make([]Ranked, len(top))
	for i, sc := range top {
		if sc.g >= 0 {
			out[i] = m.rankedGroup(sc, i+1)
		} else {
			out[i] = m.ranked(sc, i+1)
		}
	}
	return out
}

// normalise finds the range of weight i's known values over the
// survivors and the groups.
func (w *weight) normalise(survivors []int32, groups []groupInfo, i int) {
	w.lo, w.hi, w.known, w.of = math.Inf(1), math.Inf(-1), 0, len(survivors)+len(groups)
	see := func(x float64) {
		if !math.IsNaN(x) {
			w.lo, w.hi, w.known = min(w.lo, x), max(w.hi, x), w.known+1
		}
	}
	for _, row := range survivors {
		see(w.col[row])
	}
	for _, g := range groups {
		see(g.vals[i])
	}
}

// value is weight i's value for a survivor (NaN when unknown).
func (m *matcher) value(i int, sc scored) float64 {
	if sc.g >= 0 {
		return m.groups[sc.g].vals[i]
	}
	return m.weights[i].col[sc.row]
}

// total is the weighted mean of the utilities (each times its share),
// rounded to 6 decimals so that floating-point noise never decides an
// order (ties go by id); 1 when nothing is weighted. It is in [0,1] by
// construction and clamped against rounding.
func (m *matcher) total(sc scored) float64 {
	if len(m.weights) == 0 {
		return 1
	}
	t := 0.0
	for i := range m.weights {
		u, _ := m.weights[i].utility(m.value(i, sc))
		t += m.weights[i].share * u
	}
	return unit(round6(t))
}

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }

func (m *matcher) ranked(sc scored, rank int) Ranked {
	f := m.ix.parcels[sc.row]
	r := Ranked{ID: f.ID, Kind: KindParcel, Parcels: []string{f.ID}, Code: f.String("code"), Name: f.Name(m.lang),
		ZoneID: f.String("zone_id"), Rank: rank, Score: sc.total, Criteria: make([]CriterionScore, len(m.weights))}
	for i := range m.weights {
		w := &m.weights[i]
		v := f.At(w.idx)
		u, known := w.utility(w.col[sc.row])
		r.Criteria[i] = CriterionScore{Criterion: w.spec.property, Value: v, Weight: w.w,
			Score: round6(u), Explanation: m.explain(w, f, u, known)}
	}
	return r
}

// explain says how a criterion scored: the parcel's value and where it
// sits between the worst (0) and best (1) known values of the survivors.
func (m *matcher) explain(w *weight, f *readmodel.Feature, u float64, known bool) string {
	p := w.spec.property
	if !known {
		if k := distanceKind(p); k != "" {
			return m.p.Text("score.unknown_distance", "infra", m.p.Text(infraIDs[k]))
		}
		return m.p.Text("score.unknown", "label", m.label(p))
	}
	return m.onScale(w, m.describe(f, w.idx, w.nearest, p), u)
}

// onScale completes a description of a known value (desc) with its score
// and the scale it was measured on.
func (m *matcher) onScale(w *weight, desc string, u float64) string {
	all := w.known == w.of
	switch {
	case w.known == 1 && all:
		return m.p.Text("score.only", "desc", desc)
	case w.known == 1:
		return m.p.Text("score.only_publishing", "desc", desc)
	case w.hi == w.lo && all:
		return m.p.Text("score.same", "desc", desc, "n", m.count(w.known))
	case w.hi == w.lo:
		return m.p.Text("score.same_publishing", "desc", desc, "n", m.count(w.known))
	}
	worst, best := w.lo, w.hi
	if !w.spec.more {
		worst, best = best, worst
	}
	id := "score.scale"
	if !all {
		id = "score.scale_publishing"
	}
	p := w.spec.property
	return m.p.Text(id, "desc", desc, "score", m.score(u), "worst", m.quantity(worst, p),
		"best", m.quantity(best, p), "n", m.count(w.known))
}

// topK keeps the best k scored parcels in a binary heap whose root is the
// worst kept, so selecting the top of n survivors costs O(n log k).
type topK []scored

func (h topK) push(s scored, k int) topK {
	if k <= 0 {
		return h
	}
	if len(h) < k {
		h = append(h, s)
		for i := len(h) - 1; i > 0; {
			parent := (i - 1) / 2
			if !better(h[parent], h[i]) {
				break
			}
			h[parent], h[i] = h[i], h[parent]
			i = parent
		}
		return h
	}
	if !better(s, h[0]) {
		return h
	}
	h[0] = s
	for i := 0; ; {
		worst, l, r := i, 2*i+1, 2*i+2
		if l < len(h) && better(h[worst], h[l]) {
			worst = l
		}
		if r < len(h) && better(h[worst], h[r]) {
			worst = r
		}
		if worst == i {
			return h
		}
		h[i], h[worst] = h[worst], h[i]
		i = worst
	}
}
