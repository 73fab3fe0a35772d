package geo

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// AreaHa returns the area of a Polygon or MultiPolygon (holes subtracted) in
// hectares, measured on the WGS 84 ellipsoid. A Ring or Bound counts as a
// one-ring polygon and a Collection as the sum of its members; points and
// lines have no area.
//
// Method: each vertex is mapped to the authalic sphere (same longitude, the
// authalic latitude β, radius Rq ≈ 6 371 007 m), an equal-area mapping of the
// ellipsoid, and the ring's area is the spherical excess of the resulting
// spherical polygon (edges are great circles there, standing in for
// geodesics) times Rq². Edges are thus treated as geodesics, as PostGIS
// ST_Area(geography) and GeographicLib do. Compared with GeographicLib's
// exact geodesic polygon area (Planimeter) the error is below 1e-6 relative
// for parcels and about 1e-7 for a 1°×1° cell (12 308.78 km² at the
// equator) — far below the uncertainty of surveyed boundaries.
func AreaHa(g orb.Geometry) float64 {
	return math.Max(0, areaM2(g)) / 1e4
}

func areaM2(g orb.Geometry) float64 {
	switch g := g.(type) {
	case orb.Ring:
		return math.Abs(ringAreaM2(g))
	case orb.Polygon:
		return polygonAreaM2(g)
	case orb.MultiPolygon:
		sum := 0.0
		for _, p := range g {
			sum += polygonAreaM2(p)
		}
		return sum
	case orb.Bound:
		return polygonAreaM2(g.ToPolygon())
	case orb.Collection:
		sum := 0.0
		for _, m := range g {
			sum += areaM2(m)
		}
		return sum
	}
	return 0
}

func polygonAreaM2(p orb.Polygon) float64 {
	if len(p) == 0 {
		return 0
	}
	a := math.Abs(ringAreaM2(p[0]))
	for _, h := range p[1:] {
		a -= math.Abs(ringAreaM2(h))
	}
	return a
}

// ringAreaM2 returns the signed area (positive when counter-clockwise) of a
// ring in m²; an unclosed ring is closed implicitly. Each edge contributes
// the signed spherical excess of the trapezoid between the edge (a great
// circle on the authalic sphere) and the equator.
func ringAreaM2(r orb.Ring) float64 {
	n := len(r)
	if n < 3 {
		return 0
	}
	sum := 0.0
	prev := r[n-1]
	t1 := halfTanAuthalic(prev[1])
	for _, p := range r {
		t2 := halfTanAuthalic(p[1])
		if dLon := (p[0] - prev[0]) * deg; dLon != 0 {
			sum += 2 * math.Atan2(math.Tan(dLon/2)*(t1+t2), 1+t1*t2)
		}
		prev, t1 = p, t2
	}
	return authalicR2 * sum
}

// halfTanAuthalic returns tan(β/2) for the authalic latitude β of latDeg.
func halfTanAuthalic(latDeg float64) float64 {
	s := sinAuthalic(latDeg)
	return s / (1 + math.Sqrt(math.Max(0, 1-s*s)))
}

// Centroid returns the centroid of g in longitude/latitude: area-weighted for
// polygons, length-weighted for lines and the mean for points (computed in
// the plane of the coordinates by orb/planar, which is accurate enough for
// parcel-sized geometries). It returns the zero point for nil or empty input.
func Centroid(g orb.Geometry) orb.Point {
	if g == nil {
		return orb.Point{}
	}
	c, _ := planar.CentroidArea(g)
	return c
}

// Bound returns the bounding box of g in longitude/latitude, or the zero
// Bound for a nil geometry.
func Bound(g orb.Geometry) orb.Bound {
	if g == nil {
		return orb.Bound{}
	}
	return g.Bound()
}
