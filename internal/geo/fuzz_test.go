package geo_test

import (
	"slices"
	"testing"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
)

// FuzzValidate decodes arbitrary input as a GeoJSON geometry (or, when it
// does not start with '{', as polygons on a 16×16 grid) and validates it.
// It must never panic; validity must not change when the plane is mirrored,
// rings are reversed or start elsewhere (the sweep meets the same shape in
// another order); and on the grid, where floating point is exact, the
// verdict must agree with simplefeatures' pairwise checks.
func FuzzValidate(f *testing.F) {
	f.Add([]byte(`{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}`))
	f.Add([]byte{2, 0x00, 0x40, 0x44, 0x04, 1, 0x11, 0x21, 0x12})
	f.Fuzz(func(t *testing.T, data []byte) {
		var g orb.Geometry
		grid := len(data) > 0 && data[0] != '{'
		if grid {
			g = gridGeometry(data)
		} else {
			var issues []geo.Issue
			if g, issues = geo.DecodeGeometry(data, geo.MaxVertices); len(issues) > 0 {
				return
			}
		}
		valid := len(geo.Validate(g)) == 0
		for name, tf := range variants {
			if v := len(geo.Validate(tf(g))) == 0; v != valid {
				t.Fatalf("valid=%v, but %v once %s\n%#v", valid, v, name, g)
			}
		}
		// simplefeatures is quadratic: compare small inputs only.
		if grid && g != nil && len(data) <= 256 && valid != sfValid(g) {
			t.Fatalf("valid=%v, simplefeatures says %v\n%#v", valid, !valid, g)
		}
	})
}

// gridGeometry reads polygons from bytes: a byte below 16 starts a new ring
// (1: a hole of the current polygon, other: a new polygon), and every other
// byte is a vertex (x, y) in its two nibbles. Rings are closed.
func gridGeometry(data []byte) orb.Geometry {
	var mp orb.MultiPolygon
	for _, b := range data {
		switch {
		case b < 16 && (b != 1 || len(mp) == 0):
			mp = append(mp, orb.Polygon{{}})
		case b < 16:
			mp[len(mp)-1] = append(mp[len(mp)-1], orb.Ring{})
		default:
			if len(mp) == 0 {
				mp = append(mp, orb.Polygon{{}})
			}
			p := mp[len(mp)-1]
			p[len(p)-1] = append(p[len(p)-1], orb.Point{float64(b >> 4), float64(b & 15)})
		}
	}
	for _, p := range mp {
		for i, r := range p {
			if len(r) > 0 {
				p[i] = append(r, r[0])
			}
		}
	}
	if len(mp) == 1 {
		return mp[0]
	}
	return mp
}

// variants transform a geometry without changing whether it is valid.
var variants = map[string]func(orb.Geometry) orb.Geometry{
	"mirrored east-west":   mapPoints(func(p orb.Point) orb.Point { return orb.Point{-p[0], p[1]} }),
	"mirrored north-south": mapPoints(func(p orb.Point) orb.Point { return orb.Point{p[0], -p[1]} }),
	"rings reversed":       mapRings(func(r orb.Ring) orb.Ring { r = slices.Clone(r); slices.Reverse(r); return r }),
	"rings started at their second vertex": mapRings(func(r orb.Ring) orb.Ring {
		if len(r) < 3 || r[0] != r[len(r)-1] {
			return r
		}
		return append(slices.Clone(r[1:]), r[1])
	}),
}

func mapPoints(fn func(orb.Point) orb.Point) func(orb.Geometry) orb.Geometry {
	return func(g orb.Geometry) orb.Geometry {
		switch g := g.(type) {
		case orb.Point:
			return fn(g)
		case orb.MultiPoint:
			return orb.MultiPoint(mapSlice(g, fn))
		case orb.LineString:
			return orb.LineString(mapSlice(g, fn))
		case orb.MultiLineString:
			out := orb.MultiLineString{}
			for _, l := range g {
				out = append(out, mapSlice(l, fn))
			}
			return out
		}
		return mapRings(func(r orb.Ring) orb.Ring { return mapSlice(r, fn) })(g)
	}
}

func mapSlice[S ~[]orb.Point](s S, fn func(orb.Point) orb.Point) []orb.Point {
	out := make([]orb.Point, len(s))
	for i, p := range s {
		out[i] = fn(p)
	}
	return out
}

func mapRings(fn func(orb.Ring) orb.Ring) func(orb.Geometry) orb.Geometry {
	var m func(orb.Geometry) orb.Geometry
	m = func(g orb.Geometry) orb.Geometry {
		switch g := g.(type) {
		case orb.Polygon:
			out := orb.Polygon{}
			for _, r := range g {
				out = append(out, fn(r))
			}
			return out
		case orb.MultiPolygon:
			out := orb.MultiPolygon{}
			for _, p := range g {
				out = append(out, m(p).(orb.Polygon))
			}
			return out
		case orb.Collection:
			out := orb.Collection{}
			for _, x := range g {
				out = append(out, m(x))
			}
			return out
		}
		return g
	}
	return m
}
