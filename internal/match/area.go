package match

import (
	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
)

// area is an area of interest (within) prepared for intersection tests
// against every parcel: geo.Region indexes its edges, so a parcel is
// tested against the few edges near it.
type area struct {
	region *geo.Region
	bound  orb.Bound
}

func newArea(g orb.Geometry) *area {
	r := geo.NewRegion(g)
	return &area{region: r, bound: r.Bound()}
}

// polygonsOf returns the polygons of a Polygon or MultiPolygon.
func polygonsOf(g orb.Geometry) []orb.Polygon {
	switch g := g.(type) {
	case orb.Polygon:
		return []orb.Polygon{g}
	case orb.MultiPolygon:
		return g
	}
	return nil
}

// intersects reports whether a parcel geometry with bound b shares at
// least one point with the area (planar in lon/lat, as for bbox queries;
// touching counts).
func (a *area) intersects(g orb.Geometry, b orb.Bound) bool {
	return a.bound.Intersects(b) && a.region.Intersects(g)
}
