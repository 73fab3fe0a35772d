package tiles_test

import (
	"bytes"
	"hash/fnv"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/landcat/landcat/internal/tiles"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
)

// anchor is a demo parcel with known figures.
const anchor = "hp-dc1-01"

// TestEncodeDemo cuts tiles around a demo parcel at several zooms and checks
// each layer against a bbox query of the snapshot: the same features, with
// their integer ids, the "id" property and geometry in the right place.
func TestEncodeDemo(t *testing.T) {
	s := demoSnapshot(t)
	src := tiles.FromSnapshot(s)
	for _, z := range []int{0, 8, 11, 12, 13, 14, 16, 18} {
		tile := tileAt(t, s, catalog.Parcels, anchor, z)
		layers := decode(t, encodeTile(t, src, all, tile))
		for _, c := range all {
			want := expected(s, c, tile)
			l := layers[string(c)]
			if l == nil {
				l = &mvt.Layer{}
			}
			checkLayer(t, s, c, tile, l, want)
		}
	}
}

// checkLayer compares a decoded layer with the features it must hold.
func checkLayer(t *testing.T, s *readmodel.Snapshot, c catalog.Collection, tile maptile.Tile, l *mvt.Layer, want map[string]bool) {
	t.Helper()
	got := map[string]bool{}
	allowed := tiles.PropertyNames(c, int(tile.Z))
	for _, f := range l.Features {
		id, _ := f.Properties["id"].(string)
		got[id] = true
		if fid, ok := f.ID.(float64); !ok || uint64(fid) != tiles.FeatureID(id) { // orb decodes ids as float64
			t.Errorf("z%d %s/%s: feature id %v, want %d", tile.Z, c, id, f.ID, tiles.FeatureID(id))
		}
		for k := range f.Properties {
			if !slices.Contains(allowed, k) {
				t.Errorf("z%d %s/%s: unexpected property %q", tile.Z, c, id, k)
			}
		}
		checkPlace(t, s, c, id, tile, f)
	}
	if len(got) != len(l.Features) {
		t.Errorf("z%d %s: %d features but %d distinct ids", tile.Z, c, len(l.Features), len(got))
	}
	for id, must := range want {
		if must && !got[id] {
			t.Errorf("z%d %s: %s is missing", tile.Z, c, id)
		}
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			t.Errorf("z%d %s: %s should not be in the tile", tile.Z, c, id)
		}
	}
}

// checkPlace projects a decoded feature back to lon/lat and checks that it
// lies within the feature's bound, give or take two tile units.
func checkPlace(t *testing.T, s *readmodel.Snapshot, c catalog.Collection, id string, tile maptile.Tile, f *geojson.Feature) {
	t.Helper()
	orig, ok := s.Get(c, id)
	if !ok {
		t.Errorf("%s/%s: not in the snapshot", c, id)
		return
	}
	l := &mvt.Layer{Extent: tiles.Extent, Features: []*geojson.Feature{{Geometry: orb.Clone(f.Geometry)}}}
	l.ProjectToWGS84(tile)
	slack := 2 * 360 / math.Exp2(float64(tile.Z)) / tiles.Extent
	b := orig.Bound.Pad(slack)
	if gb := l.Features[0].Geometry.Bound(); !b.Contains(gb.Min) || !b.Contains(gb.Max) {
		t.Errorf("z%d %s/%s: decoded bound %v outside %v", tile.Z, c, id, gb, orig.Bound)
	}
}

// TestProperties checks a parcel's tile properties against the read model.
func TestProperties(t *testing.T) {
	s := demoSnapshot(t)
	f, _ := s.Get(catalog.Parcels, anchor)
	tile := tileAt(t, s, catalog.Parcels, anchor, 15)
	l := decode(t, encodeTile(t, tiles.FromSnapshot(s), []catalog.Collection{catalog.Parcels}, tile))["parcels"]
	got := featureByID(t, l, anchor).Properties
	want := map[string]any{
		"id": anchor, "code": "HP-DC1-01", "name": f.String("name_vi"), "name_en": f.String("name_en"),
		"status": "available", "zone_id": "z-dc1", "sectors": "high_tech,green_industry,logistics,data_center",
		"lease_price_usd_m2": 165.0, "power_capacity_mva": 40.0, "water_m3_day": 3000.0, "flood_risk": "low",
	}
	for _, k := range []string{"area_ha", "distance_seaport_km", "distance_deepsea_port_km", "distance_airport_km", "distance_expressway_km"} {
		want[k] = f.Value(k)
	}
	for k, v := range want {
		if v == nil {
			t.Fatalf("the demo parcel has no %s: pick another", k)
		}
		if got[k] != v {
			t.Errorf("%s = %#v, want %#v", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("properties %v, want exactly %v", keys(got), keys(want))
	}
}

func featureByID(t *testing.T, l *mvt.Layer, id string) *geojson.Feature {
	t.Helper()
	if l != nil {
		for _, f := range l.Features {
			if f.Properties["id"] == id {
				return f
			}
		}
	}
	t.Fatalf("feature %s is not in the tile", id)
	return nil
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestZoomPolicy: no parcels below ParcelMinZoom, the short property set
// below DetailZoom, every property from DetailZoom.
func TestZoomPolicy(t *testing.T) {
	s := demoSnapshot(t)
	src := tiles.FromSnapshot(s)
	for z := tiles.ParcelMinZoom - 2; z <= tiles.DetailZoom+1; z++ {
		layers := decode(t, encodeTile(t, src, all, tileAt(t, s, catalog.Parcels, anchor, z)))
		if layers["zones"] == nil {
			t.Errorf("z%d: no zones layer", z)
		}
		l := layers["parcels"]
		if z < tiles.ParcelMinZoom {
			if l != nil {
				t.Errorf("z%d: %d parcels below the parcel zoom", z, len(l.Features))
			}
			continue
		}
		props := featureByID(t, l, anchor).Properties
		if n := len(tiles.PropertyNames(catalog.Parcels, z)); len(props) != n {
			t.Errorf("z%d: %d properties %v, want %d", z, len(props), keys(props), n)
		}
		if full := props["lease_price_usd_m2"] != nil; full != (z >= tiles.DetailZoom) {
			t.Errorf("z%d: full property set = %v", z, full)
		}
	}
}

// TestGeometryRules checks every decoded polygon of dense demo tiles: closed
// rings of at least four positions inside the buffer, exteriors with a
// positive surveyor's-formula area (clockwise on screen) and holes negative.
func TestGeometryRules(t *testing.T) {
	s := demoSnapshot(t)
	src := tiles.FromSnapshot(s)
	box := orb.Bound{Min: orb.Point{-tiles.Buffer, -tiles.Buffer}, Max: orb.Point{tiles.Extent + tiles.Buffer, tiles.Extent + tiles.Buffer}}
	for z := 8; z <= 16; z++ {
		for _, l := range decode(t, encodeTile(t, src, all, tileAt(t, s, catalog.Parcels, anchor, z))) {
			for _, f := range l.Features {
				if !box.Contains(f.Geometry.Bound().Min) || !box.Contains(f.Geometry.Bound().Max) {
					t.Errorf("z%d %s %v: outside the buffer: %v", z, l.Name, f.Properties["id"], f.Geometry.Bound())
				}
				for _, p := range polygons(f.Geometry) {
					for i, r := range p {
						if len(r) < 4 || r[0] != r[len(r)-1] || (i == 0) != (area2(r) > 0) {
							t.Errorf("z%d %s %v ring %d: %d positions, area %v", z, l.Name, f.Properties["id"], i, len(r), area2(r))
						}
					}
				}
			}
		}
	}
}

func polygons(g orb.Geometry) []orb.Polygon {
	switch g := g.(type) {
	case orb.Polygon:
		return []orb.Polygon{g}
	case orb.MultiPolygon:
		return g
	}
	return nil
}

func area2(r orb.Ring) float64 {
	a := 0.0
	for i := 0; i+1 < len(r); i++ {
		a += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return a
}

// TestEmptyTile: a tile with no feature is a valid, empty MVT.
func TestEmptyTile(t *testing.T) {
	src := tiles.FromSnapshot(demoSnapshot(t))
	for _, tl := range []maptile.Tile{{Z: 14, X: 0, Y: 0}, {Z: 3, X: 7, Y: 7}, {Z: 24, X: 1 << 23, Y: 1 << 23}} {
		b := encodeTile(t, src, all, tl)
		if b == nil || len(b) != 0 {
			t.Errorf("%v: %d bytes (nil %v), want an empty non-nil slice", tl, len(b), b == nil)
		}
		if layers, err := mvt.Unmarshal(b); err != nil || len(layers) != 0 {
			t.Errorf("%v: decodes to %d layers, %v", tl, len(layers), err)
		}
	}
}

// TestBadRequests: out-of-range addresses and bad layer lists are errors of
// the right kind, naming the bad value.
func TestBadRequests(t *testing.T) {
	src := tiles.FromSnapshot(demoSnapshot(t))
	cases := []struct {
		name    string
		layers  []catalog.Collection
		z, x, y uint32
		kind    catalog.Kind
		mention string
	}{
		{"zoom 25", all, 25, 0, 0, catalog.KindBadRequest, "25"},
		{"huge zoom", all, 1 << 31, 0, 0, catalog.KindBadRequest, "2147483648"},
		{"column", all, 3, 8, 0, catalog.KindBadRequest, "column (x) 8"},
		{"row", all, 3, 0, 8, catalog.KindBadRequest, "row (y) 8"},
		{"row at zoom 0", all, 0, 0, 1, catalog.KindBadRequest, "row (y) 1"},
		{"no layer", nil, 1, 0, 0, catalog.KindBadRequest, "layer"},
		{"twice", []catalog.Collection{catalog.Zones, catalog.Zones}, 1, 0, 0, catalog.KindBadRequest, `"zones"`},
		{"unknown", []catalog.Collection{"roads"}, 1, 0, 0, catalog.KindNotFound, `"roads"`},
	}
	c := tiles.NewCache(0)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, get := range []func() ([]byte, error){
				func() ([]byte, error) { return tiles.Encode(src, tc.layers, tc.z, tc.x, tc.y) },
				func() ([]byte, error) { return c.Get(src, tc.layers, tc.z, tc.x, tc.y) },
			} {
				b, err := get()
				if catalog.KindOf(err) != tc.kind || b != nil || !strings.Contains(err.Error(), tc.mention) {
					t.Errorf("got %d bytes, %v (kind %v); want kind %v mentioning %s", len(b), err, catalog.KindOf(err), tc.kind, tc.mention)
				}
			}
		})
	}
	if st := c.Stats(); st.Entries != 0 {
		t.Errorf("errors were cached: %+v", st)
	}
}

// TestUnpublished: drafts, features in review and archived ones never
// reach a tile.
func TestUnpublished(t *testing.T) {
	feats := demoFeatures(t)
	hidden := map[string]catalog.Publication{}
	states := []catalog.Publication{catalog.Draft, catalog.InReview, catalog.Archived}
	for i, f := range feats {
		if f.Collection == catalog.Parcels && strings.HasPrefix(f.ID, "hp-dc1-") && len(hidden) < 3 {
			f.Publication = states[len(hidden)]
			hidden[f.ID] = f.Publication
		}
		feats[i] = f
	}
	s := readmodel.Build(feats, 1, now)
	for id := range hidden {
		l := decode(t, encodeTile(t, tiles.FromSnapshot(s), all, tileAt(t, s, catalog.Parcels, id, 16)))["parcels"]
		if l == nil {
			continue
		}
		for _, f := range l.Features {
			if f.Properties["id"] == id {
				t.Errorf("%s (%s) is in a public tile", id, hidden[id])
			}
		}
	}
}

// TestDeterministic: the same catalogue gives the same bytes whether the
// snapshot was built at once or reached commit by commit (its spatial
// index then differs).
func TestDeterministic(t *testing.T) {
	feats := demoFeatures(t)
	full := readmodel.Build(feats, int64(len(feats)), now)
	step := readmodel.Build(feats[:10], 10, now)
	for i := 10; i < len(feats); i++ {
		step = step.Apply(feats[i:i+1], int64(i+1), now)
	}
	for z := 10; z <= 16; z += 2 {
		tile := tileAt(t, full, catalog.Parcels, anchor, z)
		a := encodeTile(t, tiles.FromSnapshot(full), all, tile)
		b := encodeTile(t, tiles.FromSnapshot(step), all, tile)
		if !bytes.Equal(a, b) || len(a) == 0 {
			t.Errorf("z%d: %d and %d bytes differ", z, len(a), len(b))
		}
	}
}

// TestFeatureID pins the id scheme: FNV-1a 64 of the string id, 53 bits.
func TestFeatureID(t *testing.T) {
	for _, id := range []string{anchor, "g-p-000001", "z-dc1", ""} {
		h := fnv.New64a()
		h.Write([]byte(id))
		if got, want := tiles.FeatureID(id), h.Sum64()&(1<<53-1); got != want || got >= 1<<53 {
			t.Errorf("FeatureID(%q) = %d, want %d", id, got, want)
		}
	}
}

func TestParseTile(t *testing.T) {
	z, x, y, err := tiles.ParseTile("14", "7222", "13051") // OGC order: z/y/x
	if err != nil || z != 14 || x != 13051 || y != 7222 {
		t.Errorf("ParseTile = %d/%d/%d, %v", z, x, y, err)
	}
	for _, seg := range [][3]string{{"x", "0", "0"}, {"1", "-1", "0"}, {"1", "0", "1.5"}, {"99999999999", "0", "0"}, {"25", "0", "0"}, {"2", "0", "4"}} {
		if _, _, _, err := tiles.ParseTile(seg[0], seg[1], seg[2]); catalog.KindOf(err) != catalog.KindBadRequest {
			t.Errorf("ParseTile(%q) = %v, want a bad request", seg, err)
		}
	}
	if got := tiles.DatasetLayers(); len(got) != 3 || got[0] != catalog.Zones {
		t.Errorf("DatasetLayers = %v", got)
	}
}
