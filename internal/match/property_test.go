package match_test

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"slices"
	"testing"
	"testing/quick"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/match"
	"github.com/landcat/landcat/internal/readmodel"
)

var seeds = []int64{1, 2, 3}

// randomRequest is a quick.Generator of valid match requests mixing the
// requirements an oracle below can check independently, random weights,
// sometimes a profile and sometimes an area of interest.
type randomRequest struct{ Body string }

func (randomRequest) Generate(rng *rand.Rand, _ int) reflect.Value {
	reqs := map[string]any{}
	maybe := func(n int, k string, v func() any) {
		if rng.Intn(n) == 0 {
			reqs[k] = v()
		}
	}
	maybe(2, "min_power_capacity_mva", func() any { return rng.Intn(60) })
	maybe(2, "max_lease_price_usd_m2", func() any { return 100 + rng.Intn(70) })
	maybe(3, "flood_risk_at_most", func() any { return catalog.FloodRisks[rng.Intn(3)] })
	maybe(3, "statuses", func() any { return []string{"available", "in_preparation"} })
	maybe(3, "sectors", func() any { return []string{catalog.Sectors[rng.Intn(4)]} })
	maybe(4, "power_dual_feed", func() any { return true })
	maybe(4, "min_fibre_carriers", func() any { return 1 + rng.Intn(3) })
	maybe(4, "max_distance_km", func() any { return map[string]any{"seaport": 5 + rng.Intn(40)} })
	maybe(4, "min_distance_km", func() any { return map[string]any{"hazard": rng.Float64() * 3} })
	maybe(6, "within", func() any {
		x, y := 106.1+rng.Float64()*0.7, 20.6+rng.Float64()*0.4
		return json.RawMessage(polygonJSON(x, y, x+0.05+rng.Float64()*0.2, y+0.05+rng.Float64()*0.2))
	})
	weights := map[string]float64{}
	all := match.WeightCatalogue()
	for range 1 + rng.Intn(6) {
		weights[all[rng.Intn(len(all))].Property] = float64(1+rng.Intn(10)) / 2
	}
	body := map[string]any{"requirements": reqs, "weights": weights, "limit": match.MaxLimit}
	if rng.Intn(4) == 0 {
		body["sector"] = match.Profiles()[rng.Intn(4)].Name
	}
	b, _ := json.Marshal(body)
	return reflect.ValueOf(randomRequest{string(b)})
}

// TestInvariants checks, over random requests on generated catalogues,
// what must hold for every result.
func TestInvariants(t *testing.T) {
	for _, seed := range seeds {
		s := generatedSnapshot(t, 400, seed)
		prop := func(rr randomRequest) bool {
			r := mustParse(t, rr.Body)
			r.ExcludedLimit = match.MaxExcludedLimit // every excluded parcel of 400, for the checks below
			res := match.Match(s, r)
			for _, check := range []func(*readmodel.Snapshot, match.Request, match.Result) error{
				checkCounts, checkOrder, checkScores, checkExcluded, checkOracle, checkDominance, checkDeterministic,
				checkExcludedLimit,
			} {
				if err := check(s, r, res); err != nil {
					t.Logf("seed %d, request %s: %v", seed, rr.Body, err)
					return false
				}
			}
			return true
		}
		if err := quick.Check(prop, &quick.Config{MaxCount: 40, Rand: rand.New(rand.NewSource(seed))}); err != nil {
			t.Error(err)
		}
	}
}

// checkCounts: every published parcel is either matched or excluded.
func checkCounts(s *readmodel.Snapshot, r match.Request, res match.Result) error {
	published := 0
	for _, f := range s.Collection(catalog.Parcels) {
		if f.Publication == catalog.Published {
			published++
		}
	}
	switch {
	case res.Considered != published:
		return fmt.Errorf("considered %d, published %d", res.Considered, published)
	case res.Considered != res.Matched+res.ExcludedTotal:
		return fmt.Errorf("considered %d ≠ matched %d + excluded %d", res.Considered, res.Matched, res.ExcludedTotal)
	case len(res.Excluded) != min(r.ExcludedLimit, res.ExcludedTotal):
		return fmt.Errorf("%d excluded listed for limit %d and %d excluded", len(res.Excluded), r.ExcludedLimit, res.ExcludedTotal)
	case len(res.Results) != min(r.Limit, res.Matched):
		return fmt.Errorf("%d results for limit %d and %d matched", len(res.Results), r.Limit, res.Matched)
	}
	return nil
}

// checkOrder: ranks 1…n, scores descending, ties by id.
func checkOrder(_ *readmodel.Snapshot, _ match.Request, res match.Result) error {
	for i, x := range res.Results {
		if x.Rank != i+1 {
			return fmt.Errorf("result %d has rank %d", i, x.Rank)
		}
		if i > 0 {
			p := res.Results[i-1]
			if p.Score < x.Score || (p.Score == x.Score && p.ID >= x.ID) {
				return fmt.Errorf("%s (%v) ranks before %s (%v)", p.ID, p.Score, x.ID, x.Score)
			}
		}
	}
	return nil
}

// checkScores: scores in [0,1]; the total is the weighted mean of the
// criterion scores; unknown values score 0.
func checkScores(_ *readmodel.Snapshot, _ match.Request, res match.Result) error {
	for _, x := range res.Results {
		if x.Score < 0 || x.Score > 1 || len(x.Criteria) != len(res.Weights) {
			return fmt.Errorf("%s: score %v with %d criteria", x.ID, x.Score, len(x.Criteria))
		}
		sum, wsum := 0.0, 0.0
		for _, c := range x.Criteria {
			if c.Score < 0 || c.Score > 1 || (c.Value == nil && c.Score != 0) || c.Explanation == "" {
				return fmt.Errorf("%s: criterion %+v", x.ID, c)
			}
			sum, wsum = sum+c.Weight*c.Score, wsum+c.Weight
		}
		if wsum > 0 && math.Abs(sum/wsum-x.Score) > 1e-5 {
			return fmt.Errorf("%s: score %v is not the weighted mean %v", x.ID, x.Score, sum/wsum)
		}
	}
	return nil
}

// checkExcluded: excluded parcels are sorted, never ranked, each with
// reasons, and the funnel counts exactly the reasons.
func checkExcluded(_ *readmodel.Snapshot, _ match.Request, res match.Result) error {
	ranked := map[string]bool{}
	for _, x := range res.Results {
		ranked[x.ID] = true
	}
	perCriterion := map[string][2]int{}
	for i, e := range res.Excluded {
		if ranked[e.ID] || (i > 0 && res.Excluded[i-1].ID >= e.ID) {
			return fmt.Errorf("excluded %s ranked or out of order", e.ID)
		}
		reasons := e.Reasons()
		if len(reasons) == 0 {
			return fmt.Errorf("excluded %s has no reason", e.ID)
		}
		for _, r := range reasons {
			n := perCriterion[r.Criterion]
			n[0]++
			if r.Unknown {
				n[1]++
				if r.Value != nil {
					return fmt.Errorf("%s: unknown %s with value %v", e.ID, r.Criterion, r.Value)
				}
			}
			perCriterion[r.Criterion] = n
		}
	}
	for _, st := range res.Funnel {
		if n := perCriterion[st.Criterion]; n[0] != st.Eliminated || n[1] != st.Unknown || st.Only > st.Eliminated {
			return fmt.Errorf("funnel %+v, reasons %v", st, n)
		}
	}
	return nil
}

// checkOracle re-checks the simple requirements independently: every
// ranked parcel meets them and every excluded one fails at least one.
func checkOracle(s *readmodel.Snapshot, r match.Request, res match.Result) error {
	reqs, _ := r.Effective()
	if _, ok := reqs["within"]; ok {
		return nil // geometry is tested on the demo
	}
	for _, x := range res.Results {
		if f, _ := s.Get(catalog.Parcels, x.ID); !meets(f, reqs) {
			return fmt.Errorf("ranked %s fails a requirement", x.ID)
		}
	}
	for _, e := range res.Excluded {
		if f, _ := s.Get(catalog.Parcels, e.ID); meets(f, reqs) {
			return fmt.Errorf("excluded %s meets every requirement (%v)", e.ID, e.Failed())
		}
	}
	return nil
}

func meets(f *readmodel.Feature, reqs match.Requirements) bool {
	num := func(p string) (float64, bool) { v, ok := f.Value(p).(float64); return v, ok }
	for k, want := range reqs {
		ok := true
		switch k {
		case "min_power_capacity_mva", "min_power_voltage_kv", "min_fibre_carriers", "min_area_ha", "min_lease_term_years",
			"min_water_m3_day", "min_wastewater_m3_day", "min_distance_km.hazard":
			prop := map[string]string{"min_power_capacity_mva": "power_capacity_mva", "min_power_voltage_kv": "power_voltage_kv",
				"min_fibre_carriers": "fibre_carriers", "min_area_ha": "area_ha", "min_lease_term_years": "lease_term_remaining_years",
				"min_water_m3_day": "water_m3_day", "min_wastewater_m3_day": "wastewater_m3_day", "min_distance_km.hazard": "distance_hazard_km"}[k]
			v, known := num(prop)
			ok = known && v >= want.(float64)
		case "max_lease_price_usd_m2", "max_area_ha", "max_distance_km.seaport", "max_distance_km.deepsea_port", "max_distance_km.expressway":
			prop := map[string]string{"max_lease_price_usd_m2": "lease_price_usd_m2", "max_area_ha": "area_ha",
				"max_distance_km.seaport": "distance_seaport_km", "max_distance_km.deepsea_port": "distance_deepsea_port_km",
				"max_distance_km.expressway": "distance_expressway_km"}[k]
			v, known := num(prop)
			ok = known && v <= want.(float64)
		case "power_dual_feed":
			ok = f.Value("power_dual_feed") == true
		case "flood_risk_at_most":
			fr, _ := f.Value("flood_risk").(string)
			ok = fr != "" && slices.Index(catalog.FloodRisks, fr) <= slices.Index(catalog.FloodRisks, want.(string))
		case "statuses":
			ok = slices.Contains(want.([]string), f.Value("status").(string))
		case "sectors":
			have, _ := f.Value("sectors").([]string)
			ok = !slices.ContainsFunc(want.([]string), func(s string) bool { return !slices.Contains(have, s) })
		case "available_within_months", "available_by":
			d, _ := f.Value("available_from").(string)
			ok = d != "" && (k == "available_within_months" || d <= want.(string))
			if k == "available_within_months" {
				ok = ok && d <= now.AddDate(0, int(want.(float64)), 0).Format("2006-01-02")
			}
		default:
			panic("oracle: no check for " + k)
		}
		if !ok {
			return false
		}
	}
	return true
}

// checkDominance: a ranked parcel at least as good as another on every
// weighted criterion (unknown being worst) scores at least as high.
func checkDominance(s *readmodel.Snapshot, _ match.Request, res match.Result) error {
	dir := map[string]float64{}
	for _, w := range match.WeightCatalogue() {
		dir[w.Property] = map[bool]float64{true: 1, false: -1}[w.Direction == "more_is_better"]
	}
	atLeast := func(a, b match.Ranked) bool {
		for i, ca := range a.Criteria {
			cb := b.Criteria[i]
			va, okA := ca.Value.(float64)
			vb, okB := cb.Value.(float64)
			if okB && (!okA || dir[ca.Criterion]*(va-vb) < 0) {
				return false
			}
		}
		return true
	}
	for _, a := range res.Results {
		for _, b := range res.Results {
			if a.ID != b.ID && atLeast(a, b) && a.Score < b.Score {
				return fmt.Errorf("%s dominates %s but scores %v < %v", a.ID, b.ID, a.Score, b.Score)
			}
		}
	}
	return nil
}

func checkDeterministic(s *readmodel.Snapshot, r match.Request, res match.Result) error {
	a, _ := json.Marshal(res)
	b, _ := json.Marshal(match.Match(s, r))
	if string(a) != string(b) {
		return fmt.Errorf("two runs differ")
	}
	return nil
}

func rankOf(res match.Result, id string) int {
	for _, x := range res.Results {
		if x.ID == id {
			return x.Rank
		}
	}
	return 0
}

// storedWeights are weighted properties a test can change on a parcel
// (distances and area are computed from geometry).
var storedWeights = match.Weights{"power_capacity_mva": 3, "lease_price_usd_m2": 2, "water_m3_day": 1,
	"fibre_carriers": 1, "elevation_m": 1, "management_fee_usd_m2_year": 1, "distance_seaport_km": 1}

// TestImproveNeverLowersRank: making a ranked parcel better on one
// weighted criterion (more power, a lower price…) never lowers its rank,
// although it may move the survivors' range that others are scored on.
func TestImproveNeverLowersRank(t *testing.T) {
	for _, seed := range seeds {
		feats := generatedFeatures(t, 300, seed)
		s := readmodel.Build(feats, int64(len(feats)), now)
		r := match.Request{Requirements: match.Requirements{"statuses": []string{"available", "in_preparation"},
			"min_power_capacity_mva": 5.0}, Weights: storedWeights, Limit: match.MaxLimit}
		base := match.Match(s, r)
		rng := rand.New(rand.NewSource(seed))
		for i := 0; i < len(base.Results); i += 4 {
			x := base.Results[i]
			f, _ := s.Get(catalog.Parcels, x.ID)
			for prop := range storedWeights {
				if prop == "distance_seaport_km" {
					continue
				}
				better := improve(prop, f.Value(prop), rng)
				c := f.Stored()
				c.Props[prop] = better
				after := match.Match(s.Apply([]*catalog.Feature{c}, s.Revision+1, now), r)
				if got := rankOf(after, x.ID); got == 0 || got > x.Rank {
					t.Fatalf("seed %d: %s from rank %d to %d after %s %v → %v", seed, x.ID, x.Rank, got, prop, f.Value(prop), better)
				}
			}
		}
	}
}

// improve returns a better value of prop than v (any known value beats an
// unknown one).
func improve(prop string, v any, rng *rand.Rand) float64 {
	x, ok := v.(float64)
	if !ok {
		return float64(rng.Intn(5))
	}
	switch prop {
	case "fibre_carriers":
		return x + 1
	case "lease_price_usd_m2", "management_fee_usd_m2_year":
		return math.Max(0, math.Round((x-rng.Float64()*x/2)*100)/100)
	}
	return math.Round((x+0.1+rng.Float64()*x)*10) / 10
}

// TestMoreWeightNeverLowersBest: giving a criterion more weight never
// lowers the rank of a parcel that is best on it.
func TestMoreWeightNeverLowersBest(t *testing.T) {
	for _, seed := range seeds {
		s := generatedSnapshot(t, 300, seed)
		rng := rand.New(rand.NewSource(seed))
		for range 10 {
			r := mustParse(t, randomRequest{}.Generate(rng, 0).Interface().(randomRequest).Body)
			base := match.Match(s, r)
			_, weights := r.Effective()
			for c, w := range weights {
				heavier := r
				heavier.Weights = weights.Clone()
				heavier.Weights[c] = w*2 + 1
				after := match.Match(s, heavier)
				for _, x := range base.Results {
					if criterionOf(x, c).Score == 1 && rankOf(after, x.ID) > x.Rank {
						t.Fatalf("seed %d: %s is best on %s but drops from %d to %d when it weighs %v",
							seed, x.ID, c, x.Rank, rankOf(after, x.ID), heavier.Weights[c])
					}
				}
			}
		}
	}
}

// TestTiesByID: with nothing weighted every match scores 1 and the order
// is by id; the limit cuts the list, not the counts.
func TestTiesByID(t *testing.T) {
	s := generatedSnapshot(t, 200, 1)
	res := match.Match(s, mustParse(t, `{"requirements":{"statuses":["available"]},"limit":7}`))
	if len(res.Results) != 7 || res.Matched <= 7 {
		t.Fatalf("%d results of %d matched", len(res.Results), res.Matched)
	}
	for i, x := range res.Results {
		if x.Score != 1 || len(x.Criteria) != 0 || (i > 0 && res.Results[i-1].ID >= x.ID) {
			t.Errorf("result %d: %+v", i, x)
		}
	}
}
