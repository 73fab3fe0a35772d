package readmodel

import (
	"slices"
	"strings"
	"sync"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// table is one collection at one revision. Features live in slots that
// never move (a new feature takes the next slot), grouped in chunks; byID
// lists the slots in id order, the default order of every listing; the
// R-tree maps bounds to slots. A table is immutable; a write makes a new one
// that shares every chunk it does not touch, and a table no write touched is
// shared by consecutive snapshots together with what was derived from it.
type table struct {
	coll   catalog.Collection
	schema *catalog.Schema
	kinds  []kind // by schema field index
	chunks []*chunk
	n      int32   // slots in use
	byID   []int32 // slots in id order
	tree   *rtree.RTreeG[int32]
	// building: no reader holds this table yet (the first snapshot is being
	// built), so the next update may insert into its R-tree in place instead
	// of copying every node it touches.
	building bool

	derived sync.Map // key → *lazy: lists, bitsets and counts built from this table
}

func newTable(c catalog.Collection) *table {
	s := catalog.SchemaOf(c)
	kinds := make([]kind, len(s.Fields))
	for i, fl := range s.Fields {
		kinds[i] = kindOf(fl)
	}
	return &table{coll: c, schema: s, kinds: kinds, tree: &rtree.RTreeG[int32]{}}
}

// feature returns the feature in slot.
func (t *table) feature(slot int32) *Feature {
	return &t.chunks[slot>>chunkBits].feats[slot&(chunkSize-1)]
}

// find returns the slot of id, or where it would go in byID.
func (t *table) find(id string) (pos int, found bool) {
	return slices.BinarySearchFunc(t.byID, id, func(slot int32, id string) int {
		return strings.Compare(t.feature(slot).ID, id)
	})
}

// get returns the feature called id.
func (t *table) get(id string) (*Feature, bool) {
	i, ok := t.find(id)
	if !ok {
		return nil, false
	}
	return t.feature(t.byID[i]), true
}

// derive returns the value build makes from t, built once on first use
// (see Snapshot.Derived).
func (t *table) derive(key string, build func() any) any {
	l, _ := t.derived.LoadOrStore(key, &lazy{})
	lz := l.(*lazy)
	lz.once.Do(func() { lz.v = build() })
	return lz.v
}

// published returns the published features in id order.
func (t *table) published() []*Feature {
	return t.derive("published", func() any {
		out := make([]*Feature, 0, len(t.byID))
		for _, slot := range t.byID {
			if f := t.feature(slot); f.Publication == catalog.Published {
				out = append(out, f)
			}
		}
		return out
	}).([]*Feature)
}

// rank returns each slot's position in id order.
func (t *table) rank() []int32 {
	return t.derive("rank", func() any {
		r := make([]int32, t.n)
		for i, slot := range t.byID {
			r[slot] = int32(i)
		}
		return r
	}).([]int32)
}

// Search calls fn for each feature of c (every publication state) whose
// bound intersects b, in no particular order, until fn returns false. It
// walks the collection's R-tree: finding the neighbours of one feature
// costs a logarithmic search, not a scan.
func (s *Snapshot) Search(c catalog.Collection, b orb.Bound, fn func(*Feature) bool) {
	t := s.tables[c]
	t.tree.Search(b.Min, b.Max, func(_, _ [2]float64, slot int32) bool { return fn(t.feature(slot)) })
}
