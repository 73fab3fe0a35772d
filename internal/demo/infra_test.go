package demo_test

import (
	"slices"
	"testing"
)

func TestInfrastructure(t *testing.T) {
	c := loadDemo(t)
	kinds := []string{"seaport", "airport", "expressway_interchange", "expressway", "railway_station",
		"railway", "substation", "transmission_line", "power_plant", "hazard"}
	statuses := []string{"operational", "under_construction", "planned"}
	points := 0
	for _, f := range c.infra {
		p := f.Properties
		k, _ := p["kind"].(string)
		s, _ := p["status"].(string)
		if !slices.Contains(kinds, k) || !slices.Contains(statuses, s) {
			t.Errorf("%s: kind %q status %q", f.ID, k, s)
		}
		if f.Geometry.GeoJSONType() == "Point" && s != "under_construction" {
			points++
		}
		if k == "seaport" {
			if _, ok := p["max_vessel_dwt"].(float64); !ok {
				t.Errorf("%s: seaport without max_vessel_dwt", f.ID)
			}
		}
	}
	if points < 12 {
		t.Errorf("%d operational or planned points, want ≥ 12", points)
	}
	for id, dwt := range map[string]float64{"port-lh34": 165000, "port-lh12": 100000, "port-nds": 200000} {
		if got := c.byID[id].Properties["max_vessel_dwt"]; got != dwt {
			t.Errorf("%s: max_vessel_dwt %v, want %v", id, got, dwt)
		}
	}
	if got := c.byID["sub-dh"].Properties["capacity_mva"]; got != 500.0 {
		t.Errorf("sub-dh capacity %v", got)
	}
	if got := c.byID["port-nds"].Properties["status"]; got != "planned" {
		t.Errorf("port-nds status %v", got)
	}
}
