package main

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Degree lengths used throughout the demo (at about 20.8° N).
const kmPerDegLat = 110.57

func kmPerDegLon(lat float64) float64 { return 111.32 * math.Cos(lat*math.Pi/180) }

// frame converts local kilometre offsets (x east, y north) around an
// origin into lon/lat and back.
type frame struct{ lon, lat float64 }

func (f frame) at(x, y float64) orb.Point {
	return orb.Point{f.lon + x/kmPerDegLon(f.lat), f.lat + y/kmPerDegLat}
}

func (f frame) xy(p orb.Point) (x, y float64) {
	return (p[0] - f.lon) * kmPerDegLon(f.lat), (p[1] - f.lat) * kmPerDegLat
}

// ngon is a convex ring: a regular n-gon stretched into an ellipse
// (aspect = x/y semi-axis ratio) with the given planar area in km²,
// first vertex at rot degrees, counter-clockwise, closed.
func ngon(f frame, cx, cy float64, n int, aspect, rot, km2 float64) orb.Ring {
	k := float64(n) / 2 * math.Sin(2*math.Pi/float64(n))
	s := math.Sqrt(km2 / k)
	a, b := s*math.Sqrt(aspect), s/math.Sqrt(aspect)
	r := make(orb.Ring, 0, n+1)
	for i := range n {
		t := (rot + 360*float64(i)/float64(n)) * math.Pi / 180
		r = append(r, f.at(cx+a*math.Cos(t), cy+b*math.Sin(t)))
	}
	return append(r, r[0])
}

// explicit builds a closed ring from local km vertices (counter-clockwise).
func explicit(f frame, xy ...float64) orb.Ring {
	r := make(orb.Ring, 0, len(xy)/2+1)
	for i := 0; i+1 < len(xy); i += 2 {
		r = append(r, f.at(xy[i], xy[i+1]))
	}
	return append(r, r[0])
}

// rect is an axis-aligned rectangle w×h km centred on c, counter-clockwise.
func rect(c orb.Point, w, h float64) orb.Ring {
	dx, dy := w/2/kmPerDegLon(c[1]), h/2/kmPerDegLat
	return orb.Ring{
		{c[0] - dx, c[1] - dy}, {c[0] + dx, c[1] - dy},
		{c[0] + dx, c[1] + dy}, {c[0] - dx, c[1] + dy}, {c[0] - dx, c[1] - dy},
	}
}

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }

func roundRing(r orb.Ring) orb.Ring {
	out := make(orb.Ring, len(r))
	for i, p := range r {
		out[i] = orb.Point{round6(p[0]), round6(p[1])}
	}
	return out
}

// checkRing verifies closure, size and counter-clockwise orientation.
func checkRing(id string, r orb.Ring) error {
	switch {
	case len(r) < 4:
		return fmt.Errorf("%s: ring has %d positions", id, len(r))
	case !r.Closed():
		return fmt.Errorf("%s: ring not closed", id)
	case r.Orientation() != orb.CCW:
		return fmt.Errorf("%s: ring not counter-clockwise", id)
	}
	return nil
}

// ringsTouch reports whether any vertex of a lies in b or vice versa.
func ringsTouch(a, b orb.Ring) bool {
	for _, p := range a {
		if planar.RingContains(b, p) {
			return true
		}
	}
	for _, p := range b {
		if planar.RingContains(a, p) {
			return true
		}
	}
	return false
}

// inside reports whether every vertex of r lies in the multipolygon mp.
func inside(r orb.Ring, mp orb.MultiPolygon) bool {
	for _, p := range r {
		if !planar.MultiPolygonContains(mp, p) {
			return false
		}
	}
	return true
}
