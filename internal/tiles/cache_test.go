package tiles_test

import (
	"bytes"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/landcat/landcat/internal/tiles"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

// countingSource counts searches and can slow them down, so that
// concurrent requests pile up on one encoding.
type countingSource struct {
	tiles.Source
	searches atomic.Int64
	delay    time.Duration
}

func (c *countingSource) Search(col catalog.Collection, b orb.Bound, fn func(*readmodel.Feature) bool) {
	c.searches.Add(1)
	time.Sleep(c.delay)
	c.Source.Search(col, b, fn)
}

// TestCacheHit: a second Get returns the very same bytes without
// encoding again, and the ETag is the bytes'.
func TestCacheHit(t *testing.T) {
	s := demoSnapshot(t)
	src := &countingSource{Source: tiles.FromSnapshot(s)}
	c := tiles.NewCache(0)
	tile := tileAt(t, s, catalog.Parcels, anchor, 14)
	a, err := c.Tile(src, all, uint32(tile.Z), tile.X, tile.Y)
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.Tile(src, all, uint32(tile.Z), tile.X, tile.Y)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Data) == 0 || &a.Data[0] != &b.Data[0] || a.ETag != b.ETag || a.ETag != tiles.ETag(a.Data) || a.Revision != s.Revision {
		t.Errorf("second Get differs: %d/%d bytes, ETags %s %s, revision %d", len(a.Data), len(b.Data), a.ETag, b.ETag, a.Revision)
	}
	if direct := encodeTile(t, src, all, tile); !bytes.Equal(direct, a.Data) {
		t.Error("cached bytes differ from Encode's")
	}
	if n := src.searches.Load(); n != int64(2*len(all)) { // one cached Get, one direct Encode
		t.Errorf("%d searches, want %d", n, 2*len(all))
	}
	if st := c.Stats(); st.Hits != 1 || st.Misses != 1 || st.Entries != 1 {
		t.Errorf("stats %+v", st)
	}
}

// TestCacheNewRevision: after a write the cache serves the new content at
// once for the tiles the write touched, and keeps serving the others
// without encoding them again.
func TestCacheNewRevision(t *testing.T) {
	s1 := demoSnapshot(t)
	c := tiles.NewCache(0)
	tile := tileAt(t, s1, catalog.Parcels, anchor, 15)
	status := func(s *readmodel.Snapshot) any {
		b, err := c.Get(tiles.FromSnapshot(s), all, uint32(tile.Z), tile.X, tile.Y)
		if err != nil {
			t.Fatal(err)
		}
		return featureByID(t, decode(t, b)["parcels"], anchor).Properties["status"]
	}
	around := tileAt(t, s1, catalog.Parcels, anchor, 12) // holds the anchor too
	far := farTile(t, s1, tile)                          // does not
	for _, tl := range []maptile.Tile{around, far} {
		if _, err := c.Get(tiles.FromSnapshot(s1), all, uint32(tl.Z), tl.X, tl.Y); err != nil {
			t.Fatal(err)
		}
	}
	if got := status(s1); got != "available" {
		t.Fatalf("status %v before the write", got)
	}
	f, _ := s1.Get(catalog.Parcels, anchor)
	changed := f.Stored()
	changed.Props["status"] = "reserved"
	s2 := s1.Apply([]*catalog.Feature{changed}, s1.Revision+1, now)
	if got := status(s2); got != "reserved" {
		t.Errorf("status %v after the write, want reserved", got)
	}
	before := c.Stats()
	a, _ := c.Tile(tiles.FromSnapshot(s2), all, uint32(far.Z), far.X, far.Y)
	if st := c.Stats(); st.Hits != before.Hits+1 || st.Misses != before.Misses || a.Revision != s1.Revision {
		t.Errorf("a tile the write did not touch was encoded again: %+v, cut at %d", st, a.Revision)
	}
	b, _ := c.Tile(tiles.FromSnapshot(s2), all, uint32(around.Z), around.X, around.Y)
	if st := c.Stats(); st.Misses != before.Misses+1 || b.Revision != s2.Revision {
		t.Errorf("a tile holding the written parcel was not encoded again: %+v, cut at %d", st, b.Revision)
	}
	if got := status(s1); got != "available" { // a reader still on the old snapshot
		t.Errorf("old snapshot's tile says %v", got)
	}
	if got := status(s2); got != "reserved" {
		t.Errorf("the old snapshot's tile replaced the new one: %v", got)
	}
}

// farTile returns a tile at the zoom of tl that holds parcels but none of
// those of tl's area.
func farTile(t *testing.T, s *readmodel.Snapshot, tl maptile.Tile) maptile.Tile {
	t.Helper()
	b := tl.Bound(0.1)
	for _, f := range s.Published(catalog.Parcels) {
		if !f.Bound.Intersects(b) {
			return tileAt(t, s, catalog.Parcels, f.ID, int(tl.Z))
		}
	}
	t.Fatal("no parcel away from the tile")
	return tl
}

// TestCacheConcurrent: concurrent requests for one missing tile encode it
// once; a mix of tiles and revisions under -race stays consistent.
func TestCacheConcurrent(t *testing.T) {
	s := demoSnapshot(t)
	src := &countingSource{Source: tiles.FromSnapshot(s), delay: 20 * time.Millisecond}
	c := tiles.NewCache(0)
	tile := tileAt(t, s, catalog.Parcels, anchor, 14)
	const n = 16
	results := make([][]byte, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			b, err := c.Get(src, all, uint32(tile.Z), tile.X, tile.Y)
			if err != nil {
				t.Error(err)
			}
			results[i] = b
		})
	}
	close(start)
	wg.Wait()
	if got := src.searches.Load(); got != int64(len(all)) {
		t.Errorf("%d searches for %d concurrent requests, want %d (one encoding)", got, n, len(all))
	}
	for i := range results {
		if !bytes.Equal(results[i], results[0]) || len(results[i]) == 0 {
			t.Errorf("request %d got %d bytes, request 0 %d", i, len(results[i]), len(results[0]))
		}
	}
	if st := c.Stats(); st.Misses != 1 || st.Waits+st.Hits != n-1 {
		t.Errorf("stats %+v", st)
	}
	hammer(t, c, s)
}

// hammer runs many goroutines over several tiles and two revisions.
func hammer(t *testing.T, c *tiles.Cache, s1 *readmodel.Snapshot) {
	f, _ := s1.Get(catalog.Parcels, anchor)
	changed := f.Stored()
	changed.Props["status"] = "leased"
	s2 := s1.Apply([]*catalog.Feature{changed}, s1.Revision+1, now)
	var ts []maptile.Tile
	for z := 10; z <= 16; z++ {
		ts = append(ts, tileAt(t, s1, catalog.Parcels, anchor, z))
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				s := s1
				if i > 25 {
					s = s2
				}
				tl := ts[(g+i)%len(ts)]
				want := encodeTile(t, tiles.FromSnapshot(s), all, tl)
				got, err := c.Get(tiles.FromSnapshot(s), all, uint32(tl.Z), tl.X, tl.Y)
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("tile %v revision %d: %d bytes, want %d (%v)", tl, s.Revision, len(got), len(want), err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestCacheBudget: the cache stays within its byte budget, evicting the
// least recently used tiles.
func TestCacheBudget(t *testing.T) {
	s := demoSnapshot(t)
	src := tiles.FromSnapshot(s)
	const budget = 16 << 10
	c := tiles.NewCache(budget)
	var total int
	for z := 8; z <= 16; z++ {
		for _, l := range [][]catalog.Collection{all, {catalog.Parcels}, {catalog.Zones}} {
			tl := tileAt(t, s, catalog.Parcels, anchor, z)
			b, err := c.Get(src, l, uint32(tl.Z), tl.X, tl.Y)
			if err != nil {
				t.Fatal(err)
			}
			total += len(b)
			if st := c.Stats(); st.Bytes > budget {
				t.Fatalf("cache holds %d bytes, budget %d", st.Bytes, budget)
			}
		}
	}
	st := c.Stats()
	if total <= budget || st.Evictions == 0 || st.Entries == 0 {
		t.Errorf("%d bytes served, stats %+v: the budget was not exercised", total, st)
	}
	recent := tileAt(t, s, catalog.Parcels, anchor, 16)
	if _, err := c.Get(src, []catalog.Collection{catalog.Zones}, uint32(recent.Z), recent.X, recent.Y); err != nil {
		t.Fatal(err)
	}
	if c.Stats().Hits != st.Hits+1 {
		t.Errorf("the most recent tile was evicted: %+v", c.Stats())
	}
}
