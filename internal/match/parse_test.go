package match_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/match"
	"github.com/paulmach/orb"
)

func TestParseRequestErrors(t *testing.T) {
	cases := []struct {
		name, body string
		pointers   []string // every one must be reported (prefix match for geometry details)
	}{
		{"UnknownRequirement", `{"requirements":{"colour":"red"}}`, []string{"/requirements/colour"}},
		{"UnknownWeight", `{"weights":{"colour":1}}`, []string{"/weights/colour"}},
		{"NonNumericWeightKey", `{"weights":{"status":1,"power_dual_feed":2}}`, []string{"/weights/power_dual_feed", "/weights/status"}},
		{"RevisionIsNoCriterion", `{"weights":{"revision":1}}`, []string{"/weights/revision"}},
		{"WeightNotANumber", `{"weights":{"area_ha":"a lot"}}`, []string{"/weights/area_ha"}},
		{"NegativeWeight", `{"weights":{"lease_price_usd_m2":-1}}`, []string{"/weights/lease_price_usd_m2"}},
		{"NegativeArea", `{"requirements":{"min_area_ha":-1}}`, []string{"/requirements/min_area_ha"}},
		{"AreaNotANumber", `{"requirements":{"max_area_ha":"big"}}`, []string{"/requirements/max_area_ha"}},
		{"MinAboveMax", `{"requirements":{"min_area_ha":10,"max_area_ha":5}}`, []string{"/requirements/min_area_ha"}},
		{"MaxBelowProfileMin", `{"sector":"logistics","requirements":{"max_area_ha":1}}`, []string{"/requirements/max_area_ha"}},
		{"DistanceMinAboveMax", `{"requirements":{"min_distance_km":{"airport":20},"max_distance_km":{"airport":10}}}`, []string{"/requirements/min_distance_km/airport"}},
		{"MaxHazardDistance", `{"requirements":{"max_distance_km":{"hazard":5}}}`, []string{"/requirements/max_distance_km/hazard"}},
		{"UnknownDistanceKind", `{"requirements":{"max_distance_km":{"moon":5}}}`, []string{"/requirements/max_distance_km/moon"}},
		{"DistanceNotAnObject", `{"requirements":{"max_distance_km":5}}`, []string{"/requirements/max_distance_km"}},
		{"FloodExtreme", `{"requirements":{"flood_risk_at_most":"extreme"}}`, []string{"/requirements/flood_risk_at_most"}},
		{"UnknownSector", `{"sector":"mining"}`, []string{"/sector"}},
		{"SectorWithoutProfile", `{"sector":"light_industry"}`, []string{"/sector"}},
		{"BadDate", `{"requirements":{"available_by":"2027-13-01"}}`, []string{"/requirements/available_by"}},
		{"DateNotAString", `{"requirements":{"available_by":2027}}`, []string{"/requirements/available_by"}},
		{"FractionalMonths", `{"requirements":{"available_within_months":1.5}}`, []string{"/requirements/available_within_months"}},
		{"WithinPoint", `{"requirements":{"within":{"type":"Point","coordinates":[106.7,20.8]}}}`, []string{"/requirements/within"}},
		{"WithinEmpty", `{"requirements":{"within":{"type":"Polygon","coordinates":[]}}}`, []string{"/requirements/within"}},
		{"WithinBowtie", `{"requirements":{"within":{"type":"Polygon","coordinates":[[[106,20],[107,21],[107,20],[106,21],[106,20]]]}}}`, []string{"/requirements/within/coordinates"}},
		{"WithinNotGeoJSON", `{"requirements":{"within":"Hai Phong"}}`, []string{"/requirements/within"}},
		{"UnknownStatus", `{"requirements":{"statuses":["available","sold"]}}`, []string{"/requirements/statuses"}},
		{"EmptySectors", `{"requirements":{"sectors":[]}}`, []string{"/requirements/sectors"}},
		{"UnknownSectorValue", `{"requirements":{"sectors":["mining"]}}`, []string{"/requirements/sectors"}},
		{"BadZoneID", `{"requirements":{"zones":["z vsip"]}}`, []string{"/requirements/zones"}},
		{"FlagNotBool", `{"requirements":{"power_dual_feed":"yes"}}`, []string{"/requirements/power_dual_feed"}},
		{"FractionalFibre", `{"requirements":{"min_fibre_carriers":2.5}}`, []string{"/requirements/min_fibre_carriers"}},
		{"LimitZero", `{"limit":0}`, []string{"/limit"}},
		{"LimitTooLarge", `{"limit":5000}`, []string{"/limit"}},
		{"LimitFraction", `{"limit":2.5}`, []string{"/limit"}},
		{"LimitString", `{"limit":"ten"}`, []string{"/limit"}},
		{"UnknownField", `{"colour":"red"}`, []string{"/colour"}},
		{"RequirementsNotAnObject", `{"requirements":[1]}`, []string{"/requirements"}},
		{"AllAtOnce", `{"sector":"mining","requirements":{"min_area_ha":-1,"colour":1},"weights":{"colour":1},"limit":-3}`,
			[]string{"/limit", "/requirements/colour", "/requirements/min_area_ha", "/sector", "/weights/colour"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := match.ParseRequest([]byte(c.body), nil)
			var e *catalog.Error
			if !errors.As(err, &e) || e.Kind != catalog.KindBadRequest {
				t.Fatalf("want a bad-request *catalog.Error, got %v", err)
			}
			for _, want := range c.pointers {
				if !hasPointer(e.Problems, want) {
					t.Errorf("no problem at %s in %+v", want, e.Problems)
				}
			}
			for _, p := range e.Problems {
				if p.Message == "" {
					t.Errorf("problem at %s has no message", p.Pointer)
				}
			}
		})
	}
}

func hasPointer(probs []catalog.Problem, want string) bool {
	for _, p := range probs {
		if p.Pointer == want || strings.HasPrefix(p.Pointer, want+"/") {
			return true
		}
	}
	return false
}

func TestParseRequestNotAnObject(t *testing.T) {
	for _, body := range []string{``, `[1]`, `null`, `{"limit":`} {
		if _, err := match.ParseRequest([]byte(body), nil); catalog.KindOf(err) != catalog.KindBadRequest {
			t.Errorf("%q: %v", body, err)
		}
	}
}

// contractExample is the API documentation's example request with a real polygon for within.
const contractExample = `{"sector": "data_center",
 "requirements": {"min_area_ha": 10, "max_area_ha": 60, "min_power_capacity_mva": 60,
                  "power_dual_feed": true, "min_power_voltage_kv": 110,
                  "min_water_m3_day": 1000, "min_wastewater_m3_day": 800, "min_fibre_carriers": 2,
                  "max_lease_price_usd_m2": 150, "min_lease_term_years": 40,
                  "available_by": "2027-12-31", "flood_risk_at_most": "low",
                  "max_distance_km": {"seaport": 30, "deepsea_port": 40, "airport": 40,
                                      "expressway": 10, "substation": 15},
                  "min_distance_km": {"hazard": 1},
                  "statuses": ["available", "in_preparation"], "zones": ["z-vsip"],
                  "sectors": ["data_center"], "ready_built": true, "bonded": true,
                  "within": {"type": "Polygon", "coordinates": [[[106.6,20.8],[106.8,20.8],[106.8,21.0],[106.6,21.0],[106.6,20.8]]]}},
 "weights": {"power_capacity_mva": 3, "lease_price_usd_m2": 2, "distance_seaport_km": 1},
 "limit": 20}`

func TestParseRequestContractExample(t *testing.T) {
	r, err := match.ParseRequest([]byte(contractExample), nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Sector != "data_center" || r.Limit != 20 || len(r.Requirements) != 24 || len(r.Weights) != 3 {
		t.Fatalf("parsed %+v", r)
	}
	if r.Requirements["max_distance_km.deepsea_port"] != 40.0 || r.Requirements["available_by"] != "2027-12-31" {
		t.Errorf("requirements %v", r.Requirements)
	}
	if _, ok := r.Requirements["within"].(orb.Polygon); !ok {
		t.Errorf("within is %T", r.Requirements["within"])
	}
	// The requirements survive a JSON round trip (demand records are stored so).
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	back, err := match.ParseRequest(b, nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if !reflect.DeepEqual(back.Requirements, r.Requirements) || !reflect.DeepEqual(back.Weights, r.Weights) {
		t.Errorf("round trip changed the request:\n%v\n%v", r.Requirements, back.Requirements)
	}
	if r2, _ := match.ParseRequest([]byte(`{}`), nil); r2.Limit != match.DefaultLimit {
		t.Errorf("default limit %d", r2.Limit)
	}
}

// TestOverrides: the request overrides the profile field by field; null,
// false and weight 0 remove profile entries.
func TestOverrides(t *testing.T) {
	r, err := match.ParseRequest([]byte(`{"sector":"data_center",
		"requirements":{"min_distance_km":{"hazard":null},"power_dual_feed":false,"min_power_capacity_mva":60,"statuses":null},
		"weights":{"elevation_m":0,"fibre_carriers":null,"area_ha":1,"power_capacity_mva":5}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	reqs, weights := r.Effective()
	p, _ := match.ProfileByName("data_center")
	for _, gone := range []string{"min_distance_km.hazard", "power_dual_feed", "statuses"} {
		if _, ok := reqs[gone]; ok {
			t.Errorf("%s was not removed", gone)
		}
	}
	if reqs["min_power_capacity_mva"] != 60.0 || reqs["min_power_voltage_kv"] != p.Requirements["min_power_voltage_kv"] {
		t.Errorf("effective requirements %v", reqs)
	}
	want := match.Weights{"power_capacity_mva": 5, "distance_hazard_km": 2, "lease_price_usd_m2": 1, "area_ha": 1}
	if !reflect.DeepEqual(weights, want) {
		t.Errorf("effective weights %v, want %v", weights, want)
	}
	none, _ := match.Request{}.Effective()
	if len(none) != 0 {
		t.Errorf("no sector, no requirements: %v", none)
	}
}

func TestProfiles(t *testing.T) {
	names := map[string]bool{}
	for _, p := range match.Profiles() {
		names[p.Name] = true
		if p.Title == "" || p.Description == "" || len(p.Sources) == 0 || len(p.NotModelled) == 0 {
			t.Errorf("%s: incomplete profile", p.Name)
		}
		// The defaults pass the request validation and survive JSON.
		body, _ := json.Marshal(map[string]any{"requirements": p.Requirements, "weights": p.Weights})
		r, err := match.ParseRequest(body, nil)
		if err != nil {
			t.Errorf("%s: %v", p.Name, err)
			continue
		}
		if !reflect.DeepEqual(r.Requirements, p.Requirements) || !reflect.DeepEqual(r.Weights, p.Weights) {
			t.Errorf("%s: defaults change through JSON", p.Name)
		}
		for k := range p.Rationale {
			if _, ok := p.Requirements[k]; !ok && p.Weights[k] == 0 {
				t.Errorf("%s: rationale for %s, which the profile does not set", p.Name, k)
			}
		}
		for k := range p.Requirements {
			if p.Rationale[k] == "" {
				t.Errorf("%s: requirement %s has no rationale", p.Name, k)
			}
		}
		for k := range p.Weights {
			if p.Rationale[k] == "" {
				t.Errorf("%s: weight %s has no rationale", p.Name, k)
			}
		}
		if s, _ := p.Requirements["sectors"].([]string); len(s) != 1 || s[0] != p.Name {
			t.Errorf("%s: sectors %v", p.Name, s)
		}
	}
	for _, n := range []string{"high_tech", "green_industry", "logistics", "data_center"} {
		if !names[n] {
			t.Errorf("no profile %s", n)
		}
	}
	// Profiles are built afresh: changing one changes no other caller's.
	p, _ := match.ProfileByName("data_center")
	p.Requirements["statuses"].([]string)[0] = "leased"
	p.Weights["power_capacity_mva"] = 99
	q, _ := match.ProfileByName("data_center")
	if q.Requirements["statuses"].([]string)[0] != "available" || q.Weights["power_capacity_mva"] != 4 {
		t.Error("a caller changed the shared profile")
	}
}

// TestCatalogues: every numeric parcel property that describes a site is
// weightable with a direction, and every requirement names a parcel
// property of the schema.
func TestCatalogues(t *testing.T) {
	weightable := map[string]bool{}
	for _, w := range match.WeightCatalogue() {
		weightable[w.Property] = true
		if w.Direction != "more_is_better" && w.Direction != "less_is_better" {
			t.Errorf("%s: direction %q", w.Property, w.Direction)
		}
	}
	for _, fl := range catalog.SchemaOf(catalog.Parcels).Fields {
		numeric := fl.Type == catalog.Number || fl.Type == catalog.Integer
		if numeric && fl.Name != "revision" && !weightable[fl.Name] {
			t.Errorf("%s is numeric but not weightable", fl.Name)
		}
	}
	for _, r := range match.RequirementCatalogue() {
		if _, ok := catalog.SchemaOf(catalog.Parcels).Field(r.Property); !ok && r.Name != "within" {
			t.Errorf("requirement %s tests %q, not a parcel property", r.Name, r.Property)
		}
	}
	dirs := map[string]string{}
	for _, w := range match.WeightCatalogue() {
		dirs[w.Property] = w.Direction
	}
	for p, d := range map[string]string{"power_capacity_mva": "more_is_better", "lease_price_usd_m2": "less_is_better",
		"distance_seaport_km": "less_is_better", "distance_hazard_km": "more_is_better", "area_ha": "more_is_better"} {
		if dirs[p] != d {
			t.Errorf("%s: %s, want %s", p, dirs[p], d)
		}
	}
}
