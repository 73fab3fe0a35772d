package match

import (
	"cmp"
	"maps"
	"math"
	"slices"
)

// assembler is one request's search for groups (see the package
// documentation, "Site assembly").
type assembler struct {
	m      *matcher
	opt    Assembly
	adj    *adjacency
	failed []uint64    // per row, from the parcels' screening
	member uint64      // checks every member must pass
	group  []int       // checks tested on the group's aggregated value
	pool   []bool      // rows that may be members: on offer, passing every member check, not a site alone
	reach  [][]float64 // per group check: the best values one seed's groups can add, largest first (see ball)
	near   []int32     // scratch: the rows of a ball
	depth  []int8      // scratch, by row: edges from the seed, valid where stamp is the seed's
	stamp  []int32     // by row: 1 + the last seed whose ball reached it
	fun    AssemblyFunnel
	seen   map[group]struct{}
}

func newAssembler(m *matcher, opt Assembly, failed []uint64) *assembler {
	s := &assembler{m: m, opt: opt.clamped(), adj: adjacencyOf(m.ix), failed: failed, seen: map[group]struct{}{}}
	s.fun = AssemblyFunnel{MaxParcels: s.opt.MaxParcels, MaxGapM: s.opt.MaxGapM, Eliminated: []AssemblyStep{}}
	for j := range m.checks {
		if perMember(m.checks[j].spec) {
			s.member |= 1 << j
		}
		if onGroup(m.checks[j].spec) {
			s.group = append(s.group, j)
			s.fun.Eliminated = append(s.fun.Eliminated, AssemblyStep{Criterion: m.checks[j].spec.key})
		}
	}
	s.pool = make([]bool, len(failed))
	for r, mask := range failed {
		s.pool[r] = s.adj.offer[r] && mask != 0 && mask&s.member == 0
		s.fun.Eligible += b2i(s.pool[r])
	}
	return s
}

// run searches from every seed and returns the groups kept, at most one
// per seed, duplicates merged, sorted by their members.
func (s *assembler) run() []group {
	kept := map[group]struct{}{}
	zones := s.seedsByZone()
	perZone := max(assemblyPerSeed, assemblyPerRequest/max(len(zones), 1))
	for _, seeds := range zones {
		start := s.fun.Examined
		for _, seed := range seeds {
			if s.fun.Examined-start >= perZone || s.fun.Examined >= assemblyPerRequest {
				s.fun.Truncated = true
				break
			}
			s.fun.Seeds++
			if g, ok := s.fromSeed(seed); ok {
				kept[g] = struct{}{}
			}
		}
	}
	out := make([]group, 0, len(kept))
	for g := range kept {
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b group) int { return slices.Compare(a.members(), b.members()) })
	s.fun.Listed = len(out)
	return out
}

// seedsByZone returns the pool by zone (zones in code order), each zone's
// largest parcels first (then by id), at most assemblySeedsPerZone.
func (s *assembler) seedsByZone() [][]int32 {
	zone, area := s.m.ix.zoneCodes(), s.m.ix.cols[s.m.ix.areaIdx].num
	byZone := map[int32][]int32{}
	for r, ok := range s.pool {
		if ok {
			byZone[zone[r]] = append(byZone[zone[r]], int32(r))
		}
	}
	out := make([][]int32, 0, len(byZone))
	for _, z := range slices.Sorted(maps.Keys(byZone)) {
		rows := byZone[z]
		slices.SortFunc(rows, func(a, b int32) int { return cmp.Or(cmp.Compare(area[b], area[a]), cmp.Compare(a, b)) })
		out = append(out, rows[:min(len(rows), assemblySeedsPerZone)])
	}
	return out
}

// fromSeed grows connected groups around seed, one member at a time, and
// returns the best minimal qualifying group of the smallest size that has
// one (see better); groups that qualify are not grown further (a larger
// one would not be minimal), nor are those that cannot reach a required
// sum with the members left.
func (s *assembler) fromSeed(seed int32) (group, bool) {
	clear(s.seen)
	s.ball(seed)
	layer := []group{{n: 1, rows: [MaxAssemblyParcels]int32{seed}}}
	if !s.canReach(&layer[0]) {
		return group{}, false
	}
	budget := assemblyPerSeed
	for size := 2; size <= s.opt.MaxParcels && len(layer) > 0 && budget > 0; size++ {
		var next, found []group
		for _, g := range layer {
			for _, r := range g.members() {
				for e := s.adj.off[r]; e < s.adj.off[r+1] && budget > 0; e++ {
					u := s.adj.nbr[e]
					if !s.pool[u] || float64(s.adj.gapM[e]) > s.opt.MaxGapM || g.has(u) {
						continue
					}
					h := g.with(u)
					if _, dup := s.seen[h]; dup {
						continue
					}
					s.seen[h] = struct{}{}
					budget--
					s.fun.Examined++
					switch {
					case s.qualifies(&h, true):
						if s.minimal(&h) {
							found = append(found, h)
						}
					case size < s.opt.MaxParcels && s.canReach(&h):
						next = append(next, h)
					}
				}
			}
		}
		if len(found) > 0 {
			s.fun.Qualifying += len(found)
			return slices.MinFunc(found, s.better), true
		}
		layer = s.beam(next, assemblyBeam)
	}
	return group{}, false
}

// beam keeps the width most promising groups of a layer: the largest
// first, then by members.
func (s *assembler) beam(layer []group, width int) []group {
	if len(layer) <= width {
		return layer
	}
	type sized struct {
		g    group
		area float64
	}
	all := make([]sized, len(layer))
	for i := range layer {
		all[i] = sized{layer[i], s.area(&layer[i])}
	}
	slices.SortFunc(all, func(a, b sized) int {
		return cmp.Or(cmp.Compare(b.area, a.area), slices.Compare(a.g.members(), b.g.members()))
	})
	for i := range width {
		layer[i] = all[i].g
	}
	return layer[:width]
}

// qualifies tests the group checks on g's aggregated values; count records
// failures in the funnel.
func (s *assembler) qualifies(g *group, count bool) bool {
	ok := true
	for i, j := range s.group {
		c := &s.m.checks[j]
		v, _, _ := s.m.ix.groupNum(c.idx, g.members())
		pass := (c.spec.op == opMin && v >= c.num) || (c.spec.op == opMax && v <= c.num)
		if !pass {
			if !count {
				return false
			}
			ok = false
			s.fun.Eliminated[i].Groups++
		}
	}
	return ok
}

// minimal reports whether no member of g can be dropped leaving a
// connected group that still qualifies.
func (s *assembler) minimal(g *group) bool {
	for k := range int(g.n) {
		h := g.without(k)
		if h.n >= 2 && s.connected(&h) && s.qualifies(&h, false) {
			return false
		}
	}
	return true
}

// connected reports whether g's members are linked by edges within the
// request's gap.
func (s *assembler) connected(g *group) bool {
	reached := uint8(1)
	for changed := true; changed; {
		changed = false
		for i, r := range g.members() {
			if reached&(1<<i) == 0 {
				continue
			}
			for e := s.adj.off[r]; e < s.adj.off[r+1]; e++ {
				k := slices.Index(g.members(), s.adj.nbr[e])
				if k >= 0 && reached&(1<<k) == 0 && float64(s.adj.gapM[e]) <= s.opt.MaxGapM {
					reached |= 1 << k
					changed = true
				}
			}
		}
	}
	return int(reached) == 1<<g.n-1
}

// better orders a seed's candidates: the most compact first (the members'
// area over the area of their bounding box: a block rather than a strip),
// then by members.
func (s *assembler) better(a, b group) int {
	return cmp.Or(cmp.Compare(s.compactness(&b), s.compactness(&a)), slices.Compare(a.members(), b.members()))
}

func (s *assembler) compactness(g *group) float64 {
	ix := s.m.ix
	b := ix.bounds[g.rows[0]]
	for _, r := range g.members() {
		b = b.Union(ix.bounds[r])
	}
	area, _, _ := ix.groupNum(ix.areaIdx, g.members())
	lat := (b.Min[1] + b.Max[1]) / 2
	boxHa := (b.Max[0] - b.Min[0]) * 111.32 * math.Cos(lat*math.Pi/180) * (b.Max[1] - b.Min[1]) * 110.57 * 100
	return math.Round(area/max(boxHa, 1e-9)*1e6) / 1e6
}
