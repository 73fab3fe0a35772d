package match_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/match"
)

func mustParse(tb testing.TB, body string) match.Request {
	tb.Helper()
	r, err := match.ParseRequest([]byte(body), nil)
	if err != nil {
		tb.Fatalf("%s: %v", body, err)
	}
	return r
}

func ids(rs []match.Ranked) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func excludedByID(res match.Result) map[string]match.Excluded {
	out := map[string]match.Excluded{}
	for _, e := range res.Excluded {
		out[e.ID] = e
	}
	return out
}

func reasonFor(e match.Excluded, criterion string) (match.Reason, bool) {
	for _, r := range e.Reasons() {
		if r.Criterion == criterion {
			return r, true
		}
	}
	return match.Reason{}, false
}

func criterionOf(r match.Ranked, name string) match.CriterionScore {
	for _, c := range r.Criteria {
		if c.Criterion == name {
			return c
		}
	}
	return match.CriterionScore{}
}

// dataCentreInvestor is a data-centre request in the shape of the API documentation's
// example, sized for the demo catalogue: the data_center profile plus 40
// MVA, a price cap, handover by the end of 2027, 30 years of term and a
// substation within 15 km, weighted as in the contract.
const dataCentreInvestor = `{"sector": "data_center",
 "requirements": {"min_power_capacity_mva": 40, "max_lease_price_usd_m2": 170, "available_by": "2027-12-31",
                  "min_lease_term_years": 30, "max_distance_km": {"substation": 15}},
 "weights": {"power_capacity_mva": 3, "lease_price_usd_m2": 2, "distance_seaport_km": 1},
 "limit": 20}`

// TestDemoDataCentre: on the demo catalogue the data-centre request gives a
// short, explainable list: big dual-fed 110–220 kV plots away from the
// Dinh Vu fuel terminals, Thuy Nguyen's 120 MVA first.
func TestDemoDataCentre(t *testing.T) {
	s := demoSnapshot(t)
	res := match.Match(s, mustParse(t, dataCentreInvestor))
	want := []string{"hp-tn-01", "hp-dc2-04", "hd-hdi-01", "hp-dc2-01", "hp-vsip-01"}
	if got := ids(res.Results); !slices.Equal(got, want) {
		t.Fatalf("ranking %v, want %v", got, want)
	}
	if res.Considered != 86 || res.Matched != 5 || len(res.Excluded) != 81 || res.Revision != s.Revision {
		t.Errorf("considered %d, matched %d, excluded %d", res.Considered, res.Matched, len(res.Excluded))
	}
	first := res.Results[0]
	if first.Rank != 1 || first.Code != "HP-TN-01" || first.ZoneID != "z-tn" || !strings.Contains(first.Name, "Thuy Nguyen") {
		t.Errorf("first result %+v", first)
	}
	sentences := map[string]string{
		"hp-tn-01/power_capacity_mva":  "Power capacity 120 MVA: 1 on a scale from 50 MVA (0) to 120 MVA (1) across the 5 matching sites",
		"hd-hdi-01/lease_price_usd_m2": "Land price 115 USD/m²: 1 on a scale from 160 USD/m² (0) to 115 USD/m² (1) across the 5 matching sites",
		"hp-dc2-04/fibre_carriers":     "Fibre carriers 3, the same at all 5 matching sites: 1",
		"hp-dc2-04/distance_seaport_km": "Nearest seaport (Nam Dinh Vu port phase 1, port-ndv) is 2.88 km away: " +
			"1 on a scale from 40.3 km (0) to 2.78 km (1) across the 5 matching sites",
	}
	for _, r := range res.Results {
		for _, c := range r.Criteria {
			if want, ok := sentences[r.ID+"/"+c.Criterion]; ok && c.Explanation != want {
				t.Errorf("%s %s:\n got %q\nwant %q", r.ID, c.Criterion, c.Explanation, want)
			}
			delete(sentences, r.ID+"/"+c.Criterion)
		}
	}
	if len(sentences) > 0 {
		t.Errorf("missing criteria: %v", sentences)
	}
	ex := excludedByID(res)
	reasons := map[string]string{
		"hp-dc1-01/min_lease_term_years":   "Remaining lease term 21.83 years is below the required 30 years",
		"hp-ndv-01/min_power_capacity_mva": "Power capacity 20 MVA is below the required 40 MVA",
		"hp-ndv-01/power_dual_feed":        "The parcel has no dual feed from two independent substations, which is required",
		"hp-ndv-01/sectors":                "Sectors allowed here are logistics and high-tech; data centre is not among them",
		"hp-td3-01/flood_risk_at_most":     "Flood risk is medium; at most low is accepted",
		"hp-dc1-02/statuses":               "Status is leased; available or in preparation required",
	}
	for key, want := range reasons {
		id, crit, _ := strings.Cut(key, "/")
		if r, ok := reasonFor(ex[id], crit); !ok || r.Message != want {
			t.Errorf("%s: got %q, want %q", key, r.Message, want)
		}
	}
}

// TestDemoHazard: the Dinh Vu plots next to fuel and gas terminals are
// excluded for data centres by the 1 km hazard distance, with the facility
// named.
func TestDemoHazard(t *testing.T) {
	res := match.Match(demoSnapshot(t), mustParse(t, `{"sector":"data_center"}`))
	ex := excludedByID(res)
	for _, id := range []string{"hp-dc1-01", "hp-dc1-02", "hp-ndv-01"} {
		r, ok := reasonFor(ex[id], "min_distance_km.hazard")
		if !ok {
			t.Errorf("%s is not excluded by min_distance_km.hazard (%v)", id, ex[id].Failed())
			continue
		}
		km, _ := r.Value.(float64)
		if km >= 1 || r.Required != 1.0 || !strings.HasPrefix(r.Message, "Nearest hazardous facility (") ||
			!strings.HasSuffix(r.Message, "; at least 1 km required") {
			t.Errorf("%s: %+v", id, r)
		}
	}
	if f := ex["hp-dc1-01"].Failed(); !slices.Equal(f, []string{"min_distance_km.hazard"}) {
		t.Errorf("hp-dc1-01 should fail only on the hazard distance, fails %v", f)
	}
	step := funnelStep(res, "min_distance_km.hazard")
	if step.Eliminated < 3 || step.Only < 1 {
		t.Errorf("hazard funnel %+v", step)
	}
}

func funnelStep(res match.Result, criterion string) match.FunnelStep {
	for _, s := range res.Funnel {
		if s.Criterion == criterion {
			return s
		}
	}
	return match.FunnelStep{}
}

// TestUnknownPower: HP-AD-01 publishes no power data (nor does its zone):
// requiring power excludes it as unknown, never passes it.
func TestUnknownPower(t *testing.T) {
	s := demoSnapshot(t)
	res := match.Match(s, mustParse(t, `{"requirements":{"min_power_capacity_mva":10},"weights":{"power_capacity_mva":1}}`))
	r, ok := reasonFor(excludedByID(res)["hp-ad-01"], "min_power_capacity_mva")
	if !ok || !r.Unknown || r.Value != nil || r.Required != 10.0 ||
		r.Message != "Power capacity is not published for this parcel (unknown), so the required minimum of 10 MVA cannot be confirmed" {
		t.Fatalf("hp-ad-01: %+v", r)
	}
	if step := funnelStep(res, "min_power_capacity_mva"); step.Unknown < 1 || step.Unknown > step.Eliminated {
		t.Errorf("funnel %+v", step)
	}
	// As a weighted criterion only, unknown power scores 0 and says so.
	res = match.Match(s, mustParse(t, `{"weights":{"power_capacity_mva":1},"limit":1000}`))
	for _, rk := range res.Results {
		if rk.ID == "hp-ad-01" {
			c := criterionOf(rk, "power_capacity_mva")
			if c.Value != nil || c.Score != 0 || !strings.Contains(c.Explanation, "(unknown): scored 0") {
				t.Errorf("hp-ad-01 power criterion %+v", c)
			}
			return
		}
	}
	t.Error("hp-ad-01 should be ranked when power is only weighted")
}

// TestWithin: the area of interest keeps parcels that share a point with
// it, including one that contains it entirely, and excludes the rest.
func TestWithin(t *testing.T) {
	s := demoSnapshot(t)
	tn, _ := s.Get(catalog.Parcels, "hp-tn-01")
	c := tn.Bound.Center()
	tiny := polygonJSON(c[0]-0.0005, c[1]-0.0005, c[0]+0.0005, c[1]+0.0005) // inside the parcel, no edge crossing
	res := match.Match(s, mustParse(t, `{"requirements":{"within":`+tiny+`}}`))
	if got := ids(res.Results); !slices.Equal(got, []string{"hp-tn-01"}) {
		t.Errorf("a polygon inside hp-tn-01 matched %v", got)
	}
	if r, ok := reasonFor(excludedByID(res)["hp-dc1-01"], "within"); !ok || r.Message != "The parcel lies outside the area of interest" {
		t.Errorf("hp-dc1-01: %+v", r)
	}
	// A box over the Dinh Vu peninsula, with a hole around HP-DC1-01.
	dc1, _ := s.Get(catalog.Parcels, "hp-dc1-01")
	h := dc1.Bound.Pad(0.001)
	holed := `{"type":"Polygon","coordinates":[` + ring(106.74, 20.80, 106.84, 20.85) + `,` + ring(h.Min[0], h.Min[1], h.Max[0], h.Max[1]) + `]}`
	res = match.Match(s, mustParse(t, `{"requirements":{"within":`+holed+`},"limit":1000}`))
	got := ids(res.Results)
	if slices.Contains(got, "hp-dc1-01") || !slices.Contains(got, "hp-dc2-01") || !slices.Contains(got, "hp-ndv-01") {
		t.Errorf("Dinh Vu box with a hole around hp-dc1-01: %v", got)
	}
}

func ring(x0, y0, x1, y1 float64) string {
	b, _ := json.Marshal([][2]float64{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}})
	return string(b)
}

func polygonJSON(x0, y0, x1, y1 float64) string {
	return `{"type":"Polygon","coordinates":[` + ring(x0, y0, x1, y1) + `]}`
}

// TestResultJSON: the result encodes in the contract's shape.
func TestResultJSON(t *testing.T) {
	res := match.Match(demoSnapshot(t), mustParse(t, dataCentreInvestor))
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Results []struct {
			ID       string
			ZoneID   string `json:"zone_id"`
			Rank     int
			Score    float64
			Criteria []map[string]any
		}
		Excluded []struct {
			ID      string
			Reasons []map[string]any
		}
		Considered, Matched int
		Funnel              []map[string]any
		Requirements        map[string]any
		Weights             map[string]float64
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Results) != 5 || out.Results[0].ZoneID != "z-tn" || len(out.Results[0].Criteria) != 6 || len(out.Excluded) != 81 {
		t.Fatalf("decoded %d results (first zone %q, %d criteria), %d excluded", len(out.Results), out.Results[0].ZoneID, len(out.Results[0].Criteria), len(out.Excluded))
	}
	for _, k := range []string{"criterion", "value", "weight", "score", "explanation"} {
		if _, ok := out.Results[0].Criteria[0][k]; !ok {
			t.Errorf("criterion has no %q", k)
		}
	}
	for _, e := range out.Excluded {
		if e.ID == "" || len(e.Reasons) == 0 {
			t.Fatalf("excluded %+v", e)
		}
		for _, k := range []string{"criterion", "value", "required", "message"} {
			if _, ok := e.Reasons[0][k]; !ok {
				t.Errorf("%s: reason has no %q", e.ID, k)
			}
		}
	}
	dist, _ := out.Requirements["max_distance_km"].(map[string]any)
	if dist["substation"] != 15.0 || out.Weights["elevation_m"] != 1 || len(out.Funnel) != len(res.Funnel) {
		t.Errorf("effective requirements %v, weights %v", out.Requirements, out.Weights)
	}
}

func TestAppendFeatureCollection(t *testing.T) {
	s := demoSnapshot(t)
	res := match.Match(s, mustParse(t, dataCentreInvestor))
	var fc struct {
		Type     string
		Features []struct {
			ID         string
			Properties map[string]any
		}
		NumberMatched, NumberReturned int
	}
	b := res.AppendFeatureCollection([]byte("x"), s, "en")
	if err := json.Unmarshal(b[1:], &fc); err != nil || b[0] != 'x' {
		t.Fatalf("%v\n%s", err, b)
	}
	if fc.Type != "FeatureCollection" || fc.NumberMatched != 5 || fc.NumberReturned != 5 || len(fc.Features) != 5 {
		t.Fatalf("collection %+v", fc)
	}
	for i, f := range fc.Features {
		p := f.Properties
		if f.ID != res.Results[i].ID || p["match_rank"] != float64(i+1) || p["match_score"] != res.Results[i].Score {
			t.Errorf("feature %d: id %s, rank %v, score %v", i, f.ID, p["match_rank"], p["match_score"])
		}
		if p["code"] == nil || p["power_capacity_mva"] == nil || p["name"] == nil {
			t.Errorf("feature %d lost its properties: %v", i, p)
		}
	}
	// Numbers are written as reals (QGIS types fields from the first
	// features), the rank as an integer.
	for _, re := range []string{`"match_score":-?[0-9]+\.[0-9]+\}`, `"match_rank":[0-9]+,`, `"power_capacity_mva":[0-9]+\.[0-9]+[,}]`} {
		if n := len(regexp.MustCompile(re).FindAll(b, -1)); n != 5 {
			t.Errorf("%s: %d of 5 features", re, n)
		}
	}
}
