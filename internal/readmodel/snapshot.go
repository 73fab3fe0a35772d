package readmodel

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/paulmach/orb"
)

// Snapshot is the whole catalogue at one revision. It is never modified
// after it is built.
type Snapshot struct {
	Revision int64
	Built    time.Time // when it was built; also the "today" of computed terms
	tables   map[catalog.Collection]*table
	env      *env
	changes  map[catalog.Collection]*changeLog
	derived  sync.Map // key → *lazy: indexes and caches built from this snapshot
}

// lazy is one derived value, built once on first use.
type lazy struct {
	once sync.Once
	v    any
}

// Derived returns the value that build makes from s, building it on first
// use and sharing it with every later caller of the same key. Derived data
// (the matcher's index, counts, bitmaps) thus belongs to the snapshot it
// was made from: it never goes stale, a snapshot nobody queries never pays
// for it, and a burst of writes costs one build for the snapshot that is
// finally read, not one per write. Concurrent first callers of one key wait
// for the one build; other keys and other snapshots are not blocked.
func (s *Snapshot) Derived(key string, build func(*Snapshot) any) any {
	l, _ := s.derived.LoadOrStore(key, &lazy{})
	lz := l.(*lazy)
	lz.once.Do(func() { lz.v = build(s) })
	return lz.v
}

// Len returns the number of features of c (every publication state).
func (s *Snapshot) Len(c catalog.Collection) int { return len(s.tables[c].byID) }

// All calls fn for each feature of c in id order (every publication state)
// until fn returns false.
func (s *Snapshot) All(c catalog.Collection, fn func(*Feature) bool) {
	t := s.tables[c]
	for _, slot := range t.byID {
		if !fn(t.feature(slot)) {
			return
		}
	}
}

// Collection returns the features of c sorted by id (every publication
// state), in a new slice.
func (s *Snapshot) Collection(c catalog.Collection) []*Feature {
	out := make([]*Feature, 0, s.Len(c))
	s.All(c, func(f *Feature) bool { out = append(out, f); return true })
	return out
}

// Published returns the published features of c in id order. The slice is
// shared: do not modify it.
func (s *Snapshot) Published(c catalog.Collection) []*Feature { return s.tables[c].published() }

// Get returns the feature c/id in any publication state.
func (s *Snapshot) Get(c catalog.Collection, id string) (*Feature, bool) {
	return s.tables[c].get(id)
}

// summary is the extent of a collection's published features.
type summary struct {
	any         bool
	bound       orb.Bound
	first, last time.Time
}

func (t *table) summary() *summary {
	return t.derive("summary", func() any {
		m := &summary{}
		for _, f := range t.published() {
			if !m.any {
				m.bound, m.first, m.last, m.any = f.Bound, f.UpdatedAt, f.UpdatedAt, true
				continue
			}
			m.bound = m.bound.Union(f.Bound)
			if f.UpdatedAt.Before(m.first) {
				m.first = f.UpdatedAt
			}
			if f.UpdatedAt.After(m.last) {
				m.last = f.UpdatedAt
			}
		}
		return m
	}).(*summary)
}

// Extent returns the bound of the published features of c.
func (s *Snapshot) Extent(c catalog.Collection) (orb.Bound, bool) {
	m := s.tables[c].summary()
	return m.bound, m.any
}

// Interval returns the first and last updated_at of the published
// features of c (the temporal extent).
func (s *Snapshot) Interval(c catalog.Collection) (first, last time.Time, ok bool) {
	m := s.tables[c].summary()
	return m.first, m.last, m.any
}

// Build makes a snapshot from every stored feature.
func Build(feats []*catalog.Feature, rev int64, now time.Time) *Snapshot {
	return emptySnapshot(now).Apply(feats, rev, now)
}

func emptySnapshot(now time.Time) *Snapshot {
	empty := &Snapshot{tables: map[catalog.Collection]*table{}}
	for _, c := range catalog.Collections {
		empty.tables[c] = newTable(c)
	}
	empty.env = newEnv(empty.tables[catalog.Zones], empty.tables[catalog.Infrastructure], now)
	return empty
}

// builder makes the first snapshot from batches of stored features that
// come collection by collection (zones and infrastructure first: parcels
// derive their values from them) and by id within each.
type builder struct {
	now    time.Time
	snap   *Snapshot
	before []*catalog.Feature // zones and infrastructure, built together when parcels start
	env    *env
}

func newBuilder(now time.Time) *builder {
	return &builder{now: now, snap: emptySnapshot(now)}
}

// add takes the next batch.
func (b *builder) add(feats []*catalog.Feature) error {
	var parcels []*catalog.Feature
	for _, f := range feats {
		if f.Collection == catalog.Parcels {
			parcels = append(parcels, f)
		} else {
			b.before = append(b.before, f)
		}
	}
	if len(parcels) == 0 {
		return nil
	}
	b.flush()
	t := b.snap.tables[catalog.Parcels]
	t.building = true // only this builder holds t, and drops it for the update's result
	b.snap.tables[catalog.Parcels] = t.update(parcels, nil, false, b.env)
	return nil
}

// flush builds the zones and infrastructure collected so far.
func (b *builder) flush() {
	if b.env != nil && len(b.before) == 0 {
		return
	}
	if len(b.before) > 0 {
		b.snap = b.snap.Apply(b.before, 0, b.now)
		b.before = nil
	}
	b.env = b.snap.env
}

// finish returns the snapshot at revision rev.
func (b *builder) finish(rev int64) *Snapshot {
	b.flush()
	s := b.snap
	s.Revision, s.Built = rev, b.now
	for _, c := range catalog.Collections {
		s.changes[c] = everything(rev)
	}
	return s
}

// Apply returns the snapshot after a commit. Tables the commit does not
// touch are shared with s; changed features get new rows in copies of
// their chunks, and so do the parcels whose derived values depend on them
// (a zone's parcels inherit its utilities; every parcel's distances depend
// on the infrastructure; remaining lease terms depend on the day). s is
// never modified.
func (s *Snapshot) Apply(changed []*catalog.Feature, rev int64, now time.Time) *Snapshot {
	next := &Snapshot{Revision: rev, Built: now, tables: map[catalog.Collection]*table{}, env: s.env, changes: map[catalog.Collection]*changeLog{}}
	by := map[catalog.Collection][]*catalog.Feature{}
	for _, f := range changed {
		by[f.Collection] = append(by[f.Collection], f)
	}
	for _, c := range []catalog.Collection{catalog.Zones, catalog.Infrastructure} {
		next.tables[c] = s.tables[c]
		if len(by[c]) > 0 {
			// Zones and infrastructure inherit nothing and have no
			// distances: their rows need only the env's "today".
			next.tables[c] = s.tables[c].update(by[c], nil, false, &env{today: now})
		}
	}
	allParcels := len(by[catalog.Infrastructure]) > 0 || !sameDay(s.Built, now)
	if allParcels || len(by[catalog.Zones]) > 0 {
		next.env = newEnv(next.tables[catalog.Zones], next.tables[catalog.Infrastructure], now)
	}
	parcels := s.tables[catalog.Parcels]
	var redo []int32
	if !allParcels && len(by[catalog.Zones]) > 0 {
		redo = parcels.inZones(by[catalog.Zones])
	}
	next.tables[catalog.Parcels] = parcels
	if allParcels || len(redo) > 0 || len(by[catalog.Parcels]) > 0 {
		next.tables[catalog.Parcels] = parcels.update(by[catalog.Parcels], redo, allParcels, next.env)
	}
	next.logChanges(s, by, redo, allParcels)
	return next
}

// logChanges records where next differs from s (see Version).
func (next *Snapshot) logChanges(s *Snapshot, by map[catalog.Collection][]*catalog.Feature, redo []int32, allParcels bool) {
	for _, c := range catalog.Collections {
		old := s.changes[c]
		if old == nil || (c == catalog.Parcels && allParcels) {
			next.changes[c] = everything(next.Revision)
			continue
		}
		var bs []orb.Bound
		for _, f := range by[c] {
			if prev, ok := s.tables[c].get(f.ID); ok {
				bs = append(bs, prev.Bound)
			}
			if cur, ok := next.tables[c].get(f.ID); ok {
				bs = append(bs, cur.Bound)
			}
		}
		if c == catalog.Parcels && len(redo) > 0 {
			u := next.tables[c].feature(redo[0]).Bound
			for _, slot := range redo[1:] {
				u = u.Union(next.tables[c].feature(slot).Bound)
			}
			bs = append(bs, u)
		}
		next.changes[c] = old.with(next.Revision, bs)
	}
}

// inZones returns the slots of the parcels that lie in the given zones.
func (t *table) inZones(zones []*catalog.Feature) []int32 {
	ids := map[string]bool{}
	for _, z := range zones {
		ids[z.ID] = true
	}
	zi := indexes[catalog.Parcels].zone
	var out []int32
	for slot := int32(0); slot < t.n; slot++ {
		if z, _ := t.feature(slot).Str(zi); ids[z] {
			out = append(out, slot)
		}
	}
	return out
}

// rowWork is one row to (re)build: from a stored feature, or (cf nil) from
// its current stored values.
type rowWork struct {
	row int
	cf  *catalog.Feature
}

// update returns t with the changed features (the last of an id wins)
// written, the rows in redo rebuilt from their stored values (or every row,
// when all), and the derived values of all of them computed in e.
func (t *table) update(changed []*catalog.Feature, redo []int32, all bool, e *env) *table {
	next := &table{coll: t.coll, schema: t.schema, kinds: t.kinds, chunks: slices.Clone(t.chunks), n: t.n, byID: t.byID, tree: t.tree}
	work := map[int32][]rowWork{} // by chunk
	last := make(map[string]int, len(changed))
	for i, cf := range changed {
		last[cf.ID] = i
	}
	var added []int32
	moved := map[int32]*catalog.Feature{} // slots whose geometry may have changed
	for i, cf := range changed {
		if last[cf.ID] != i {
			continue
		}
		slot := int32(-1)
		if pos, found := t.find(cf.ID); found {
			slot = t.byID[pos]
		} else {
			slot = next.n
			next.n++
			added = append(added, slot)
		}
		moved[slot] = cf
		work[slot>>chunkBits] = append(work[slot>>chunkBits], rowWork{int(slot & (chunkSize - 1)), cf})
	}
	for _, slot := range redo {
		if _, ok := moved[slot]; !ok {
			work[slot>>chunkBits] = append(work[slot>>chunkBits], rowWork{int(slot & (chunkSize - 1)), nil})
		}
	}
	if all {
		for slot := int32(0); slot < t.n; slot++ {
			if _, ok := moved[slot]; !ok {
				work[slot>>chunkBits] = append(work[slot>>chunkBits], rowWork{int(slot & (chunkSize - 1)), nil})
			}
		}
	}
	for len(next.chunks) <= int((next.n-1)>>chunkBits) && next.n > 0 {
		next.chunks = append(next.chunks, nil)
	}
	next.buildChunks(t, work, e)
	if len(added) > 0 {
		next.byID = next.withIDs(t.byID, added)
	}
	next.updateTree(t, moved)
	return next
}

// withIDs returns byID with the added slots in their places. Added ids
// that all come after the existing ones, in order (a cold start reads the
// store by id), are appended without sorting.
func (next *table) withIDs(byID, added []int32) []int32 {
	id := func(slot int32) string { return next.feature(slot).ID }
	out := make([]int32, 0, len(byID)+len(added))
	out = append(append(out, byID...), added...)
	inOrder := len(byID) == 0 || id(byID[len(byID)-1]) < id(added[0])
	for i := 1; inOrder && i < len(added); i++ {
		inOrder = id(added[i-1]) < id(added[i])
	}
	if !inOrder {
		slices.SortFunc(out, func(a, b int32) int { return strings.Compare(id(a), id(b)) })
	}
	return out
}

// buildChunks copies each chunk that has work and builds its rows, on
// every core when there are many.
func (next *table) buildChunks(old *table, work map[int32][]rowWork, e *env) {
	keys := make([]int32, 0, len(work))
	for k := range work {
		keys = append(keys, k)
	}
	one := func(k int32) {
		size := chunkSize
		if last := (next.n - 1) >> chunkBits; k == last {
			size = int(next.n - k<<chunkBits)
		}
		var ch *chunk
		if int(k) < len(old.chunks) && old.chunks[k] != nil {
			ch = old.chunks[k].copyForWrite(size)
		} else {
			ch = next.newChunk(size)
		}
		for _, w := range work[k] {
			if w.cf != nil {
				ch.setStored(w.row, k<<chunkBits+int32(w.row), w.cf, next.schema)
			} else {
				ch.forgetInherited(w.row, next.coll)
			}
			e.derive(ch, w.row, next.schema)
		}
		next.chunks[k] = ch
	}
	workers := runtime.GOMAXPROCS(0)
	if len(keys) < 4 || workers == 1 {
		for _, k := range keys {
			one(k)
		}
		return
	}
	var wg sync.WaitGroup
	jobs := make(chan int32)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range jobs {
				one(k)
			}
		}()
	}
	for _, k := range keys {
		jobs <- k
	}
	close(jobs)
	wg.Wait()
}

// updateTree indexes the bounds of the written features (copy-on-write).
func (next *table) updateTree(old *table, moved map[int32]*catalog.Feature) {
	if len(moved) == 0 {
		return
	}
	if !old.building {
		next.tree = old.tree.Copy()
	}
	for slot := range moved {
		if slot < old.n {
			prev := old.feature(slot)
			next.tree.Delete(prev.Bound.Min, prev.Bound.Max, slot)
		}
		f := next.feature(slot)
		next.tree.Insert(f.Bound.Min, f.Bound.Max, slot)
	}
}

func sameDay(a, b time.Time) bool {
	return a.UTC().Format(time.DateOnly) == b.UTC().Format(time.DateOnly)
}
