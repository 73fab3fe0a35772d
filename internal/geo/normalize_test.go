package geo_test

import (
	"errors"
	"testing"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
)

func TestNormalize(t *testing.T) {
	cwShell := orb.Ring{{106.123456789, 20.1}, {106.123456789, 20.2}, {106.2, 20.2}, {106.2, 20.1}, {106.123456789, 20.1}}
	ccwHole := orb.Ring{{106.15, 20.15}, {106.16, 20.15}, {106.16, 20.16}, {106.15, 20.15}}
	tests := []struct {
		name string
		in   orb.Geometry
		want orb.Geometry
	}{
		{"nil", nil, nil},
		{"point rounded", orb.Point{106.12345675, -20.00000004}, orb.Point{106.1234568, -20}},
		{"linestring kept", orb.LineString{{1.000000049, 2}, {3, 4}}, orb.LineString{{1, 2}, {3, 4}}},
		{"polygon becomes multipolygon with rfc 7946 winding", orb.Polygon{cwShell, ccwHole}, orb.MultiPolygon{{
			{{106.1234568, 20.1}, {106.2, 20.1}, {106.2, 20.2}, {106.1234568, 20.2}, {106.1234568, 20.1}},
			{{106.15, 20.15}, {106.16, 20.16}, {106.16, 20.15}, {106.15, 20.15}},
		}}},
		{"multipolygon already right", orb.MultiPolygon{{square(0, 0, 1)}}, orb.MultiPolygon{{square(0, 0, 1)}}},
		{"collection recursed", orb.Collection{orb.Polygon{square(0, 0, 1)}, orb.Point{0.123456789, 0}},
			orb.Collection{orb.MultiPolygon{{square(0, 0, 1)}}, orb.Point{0.1234568, 0}}},
		{"bound becomes multipolygon", orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}, orb.MultiPolygon{{square(0, 0, 1)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before orb.Geometry
			if tt.in != nil {
				before = orb.Clone(tt.in)
			}
			got := geo.Normalize(tt.in)
			if (got == nil) != (tt.want == nil) || (got != nil && !orb.Equal(got, tt.want)) {
				t.Errorf("Normalize = %v, want %v", got, tt.want)
			}
			if tt.in != nil && !orb.Equal(before, tt.in) {
				t.Errorf("input was modified: %v, was %v", tt.in, before)
			}
		})
	}
}

func TestTransform(t *testing.T) {
	in := orb.Polygon{{{1, 2}, {3, 2}, {3, 4}, {1, 2}}}
	out, err := geo.Transform(in, func(p orb.Point) (orb.Point, error) { return orb.Point{p[0] * 10, p[1]}, nil })
	if err != nil || out.(orb.Polygon)[0][1] != (orb.Point{30, 2}) || in[0][1] != (orb.Point{3, 2}) {
		t.Fatalf("Transform: %v %v (input must stay unchanged: %v)", out, err, in)
	}
	_, err = geo.Transform(orb.Point{1, 2}, func(orb.Point) (orb.Point, error) { return orb.Point{}, errors.New("boom") })
	if err == nil {
		t.Fatal("the function's error must come back")
	}
}

func TestRound(t *testing.T) {
	cwShell := orb.Ring{{106.123456789, 20.1}, {106.123456789, 20.2}, {106.2, 20.2}, {106.2, 20.1}, {106.123456789, 20.1}}
	tests := []struct {
		name     string
		in, want orb.Geometry
	}{
		{"polygon keeps type and winding", orb.Polygon{cwShell}, orb.Polygon{{{106.1234568, 20.1}, {106.1234568, 20.2}, {106.2, 20.2}, {106.2, 20.1}, {106.1234568, 20.1}}}},
		{"multipolygon", orb.MultiPolygon{{{{0.000000049, 0}, {1, 0}, {1, 1}, {0, 0}}}}, orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}},
		{"point", orb.Point{106.12345675, 1e302}, orb.Point{106.1234568, 1e302}},
		{"collection", orb.Collection{orb.LineString{{1.000000049, 2}, {3, 4}}}, orb.Collection{orb.LineString{{1, 2}, {3, 4}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := geo.Round(tt.in); !orb.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
