package demo_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"
)

func TestParcelsInsideZonesAndDisjoint(t *testing.T) {
	c := loadDemo(t)
	for i, p := range c.parcels {
		zid, _ := p.Properties["zone_id"].(string)
		z := c.byID[zid]
		if z == nil {
			t.Errorf("%s: unknown zone %q", p.ID, zid)
			continue
		}
		if !allVerticesIn(p.Geometry, z.Geometry) {
			t.Errorf("%s is not inside %s", p.ID, zid)
		}
		for _, q := range c.parcels[i+1:] {
			if anyVertexIn(p.Geometry, q.Geometry) || anyVertexIn(q.Geometry, p.Geometry) {
				t.Errorf("parcels %s and %s overlap", p.ID, q.ID)
			}
		}
	}
}

func allVerticesIn(g, in orb.Geometry) bool {
	mp := in.(orb.MultiPolygon)
	for _, poly := range g.(orb.MultiPolygon) {
		for _, p := range poly[0] {
			if !planar.MultiPolygonContains(mp, p) {
				return false
			}
		}
	}
	return true
}

func TestParcelProperties(t *testing.T) {
	c := loadDemo(t)
	sectors := []string{"high_tech", "green_industry", "logistics", "data_center", "light_industry",
		"heavy_industry", "chemicals", "services", "energy"}
	enums := map[string][]string{
		"status":     {"available", "reserved", "leased", "in_preparation"},
		"flood_risk": {"low", "medium", "high"},
	}
	for _, f := range c.parcels {
		p := f.Properties
		for k, vals := range enums {
			if s, _ := p[k].(string); !slices.Contains(vals, s) {
				t.Errorf("%s: %s %q", f.ID, k, s)
			}
		}
		for _, s := range p["sectors"].([]any) {
			if !slices.Contains(sectors, s.(string)) {
				t.Errorf("%s: sector %v", f.ID, s)
			}
		}
		for _, feed := range asStrings(p["power_feed_substations"]) {
			if sub := c.byID[feed]; sub == nil || sub.Properties["kind"] != "substation" {
				t.Errorf("%s: feed %q is not a substation", f.ID, feed)
			}
		}
		if dual, _ := p["power_dual_feed"].(bool); dual && len(asStrings(p["power_feed_substations"])) != 2 {
			t.Errorf("%s: dual feed without two substations", f.ID)
		}
		if price, _ := p["lease_price_usd_m2"].(float64); price < 65 || price > 170 {
			t.Errorf("%s: lease price %v", f.ID, price)
		}
	}
}

func asStrings(v any) []string {
	var out []string
	for _, s := range asSlice(v) {
		out = append(out, s.(string))
	}
	return out
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// anchor is a row of the anchor-parcel table (mkdemo/parcels_table.go) (a spot-checked subset of columns).
type anchor struct {
	code, status string
	areaHa       float64
	price        float64
	mva, kv      float64 // 0: no power data
	flood        string
}

var anchors = []anchor{
	{"HP-DC1-01", "available", 6, 165, 40, 110, "low"},
	{"HP-DC1-02", "leased", 10, 165, 45, 110, "low"},
	{"HP-DC2-01", "available", 25, 150, 60, 110, "low"},
	{"HP-DC3-01", "available", 40, 120, 30, 110, "medium"},
	{"HP-NDV-01", "available", 12, 140, 20, 22, "low"},
	{"HP-XC-01", "available", 30, 130, 25, 110, "medium"},
	{"HP-VSIP-01", "available", 15, 160, 50, 110, "low"},
	{"HP-TD2-01", "reserved", 8, 170, 30, 110, "low"},
	{"HP-TD3-01", "in_preparation", 60, 145, 80, 110, "medium"},
	{"HP-NM2-01", "in_preparation", 20, 150, 40, 110, "low"},
	{"HP-NCK-01", "available", 10, 125, 25, 110, "low"},
	{"HP-AD-01", "available", 9, 140, 0, 0, "low"},
	{"HP-TT-01", "in_preparation", 50, 135, 100, 110, "medium"},
	{"HP-DS-01", "available", 5, 100, 15, 22, "high"},
	{"HP-NTC-01", "in_preparation", 20, 150, 30, 110, "medium"},
	{"HP-TN-01", "in_preparation", 35, 140, 120, 220, "low"},
	{"HD-HDI-01", "available", 40, 115, 60, 110, "low"},
	{"HD-DA-01", "available", 4, 110, 10, 22, "low"},
}

func TestAnchors(t *testing.T) {
	c := loadDemo(t)
	for _, a := range anchors {
		t.Run(a.code, func(t *testing.T) {
			f := c.byID[strings.ToLower(a.code)]
			if f == nil {
				t.Fatal("missing")
			}
			p := f.Properties
			if p["status"] != a.status || p["lease_price_usd_m2"] != a.price || p["flood_risk"] != a.flood {
				t.Errorf("status %v price %v flood %v", p["status"], p["lease_price_usd_m2"], p["flood_risk"])
			}
			if ha := geo.Area(f.Geometry) / 1e4; math.Abs(ha-a.areaHa) > 0.05*a.areaHa {
				t.Errorf("area %.2f ha, want %v", ha, a.areaHa)
			}
			if a.mva == 0 {
				for k := range p {
					if strings.HasPrefix(k, "power_") {
						t.Errorf("has %s, want no power data", k)
					}
				}
				return
			}
			if p["power_capacity_mva"] != a.mva || p["power_voltage_kv"] != a.kv {
				t.Errorf("power %v MVA at %v kV", p["power_capacity_mva"], p["power_voltage_kv"])
			}
		})
	}
}

func TestAnchorDetails(t *testing.T) {
	c := loadDemo(t)
	p := c.byID["hp-dc2-01"].Properties
	if p["lease_until"] != "2067-12-31" || p["power_dual_feed"] != true || p["water_m3_day"] != 5000.0 ||
		p["available_from"] != "2026-06-30" || p["fibre_carriers"] != 3.0 {
		t.Errorf("hp-dc2-01: %v", p)
	}
	p = c.byID["hp-ndv-01"].Properties
	if p["ready_built"] != true || p["bonded"] != true {
		t.Errorf("hp-ndv-01 ready_built %v bonded %v", p["ready_built"], p["bonded"])
	}
}
