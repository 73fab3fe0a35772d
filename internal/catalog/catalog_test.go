package catalog_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/paulmach/orb"
)

const square = `{"type":"Polygon","coordinates":[[[106.7,20.8],[106.7,20.81],[106.71,20.81],[106.71,20.8],[106.7,20.8]]]}`

func parcel(props string) string {
	return `{"type":"Feature","id":"p-1","geometry":` + square + `,"properties":{"code":"P","name_vi":"Lô","name_en":"Plot","zone_id":"z","status":"available"` + props + `}}`
}

func problems(err error) string {
	var e *catalog.Error
	if !errors.As(err, &e) {
		return "no *catalog.Error: " + err.Error()
	}
	var out []string
	for _, p := range e.Problems {
		out = append(out, p.Pointer+" "+p.Message)
	}
	return strings.Join(out, "; ")
}

func TestDecodeFeature(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"OK", parcel(`,"sectors":["logistics"],"power_dual_feed":true,"fibre_carriers":3,"available_from":"2026-06-30"`), ""},
		{"ComputedIgnored", parcel(`,"area_ha":5,"distance_seaport_km":1,"inherited":["x"]`), ""},
		{"Negative", parcel(`,"water_m3_day":-1`), "/properties/water_m3_day must not be negative, got -1"},
		{"Fraction", parcel(`,"fibre_carriers":2.5`), "/properties/fibre_carriers must be a whole number, got 2.5"},
		{"Enum", parcel(`,"flood_risk":"extreme"`), `/properties/flood_risk "extreme" is not one of [low medium high]`},
		{"EnumList", parcel(`,"sectors":["mining"]`), `/properties/sectors "mining" is not one of`},
		{"Date", parcel(`,"lease_until":"2060-13-01"`), `/properties/lease_until must be a date YYYY-MM-DD, got "2060-13-01"`},
		{"Type", parcel(`,"ready_built":"yes"`), "/properties/ready_built must be true or false"},
		{"Unknown", parcel(`,"colour":"red"`), "/properties/colour is not a property of parcels"},
		{"Required", `{"type":"Feature","geometry":` + square + `,"properties":{"code":"P"}}`, "/properties/name_en is required; /properties/name_vi is required; /properties/status is required; /properties/zone_id is required"},
		{"NotFeature", `{"type":"FeatureCollection"}`, `/geometry is required; /properties/code is required`},
		{"GeometryType", strings.Replace(parcel(""), square, `{"type":"Point","coordinates":[106.7,20.8]}`, 1), "/geometry/type parcels must be [Polygon MultiPolygon], got Point"},
		{"LonRange", strings.Replace(parcel(""), "106.71,20.81", "206.71,20.81", 1), "/geometry/coordinates/0/2"},
		{"BadID", strings.Replace(parcel(""), `"p-1"`, `"a b"`, 1), "/id must be 1–128 characters"},
		{"SelfIntersecting", strings.Replace(parcel(""), square, `{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}`, 1), "self-intersects"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := catalog.DecodeFeature(catalog.Parcels, []byte(c.body))
			if c.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if _, ok := f.Props["area_ha"]; ok {
					t.Error("a computed property was stored")
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted; want %q", c.want)
			}
			if got := problems(err); !strings.Contains(got, c.want) && !strings.HasPrefix(got, c.want) {
				t.Errorf("problems:\n  %s\nwant to contain:\n  %s", got, c.want)
			}
		})
	}
}

func TestDecodeNormalises(t *testing.T) {
	f, err := catalog.DecodeFeature(catalog.Parcels, []byte(parcel("")))
	if err != nil {
		t.Fatal(err)
	}
	mp, ok := f.Geometry.(orb.MultiPolygon)
	if !ok {
		t.Fatalf("a Polygon is stored as a MultiPolygon, got %T", f.Geometry)
	}
	if mp[0][0].Orientation() != orb.CCW {
		t.Error("exterior ring must be counter-clockwise (RFC 7946)")
	}
}

func TestMergePatch(t *testing.T) {
	cur, err := catalog.DecodeFeature(catalog.Parcels, []byte(parcel(`,"water_m3_day":100,"sectors":["logistics"]`)))
	if err != nil {
		t.Fatal(err)
	}
	next, err := catalog.MergePatch(cur, []byte(`{"properties":{"water_m3_day":null,"fibre_carriers":2,"sectors":["high_tech","logistics"]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := next.Props["water_m3_day"]; ok || next.Props["fibre_carriers"] != 2.0 || len(next.Props["sectors"].([]string)) != 2 {
		t.Errorf("merged props: %v", next.Props)
	}
	if _, ok := cur.Props["fibre_carriers"]; ok {
		t.Error("MergePatch modified the current feature")
	}
	if _, err := catalog.MergePatch(cur, []byte(`{"properties":{"status":null}}`)); !strings.Contains(problems(err), "/properties/status is required") {
		t.Errorf("removing a required property: %v", err)
	}
	if _, err := catalog.MergePatch(cur, []byte(`[1]`)); catalog.KindOf(err) != catalog.KindInvalid {
		t.Errorf("array patch: %v", err)
	}
}

func TestTransitionRole(t *testing.T) {
	cases := []struct {
		from, to catalog.Publication
		want     catalog.Role
	}{
		{catalog.Draft, catalog.InReview, catalog.RoleEditor},
		{catalog.InReview, catalog.Draft, catalog.RoleEditor},
		{catalog.InReview, catalog.Published, catalog.RolePublisher},
		{catalog.Published, catalog.Archived, catalog.RolePublisher},
		{catalog.Published, catalog.Draft, catalog.RolePublisher},
		{catalog.Draft, catalog.Archived, catalog.RoleEditor},
	}
	for _, c := range cases {
		if got := catalog.TransitionRole(c.from, c.to); got != c.want {
			t.Errorf("%s → %s needs %s, want %s", c.from, c.to, got, c.want)
		}
	}
}
