package geo_test

import (
	"math"
	"testing"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
)

func TestDistanceKmCheckValues(t *testing.T) {
	// Published check values (km), and PROJ 9.1.1 `geod -I +ellps=WGS84`
	// for the same pairs (m, to the millimetre).
	tests := []struct {
		name       string
		a, b       orb.Point
		domainKm   float64
		domainTol  float64
		geodMetres float64
	}{
		{"Dinh Vu centroid to port", orb.Point{106.790, 20.815}, orb.Point{106.8185, 20.8228}, 3.1, 0.05, 3089.849},
		{"Trang Due to Lach Huyen", orb.Point{106.562, 20.862}, orb.Point{106.9098, 20.7968}, 36.5, 0.5, 36914.502},
		{"VSIP to airport", orb.Point{106.723, 20.910}, orb.Point{106.6903, 20.8673}, 5.8, 0.05, 5824.581},
		{"Hai Duong to Hai Phong port", orb.Point{106.300, 20.860}, orb.Point{106.7247, 20.8194}, 44.4, 0.05, 44431.150},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := geo.DistanceKm(tt.a, tt.b)
			if math.Abs(got-tt.domainKm) > tt.domainTol {
				t.Errorf("DistanceKm = %.4f km, domain value %.1f ± %.2f", got, tt.domainKm, tt.domainTol)
			}
			if math.Abs(got*1000-tt.geodMetres) > 0.001 {
				t.Errorf("DistanceKm = %.4f m, geod says %.3f m", got*1000, tt.geodMetres)
			}
			if back := geo.DistanceKm(tt.b, tt.a); math.Abs(back-got) > 1e-9 {
				t.Errorf("not symmetric: %v vs %v", got, back)
			}
		})
	}
}

func TestDistanceKmGeometries(t *testing.T) {
	sq := orb.Polygon{square(106.70, 20.80, 0.02)} // 106.70–106.72 E, 20.80–20.82 N
	withHole := orb.Polygon{square(106.60, 20.70, 0.3), square(106.70, 20.80, 0.05)}
	meridian := orb.LineString{{106.70, 20.80}, {106.70, 20.90}}
	pt := orb.Point{106.75, 20.85}
	cornerKm := geo.DistanceKm(pt, orb.Point{106.72, 20.82}) // nearest corner of sq
	// Expected values: PROJ `geod -I +ellps=WGS84` between the closest points,
	// e.g. (20.85, 106.75) → (20.85, 106.70) is 5203.696 m.
	tests := []struct {
		name   string
		a, b   orb.Geometry
		wantKm float64
		tolKm  float64
	}{
		{"point to point", pt, orb.Point{106.70, 20.85}, 5.203696, 1e-6},
		{"point to meridian line", pt, meridian, 5.203696, 1e-3},
		{"point inside polygon", orb.Point{106.71, 20.81}, sq, 0, 0},
		{"point on polygon edge", orb.Point{106.70, 20.81}, sq, 0, 0},
		{"line crossing polygon", orb.LineString{{106.69, 20.81}, {106.73, 20.81}}, sq, 0, 0},
		{"polygon inside polygon", orb.Polygon{square(106.705, 20.805, 0.01)}, sq, 0, 0},
		{"polygon containing point-sized polygon", sq, orb.MultiPolygon{{square(106.71, 20.81, 0.001)}}, 0, 0},
		{"overlapping polygons", orb.Polygon{square(106.71, 20.81, 0.05)}, sq, 0, 0},
		{"polygon in a hole", sq, withHole, 0, 0},
		{"point in the middle of a hole", orb.Point{106.725, 20.825}, withHole, 2.602278, 1e-5},
		{"point in a hole measures to the hole", orb.Point{106.74, 20.825}, withHole, 1.040911, 1e-5},
		// geod: 3122.836 m at 20.82 N (the closest pair), 3123.248 m at 20.80 N.
		{"polygon to polygon across a parallel gap", orb.Polygon{square(106.75, 20.80, 0.02)}, sq, 3.122836, 1e-5},
		{"point to polygon measures to the corner", pt, sq, cornerKm, 1e-9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := geo.DistanceKm(tt.a, tt.b)
			if math.Abs(got-tt.wantKm) > tt.tolKm {
				t.Errorf("DistanceKm = %.6f km, want %.6f ± %g", got, tt.wantKm, tt.tolKm)
			}
			if back := geo.DistanceKm(tt.b, tt.a); math.Abs(back-got) > 1e-9 {
				t.Errorf("not symmetric: %v vs %v", got, back)
			}
		})
	}
}

func TestDistanceKmEmpty(t *testing.T) {
	for _, g := range []orb.Geometry{nil, orb.Polygon{}, orb.LineString{}} {
		if got := geo.DistanceKm(g, orb.Point{0, 0}); !math.IsNaN(got) {
			t.Errorf("DistanceKm(%#v, point) = %v, want NaN", g, got)
		}
	}
}
