package tiles_test

import (
	"cmp"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/landcat/landcat/internal/tiles"
	"github.com/paulmach/orb/maptile"
)

// maxTileBytes is the size every tile of the 100k catalogue must stay under.
const maxTileBytes = 500 << 10

// busiest returns the n tiles at zoom z holding the most parcel centres,
// busiest first.
func busiest(s *readmodel.Snapshot, z, n int) []maptile.Tile {
	count := map[maptile.Tile]int{}
	for _, f := range s.Collection(catalog.Parcels) {
		count[maptile.At(f.Bound.Center(), maptile.Zoom(z))]++
	}
	ts := make([]maptile.Tile, 0, len(count))
	for t := range count {
		ts = append(ts, t)
	}
	slices.SortFunc(ts, func(a, b maptile.Tile) int {
		return cmp.Or(count[b]-count[a], cmp.Compare(a.X, b.X), cmp.Compare(a.Y, b.Y))
	})
	return ts[:min(n, len(ts))]
}

// TestLargestTiles encodes the busiest tiles of the 100,000-parcel
// catalogue at zooms 8 to 16 with every layer, logs the largest size and
// encoding time per zoom, and fails if any tile reaches maxTileBytes.
func TestLargestTiles(t *testing.T) {
	s := bigSnapshot(t)
	src := tiles.FromSnapshot(s)
	for z := 8; z <= 16; z++ {
		var largest int
		var at maptile.Tile
		var slowest time.Duration
		for _, tile := range busiest(s, z, 8) {
			start := time.Now()
			b := encodeTile(t, src, all, tile)
			slowest = max(slowest, time.Since(start))
			if len(b) > largest {
				largest, at = len(b), tile
			}
		}
		t.Logf("z%-2d largest tile %7d bytes (%d/%d/%d), slowest %v", z, largest, at.Z, at.X, at.Y, slowest.Round(time.Microsecond))
		if largest >= maxTileBytes {
			t.Errorf("z%d: tile %d/%d/%d is %d bytes, over %d", z, at.Z, at.X, at.Y, largest, maxTileBytes)
		}
	}
}

// BenchmarkEncode cuts uncached tiles of every layer over the busiest
// areas of the 100,000-parcel catalogue, cycling through the 16 busiest
// tiles of each zoom, and reports the median time and the mean size.
func BenchmarkEncode(b *testing.B) {
	s := bigSnapshot(b)
	src := tiles.FromSnapshot(s)
	for _, z := range []int{10, 12, 13, 16} {
		b.Run(fmt.Sprintf("z%d", z), func(b *testing.B) {
			ts := busiest(s, z, 16)
			durs := make([]time.Duration, 0, b.N)
			var size int
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				tile := ts[i%len(ts)]
				start := time.Now()
				data, err := tiles.Encode(src, all, uint32(tile.Z), tile.X, tile.Y)
				durs = append(durs, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
				size += len(data)
			}
			slices.Sort(durs)
			b.ReportMetric(float64(durs[len(durs)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(size)/float64(len(durs)), "bytes/tile")
		})
	}
}

// BenchmarkCacheGet serves the busiest z13 tiles from a warm cache.
func BenchmarkCacheGet(b *testing.B) {
	s := bigSnapshot(b)
	src := tiles.FromSnapshot(s)
	c := tiles.NewCache(0)
	ts := busiest(s, 13, 16)
	for _, tile := range ts {
		if _, err := c.Get(src, all, uint32(tile.Z), tile.X, tile.Y); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			tile := ts[i%len(ts)]
			if _, err := c.Get(src, all, uint32(tile.Z), tile.X, tile.Y); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
