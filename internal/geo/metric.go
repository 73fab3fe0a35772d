package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// metric finds the closest pair of points of two shapes in a local
// equirectangular plane: ky km per degree of latitude, and kx km per degree
// of longitude at lat0, corrected to first order for the mean latitude of
// each measured pair (kx·(1 − tan φ0·Δφ)), so that the planar distance
// matches the geodesic one to second order in the pair's extent.
type metric struct {
	kx, ky float64
	kxBox  float64 // kx at the most poleward latitude, for box lower bounds
	lat0   float64 // reference latitude, degrees
	tan0   float64 // tan(lat0)·π/180
	// roughSafety < 1 shrinks uncorrected squared distances so that the
	// rough test never rejects a pair the corrected metric would accept.
	roughSafety float64
	best2       float64 // best squared distance so far (km²)
	pa, pb      orb.Point
	found       bool
}

// newMetric returns the metric for measuring between a and b.
func newMetric(a, b *shape) metric {
	lo := math.Min(a.bound.Min[1], b.bound.Min[1])
	hi := math.Max(a.bound.Max[1], b.bound.Max[1])
	m := metric{lat0: (lo + hi) / 2, kxBox: math.Min(a.kxMin, b.kxMin)}
	m.ky, m.kx = kmPerDegree(m.lat0)
	m.tan0 = math.Tan(m.lat0*deg) * deg
	dev := math.Abs(m.tan0) * (hi - lo) / 2 // largest relative kx correction
	m.roughSafety = max(0, (1-dev)*(1-dev)*0.9999)
	return m
}

// boxDist2 is a lower bound of the squared planar distance between two
// bounds.
func (m *metric) boxDist2(a, b orb.Bound) float64 {
	dx := max(a.Min[0]-b.Max[0], b.Min[0]-a.Max[0], 0) * m.kxBox
	dy := max(a.Min[1]-b.Max[1], b.Min[1]-a.Max[1], 0) * m.ky
	return dx*dx + dy*dy
}

// pointBoxDist2 is a lower bound of the squared planar distance from p to b.
func (m *metric) pointBoxDist2(p orb.Point, b orb.Bound) float64 {
	dx := max(b.Min[0]-p[0], p[0]-b.Max[0], 0) * m.kxBox
	dy := max(b.Min[1]-p[1], p[1]-b.Max[1], 0) * m.ky
	return dx*dx + dy*dy
}

// closestPair scans chunk pairs, nearest bounds first, then every pair whose
// bounds are closer than the best distance found.
func (m *metric) closestPair(a, b *shape) {
	seedA, seedB, seed := 0, 0, math.Inf(1)
	for i := range a.chunks {
		for j := range b.chunks {
			if d := m.boxDist2(a.chunks[i].bound, b.chunks[j].bound); d < seed {
				seedA, seedB, seed = i, j, d
			}
		}
	}
	if seed > m.best2 {
		return
	}
	if m.chunkPair(a, b, seedA, seedB) {
		return
	}
	for i := range a.chunks {
		for j := range b.chunks {
			if (i != seedA || j != seedB) && m.boxDist2(a.chunks[i].bound, b.chunks[j].bound) <= m.best2 {
				if m.chunkPair(a, b, i, j) {
					return
				}
			}
		}
	}
}

// chunkPair measures one pair of chunks; it returns true once the shapes are
// found to touch (distance 0).
func (m *metric) chunkPair(a, b *shape, i, j int) bool {
	ca, cb := &a.chunks[i], &b.chunks[j]
	la, lb := a.lines[ca.line], b.lines[cb.line]
	if ca.bound.Intersects(cb.bound) && ca.hi > ca.lo && cb.hi > cb.lo {
		for s := ca.lo; s < ca.hi; s++ {
			for t := cb.lo; t < cb.hi; t++ {
				if p, ok := segmentsIntersect(la[s], la[s+1], lb[t], lb[t+1]); ok {
					m.pa, m.pb, m.best2, m.found = p, p, 0, true
					return true
				}
			}
		}
	}
	m.pointsToChain(la[ca.lo:ca.hi+1], lb[cb.lo:cb.hi+1], cb.bound, false)
	m.pointsToChain(lb[cb.lo:cb.hi+1], la[ca.lo:ca.hi+1], ca.bound, true)
	return m.best2 == 0
}

// pointsToChain measures every vertex of pts against every segment of chain
// (a single vertex when chain has one point), skipping vertices farther
// than the best distance from the chain's bound; swapped says pts belong to b.
func (m *metric) pointsToChain(pts, chain []orb.Point, chainBound orb.Bound, swapped bool) {
	for _, p := range pts {
		if m.pointBoxDist2(p, chainBound) > m.best2 {
			continue
		}
		if len(chain) == 1 {
			m.update(p, chain[0], swapped)
			continue
		}
		for k := 0; k+1 < len(chain); k++ {
			a, b := chain[k], chain[k+1]
			ux, uy := (b[0]-a[0])*m.kx, (b[1]-a[1])*m.ky
			vx, vy := (p[0]-a[0])*m.kx, (p[1]-a[1])*m.ky
			t, l2 := ux*vx+uy*vy, ux*ux+uy*uy
			switch {
			case t <= 0 || l2 == 0:
				t = 0
			case t >= l2:
				t = 1
			default:
				t /= l2
			}
			dx, dy := vx-t*ux, vy-t*uy
			// Rough test before the latitude-corrected one in update.
			if (dx*dx+dy*dy)*m.roughSafety > m.best2 && m.found {
				continue
			}
			m.update(p, orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}, swapped)
		}
	}
}

// update records the pair (p, q) if it is the closest so far, measuring it
// with the latitude-corrected metric.
func (m *metric) update(p, q orb.Point, swapped bool) {
	kx := m.kx * (1 - m.tan0*((p[1]+q[1])/2-m.lat0))
	dx, dy := (p[0]-q[0])*kx, (p[1]-q[1])*m.ky
	d2 := dx*dx + dy*dy
	if d2 > m.best2 || (d2 == m.best2 && m.found) {
		return
	}
	m.best2, m.found = d2, true
	if swapped {
		m.pa, m.pb = q, p
	} else {
		m.pa, m.pb = p, q
	}
}
