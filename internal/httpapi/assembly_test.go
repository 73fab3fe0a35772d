package httpapi_test

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/testdb"
)

// gridFC is a FeatureCollection of zone z-g (declared 45 ha) with 2×2
// available plots of 10 ha separated by 20 m roads: 35 ha needs all four.
func gridFC() string {
	const lon0, lat0, side, road = 106.60, 20.70, 316.23, 20.0
	kx, ky := 111320*math.Cos(lat0*math.Pi/180), 110700.0
	box := func(x, y, w, h float64) string {
		a, b, c, d := lon0+x/kx, lat0+y/ky, lon0+(x+w)/kx, lat0+(y+h)/ky
		return fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f]]]}`, a, b, c, b, c, d, a, d, a, b)
	}
	feats := []string{`{"type":"Feature","id":"z-g","geometry":` + box(-50, -50, 2*side+road+100, 2*side+road+100) +
		`,"properties":{"collection":"zones","code":"Z-G","name_vi":"Khu G","name_en":"Zone G","kind":"industrial_park",` +
		`"official_area_ha":45,"power_capacity_mva":80,"power_dual_feed":true,"power_voltage_kv":110,"water_m3_day":3000}}`}
	for i := range 2 {
		for j := range 2 {
			id := fmt.Sprintf("g-%d-%d", i, j)
			feats = append(feats, `{"type":"Feature","id":"`+id+`","geometry":`+box(float64(j)*(side+road), float64(i)*(side+road), side, side)+
				`,"properties":{"collection":"parcels","code":"`+strings.ToUpper(id)+`","name_vi":"Lô `+id+`","name_en":"Plot `+id+
				`","zone_id":"z-g","status":"available","available_from":"2026-01-01","sectors":["data_center","high_tech"],"lease_price_usd_m2":`+
				fmt.Sprint(100+10*(2*i+j))+`,"lease_until":"2070-12-31","flood_risk":"low","fibre_carriers":2}}`)
		}
	}
	return `{"type":"FeatureCollection","features":[` + strings.Join(feats, ",\n") + `]}`
}

type matchAnswer struct {
	Matched int
	Results []struct {
		ID, Kind string
		Parcels  []string
		Criteria []struct{ Criterion, Explanation string }
		Met      []struct {
			Criterion string
			Value     any
			Message   string
		}
	}
	Excluded []struct {
		ID         string
		Assemblies []string
	}
	Assembly     *struct{ Eligible, Listed int }
	AssemblyHint *struct {
		WouldQualify int `json:"would_qualify"`
	} `json:"assembly_hint"`
}

// TestMatchAssembly: POST /match with assembly ranks the 2×2 block of
// zone z-g, explains its aggregated values, lists it with its members'
// exclusions, draws it as one feature; without assembly the answer hints
// at it. On both databases, through the router.
func TestMatchAssembly(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			e := newEnv(t, tc.URL(t), withFeatures(gridFC()))
			post := func(body string, headers ...string) matchAnswer {
				w := e.req(t, "POST", "/match?lang=en", 0, body, append([]string{"Content-Type", "application/json"}, headers...)...)
				var a matchAnswer
				if err := json.Unmarshal(w.Body.Bytes(), &a); err != nil || w.Code != 200 {
					t.Fatalf("%d %v %s", w.Code, err, w.Body)
				}
				return a
			}
			body := `{"requirements":{"min_area_ha":35,"zones":["z-g"]},"weights":{"lease_price_usd_m2":1},"assembly":{}}`
			a := post(body)
			if a.Matched != 0 || len(a.Results) != 1 || a.Assembly == nil || a.Assembly.Listed != 1 {
				t.Fatalf("answer %+v", a)
			}
			x := a.Results[0]
			if x.Kind != "assembly" || strings.Join(x.Parcels, ",") != "g-0-0,g-0-1,g-1-0,g-1-1" || !strings.HasPrefix(x.ID, "a-") {
				t.Errorf("result %+v", x)
			}
			if len(x.Criteria) != 1 || !strings.Contains(x.Criteria[0].Explanation, "area-weighted over the 4 parcels") {
				t.Errorf("criteria %+v", x.Criteria)
			}
			if len(x.Met) != 2 || !strings.Contains(x.Met[0].Message, "the sum over the 4 parcels") {
				t.Errorf("met %+v", x.Met)
			}
			for _, ex := range a.Excluded {
				if strings.HasPrefix(ex.ID, "g-") && (len(ex.Assemblies) != 1 || ex.Assemblies[0] != x.ID) {
					t.Errorf("excluded %s: assemblies %v", ex.ID, ex.Assemblies)
				}
			}
			w := e.req(t, "POST", "/match", 0, body, "Content-Type", "application/json", "Accept", "application/geo+json")
			if w.Code != 200 || !strings.Contains(w.Body.String(), `"match_kind":"assembly"`) || !strings.Contains(w.Body.String(), `"MultiPolygon"`) {
				t.Errorf("geo+json: %d %.300s", w.Code, w.Body)
			}
			hint := post(`{"requirements":{"min_area_ha":35,"zones":["z-g"]}}`)
			if hint.AssemblyHint == nil || hint.AssemblyHint.WouldQualify != 1 || len(hint.Results) != 0 {
				t.Errorf("hint %+v", hint)
			}
			p := problemOf(t, e.req(t, "POST", "/match", 0, `{"assembly":{"max_parcels":9,"max_gap_m":-1,"colour":1}}`, "Content-Type", "application/json"), 400)
			for _, ptr := range []string{"/assembly/max_parcels", "/assembly/max_gap_m", "/assembly/colour"} {
				if !strings.Contains(pointers(p), ptr) {
					t.Errorf("400 must name %s: %s", ptr, pointers(p))
				}
			}
		})
	}
}
