package tiles_test

import (
	"testing"

	"github.com/landcat/landcat/internal/basemap"
	"github.com/landcat/landcat/internal/tiles"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
)

// TestBasemapTiles cuts the embedded basemap over Hai Phong: land, rivers,
// the boundary and places with their Vietnamese names at zoom 10, only
// the main places at zoom 6, nothing past BasemapMaxZoom, and the cache
// serves the same bytes again.
func TestBasemapTiles(t *testing.T) {
	bm, err := basemap.Load()
	if err != nil {
		t.Fatal(err)
	}
	city := orb.Point{106.6834, 20.8648}
	decode := func(z maptile.Zoom) map[string]*mvt.Layer {
		tl := maptile.At(city, z)
		data, err := tiles.EncodeBasemap(bm, uint32(z), tl.X, tl.Y)
		if err != nil {
			t.Fatal(err)
		}
		layers, err := mvt.Unmarshal(data)
		if err != nil {
			t.Fatalf("z%d: %v", z, err)
		}
		out := map[string]*mvt.Layer{}
		for _, l := range layers {
			out[l.Name] = l
		}
		return out
	}
	z10 := decode(10)
	for _, name := range basemap.Layers {
		if z10[name] == nil || len(z10[name].Features) == 0 {
			t.Errorf("z10 tile over Hai Phong has no %s", name)
		}
	}
	names := map[string]bool{}
	for _, f := range z10["places"].Features {
		names[f.Properties.MustString("name")] = true
	}
	if !names["Hải Phòng"] || !names["An Dương"] {
		t.Errorf("z10 places: %v, want Hải Phòng and An Dương", names)
	}
	for _, f := range decode(6)["places"].Features {
		if r := f.Properties["rank"].(float64); r > 1 {
			t.Errorf("z6 place %v of rank %v", f.Properties["name"], r)
		}
	}
	tl := maptile.At(city, 15)
	if data, err := tiles.EncodeBasemap(bm, 15, tl.X, tl.Y); err != nil || len(data) != 0 {
		t.Errorf("z15: %d bytes, %v; want an empty tile (clients over-zoom)", len(data), err)
	}
	if _, err := tiles.EncodeBasemap(bm, 3, 9, 0); err == nil {
		t.Error("a column out of range at z3 is accepted")
	}

	c := tiles.NewCache(0)
	tl = maptile.At(city, 12)
	a, err := c.Basemap(bm, 12, tl.X, tl.Y)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := c.Basemap(bm, 12, tl.X, tl.Y)
	if a.ETag != b.ETag || c.Stats().Hits != 1 || len(a.Data) == 0 {
		t.Errorf("second request: %+v, etags %s %s", c.Stats(), a.ETag, b.ETag)
	}
}
