package demo_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/landcat/landcat/internal/demo"
)

// catalogue is the parsed demo, by collection.
type catalogue struct {
	zones, infra, parcels []*geojson.Feature
	byID                  map[string]*geojson.Feature
}

func loadDemo(t *testing.T) catalogue {
	t.Helper()
	c := catalogue{byID: map[string]*geojson.Feature{}}
	for _, f := range demo.Files() {
		fc, err := geojson.UnmarshalFeatureCollection(f.Data)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if d, _ := fc.ExtraMembers["description"].(string); !strings.Contains(d, "emonstration") {
			t.Errorf("%s: description %q does not say demonstration data", f.Name, d)
		}
		if _, ok := fc.ExtraMembers["crs"]; ok {
			t.Errorf("%s: has a crs member", f.Name)
		}
		for _, ft := range fc.Features {
			id, _ := ft.ID.(string)
			if _, dup := c.byID[id]; dup || id == "" {
				t.Errorf("%s: id %q empty or duplicated", f.Name, id)
			}
			c.byID[id] = ft
		}
		switch f.Collection {
		case "zones":
			c.zones = fc.Features
		case "infrastructure":
			c.infra = fc.Features
		case "parcels":
			c.parcels = fc.Features
		}
	}
	return c
}

func TestFilesOrder(t *testing.T) {
	var got []string
	for _, f := range demo.Files() {
		got = append(got, f.Collection+"/"+f.Name)
	}
	want := []string{"zones/zones.geojson", "infrastructure/infrastructure.geojson", "parcels/parcels.geojson"}
	if !slices.Equal(got, want) {
		t.Fatalf("Files() = %v, want %v", got, want)
	}
}

func TestCounts(t *testing.T) {
	c := loadDemo(t)
	parks := 0
	for _, z := range c.zones {
		if z.Properties["kind"] == "industrial_park" {
			parks++
		}
	}
	if len(c.parcels) < 60 || parks < 10 || len(c.infra) < 12 {
		t.Fatalf("parcels %d (want ≥ 60), parks %d (want ≥ 10), infrastructure %d (want ≥ 12)",
			len(c.parcels), parks, len(c.infra))
	}
	// Every economic zone and industrial park of the demo tables.
	for _, id := range []string{"ez-dvch", "ez-scoast", "ftz-hp", "z-dc1", "z-dc2", "z-dc3", "z-ndv", "z-xc",
		"z-vsip", "z-td", "z-td3", "z-nm", "z-nm2", "z-nck", "z-ad", "z-tt", "z-np", "z-ds", "z-ntc", "z-tn",
		"z-tth", "z-vq", "z-hdi", "z-da", "z-pt", "z-ch", "z-lc", "z-ap1", "z-bg"} {
		if c.byID[id] == nil {
			t.Errorf("missing %s", id)
		}
	}
}

func TestCommonProperties(t *testing.T) {
	c := loadDemo(t)
	quality := []string{"verified", "secondary", "estimated", "illustrative"}
	for id, f := range c.byID {
		p := f.Properties
		code, _ := p["code"].(string)
		if strings.ToLower(code) != id || code != strings.ToUpper(code) {
			t.Errorf("%s: code %q", id, code)
		}
		for _, k := range []string{"name_vi", "name_en", "source"} {
			if s, _ := p[k].(string); s == "" {
				t.Errorf("%s: missing %s", id, k)
			}
		}
		q, _ := p["data_quality"].(string)
		if !slices.Contains(quality, q) {
			t.Errorf("%s: data_quality %q", id, q)
		}
		_, dated := p["verified_at"]
		if dated != (q == "verified" || q == "secondary") {
			t.Errorf("%s: verified_at present=%v with data_quality %s", id, dated, q)
		}
		for k := range p {
			if k == "area_ha" || k == "lease_term_remaining_years" ||
				strings.HasPrefix(k, "distance_") || strings.HasPrefix(k, "nearest_") {
				t.Errorf("%s: carries computed property %s", id, k)
			}
		}
	}
}

// TestGeometry checks RFC 7946 rings: closed, ≥ 4 positions,
// counter-clockwise exterior, 6 decimals at most.
func TestGeometry(t *testing.T) {
	c := loadDemo(t)
	for id, f := range c.byID {
		mp, ok := f.Geometry.(orb.MultiPolygon)
		if !ok {
			if _, pt := f.Geometry.(orb.Point); !pt && f.Geometry.GeoJSONType() != "LineString" {
				t.Errorf("%s: geometry %s", id, f.Geometry.GeoJSONType())
			}
			continue
		}
		for _, poly := range mp {
			r := poly[0]
			if len(r) < 4 || !r.Closed() || r.Orientation() != orb.CCW {
				t.Errorf("%s: ring with %d positions, closed %v, orientation %v", id, len(r), r.Closed(), r.Orientation())
			}
			for _, p := range r {
				if math.Round(p[0]*1e6)/1e6 != p[0] || math.Round(p[1]*1e6)/1e6 != p[1] {
					t.Errorf("%s: position %v has more than 6 decimals", id, p)
				}
			}
		}
	}
}

func TestZones(t *testing.T) {
	c := loadDemo(t)
	for _, z := range c.zones {
		p := z.Properties
		if p["kind"] != "industrial_park" {
			continue
		}
		want, declared := p["official_area_ha"].(float64)
		got := geo.Area(z.Geometry) / 1e4
		switch {
		case declared && math.Abs(got-want) > 0.3*want:
			t.Errorf("%s: drawn %.0f ha, declared %.0f ha", z.ID, got, want)
		case !declared && (got < 150 || got > 250):
			t.Errorf("%s: drawn %.0f ha without a declared area", z.ID, got)
		}
		if ez, ok := p["economic_zone_id"].(string); ok {
			if e := c.byID[ez]; e == nil || e.Properties["kind"] != "economic_zone" {
				t.Errorf("%s: economic_zone_id %q is not an economic zone", z.ID, ez)
			}
		}
	}
	ad := c.byID["z-ad"].Properties
	for k := range ad {
		if strings.HasPrefix(k, "power_") {
			t.Errorf("z-ad has %s; An Duong publishes no power data", k)
		}
	}
}

// TestParksDisjoint: no vertex of one park lies in another.
func TestParksDisjoint(t *testing.T) {
	c := loadDemo(t)
	var parks []*geojson.Feature
	for _, z := range c.zones {
		if z.Properties["kind"] == "industrial_park" {
			parks = append(parks, z)
		}
	}
	for i, a := range parks {
		for _, b := range parks[i+1:] {
			if anyVertexIn(a.Geometry, b.Geometry) || anyVertexIn(b.Geometry, a.Geometry) {
				t.Errorf("parks %s and %s overlap", a.ID, b.ID)
			}
		}
	}
}

func anyVertexIn(g orb.Geometry, in orb.Geometry) bool {
	mp := in.(orb.MultiPolygon)
	for _, poly := range g.(orb.MultiPolygon) {
		for _, p := range poly[0] {
			if planar.MultiPolygonContains(mp, p) {
				return true
			}
		}
	}
	return false
}
