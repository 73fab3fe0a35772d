package geo

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// MaxVertices caps the positions of the geometry of one feature written by
// an officer or an import. A surveyed boundary has one vertex every metre or
// more, so 50,000 positions draw a 50 km outline, longer than the boundary of
// any industrial zone (the demo's largest has 33); they take about 1.3 MB of
// GeoJSON, well inside the 8 MB request limit, and validate in tens of
// milliseconds. Anything larger is a mistake (an unsimplified export) or an
// attempt to make the server work.
const MaxVertices = 50_000

// MaxQueryVertices caps the positions of a geometry sent in a query, such as
// the matcher's requirements.within. Such an area is drawn by hand or
// simplified from an administrative boundary (a province outline simplified
// to 100 m has a few thousand vertices), and every parcel is tested against
// it on every request, so the cap is lower than for stored features.
const MaxQueryVertices = 10_000

// MaxLongitudeSpan is the widest longitude range a LineString or Polygon may
// span, in degrees. Edges are straight in longitude/latitude, so a polygon
// from 179.9° to -179.9° is 359.8° wide, not 0.2°; landcat does not split
// geometries at the antimeridian, and a part that spans at most 180° also
// covers at most a hemisphere whichever way its edges are drawn (a
// great-circle edge stays within the longitudes of its ends), so the area
// computed for it is the area meant. A whole-world polygon is refused by the
// same rule instead of being stored with an area of 0.
const MaxLongitudeSpan = 180.0

// span checks the longitude range of one LineString or Polygon with bound b.
func (v *validator) span(b orb.Bound, ptr string) bool {
	w := b.Max[0] - b.Min[0]
	switch {
	case w >= 360 && b.Min[1] <= -90 && b.Max[1] >= 90:
		v.add(ptr, "covers the whole world; landcat stores areas that span at most %v° of longitude", MaxLongitudeSpan)
	case w > MaxLongitudeSpan:
		v.add(ptr, "spans %s° of longitude; landcat does not split geometries at the antimeridian — split it into parts on either side of ±180°",
			strconv.FormatFloat(math.Round(w*10)/10, 'f', -1, 64))
	default:
		return true
	}
	return false
}

// countPositions returns the number of positions in g.
func countPositions(g orb.Geometry) int {
	switch g := g.(type) {
	case orb.Point:
		return 1
	case orb.MultiPoint:
		return len(g)
	case orb.LineString:
		return len(g)
	case orb.Ring:
		return len(g)
	case orb.MultiLineString:
		n := 0
		for _, ls := range g {
			n += len(ls)
		}
		return n
	case orb.Polygon:
		n := 0
		for _, r := range g {
			n += len(r)
		}
		return n
	case orb.MultiPolygon:
		n := 0
		for _, p := range g {
			n += countPositions(p)
		}
		return n
	case orb.Collection:
		n := 0
		for _, m := range g {
			n += countPositions(m)
		}
		return n
	}
	return 0
}
