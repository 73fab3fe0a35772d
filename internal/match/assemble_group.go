package match

import (
	"slices"
)

// group is a set of index rows, sorted (rows are in id order, so the
// members are sorted by id); comparable, so that it can key a map.
type group struct {
	n    int8
	rows [MaxAssemblyParcels]int32
}

func (g *group) members() []int32 { return g.rows[:g.n] }

func (g *group) has(r int32) bool { return slices.Contains(g.members(), r) }

// with returns g plus r, kept sorted.
func (g group) with(r int32) group {
	i := int(g.n)
	for i > 0 && g.rows[i-1] > r {
		g.rows[i] = g.rows[i-1]
		i--
	}
	g.rows[i] = r
	g.n++
	return g
}

// without returns g less its k-th member.
func (g group) without(k int) group {
	copy(g.rows[k:], g.rows[k+1:g.n])
	g.n--
	return g
}

// ball finds the pool rows within max_parcels−1 edges of seed (any group
// containing the seed lies among them) and keeps, per required sum, the
// largest values among them but the seed's: no group can add more.
func (s *assembler) ball(seed int32) {
	if s.depth == nil {
		s.depth, s.stamp = make([]int8, len(s.pool)), make([]int32, len(s.pool))
	}
	s.depth[seed], s.stamp[seed] = 0, seed+1
	s.near = append(s.near[:0], seed)
	for i := 0; i < len(s.near); i++ {
		r := s.near[i]
		if int(s.depth[r]) == s.opt.MaxParcels-1 {
			continue
		}
		for e := s.adj.off[r]; e < s.adj.off[r+1]; e++ {
			u := s.adj.nbr[e]
			if s.stamp[u] != seed+1 && s.pool[u] && float64(s.adj.gapM[e]) <= s.opt.MaxGapM {
				s.depth[u], s.stamp[u] = s.depth[r]+1, seed+1
				s.near = append(s.near, u)
			}
		}
	}
	if s.reach == nil {
		s.reach = make([][]float64, len(s.group))
	}
	for i, j := range s.group {
		c := &s.m.checks[j]
		top := s.reach[i][:0]
		if c.spec.op == opMin && aggregation[c.spec.property] == aggSum {
			for _, r := range s.near[1:] {
				top = keepLargest(top, s.m.ix.cols[c.idx].num[r], s.opt.MaxParcels-1)
			}
		}
		s.reach[i] = top
	}
}

// keepLargest inserts x into top (descending, at most k values) if it is
// among the k largest; NaN and non-positive values add nothing.
func keepLargest(top []float64, x float64, k int) []float64 {
	if !(x > 0) || (len(top) == k && x <= top[k-1]) {
		return top
	}
	if len(top) < k {
		top = append(top, 0)
	}
	i := len(top) - 1
	for i > 0 && top[i-1] < x {
		top[i] = top[i-1]
		i--
	}
	top[i] = x
	return top
}

// canReach reports whether adding the members still allowed could bring
// every required sum up to its minimum: at most the largest values of
// the seed's ball (an upper bound: members already in g may be among
// them).
func (s *assembler) canReach(g *group) bool {
	left := s.opt.MaxParcels - int(g.n)
	for i, j := range s.group {
		c := &s.m.checks[j]
		if c.spec.op != opMin || aggregation[c.spec.property] != aggSum {
			continue
		}
		v, _, _ := s.m.ix.groupNum(c.idx, g.members())
		for _, x := range s.reach[i][:min(left, len(s.reach[i]))] { // the largest first
			v += x
		}
		if v < c.num {
			return false
		}
	}
	return true
}
