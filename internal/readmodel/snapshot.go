package readmodel

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// Snapshot is the whole catalogue at one revision. It is never modified
// after it is built.
type Snapshot struct {
	Revision int64
	Built    time.Time // when it was built; also the "today" of computed terms
	colls    map[catalog.Collection]*collection
	ctx      *env
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

// collection holds one collection's features sorted by id (the default
// order of every listing, and binary search for Get: a sorted slice is
// copied by one memmove when a write builds the next snapshot, where a map
// of 100,000 entries would have to be rehashed).
type collection struct {
	sorted []*Feature
	tree   *rtree.RTreeG[*Feature]
	once   sync.Once
	meta   *summary
}

// Collection returns the features of c sorted by id (every publication state).
func (s *Snapshot) Collection(c catalog.Collection) []*Feature { return s.colls[c].sorted }

// Get returns the feature c/id in any publication state.
func (s *Snapshot) Get(c catalog.Collection, id string) (*Feature, bool) {
	return s.colls[c].get(id)
}

// Extent returns the bound of the published features of c.
func (s *Snapshot) Extent(c catalog.Collection) (orb.Bound, bool) {
	m := s.colls[c].summary()
	return m.bound, m.any
}

// Interval returns the first and last updated_at of the published
// features of c (the temporal extent).
func (s *Snapshot) Interval(c catalog.Collection) (first, last time.Time, ok bool) {
	m := s.colls[c].summary()
	return m.first, m.last, m.any
}

// summary is computed once per collection version, on first use.
type summary struct {
	any         bool
	bound       orb.Bound
	first, last time.Time
}

func (col *collection) summary() *summary {
	col.once.Do(func() {
		m := &summary{}
		for _, f := range col.sorted {
			if f.Publication != catalog.Published {
				continue
			}
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
		col.meta = m
	})
	return col.meta
}

// Build makes a snapshot from every stored feature.
func Build(feats []*catalog.Feature, rev int64, now time.Time) *Snapshot {
	s := &Snapshot{Revision: rev, Built: now, colls: map[catalog.Collection]*collection{}}
	for _, c := range catalog.Collections {
		s.colls[c] = &collection{tree: &rtree.RTreeG[*Feature]{}}
	}
	for _, f := range feats {
		col := s.colls[f.Collection]
		col.sorted = append(col.sorted, &Feature{Feature: f, Bound: geo.Bound(f.Geometry)})
	}
	for _, c := range catalog.Collections {
		col := s.colls[c]
		slices.SortStableFunc(col.sorted, byID)
		col.sorted = slices.CompactFunc(col.sorted, func(a, b *Feature) bool { return a.ID == b.ID })
	}
	s.ctx = newContext(s.colls[catalog.Zones].sorted, s.colls[catalog.Infrastructure].sorted, now)
	for _, c := range catalog.Collections {
		col := s.colls[c]
		s.ctx.computeAll(col.sorted)
		for _, f := range col.sorted {
			col.tree.Insert(f.Bound.Min, f.Bound.Max, f)
		}
	}
	return s
}

// Apply returns the snapshot after a commit. Collections the commit does
// not touch are shared with s; changed features get new wrappers and are
// computed again, and so are the parcels that depend on them (a zone's
// parcels inherit its utilities; every parcel's distances depend on the
// infrastructure; remaining lease terms depend on the day). Features of s
// are never modified.
func (s *Snapshot) Apply(changed []*catalog.Feature, rev int64, now time.Time) *Snapshot {
	next := &Snapshot{Revision: rev, Built: now, colls: map[catalog.Collection]*collection{}, ctx: s.ctx}
	by := map[catalog.Collection][]*catalog.Feature{}
	for _, f := range changed {
		by[f.Collection] = append(by[f.Collection], f)
	}
	for _, c := range []catalog.Collection{catalog.Zones, catalog.Infrastructure} {
		next.colls[c] = s.colls[c]
		if len(by[c]) > 0 {
			next.colls[c] = s.colls[c].with(by[c])
		}
	}
	allParcels := len(by[catalog.Infrastructure]) > 0 || !sameDay(s.Built, now)
	if allParcels || len(by[catalog.Zones]) > 0 {
		next.ctx = newContext(next.colls[catalog.Zones].sorted, next.colls[catalog.Infrastructure].sorted, now)
	}
	for _, c := range []catalog.Collection{catalog.Zones, catalog.Infrastructure} {
		for _, f := range by[c] {
			g, _ := next.colls[c].get(f.ID)
			next.ctx.compute(g)
		}
	}
	stale := by[catalog.Parcels]
	zones := map[string]bool{}
	for _, z := range by[catalog.Zones] {
		zones[z.ID] = true
	}
	if allParcels || len(zones) > 0 {
		stale = dependents(s.colls[catalog.Parcels].sorted, stale, zones, allParcels)
	}
	next.colls[catalog.Parcels] = s.colls[catalog.Parcels]
	if len(stale) > 0 {
		col := s.colls[catalog.Parcels].with(stale)
		fresh := make([]*Feature, len(stale))
		for i, f := range stale {
			fresh[i], _ = col.get(f.ID)
		}
		next.ctx.computeAll(fresh)
		next.colls[catalog.Parcels] = col
	}
	return next
}

// dependents adds to changed the parcels that lie in the given zones (or
// every parcel when all), without duplicates.
func dependents(parcels []*Feature, changed []*catalog.Feature, zones map[string]bool, all bool) []*catalog.Feature {
	seen := map[string]bool{}
	out := slices.Clone(changed)
	for _, f := range changed {
		seen[f.ID] = true
	}
	for _, p := range parcels {
		if !seen[p.ID] && (all || zones[p.String("zone_id")]) {
			out = append(out, p.Feature)
		}
	}
	return out
}

// get finds a feature by id (binary search).
func (col *collection) get(id string) (*Feature, bool) {
	i, ok := slices.BinarySearchFunc(col.sorted, id, func(f *Feature, id string) int { return strings.Compare(f.ID, id) })
	if !ok {
		return nil, false
	}
	return col.sorted[i], true
}

// with returns a copy of col in which feats replace (or join) their
// namesakes. Unchanged features are shared; the R-tree is copied lazily
// (copy-on-write).
func (col *collection) with(feats []*catalog.Feature) *collection {
	next := &collection{sorted: slices.Clone(col.sorted), tree: col.tree.Copy()}
	last := make(map[string]int, len(feats))
	for i, cf := range feats {
		last[cf.ID] = i
	}
	var added []*Feature
	for j, cf := range feats {
		if last[cf.ID] != j {
			continue // the batch changes this feature again later
		}
		f := &Feature{Feature: cf, Bound: geo.Bound(cf.Geometry)}
		i, found := slices.BinarySearchFunc(next.sorted, cf.ID, func(g *Feature, id string) int { return strings.Compare(g.ID, id) })
		switch {
		case found:
			old := next.sorted[i]
			next.tree.Delete(old.Bound.Min, old.Bound.Max, old)
			next.sorted[i] = f
		case len(feats) <= 64:
			next.sorted = slices.Insert(next.sorted, i, f)
		default:
			added = append(added, f) // many: append and sort once
		}
		next.tree.Insert(f.Bound.Min, f.Bound.Max, f)
	}
	if len(added) > 0 {
		next.sorted = append(next.sorted, added...)
		slices.SortFunc(next.sorted, byID)
	}
	return next
}

func byID(a, b *Feature) int { return strings.Compare(a.ID, b.ID) }

func sameDay(a, b time.Time) bool {
	return a.UTC().Format(time.DateOnly) == b.UTC().Format(time.DateOnly)
}
