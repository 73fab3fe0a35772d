package match

import (
	"cmp"
	"math"
	"slices"
	"sync/atomic"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/geo"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/paulmach/orb"
)

// adjacency links the published parcels on offer (available or in
// preparation) of one zone that touch or lie at most MaxAssemblyGapM
// apart, by index row, with their geodesic gap: a request keeps the edges
// within its own max_gap_m. It is built once per snapshot (adjacencyOf)
// and read-only afterwards.
type adjacency struct {
	off   []int32   // edges of row r: off[r] to off[r+1]
	nbr   []int32   // neighbour row, ascending per row
	gapM  []float32 // geodesic gap in metres (0: touching)
	offer []bool    // by row: on offer (available or in preparation)
}

// adjacencyOf returns the adjacency of ix's snapshot, built on first use
// and kept with the snapshot. Most writes change no parcel's shape, zone
// or offer (a price, a contact, a fee): the last adjacency built is then
// reused as it is, which makes a snapshot's matcher data cost its index
// (tens of milliseconds at 100,000 parcels) rather than its adjacency
// (hundreds).
func adjacencyOf(ix *Index) *adjacency {
	return ix.snap.Derived("match.adjacency", func(*readmodel.Snapshot) any {
		if prev := lastAdjacency.Load(); prev != nil && sameShape(prev.parcels, ix.parcels) {
			return prev.adj
		}
		a := newAdjacency(ix)
		lastAdjacency.Store(&builtAdjacency{parcels: ix.parcels, adj: a})
		return a
	}).(*adjacency)
}

// lastAdjacency is the adjacency built last, with the rows (published
// parcels) it was built from. Whether it may serve another index is
// decided by comparing the rows' values (sameShape), so it is safe to
// share between read models.
var lastAdjacency atomic.Pointer[builtAdjacency]

type builtAdjacency struct {
	parcels []*readmodel.Feature
	adj     *adjacency
}

// sameShape reports whether an adjacency built from the rows a serves the
// rows b: the same published parcels in the same rows, each with the
// same geometry, zone and offer. A feature the snapshots share is the
// same by construction; the others are compared.
func sameShape(a, b []*readmodel.Feature) bool {
	if len(a) != len(b) {
		return false
	}
	schema := catalog.SchemaOf(catalog.Parcels)
	zoneIdx, status := schema.Index("zone_id"), schema.Index("status")
	for r, fa := range a {
		fb := b[r]
		if fa == fb {
			continue
		}
		if fa.ID != fb.ID || fa.Bound != fb.Bound || !orb.Equal(fa.Geometry, fb.Geometry) {
			return false
		}
		za, _ := fa.Str(zoneIdx)
		zb, _ := fb.Str(zoneIdx)
		sa, _ := fa.Str(status)
		sb, _ := fb.Str(status)
		if za != zb || OnOffer(sa) != OnOffer(sb) {
			return false
		}
	}
	return true
}

// newAdjacency finds each on-offer parcel's neighbours through the
// snapshot's R-tree (bounds grown by MaxAssemblyGapM), keeps those of the
// same zone and on offer, and measures the gap with geo.DistanceKm, once
// per pair.
func newAdjacency(ix *Index) *adjacency {
	n := len(ix.parcels)
	a := &adjacency{off: make([]int32, n+1), offer: make([]bool, n)}
	status, zone := ix.cols[catalog.SchemaOf(catalog.Parcels).Index("status")].code, ix.zoneCodes()
	for r := range n {
		a.offer[r] = onOfferCode(status[r])
	}
	type edge struct {
		a, b int32
		gap  float32
	}
	var edges []edge
	for r, f := range ix.parcels {
		if !a.offer[r] {
			continue
		}
		ix.snap.Search(catalog.Parcels, grow(f.Bound, MaxAssemblyGapM), func(g *readmodel.Feature) bool {
			o, ok := ix.row(g.ID)
			if !ok || o <= int32(r) || !a.offer[o] || zone[o] != zone[r] || zone[r] < 0 {
				return true
			}
			if d := geo.DistanceKm(f.Geometry, g.Geometry) * 1000; d <= MaxAssemblyGapM {
				edges = append(edges, edge{int32(r), o, float32(d)}, edge{o, int32(r), float32(d)})
			}
			return true
		})
	}
	slices.SortFunc(edges, func(x, y edge) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
	a.nbr, a.gapM = make([]int32, len(edges)), make([]float32, len(edges))
	for i, e := range edges {
		a.nbr[i], a.gapM[i] = e.b, e.gap
		a.off[e.a+1]++
	}
	for r := range n {
		a.off[r+1] += a.off[r]
	}
	return a
}

// onOfferCode reports whether a status code is on offer (OnOffer).
func onOfferCode(code int32) bool { return code >= 0 && OnOffer(catalog.ParcelStatuses[code]) }

// OnOffer reports whether a parcel status means the land is on offer:
// available now or being prepared (what every sector profile requires,
// and what site assembly groups).
func OnOffer(status string) bool { return slices.Contains(onOffer(), status) }

// zoneCodes returns the zone_id column (interned codes, -1 unknown).
func (ix *Index) zoneCodes() []int32 {
	return ix.cols[catalog.SchemaOf(catalog.Parcels).Index("zone_id")].code
}

// row returns the index row of a published parcel id.
func (ix *Index) row(id string) (int32, bool) {
	i, ok := slices.BinarySearch(ix.ids, id)
	return int32(i), ok
}

// grow returns b grown by m metres on every side (the degrees of a metre
// of longitude taken at the latitude farthest from the equator).
func grow(b orb.Bound, m float64) orb.Bound {
	m *= 1.01 // the spherical degree is a little off the ellipsoid's
	lat := math.Max(math.Abs(b.Min[1]), math.Abs(b.Max[1]))
	dy := m / 110574
	dx := m / (111320 * math.Max(math.Cos(lat*math.Pi/180), 0.01))
	return orb.Bound{Min: orb.Point{b.Min[0] - dx, b.Min[1] - dy}, Max: orb.Point{b.Max[0] + dx, b.Max[1] + dy}}
}
