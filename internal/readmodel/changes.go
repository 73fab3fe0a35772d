package readmodel

import (
	"github.com/landcat/landcat/internal/catalog"
	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// maxChanges bounds the areas a collection's change log remembers; older
// changes fold into its epoch.
const maxChanges = 4096

// changeLog records where the recent revisions changed what readers of a
// collection see (features added, moved, edited, published or hidden;
// parcels whose inherited values followed a zone), so that caches of areas
// — vector tiles — survive writes elsewhere. It is copy-on-write like the
// rest of a snapshot.
type changeLog struct {
	tree  *rtree.RTreeG[int64] // bound → revision
	fifo  []changed            // oldest first, for eviction
	epoch int64                // every area counts as changed at this revision
}

type changed struct {
	b   orb.Bound
	rev int64
}

// with returns the log after rev changed the areas bs.
func (l *changeLog) with(rev int64, bs []orb.Bound) *changeLog {
	if len(bs) == 0 {
		return l
	}
	next := &changeLog{tree: l.tree.Copy(), fifo: l.fifo, epoch: l.epoch}
	for _, b := range bs {
		next.tree.Insert(b.Min, b.Max, rev)
		next.fifo = append(next.fifo[:len(next.fifo):len(next.fifo)], changed{b, rev})
	}
	for len(next.fifo) > maxChanges {
		old := next.fifo[0]
		next.tree.Delete(old.b.Min, old.b.Max, old.rev)
		next.epoch = max(next.epoch, old.rev)
		next.fifo = next.fifo[1:]
	}
	return next
}

// everything returns a log in which every area changed at rev.
func everything(rev int64) *changeLog {
	return &changeLog{tree: &rtree.RTreeG[int64]{}, epoch: rev}
}

// Version returns the revision at which what readers of c see within b
// last changed (at most the snapshot's revision): two snapshots that give
// the same Version for an area show the same features and values there,
// so a cache of that area (a vector tile) can key on it instead of on the
// revision. Changes older than the last few thousand count as changing
// everything.
func (s *Snapshot) Version(c catalog.Collection, b orb.Bound) int64 {
	l := s.changes[c]
	if l == nil {
		return s.Revision
	}
	v := l.epoch
	l.tree.Search(b.Min, b.Max, func(_, _ [2]float64, rev int64) bool {
		v = max(v, rev)
		return true
	})
	return v
}
