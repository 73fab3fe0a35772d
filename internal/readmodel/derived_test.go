package readmodel

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
)

// fingerprint describes a snapshot through every derived index a reader
// may use: id order, published lists, publication bitsets, posting lists,
// R-tree answers, extents and column values. Two snapshots of the same
// catalogue must have the same fingerprint however they were reached
// (slots may differ: only what readers see counts).
func fingerprint(s *Snapshot) string {
	var b strings.Builder
	for _, c := range catalog.Collections {
		t := s.tables[c]
		fmt.Fprintf(&b, "%s: %d features\n", c, len(t.byID))
		for _, f := range t.published() {
			fmt.Fprintf(&b, "published %s\n", f.ID)
		}
		for _, pubs := range [][]catalog.Publication{{catalog.Published}, {catalog.Draft, catalog.InReview}} {
			var ids []string
			t.publicationBits(pubs).each(func(slot int32) bool { ids = append(ids, t.feature(slot).ID); return true })
			slices.Sort(ids)
			fmt.Fprintf(&b, "%v: %v\n", pubs, ids)
		}
		for i, fl := range t.schema.Fields {
			if k := t.kinds[i]; k == kEnum || k == kText {
				p := t.postings(i)
				for _, v := range slices.Sorted(func(yield func(string) bool) {
					for v := range p.slots {
						if !yield(v) {
							return
						}
					}
				}) {
					var ids []string
					for _, slot := range p.slots[v] {
						ids = append(ids, t.feature(slot).ID)
					}
					slices.Sort(ids)
					fmt.Fprintf(&b, "%s=%q: %v\n", fl.Name, v, ids)
				}
			}
		}
		rank := t.rank()
		for i, slot := range t.byID {
			if rank[slot] != int32(i) {
				fmt.Fprintf(&b, "rank of %s is %d, not %d\n", t.feature(slot).ID, rank[slot], i)
			}
			f := t.feature(slot)
			var near []string
			t.tree.Search(f.Bound.Min, f.Bound.Max, func(_, _ [2]float64, o int32) bool { near = append(near, t.feature(o).ID); return true })
			slices.Sort(near)
			fmt.Fprintf(&b, "%s %v near %v\n", f.ID, f.Bound, near)
			for k := range t.schema.Fields {
				fmt.Fprintf(&b, " %v", f.At(k))
			}
			b.WriteByte('\n')
		}
		bound, ok := s.Extent(c)
		first, last, _ := s.Interval(c)
		fmt.Fprintf(&b, "extent %v %v %v %v\n", bound, ok, first, last)
	}
	return b.String()
}

// TestDerivedIndexesEqual: the snapshot reached by applying commits one by
// one (and, in the middle, a change of zone and of infrastructure) has the
// same derived indexes as one built from scratch.
func TestDerivedIndexesEqual(t *testing.T) {
	full := encodeSnapshot(t, 300)
	var feats []*catalog.Feature
	for _, c := range catalog.Collections {
		full.All(c, func(f *Feature) bool { feats = append(feats, f.Stored()); return true })
	}
	now := full.Built
	// Some drafts, so that publication states differ.
	for i, f := range feats {
		if i%7 == 3 {
			f.Publication = catalog.Draft
		}
	}
	want := Build(feats, int64(len(feats)), now)
	n := len(feats)
	s := Build(feats[:n/3], int64(n/3), now)
	for i := n / 3; i < n; i++ {
		s = s.Apply(feats[i:i+1], int64(i+1), now)
	}
	if got, exp := fingerprint(s), fingerprint(want); got != exp {
		t.Fatalf("one commit at a time differs from a full build:\n%s", firstDiff(got, exp))
	}
	// Change a zone and an infrastructure feature; rebuild from scratch.
	var zone, infra *catalog.Feature
	for _, f := range feats {
		if f.Collection == catalog.Zones && zone == nil {
			zone = f.Clone()
		}
		if f.Collection == catalog.Infrastructure && infra == nil {
			infra = f.Clone()
		}
	}
	zone.Props["power_capacity_mva"] = 777.0
	infra.Props["status"] = "planned"
	next := s.Apply([]*catalog.Feature{zone, infra}, int64(n+1), now)
	merged := slices.Clone(feats)
	for i, f := range merged {
		if f.ID == zone.ID && f.Collection == zone.Collection {
			merged[i] = zone
		}
		if f.ID == infra.ID && f.Collection == infra.Collection {
			merged[i] = infra
		}
	}
	if got, exp := fingerprint(next), fingerprint(Build(merged, int64(n+1), now)); got != exp {
		t.Fatalf("after a zone and a port changed:\n%s", firstDiff(got, exp))
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(la), len(lb))
}
