package match_test

import (
	"encoding/json"
	"reflect"
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
