package geo_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb/geojson"
)

func TestDecodeGeometryIssues(t *testing.T) {
	tests := []struct {
		name, json string
		max        int
		want       []wantIssue
	}{
		{"elevation in a point", `{"type":"Point","coordinates":[106.7,20.8,12]}`, 0,
			[]wantIssue{{"/coordinates", "has 3 numbers; landcat stores 2D WGS 84 positions [longitude, latitude]: drop the elevation or measure (a platform's elevation belongs in the elevation_m property)"}}},
		{"measure in a ring", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1,5,7],[0,0]]]}`, 0,
			[]wantIssue{{"/coordinates/0/3", "has 4 numbers"}}},
		{"one number", `{"type":"LineString","coordinates":[[0,0],[1]]}`, 0, []wantIssue{{"/coordinates/1", "has 1 number(s); a position is [longitude, latitude]"}}},
		{"empty position", `{"type":"Point","coordinates":[]}`, 0, []wantIssue{{"/coordinates", "has 0 number(s)"}}},
		{"string number", `{"type":"MultiPoint","coordinates":[[0,"20.8"]]}`, 0, []wantIssue{{"/coordinates/0/1", "must be a number"}}},
		{"position for a ring", `{"type":"Polygon","coordinates":[[0,0]]}`, 0,
			[]wantIssue{{"/coordinates/0/0", "must be a position"}, {"/coordinates/0/1", "must be a position"}}},
		{"number for rings", `{"type":"MultiPolygon","coordinates":[3]}`, 0, []wantIssue{{"/coordinates/0", "must be an array of rings"}}},
		{"object for coordinates", `{"type":"LineString","coordinates":{"a":[1,2]}}`, 0, []wantIssue{{"/coordinates", "must be an array of positions"}}},
		{"no coordinates", `{"type":"Point"}`, 0, []wantIssue{{"/coordinates", "is required"}}},
		{"null coordinates", `{"type":"Point","coordinates":null}`, 0, []wantIssue{{"/coordinates", "is required"}}},
		{"no type", `{"coordinates":[1,2]}`, 0, []wantIssue{{"/type", "is required (one of Point,"}}},
		{"type not a string", `{"type":7,"coordinates":[1,2]}`, 0, []wantIssue{{"/type", "must be a string"}}},
		{"unknown type", `{"type":"Feature","coordinates":[1,2]}`, 0, []wantIssue{{"/type", `"Feature" is not a GeoJSON geometry type`}}},
		{"not an object", `[106.7,20.8]`, 0, []wantIssue{{"", "must be a GeoJSON geometry object"}}},
		{"not JSON", `{"type":"Point",`, 0, []wantIssue{{"", "is not valid JSON"}}},
		{"geometries not an array", `{"type":"GeometryCollection","geometries":{}}`, 0, []wantIssue{{"/geometries", "must be an array of geometry objects"}}},
		{"collection member", `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[0,0],[1,1,1]]}]}`, 0,
			[]wantIssue{{"/geometries/1/coordinates/1", "has 3 numbers"}}},
		{"too deep", strings.Repeat(`{"type":"GeometryCollection","geometries":[`, 6) + strings.Repeat(`]}`, 6), 0,
			[]wantIssue{{"/geometries/0/geometries/0/geometries/0/geometries/0/geometries", "nests GeometryCollections more than 4 deep"}}},
		{"over the cap", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}`, 4,
			[]wantIssue{{"/coordinates", "has more than 4 positions; landcat accepts at most 4 here"}}},
		{"over the cap in a collection", `{"type":"GeometryCollection","geometries":[{"type":"MultiPoint","coordinates":[[0,0],[1,1]]},{"type":"Point","coordinates":[0,1]}]}`, 2,
			[]wantIssue{{"/geometries/1/coordinates", "has more than 2 positions"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, issues := geo.DecodeGeometry([]byte(tt.json), tt.max)
			if g != nil {
				t.Errorf("a geometry came back with issues: %v", g)
			}
			checkIssues(t, issues, tt.want)
			for _, is := range issues {
				for _, bad := range []string{"orb.", "json:", "Go value", "struct", "float64", "[]"} {
					if strings.Contains(is.Message, bad) {
						t.Errorf("message %q shows %q", is.Message, bad)
					}
				}
			}
		})
	}
}

// TestDecodeGeometryAgreesWithOrb decodes valid geometries like orb/geojson.
func TestDecodeGeometryAgreesWithOrb(t *testing.T) {
	for _, s := range []string{
		`{"type":"Point","coordinates":[106.7,-20.8e0]}`,
		`{"type":"MultiPoint","coordinates":[[1,2],[3,4]],"bbox":[1,2,3,4]}`,
		`{"type":"LineString","coordinates":[ [1, 2] , [3.5E-1 ,4] ]}`,
		`{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6],[7,8]]]}`,
		`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]],[[0.1,0.1],[0.2,0.1],[0.2,0.2],[0.1,0.1]]]}`,
		`{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[]]}`,
		`{"coordinates":[[0,0],[1,1]],"type":"LineString","foo":{"bar":["baz"]}}`,
		`{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[0,0],[1,1]]}]}`,
	} {
		got, issues := geo.DecodeGeometry([]byte(s), 0)
		want, err := geojson.UnmarshalGeometry([]byte(s))
		if issues != nil || err != nil {
			t.Fatalf("%s: issues %v, orb: %v", s, issues, err)
		}
		if !reflect.DeepEqual(got, want.Geometry()) {
			t.Errorf("%s:\n got %#v\nwant %#v", s, got, want.Geometry())
		}
	}
}
