package tiles_test

import (
	"bytes"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/demo"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/landcat/landcat/internal/tiles"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/planar"
)

var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

var all = []catalog.Collection{catalog.Zones, catalog.Parcels, catalog.Infrastructure}

// decodeFeatures decodes a GeoJSON FeatureCollection into published
// catalogue features; collection, when empty, is read from each feature's
// "collection" property (the generator's form).
func decodeFeatures(data []byte, collection catalog.Collection, rev0 int) ([]*catalog.Feature, error) {
	out, err := catalog.DecodeCollection(bytes.NewReader(data), collection)
	for i, f := range out {
		f.Publication, f.Version, f.Revision, f.UpdatedAt = catalog.Published, 1, int64(rev0+i+1), now
	}
	return out, err
}

// demoFeatures returns the embedded Hai Phong demo catalogue, published.
func demoFeatures(tb testing.TB) []*catalog.Feature {
	tb.Helper()
	var feats []*catalog.Feature
	for _, f := range demo.Files() {
		more, err := decodeFeatures(f.Data, catalog.Collection(f.Collection), len(feats))
		if err != nil {
			tb.Fatalf("%s: %v", f.Name, err)
		}
		feats = append(feats, more...)
	}
	return feats
}

func demoSnapshot(tb testing.TB) *readmodel.Snapshot {
	tb.Helper()
	feats := demoFeatures(tb)
	return readmodel.Build(feats, int64(len(feats)), now)
}

// generated100k is the 100,000-parcel synthetic catalogue (seed 1), built
// once per test binary: generating and indexing it takes seconds.
var generated100k = sync.OnceValues(func() (*readmodel.Snapshot, error) {
	var buf bytes.Buffer
	if err := demo.Generate(&buf, demo.GenOptions{Parcels: 100000, Seed: 1}); err != nil {
		return nil, err
	}
	feats, err := decodeFeatures(buf.Bytes(), "", 0)
	if err != nil {
		return nil, err
	}
	return readmodel.Build(feats, int64(len(feats)), now), nil
})

func bigSnapshot(tb testing.TB) *readmodel.Snapshot {
	tb.Helper()
	if testing.Short() || raceDetector {
		tb.Skip("the 100,000-parcel catalogue is skipped in -short mode and under the race detector")
	}
	s, err := generated100k()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// decode unmarshals a tile and indexes its layers by name, checking the
// MVT 2.1 layer header on the way.
func decode(tb testing.TB, data []byte) map[string]*mvt.Layer {
	tb.Helper()
	layers, err := mvt.Unmarshal(data)
	if err != nil {
		tb.Fatalf("decode tile: %v", err)
	}
	out := map[string]*mvt.Layer{}
	for _, l := range layers {
		if l.Version != 2 || l.Extent != tiles.Extent {
			tb.Errorf("layer %s: version %d extent %d, want 2 and %d", l.Name, l.Version, l.Extent, tiles.Extent)
		}
		out[l.Name] = l
	}
	return out
}

// expected returns the published features of c a tile must or may hold:
// those intersecting the tile with its buffer, by id. A polygon whose part
// in that box covers less than a few square pixels may be dropped (it would
// not show): it maps to false; every other feature maps to true and must
// be in the tile.
func expected(s *readmodel.Snapshot, c catalog.Collection, t maptile.Tile) map[string]bool {
	out := map[string]bool{}
	if int(t.Z) < tiles.MinZoom(c) {
		return out
	}
	b := t.Bound(float64(tiles.Buffer) / tiles.Extent)
	page := s.Find(readmodel.Query{Collection: c, BBox: &b, Limit: 1 << 30})
	for _, f := range page.Features {
		out[f.ID] = f.Geometry.Dimensions() < 2 || pixelArea(clipBound(f.Bound, b), t) >= 4
	}
	return out
}

func clipBound(a, b orb.Bound) orb.Bound {
	return orb.Bound{
		Min: orb.Point{max(a.Min[0], b.Min[0]), max(a.Min[1], b.Min[1])},
		Max: orb.Point{min(a.Max[0], b.Max[0]), min(a.Max[1], b.Max[1])},
	}
}

// pixelArea is the area of b in the 512-pixel tile t, in square pixels.
func pixelArea(b orb.Bound, t maptile.Tile) float64 {
	lo, hi := maptile.Fraction(b.Min, t.Z), maptile.Fraction(b.Max, t.Z)
	return math.Abs((hi[0]-lo[0])*(hi[1]-lo[1])) * 512 * 512
}

// tileAt returns the tile at zoom z containing the centre of the bound of the
// feature c/id.
func tileAt(tb testing.TB, s *readmodel.Snapshot, c catalog.Collection, id string, z int) maptile.Tile {
	tb.Helper()
	f, ok := s.Get(c, id)
	if !ok {
		tb.Fatalf("no feature %s/%s", c, id)
	}
	c0, _ := planar.CentroidArea(f.Geometry)
	return maptile.At(c0, maptile.Zoom(z))
}

func encodeTile(tb testing.TB, src tiles.Source, layers []catalog.Collection, t maptile.Tile) []byte {
	tb.Helper()
	b, err := tiles.Encode(src, layers, uint32(t.Z), t.X, t.Y)
	if err != nil {
		tb.Fatalf("encode %v: %v", t, err)
	}
	return b
}
