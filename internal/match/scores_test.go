package match_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/landcat/landcat/internal/match"
)

// TestWeightsScaleFree: weights are relative, so multiplying them all by
// 1e300 changes no score, and weights no parser would accept (huge,
// infinite, NaN, subnormal) still give scores in [0,1] that encode.
func TestWeightsScaleFree(t *testing.T) {
	s := demoSnapshot(t)
	plain := match.Request{Weights: match.Weights{"area_ha": 1, "lease_price_usd_m2": 2, "power_capacity_mva": 3}, Limit: match.MaxLimit}
	huge := match.Request{Weights: match.Weights{"area_ha": 1e300, "lease_price_usd_m2": 2e300, "power_capacity_mva": 3e300}, Limit: match.MaxLimit}
	a, b := match.Match(s, plain), match.Match(s, huge)
	for i := range a.Results {
		if a.Results[i].ID != b.Results[i].ID || a.Results[i].Score != b.Results[i].Score {
			t.Fatalf("rank %d: %s %v vs %s %v", i+1, a.Results[i].ID, a.Results[i].Score, b.Results[i].ID, b.Results[i].Score)
		}
	}
	wild := match.Request{Weights: match.Weights{"area_ha": math.MaxFloat64, "lease_price_usd_m2": math.MaxFloat64,
		"power_capacity_mva": math.Inf(1), "water_m3_day": math.NaN(), "elevation_m": 5e-324, "fibre_carriers": -1}, Limit: match.MaxLimit}
	res := match.Match(s, wild)
	if _, err := json.Marshal(res); err != nil {
		t.Fatal(err)
	}
	for _, x := range res.Results {
		if !(x.Score >= 0 && x.Score <= 1) {
			t.Fatalf("%s scores %v", x.ID, x.Score)
		}
	}
	if res.Results[0].Score == 0 {
		t.Error("every score is 0")
	}
}
