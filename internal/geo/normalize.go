package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// coordScale rounds coordinates to 7 decimals (about 1 cm).
const coordScale = 1e7

// Normalize returns g in landcat's RFC 7946 output form, leaving g itself
// untouched (it works on a deep copy):
//
//   - a Polygon (and a Ring or Bound) becomes a one-member MultiPolygon, so
//     that a collection has a single polygonal geometry type;
//   - exterior rings are counter-clockwise and holes clockwise (RFC 7946
//     §3.1.6), judged after rounding;
//   - every coordinate is rounded to 7 decimals (≈1 cm).
//
// Points, lines and collections keep their type and are only rounded. A nil
// geometry is returned as nil. Rounding can merge nearly coincident vertices,
// so call Validate on the result when that matters.
func Normalize(g orb.Geometry) orb.Geometry {
	switch g := g.(type) {
	case nil:
		return nil
	case orb.Point:
		return roundPoint(g)
	case orb.MultiPoint:
		return orb.MultiPoint(roundPoints(g))
	case orb.LineString:
		return orb.LineString(roundPoints(g))
	case orb.MultiLineString:
		out := make(orb.MultiLineString, len(g))
		for i, ls := range g {
			out[i] = roundPoints(ls)
		}
		return out
	case orb.Ring:
		return orb.MultiPolygon{normalizePolygon(orb.Polygon{g})}
	case orb.Bound:
		return orb.MultiPolygon{normalizePolygon(g.ToPolygon())}
	case orb.Polygon:
		return orb.MultiPolygon{normalizePolygon(g)}
	case orb.MultiPolygon:
		out := make(orb.MultiPolygon, len(g))
		for i, p := range g {
			out[i] = normalizePolygon(p)
		}
		return out
	case orb.Collection:
		out := make(orb.Collection, len(g))
		for i, m := range g {
			out[i] = Normalize(m)
		}
		return out
	}
	return orb.Clone(g)
}

// normalizePolygon returns a rounded copy of p with RFC 7946 winding.
func normalizePolygon(p orb.Polygon) orb.Polygon {
	out := make(orb.Polygon, len(p))
	for i, r := range p {
		ring := orb.Ring(roundPoints(r))
		want := orb.CW
		if i == 0 {
			want = orb.CCW
		}
		if len(ring) >= 3 && ring.Orientation() == -want {
			ring.Reverse()
		}
		out[i] = ring
	}
	return out
}

func roundPoints[S ~[]orb.Point](pts S) []orb.Point {
	if pts == nil {
		return nil
	}
	out := make([]orb.Point, len(pts))
	for i, p := range pts {
		out[i] = roundPoint(p)
	}
	return out
}

func roundPoint(p orb.Point) orb.Point {
	return orb.Point{roundCoord(p[0]), roundCoord(p[1])}
}

func roundCoord(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e9 {
		return v // not a longitude or latitude; Validate says so
	}
	return math.Round(v*coordScale) / coordScale
}

// Round returns a copy of g with every coordinate rounded to 7 decimals, as
// Normalize rounds them, but with g's type and the order of its rings and
// positions: the issues Validate finds in the result point at the same
// positions as in g. Validating Round(g) validates what Normalize(g) stores
// (winding and the Polygon → MultiPolygon change do not affect validity).
func Round(g orb.Geometry) orb.Geometry {
	switch g := g.(type) {
	case orb.Polygon:
		out := make(orb.Polygon, len(g))
		for i, r := range g {
			out[i] = roundPoints(r)
		}
		return out
	case orb.MultiPolygon:
		out := make(orb.MultiPolygon, len(g))
		for i, p := range g {
			out[i] = Round(p).(orb.Polygon)
		}
		return out
	case orb.Ring:
		return orb.Ring(roundPoints(g))
	case orb.Collection:
		out := make(orb.Collection, len(g))
		for i, m := range g {
			out[i] = Round(m)
		}
		return out
	case orb.Bound:
		return orb.Bound{Min: roundPoint(g.Min), Max: roundPoint(g.Max)}
	}
	return Normalize(g) // points and lines keep their type there
}
