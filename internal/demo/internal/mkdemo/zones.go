package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"
)

// zone is a built zone: its row and its geometry.
type zone struct {
	spec zoneSpec
	id   string
	mp   orb.MultiPolygon
}

func idOf(code string) string { return strings.ToLower(code) }

// buildZones draws the parks, then the economic zones and the FTZ
// around them. Economic zones come first in the output.
func buildZones() ([]zone, error) {
	var out []zone
	byID := map[string]orb.Ring{}
	for _, s := range parks {
		r := parkRing(s)
		byID[idOf(s.code)] = r
		out = append(out, zone{spec: s, id: idOf(s.code), mp: orb.MultiPolygon{{r}}})
	}
	ez := econZones(byID)
	all := append(ez, out...)
	for i := range all {
		for j, p := range all[i].mp {
			all[i].mp[j][0] = roundRing(p[0])
			if err := checkRing(all[i].id, all[i].mp[j][0]); err != nil {
				return nil, err
			}
		}
	}
	return all, nil
}

// parkRing draws one park: explicit vertices or a generated n-gon whose
// area is the official (or drawn) area.
func parkRing(s zoneSpec) orb.Ring {
	sh := s.shape
	if sh.xy != nil {
		f := frame{s.lon, s.lat}
		if sh.olon != 0 {
			f = frame{sh.olon, sh.olat}
		}
		return explicit(f, sh.xy...)
	}
	ha := s.areaHa
	if sh.drawHa > 0 {
		ha = sh.drawHa
	}
	return ngon(frame{s.lon, s.lat}, sh.dx, sh.dy, sh.n, sh.aspect, sh.rot, ha/100)
}

// checkZones verifies that parks do not overlap, that each park's area
// is within 30 % of its declared area, and that parks naming an
// economic zone lie inside it.
func checkZones(zs []zone) error {
	for i, a := range zs {
		if a.spec.kind != "industrial_park" {
			continue
		}
		if err := checkParkArea(a); err != nil {
			return err
		}
		if err := checkMembership(a, zs); err != nil {
			return err
		}
		for _, b := range zs[i+1:] {
			if b.spec.kind == "industrial_park" && (ringsTouch(a.mp[0][0], b.mp[0][0]) || edgesCross(a.mp[0][0], b.mp[0][0])) {
				return fmt.Errorf("parks %s and %s overlap", a.id, b.id)
			}
		}
	}
	return nil
}

// checkMembership: a park lies inside the economic zone it names and
// touches no other economic zone.
func checkMembership(p zone, zs []zone) error {
	for _, e := range zs {
		if e.spec.kind != "economic_zone" {
			continue
		}
		r := p.mp[0][0]
		switch {
		case e.id == p.spec.ez && !inside(r, e.mp):
			return fmt.Errorf("%s not inside %s", p.id, e.id)
		case e.id != p.spec.ez && touchesAny(r, e.mp):
			return fmt.Errorf("%s overlaps %s", p.id, e.id)
		}
	}
	return nil
}

func touchesAny(r orb.Ring, mp orb.MultiPolygon) bool {
	for _, p := range mp {
		if ringsTouch(r, p[0]) || edgesCross(r, p[0]) {
			return true
		}
	}
	return false
}

func checkParkArea(z zone) error {
	want := z.spec.areaHa
	if want == 0 {
		want = z.spec.shape.drawHa
	}
	got := geo.Area(z.mp) / 1e4
	if math.Abs(got-want) > 0.3*want {
		return fmt.Errorf("%s: drawn %.0f ha, declared %.0f ha", z.id, got, want)
	}
	return nil
}

// edgesCross reports whether any edge of a properly crosses an edge of b.
func edgesCross(a, b orb.Ring) bool {
	for i := 0; i+1 < len(a); i++ {
		for j := 0; j+1 < len(b); j++ {
			if segCross(a[i], a[i+1], b[j], b[j+1]) {
				return true
			}
		}
	}
	return false
}

func segCross(p1, p2, q1, q2 orb.Point) bool {
	d := func(a, b, c orb.Point) float64 {
		return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
	}
	return d(p1, p2, q1)*d(p1, p2, q2) < 0 && d(q1, q2, p1)*d(q1, q2, p2) < 0
}

// centroidScaled scales a ring about its planar centroid.
func centroidScaled(r orb.Ring, k float64) orb.Ring {
	c, _ := planar.CentroidArea(orb.Polygon{r})
	out := make(orb.Ring, len(r))
	for i, p := range r {
		out[i] = orb.Point{c[0] + (p[0]-c[0])*k, c[1] + (p[1]-c[1])*k}
	}
	return out
}
