package match_test

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/match"
)

func TestDemand(t *testing.T) {
	s := demoSnapshot(t)
	day := func(d int) time.Time { return time.Date(2026, 3, d, 10, 0, 0, 0, time.UTC) }
	asks := []struct {
		at   time.Time
		body string
	}{
		{day(1), `{"sector":"logistics"}`}, // before the window
		{day(2), `{"sector":"data_center"}`},
		{day(3), `{"sector":"data_center","requirements":{"min_power_capacity_mva":500}}`}, // no site
		{day(4), `{"requirements":{"min_water_m3_day":1000,"within":` + polygonJSON(106.7, 20.8, 106.8, 20.9) + `}}`},
		{day(9), `{"sector":"high_tech"}`}, // at the window's end: excluded
	}
	var records []match.DemandRecord
	for _, a := range asks {
		r := mustParse(t, a.body)
		records = append(records, match.NewDemandRecord(r, match.Match(s, r), a.at))
	}
	rep := match.Summarize(records, day(2), day(9))
	if rep.Requests != 3 || rep.NoSite != 1 {
		t.Fatalf("requests %d, no site %d", rep.Requests, rep.NoSite)
	}
	if len(rep.BySector) != 2 || rep.BySector[0] != (match.SectorDemand{Sector: "data_center", Requests: 2, NoSite: 1}) ||
		rep.BySector[1] != (match.SectorDemand{Sector: "", Requests: 1}) {
		t.Errorf("by sector %+v", rep.BySector)
	}
	byName := map[string]match.RequirementDemand{}
	for i, rd := range rep.Requirements {
		byName[rd.Criterion] = rd
		if i > 0 && rep.Requirements[i-1].Eliminated < rd.Eliminated {
			t.Errorf("requirements out of order at %s", rd.Criterion)
		}
	}
	power := byName["min_power_capacity_mva"]
	if power.Requests != 2 || power.Eliminated != 2 || power.NoSite != 1 || power.Parcels < 2*53 {
		t.Errorf("power demand %+v", power)
	}
	if area := byName["min_area_ha"]; area.Requests != 2 || area.Eliminated != 0 {
		t.Errorf("min_area_ha %+v", area)
	}
	if _, ok := byName["max_distance_km.deepsea_port"]; ok {
		t.Error("the logistics request before the window was counted")
	}
	if all := match.Summarize(records, time.Time{}, time.Time{}); all.Requests != 5 {
		t.Errorf("open window: %d requests", all.Requests)
	}
	// Records are stored as JSON and read back unchanged.
	for _, d := range records {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var back match.DemandRecord
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%v\n%s", err, b)
		}
		if !reflect.DeepEqual(back, d) {
			t.Errorf("round trip:\n%+v\n%+v", d, back)
		}
	}
}

// TestDemandOldRecords: records stored before summaries (whole lists,
// GeoJSON polygons, nested distance groups) decode into the same summary
// and count in the report.
func TestDemandOldRecords(t *testing.T) {
	old := `{"at":"2026-03-02T10:00:00Z","sector":"logistics","considered":86,"matched":0,
	  "requirements":{"min_area_ha":2,"max_distance_km":{"deepsea_port":30},"statuses":["available","in_preparation"],
	    "zones":[` + zoneList("zz-", 2000) + `],"within":` + polygonJSON(106.7, 20.8, 106.8, 20.9) + `},
	  "eliminated":{"min_area_ha":3,"max_distance_km.deepsea_port":40,"statuses":10,"zones":86,"within":50},
	  "eliminated_only":{"zones":20}}`
	var d match.DemandRecord
	if err := json.Unmarshal([]byte(old), &d); err != nil {
		t.Fatal(err)
	}
	zones, _ := d.Requirements["zones"].(match.ListSummary)
	area, _ := d.Requirements["within"].(match.AreaSummary)
	statuses, _ := d.Requirements["statuses"].(match.ListSummary)
	if zones.Count != 2000 || len(zones.First) != 5 || zones.First[0] != "zz-0" || statuses.Count != 2 ||
		d.Requirements["max_distance_km.deepsea_port"] != 30.0 || d.Requirements["min_area_ha"] != 2.0 ||
		len(area.BBox) != 4 || area.BBox[0] != 106.7 || area.AreaHa < 10_000 {
		t.Errorf("decoded %+v", d.Requirements)
	}
	rep := match.Summarize([]match.DemandRecord{d}, time.Time{}, time.Time{})
	if rep.Requests != 1 || rep.NoSite != 1 || rep.Requirements[0].Criterion != "zones" || rep.Requirements[0].Only != 20 {
		t.Errorf("report %+v", rep)
	}
	if b, _ := json.Marshal(d); len(b) > 1000 {
		t.Errorf("re-encoded: %d bytes", len(b))
	}
	// A value that cannot be read is left out, not an error.
	if err := json.Unmarshal([]byte(`{"requirements":{"zones":{"count":"many"},"within":7,"min_area_ha":null}}`), &d); err != nil || len(d.Requirements) != 0 {
		t.Errorf("unreadable values: %v %+v", err, d.Requirements)
	}
}

// TestDemandRecordBounded: a request stating every requirement, with 200
// zone ids of 128 characters and a 10,000-vertex area, on a catalogue
// large enough for seven-digit counts, still makes a record under the cap,
// keeping every count.
func TestDemandRecordBounded(t *testing.T) {
	s := demoSnapshot(t)
	long := make([]string, match.MaxZones)
	for i := range long {
		long[i] = `"` + strings.Repeat("z", 124) + strings.Repeat("0", 4-len(itoa(i))) + itoa(i) + `"`
	}
	body := `{"sector":"data_center","requirements":{
	  "min_area_ha":1.2345678901234567e+300,"max_area_ha":1.2345678901234567e+301,"min_power_capacity_mva":123456789.123,"power_dual_feed":true,
	  "min_power_voltage_kv":1.2345678901234567e+300,"min_water_m3_day":1.2345678901234567e+300,"min_wastewater_m3_day":1.2345678901234567e+300,"min_fibre_carriers":1.2345678901234567e+300,
	  "max_lease_price_usd_m2":1.2345678901234567e+300,"max_management_fee_usd_m2_year":1.2345678901234567e+300,"min_lease_term_years":1.2345678901234567e+300,
	  "available_by":"2099-12-31","available_within_months":1200,"flood_risk_at_most":"high","min_elevation_m":-1.2345678901234567e+300,
	  "max_distance_km":{"seaport":1.2345678901234567e+300,"deepsea_port":1.2345678901234567e+300,"airport":1.2345678901234567e+300,"expressway":1.2345678901234567e+300,"substation":1.2345678901234567e+300},
	  "min_distance_km":{"seaport":1.2345678901234567e+300,"deepsea_port":1.2345678901234567e+300,"airport":1.2345678901234567e+300,
	    "expressway":1.2345678901234567e+300,"substation":1.2345678901234567e+300,"hazard":1.2345678901234567e+300},
	  "statuses":["available","reserved","leased","in_preparation"],"zones":[` + strings.Join(long, ",") + `],
	  "sectors":["high_tech","green_industry","logistics","data_center","light_industry","heavy_industry","chemicals","services","energy"],
	  "ready_built":true,"bonded":true,"within":` + circle(9999) + `}}`
	r := mustParse(t, body)
	res := match.Match(s, r)
	res.Considered = 9_999_999
	for i := range res.Funnel {
		res.Funnel[i].Eliminated, res.Funnel[i].Only = 9_999_999, 9_999_999
	}
	d := match.NewDemandRecord(r, res, time.Now())
	b, _ := json.Marshal(d)
	if len(b) > match.MaxDemandRecordBytes || len(d.Eliminated) != len(res.Funnel) || len(d.EliminatedOnly) != len(res.Funnel) || !d.Trimmed {
		t.Errorf("%d bytes (cap %d), %d of %d counts, trimmed %v: %s", len(b), match.MaxDemandRecordBytes,
			len(d.Eliminated), len(res.Funnel), d.Trimmed, b)
	}
	zonesOnly := mustParse(t, `{"requirements":{"zones":[`+strings.Join(long, ",")+`],"within":`+circle(9999)+`}}`)
	d = match.NewDemandRecord(zonesOnly, match.Match(s, zonesOnly), time.Now())
	b, _ = json.Marshal(d)
	zs, _ := d.Requirements["zones"].(match.ListSummary)
	area, _ := d.Requirements["within"].(match.AreaSummary)
	if len(b) > 1500 || d.Trimmed || zs.Count != 200 || len(zs.First) != 5 || len(area.BBox) != 4 || area.AreaHa < 100_000 {
		t.Errorf("%d bytes: %s", len(b), b)
	}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

// zoneList returns `"prefix0","prefix1",…` (n ids) for a JSON array.
func zoneList(prefix string, n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("%q", fmt.Sprintf("%s%d", prefix, i))
	}
	return strings.Join(ids, ",")
}

// circle is a valid GeoJSON polygon of n+1 positions around the Hai Phong
// demo.
func circle(n int) string {
	pts := make([][2]float64, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		pts = append(pts, [2]float64{106.7 + 0.3*math.Cos(a), 20.85 + 0.2*math.Sin(a)})
	}
	b, _ := json.Marshal(append(pts, pts[0]))
	return `{"type":"Polygon","coordinates":[` + string(b) + `]}`
}
