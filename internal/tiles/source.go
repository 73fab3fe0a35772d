package tiles

import (
	"math"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/paulmach/orb"
)

// Source is the catalogue tiles are cut from: one immutable revision.
type Source interface {
	// Revision identifies the content: two sources with the same revision
	// hold the same features.
	Revision() int64
	// Version is the revision at which the features of c within b last
	// changed: two sources that give the same Version for an area hold
	// the same features there (at most Revision).
	Version(c catalog.Collection, b orb.Bound) int64
	// Search calls fn for the features of c whose geometry may intersect
	// b (lon/lat), in any order, until fn returns false. It may report
	// features that do not intersect b and features in any publication
	// state: tiles filter both.
	Search(c catalog.Collection, b orb.Bound, fn func(*readmodel.Feature) bool)
}

// FromSnapshot adapts a read-model snapshot to Source.
func FromSnapshot(s *readmodel.Snapshot) Source { return snapshotSource{s} }

type snapshotSource struct{ s *readmodel.Snapshot }

// Revision is the snapshot's revision.
func (s snapshotSource) Revision() int64 { return s.s.Revision }

// Version is the snapshot's version of the area.
func (s snapshotSource) Version(c catalog.Collection, b orb.Bound) int64 { return s.s.Version(c, b) }

// Search runs a bbox query over the snapshot's spatial index. Find filters
// to exact intersection, which saves clipping features that only share the
// box's corner region.
func (s snapshotSource) Search(c catalog.Collection, b orb.Bound, fn func(*readmodel.Feature) bool) {
	page := s.s.Find(readmodel.Query{
		Collection:   c,
		BBox:         &b,
		Publications: []catalog.Publication{catalog.Published},
		Limit:        math.MaxInt,
	})
	for _, f := range page.Features {
		if !fn(f) {
			return
		}
	}
}
