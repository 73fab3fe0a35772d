package tiles_test

import (
	"fmt"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/tiles"
	"github.com/paulmach/orb/encoding/mvt/vectortile"
)

// TestWireRules checks the MVT 2.1 rules a decoder would not enforce, on
// the raw protobuf of demo tiles at every zoom: unique layer names, keys and
// values; one field per value; ids, types and tags on every feature; and
// the geometry command grammar (§4.3), including no zero-length segments
// and no ring that repeats its first point before ClosePath.
func TestWireRules(t *testing.T) {
	s := demoSnapshot(t)
	src := tiles.FromSnapshot(s)
	for z := 0; z <= 18; z++ {
		data := encodeTile(t, src, all, tileAt(t, s, catalog.Parcels, anchor, z))
		var tile vectortile.Tile
		if err := tile.Unmarshal(data); err != nil {
			t.Fatalf("z%d: %v", z, err)
		}
		names := map[string]bool{}
		for _, l := range tile.Layers {
			if names[l.GetName()] || l.GetVersion() != 2 || l.GetExtent() != tiles.Extent || len(l.Features) == 0 {
				t.Errorf("z%d layer %s: duplicate, version %d, extent %d or empty", z, l.GetName(), l.GetVersion(), l.GetExtent())
			}
			names[l.GetName()] = true
			if err := checkDictionaries(l); err != nil {
				t.Errorf("z%d layer %s: %v", z, l.GetName(), err)
			}
			for i, f := range l.Features {
				if err := checkFeature(l, f); err != nil {
					t.Errorf("z%d layer %s feature %d: %v", z, l.GetName(), i, err)
				}
			}
		}
	}
}

func checkDictionaries(l *vectortile.Tile_Layer) error {
	keys := map[string]bool{}
	for _, k := range l.Keys {
		if keys[k] {
			return fmt.Errorf("key %q twice", k)
		}
		keys[k] = true
	}
	values := map[string]bool{}
	for _, v := range l.Values {
		set := 0
		var key string
		if v.StringValue != nil {
			set, key = set+1, "s"+*v.StringValue
		}
		if v.DoubleValue != nil {
			set, key = set+1, fmt.Sprint("d", *v.DoubleValue)
		}
		if v.BoolValue != nil {
			set, key = set+1, fmt.Sprint("b", *v.BoolValue)
		}
		if set != 1 || v.FloatValue != nil || v.IntValue != nil || v.UintValue != nil || v.SintValue != nil {
			return fmt.Errorf("value %v: want exactly one of string, double or bool", v)
		}
		if values[key] {
			return fmt.Errorf("value %s twice", key)
		}
		values[key] = true
	}
	return nil
}

func checkFeature(l *vectortile.Tile_Layer, f *vectortile.Tile_Feature) error {
	if f.Id == nil || f.Type == nil || len(f.Tags)%2 != 0 {
		return fmt.Errorf("id %v, type %v, %d tags", f.Id, f.Type, len(f.Tags))
	}
	for i := 0; i < len(f.Tags); i += 2 {
		if int(f.Tags[i]) >= len(l.Keys) || int(f.Tags[i+1]) >= len(l.Values) {
			return fmt.Errorf("tag %d out of range", i/2)
		}
	}
	return checkCommands(f.GetType(), f.Geometry)
}

// checkCommands parses a geometry command stream against §4.3.4.
func checkCommands(typ vectortile.Tile_GeomType, g []uint32) error {
	var x, y, x0, y0 int32
	for i := 0; i < len(g); {
		id, n := g[i]&7, int(g[i]>>3)
		i++
		if id == 7 {
			if typ != vectortile.Tile_POLYGON || n != 1 || x == x0 && y == y0 {
				return fmt.Errorf("ClosePath ×%d at (%d,%d), ring start (%d,%d)", n, x, y, x0, y0)
			}
			continue
		}
		if n == 0 || i+2*n > len(g) || (id == 1 && n != 1 && typ != vectortile.Tile_POINT) ||
			(id == 2 && typ == vectortile.Tile_POLYGON && n < 2) || id != 1 && id != 2 {
			return fmt.Errorf("command %d ×%d at %d", id, n, i-1)
		}
		for range n {
			dx, dy := unzig(g[i]), unzig(g[i+1])
			i += 2
			if id == 2 && dx == 0 && dy == 0 {
				return fmt.Errorf("zero-length LineTo at %d", i-2)
			}
			x, y = x+dx, y+dy
		}
		if id == 1 {
			x0, y0 = x, y
		}
	}
	return nil
}

func unzig(v uint32) int32 { return int32(v>>1) ^ -int32(v&1) }
