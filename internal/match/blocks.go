package match

import (
	"cmp"
	"slices"

	"github.com/landcat/landcat/internal/readmodel"
)

// Meeting returns the published parcels that meet every effective
// requirement of r, in id order, without ranking them: what the land-bank
// review sums per zone for each sector profile.
func (ix *Index) Meeting(r Request) []*readmodel.Feature {
	reqs, _ := r.Effective()
	m := &matcher{ix: ix, snap: ix.snap, checks: ix.compileChecks(reqs, ix.snap.Built)}
	failed := make([]uint64, len(ix.parcels))
	m.screen(failed, &Result{})
	var out []*readmodel.Feature
	for row, mask := range failed {
		if mask == 0 {
			out = append(out, ix.parcels[row])
		}
	}
	return out
}

// Block is a group of adjacent parcels on offer of one zone.
type Block struct {
	Parcels []string `json:"parcels"` // sorted ids
	AreaHa  float64  `json:"area_ha"`
}

// Bounds of LargestBlocks: a zone's search starts from its blockSeeds
// largest parcels on offer and grows the blockBeam largest groups of each
// size (a large block is most likely around large plots).
const (
	blockSeeds = 8
	blockBeam  = 8
)

// LargestBlocks returns, per zone id, the largest block of at most
// a.MaxParcels parcels on offer that site assembly could offer with
// options a (the same adjacency, no requirement): the land a large project
// could get in one place. The search is bounded (blockSeeds, blockBeam),
// so on a crowded zone the block is the largest found: a lower bound.
// Zones without a parcel on offer are left out.
func (ix *Index) LargestBlocks(a Assembly) map[string]Block {
	s := &assembler{m: &matcher{ix: ix, snap: ix.snap}, opt: a.clamped(), adj: adjacencyOf(ix), seen: map[group]struct{}{}}
	s.pool = s.adj.offer
	area := ix.cols[ix.areaIdx].num
	out := map[string]Block{}
	zone := ix.zoneCodes()
	byZone := map[int32][]int32{}
	for r, ok := range s.pool {
		if ok {
			byZone[zone[r]] = append(byZone[zone[r]], int32(r))
		}
	}
	for _, rows := range byZone {
		slices.SortFunc(rows, func(a, b int32) int { return cmp.Or(cmp.Compare(area[b], area[a]), cmp.Compare(a, b)) })
		best := group{n: 1, rows: [MaxAssemblyParcels]int32{rows[0]}}
		for _, seed := range rows[:min(len(rows), blockSeeds)] {
			if g := s.largestFrom(seed); s.area(&g) > s.area(&best) {
				best = g
			}
		}
		out[ix.parcels[rows[0]].String("zone_id")] = Block{Parcels: s.m.memberIDs(&best), AreaHa: s.area(&best)}
	}
	return out
}

func (s *assembler) area(g *group) float64 {
	v, _, _ := s.m.ix.groupNum(s.m.ix.areaIdx, g.members())
	return v
}

// largestFrom grows groups around seed up to the size cap, keeping the
// largest of each size (beam), and returns the largest seen.
func (s *assembler) largestFrom(seed int32) group {
	clear(s.seen)
	layer := []group{{n: 1, rows: [MaxAssemblyParcels]int32{seed}}}
	best := layer[0]
	for size := 2; size <= s.opt.MaxParcels && len(layer) > 0; size++ {
		var next []group
		for _, g := range layer {
			for _, r := range g.members() {
				for e := s.adj.off[r]; e < s.adj.off[r+1]; e++ {
					u := s.adj.nbr[e]
					if !s.pool[u] || float64(s.adj.gapM[e]) > s.opt.MaxGapM || g.has(u) {
						continue
					}
					h := g.with(u)
					if _, dup := s.seen[h]; !dup {
						s.seen[h] = struct{}{}
						next = append(next, h)
					}
				}
			}
		}
		layer = s.beam(next, blockBeam)
		for i := range layer {
			if s.area(&layer[i]) > s.area(&best) {
				best = layer[i]
			}
		}
	}
	return best
}
