package tiles

import (
	"container/list"
	"strconv"
	"sync"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/paulmach/orb/maptile"
)

// DefaultCacheBytes is the byte budget of NewCache(0).
const DefaultCacheBytes = 256 << 20

// entryOverhead is what an entry costs besides its bytes (key, list
// element, map slot), so that empty tiles count too.
const entryOverhead = 160

// Tile is an encoded tile with its validator.
type Tile struct {
	// Data is the MVT; empty when no feature falls in the tile. Shared by
	// every caller: never modify it.
	Data []byte
	// ETag is a strong entity tag (quoted) derived from Data.
	ETag string
	// Revision is the version of the tile's area it was cut at: the
	// revision of the latest write that changed what the tile shows.
	Revision int64
}

// CacheStats counts what a Cache did.
type CacheStats struct {
	Hits      int64 // served from the cache
	Waits     int64 // served by waiting for another request's encoding
	Misses    int64 // encoded
	Evictions int64 // dropped for the byte budget
	Entries   int
	Bytes     int64
}

// Cache holds encoded tiles keyed by (layers, z, x, y) within a byte
// budget, least recently used first out, each with the version of its area
// (Source.Version) it was cut at. One Cache serves one catalogue, whose
// revisions only grow: a tile is served from the cache while no write has
// touched its area, so a write re-encodes the tiles it changed, not every
// tile. It is safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	max     int64
	bytes   int64
	lru     list.List // of *entry, most recent at the front
	entries map[cacheKey]*list.Element
	calls   map[callKey]*call
	stats   CacheStats
}

type cacheKey struct {
	layers  uint64 // collections in order, two bits each
	z, x, y uint32
}

type entry struct {
	key  cacheKey
	tile Tile // tile.Revision: the area's version it was cut at
}

// callKey names one encoding: a tile at a version.
type callKey struct {
	cacheKey
	rev int64
}

// call is one encoding in progress; later requests for the same key wait
// for it instead of encoding again.
type call struct {
	done chan struct{}
	tile Tile
	err  error
}

// NewCache returns a cache holding at most maxBytes of tiles
// (DefaultCacheBytes when maxBytes ≤ 0).
func NewCache(maxBytes int64) *Cache {
	if maxBytes <= 0 {
		maxBytes = DefaultCacheBytes
	}
	return &Cache{max: maxBytes, entries: map[cacheKey]*list.Element{}, calls: map[callKey]*call{}}
}

// Get returns tile z/x/y of layers from src, encoding it on a miss (see
// Encode for the errors). The bytes are shared: never modify them.
func (c *Cache) Get(src Source, layers []catalog.Collection, z, x, y uint32) ([]byte, error) {
	t, err := c.Tile(src, layers, z, x, y)
	return t.Data, err
}

// Tile is Get returning the tile with its ETag and revision.
func (c *Cache) Tile(src Source, layers []catalog.Collection, z, x, y uint32) (Tile, error) {
	if err := CheckTile(z, x, y); err != nil {
		return Tile{}, err
	}
	if err := checkLayers(layers); err != nil {
		return Tile{}, err
	}
	k := callKey{cacheKey{layers: layersKey(layers), z: z, x: x, y: y}, version(src, layers, z, x, y)}
	return c.get(k, func() ([]byte, error) { return Encode(src, layers, k.z, k.x, k.y) })
}

// basemapKey is the layers key of basemap tiles: above every key of
// collections (at most three, two bits each).
const basemapKey = 1 << 62

// Basemap returns basemap tile z/x/y cut from src, through the same cache
// as the catalogue's tiles. The basemap never changes while the process
// runs, so its tiles stay until the byte budget pushes them out.
func (c *Cache) Basemap(src BasemapSource, z, x, y uint32) (Tile, error) {
	if err := CheckTile(z, x, y); err != nil {
		return Tile{}, err
	}
	k := callKey{cacheKey{layers: basemapKey, z: z, x: x, y: y}, 0}
	return c.get(k, func() ([]byte, error) { return EncodeBasemap(src, k.z, k.x, k.y) })
}

// get serves k from the cache, or encodes it once however many requests
// ask for it at the same time.
func (c *Cache) get(k callKey, encode func() ([]byte, error)) (Tile, error) {
	c.mu.Lock()
	if t, ok := c.hitLocked(k); ok {
		c.mu.Unlock()
		return t, nil
	}
	if cl, ok := c.calls[k]; ok {
		c.stats.Waits++
		c.mu.Unlock()
		<-cl.done
		return cl.tile, cl.err
	}
	cl := &call{done: make(chan struct{})}
	c.calls[k] = cl
	c.stats.Misses++
	c.mu.Unlock()
	c.run(cl, k, encode)
	return cl.tile, cl.err
}

// run encodes the tile for cl and publishes it, releasing the waiters
// even if encoding panics.
func (c *Cache) run(cl *call, k callKey, encode func() ([]byte, error)) {
	defer func() {
		c.mu.Lock()
		delete(c.calls, k)
		if cl.err == nil {
			c.addLocked(k, cl.tile)
		}
		c.mu.Unlock()
		close(cl.done)
	}()
	cl.err = catalog.Errorf(catalog.KindInternal, "tiles: encoding %d/%d/%d failed", k.z, k.x, k.y)
	data, err := encode()
	if err != nil {
		cl.err = err
		return
	}
	cl.tile, cl.err = Tile{Data: data, ETag: ETag(data), Revision: k.rev}, nil
}

func (c *Cache) hitLocked(k callKey) (Tile, bool) {
	el, ok := c.entries[k.cacheKey]
	if !ok || el.Value.(*entry).tile.Revision != k.rev {
		return Tile{}, false
	}
	c.lru.MoveToFront(el)
	c.stats.Hits++
	return el.Value.(*entry).tile, true
}

// addLocked stores t in place of an older version of the tile (a reader
// on an older snapshot does not replace a newer one), then drops the least
// recently used beyond the budget.
func (c *Cache) addLocked(k callKey, t Tile) {
	if el, ok := c.entries[k.cacheKey]; ok {
		if el.Value.(*entry).tile.Revision > k.rev {
			return // cut from a snapshot a write has already replaced
		}
		c.removeLocked(el)
	}
	size := int64(len(t.Data)) + entryOverhead
	if size > c.max/4 {
		return // one tile may not push out a quarter of the cache
	}
	c.entries[k.cacheKey] = c.lru.PushFront(&entry{key: k.cacheKey, tile: t})
	c.bytes += size
	for c.bytes > c.max {
		c.removeLocked(c.lru.Back())
		c.stats.Evictions++
	}
}

// version is the newest version of the tile's area (with its buffer)
// across its layers.
func version(src Source, layers []catalog.Collection, z, x, y uint32) int64 {
	b := maptile.New(x, y, maptile.Zoom(z)).Bound(float64(Buffer) / Extent)
	var v int64
	for _, l := range layers {
		v = max(v, src.Version(l, b))
	}
	return v
}

func (c *Cache) removeLocked(el *list.Element) {
	e := c.lru.Remove(el).(*entry)
	delete(c.entries, e.key)
	c.bytes -= int64(len(e.tile.Data)) + entryOverhead
}

// Stats returns the cache's counters.
func (c *Cache) Stats() CacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stats
	s.Entries, s.Bytes = len(c.entries), c.bytes
	return s
}

// layersKey packs a checked layer list (at most three distinct
// collections) into an integer, keeping the order.
func layersKey(layers []catalog.Collection) uint64 {
	var k uint64
	for _, c := range layers {
		k <<= 2
		switch c {
		case catalog.Zones:
			k |= 1
		case catalog.Parcels:
			k |= 2
		case catalog.Infrastructure:
			k |= 3
		}
	}
	return k
}

// ETag returns a strong entity tag for tile bytes: a quoted FNV-1a 64 hex
// digest with the length.
func ETag(data []byte) string {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for _, b := range data {
		h ^= uint64(b)
		h *= prime
	}
	return `"` + strconv.FormatUint(h, 16) + "-" + strconv.Itoa(len(data)) + `"`
}
