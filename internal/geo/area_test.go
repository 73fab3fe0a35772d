package geo_test

import (
	"math"
	"testing"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
)

func TestAreaHa(t *testing.T) {
	// 1 km × 1 km at 20.8 N: sides of 1000 m along the meridian and parallel.
	km := orb.Polygon{{{106.7, 20.8}, {106.7096053849, 20.8}, {106.7096053849, 20.8090322456}, {106.7, 20.8090322456}, {106.7, 20.8}}}
	shell := orb.Ring{{106.60, 20.80}, {106.72, 20.82}, {106.75, 20.86}, {106.70, 20.90}, {106.64, 20.87}, {106.66, 20.83}, {106.60, 20.80}}
	hole := orb.Ring{{106.66, 20.84}, {106.71, 20.85}, {106.70, 20.86}, {106.66, 20.84}}
	parcel := orb.Polygon{{{106.5601, 20.8641}, {106.5604, 20.8629}, {106.5612, 20.8618}, {106.5628, 20.8623}, {106.5623, 20.8642}, {106.5601, 20.8641}}}
	cell := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}
	reversed := orb.Polygon{orb.Ring{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}}
	vietnamBox := orb.Polygon{{{102.1, 8.5}, {109.5, 8.5}, {109.5, 23.4}, {102.1, 23.4}, {102.1, 8.5}}}
	// Reference values: GeographicLib 2.1.2 Planimeter (geodesic edges, WGS 84).
	tests := []struct {
		name   string
		g      orb.Geometry
		wantHa float64
		relTol float64
	}{
		{"1 km square near 20.8 N (domain check: 100 ha ±0.5 %)", km, 100, 0.005},
		{"1 km square near 20.8 N (Planimeter)", km, 99.99708, 1e-6},
		{"1°×1° cell at the equator: 12 308.8 km²", cell, 1230877.836146945, 1e-6},
		{"clockwise cell", reversed, 1230877.836146945, 1e-6},
		{"polygon with a hole", orb.Polygon{shell, hole}, 7604.27908 - 345.65832, 1e-6},
		{"parcel", parcel, 5.23656, 1e-5},
		{"multipolygon sums members", orb.MultiPolygon{parcel, km}, 5.23656 + 99.99708, 1e-6},
		{"Vietnam-sized box", vietnamBox, 130405081.4568, 1e-5},
		{"unclosed ring is closed implicitly", orb.Polygon{km[0][:4]}, 99.99708, 1e-6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := geo.AreaHa(tt.g)
			if rel := math.Abs(got-tt.wantHa) / tt.wantHa; rel > tt.relTol {
				t.Errorf("AreaHa = %.6f ha, want %.6f (relative error %.2g > %.2g)", got, tt.wantHa, rel, tt.relTol)
			}
		})
	}
}

func TestAreaHaZero(t *testing.T) {
	for _, g := range []orb.Geometry{nil, orb.Point{1, 2}, orb.LineString{{0, 0}, {1, 1}}, orb.Polygon{}, orb.MultiPolygon{}} {
		if got := geo.AreaHa(g); got != 0 {
			t.Errorf("AreaHa(%#v) = %v, want 0", g, got)
		}
	}
}

func TestCentroidEmptyDoesNotPanic(t *testing.T) {
	for _, g := range []orb.Geometry{orb.Polygon{}, orb.Polygon{{}}, orb.MultiPolygon{}, orb.LineString{}, orb.Collection{}} {
		if c := geo.Centroid(g); c != (orb.Point{}) {
			t.Errorf("Centroid(%#v) = %v, want the zero point", g, c)
		}
	}
}

func TestCentroidAndBound(t *testing.T) {
	lshape := orb.Polygon{{{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}, {0, 0}}}
	tests := []struct {
		name      string
		g         orb.Geometry
		centroid  orb.Point
		bound     orb.Bound
		tolerance float64
	}{
		{"nil", nil, orb.Point{}, orb.Bound{}, 0},
		{"point", orb.Point{106.7, 20.8}, orb.Point{106.7, 20.8}, orb.Bound{Min: orb.Point{106.7, 20.8}, Max: orb.Point{106.7, 20.8}}, 0},
		{"square", orb.Polygon{square(106, 20, 1)}, orb.Point{106.5, 20.5}, orb.Bound{Min: orb.Point{106, 20}, Max: orb.Point{107, 21}}, 1e-12},
		{"L shape is area weighted", lshape, orb.Point{5.0 / 6, 5.0 / 6}, orb.Bound{Max: orb.Point{2, 2}}, 1e-12},
		{"square with hole", orb.Polygon{square(0, 0, 4), square(2, 2, 2)}, orb.Point{5.0 / 3, 5.0 / 3}, orb.Bound{Max: orb.Point{4, 4}}, 1e-12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := geo.Centroid(tt.g)
			if math.Abs(c[0]-tt.centroid[0]) > tt.tolerance || math.Abs(c[1]-tt.centroid[1]) > tt.tolerance {
				t.Errorf("Centroid = %v, want %v", c, tt.centroid)
			}
			if b := geo.Bound(tt.g); b != tt.bound {
				t.Errorf("Bound = %v, want %v", b, tt.bound)
			}
		})
	}
}
