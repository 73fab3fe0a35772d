package geo

import "github.com/paulmach/orb"

// Transform returns a copy of g with every position passed through fn (a
// CRS transformation, for example). The first error stops it.
func Transform(g orb.Geometry, fn func(orb.Point) (orb.Point, error)) (orb.Geometry, error) {
	var err error
	pt := func(p orb.Point) orb.Point {
		if err != nil {
			return p
		}
		q, e := fn(p)
		if e != nil {
			err = e
		}
		return q
	}
	out := mapPoints(orb.Clone(g), pt)
	return out, err
}

// mapPoints rewrites the positions of g in place.
func mapPoints(g orb.Geometry, fn func(orb.Point) orb.Point) orb.Geometry {
	switch g := g.(type) {
	case orb.Point:
		return fn(g)
	case orb.MultiPoint:
		for i := range g {
			g[i] = fn(g[i])
		}
	case orb.LineString:
		for i := range g {
			g[i] = fn(g[i])
		}
	case orb.Ring:
		for i := range g {
			g[i] = fn(g[i])
		}
	case orb.MultiLineString:
		for i := range g {
			mapPoints(g[i], fn)
		}
	case orb.Polygon:
		for i := range g {
			mapPoints(g[i], fn)
		}
	case orb.MultiPolygon:
		for i := range g {
			mapPoints(g[i], fn)
		}
	case orb.Collection:
		for i := range g {
			g[i] = mapPoints(g[i], fn)
		}
	}
	return g
}
