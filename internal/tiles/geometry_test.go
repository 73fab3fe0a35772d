package tiles_test

import (
	"math"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/landcat/landcat/internal/tiles"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/planar"
)

// synthetic builds a snapshot of hand-made published features.
func synthetic(feats ...*catalog.Feature) *readmodel.Snapshot {
	return readmodel.Build(feats, 1, now)
}

func feature(c catalog.Collection, id string, g orb.Geometry) *catalog.Feature {
	props := map[string]any{"code": strings.ToUpper(id), "name_vi": "Lô " + id, "name_en": "Plot " + id}
	switch c {
	case catalog.Parcels:
		props["status"], props["zone_id"] = "available", "z-none"
	case catalog.Zones:
		props["kind"] = "industrial_park"
	}
	return &catalog.Feature{Collection: c, ID: id, Geometry: g, Props: props,
		Publication: catalog.Published, Version: 1, Revision: 1, UpdatedAt: now}
}

// rect is an anticlockwise lon/lat rectangle.
func rect(w, s, e, n float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{w, s}, {e, s}, {e, n}, {w, n}, {w, s}}}}
}

// circle is an anticlockwise ring of n vertices around c, radius r degrees.
func circle(c orb.Point, r float64, n int) orb.MultiPolygon {
	ring := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		ring = append(ring, orb.Point{c[0] + r*math.Cos(a), c[1] + r*math.Sin(a)})
	}
	return orb.MultiPolygon{{append(ring, ring[0])}}
}

// toTile projects lon/lat to unrounded tile units of t.
func toTile(p orb.Point, t maptile.Tile) orb.Point {
	f := maptile.Fraction(p, t.Z)
	return orb.Point{(f[0] - float64(t.X)) * tiles.Extent, (f[1] - float64(t.Y)) * tiles.Extent}
}

// TestSimplification: a 2,000-vertex circle loses most vertices at low zoom
// and keeps more at high zoom, and at every zoom the drawn outline stays
// within the Douglas-Peucker tolerance (half a pixel, an eighth from z14)
// of the true one, plus half a unit of rounding, both ways.
func TestSimplification(t *testing.T) {
	center := orb.Point{106.70, 20.85}
	zone := circle(center, 0.02, 2000)
	s := synthetic(feature(catalog.Zones, "z-round", zone))
	src := tiles.FromSnapshot(s)
	prev := 0
	for _, z := range []int{9, 11, 13, 14, 16} {
		tile := maptile.At(orb.Point{center[0] + 0.02, center[1]}, maptile.Zoom(z)) // on the outline
		l := decode(t, encodeTile(t, src, []catalog.Collection{catalog.Zones}, tile))["zones"]
		if l == nil || len(l.Features) != 1 {
			t.Fatalf("z%d: no zone", z)
		}
		drawn := polygons(l.Features[0].Geometry)[0][0]
		truth := make(orb.LineString, len(zone[0][0]))
		for i, p := range zone[0][0] {
			truth[i] = toTile(p, tile)
		}
		tol := 4.0
		if z >= 14 {
			tol = 1
		}
		box := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{tiles.Extent, tiles.Extent}}
		if d := maxDistance(orb.LineString(drawn), truth, box); d > tol+0.75 {
			t.Errorf("z%d: a drawn vertex is %.2f units off the outline (tolerance %v)", z, d, tol)
		}
		if d := maxDistance(truth, orb.LineString(drawn), box); d > tol+0.75 {
			t.Errorf("z%d: the outline is %.2f units off the drawn ring (tolerance %v)", z, d, tol)
		}
		t.Logf("z%d: %d of 2000 vertices drawn", z, len(drawn))
		if z <= 11 && len(drawn) > 200 {
			t.Errorf("z%d: %d vertices: barely simplified", z, len(drawn))
		}
		if z == 13 {
			prev = len(drawn)
		}
		if z == 14 && len(drawn) < prev {
			t.Errorf("z14 keeps %d vertices, fewer than z13's %d", len(drawn), prev)
		}
	}
}

// maxDistance is the largest distance from a vertex of a inside box to the
// polyline b.
func maxDistance(a, b orb.LineString, box orb.Bound) float64 {
	worst := 0.0
	for _, p := range a {
		if !box.Contains(p) {
			continue
		}
		best := math.Inf(1)
		for i := 1; i < len(b); i++ {
			best = min(best, planar.DistanceFromSegment(b[i-1], b[i], p))
		}
		worst = max(worst, best)
	}
	return worst
}

// TestNoCracks: parcels sharing an edge share it exactly in every tile at
// parcel scale, and a parcel far below a pixel is dropped until it shows.
func TestNoCracks(t *testing.T) {
	const w, mid, e, s0, n = 106.700, 106.7031, 106.7062, 20.850, 20.8523
	s := synthetic(
		feature(catalog.Parcels, "p-west", rect(w, s0, mid, n)),
		feature(catalog.Parcels, "p-east", rect(mid, s0, e, (s0+n)/2)),
		feature(catalog.Parcels, "p-tiny", rect(e+0.001, s0, e+0.00104, s0+0.00004)), // 4 × 4 m
	)
	src := tiles.FromSnapshot(s)
	for z := 14; z <= 20; z++ {
		tile := maptile.At(orb.Point{mid, (s0 + n) / 2}, maptile.Zoom(z))
		l := decode(t, encodeTile(t, src, []catalog.Collection{catalog.Parcels}, tile))["parcels"]
		west := featureByID(t, l, "p-west").Geometry.Bound()
		east := featureByID(t, l, "p-east").Geometry.Bound()
		if west.Max[0] != east.Min[0] || west.Min[1] > east.Max[1] {
			t.Errorf("z%d: west ends at x=%v, east starts at x=%v", z, west.Max[0], east.Min[0])
		}
	}
	for z, want := range map[int]bool{12: false, 13: false, 16: true, 18: true} {
		tile := maptile.At(orb.Point{e + 0.00102, s0 + 0.00002}, maptile.Zoom(z))
		l := decode(t, encodeTile(t, src, []catalog.Collection{catalog.Parcels}, tile))["parcels"]
		found := false
		if l != nil {
			for _, f := range l.Features {
				found = found || f.Properties["id"] == "p-tiny"
			}
		}
		if found != want {
			t.Errorf("z%d: 4-metre parcel drawn = %v, want %v", z, found, want)
		}
	}
}
