package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// chunkSegments is the number of segments grouped under one bounding box.
const chunkSegments = 8

// DistanceKm returns the minimum geodesic distance in km on WGS 84 between
// two geometries (Point, MultiPoint, LineString, MultiLineString, Polygon,
// MultiPolygon, Ring, Bound or Collection); it is 0 when they touch,
// intersect or one contains the other, and NaN when either is nil or empty.
//
// Method: the closest pair of points is found in a local equirectangular
// plane around the pair (ellipsoidal scale factors M and N·cos φ at the mean
// latitude, the longitude scale corrected to first order for each pair's
// latitude; edges are straight in longitude/latitude as RFC 7946 says), then
// that pair is measured with Vincenty's inverse formula on WGS 84
// (sub-millimetre). The result is thus a true geodesic distance between a
// point of a and a point of b, which exceeds the true minimum only through
// the choice of the pair: by at most 1e-4 relative (3.5e-6 observed) in
// tests up to 150 km against densely sampled geodesics. The domain check
// values (geod -I) are reproduced to the millimetre.
func DistanceKm(a, b orb.Geometry) float64 {
	sa, sb := prepare(a), prepare(b)
	if len(sa.lines) == 0 || len(sb.lines) == 0 {
		return math.NaN()
	}
	km, _ := distanceKm(&sa, &sb, math.Inf(1))
	return km
}

// shape is a geometry prepared for distance queries.
type shape struct {
	bound  orb.Bound
	lines  [][]orb.Point // every component as a vertex chain (a point is a 1-vertex chain)
	polys  []orb.Polygon // areal components, for containment tests
	chunks []chunk
	kxMin  float64 // km per degree of longitude at the most poleward latitude of bound
}

// chunk is a run of up to chunkSegments consecutive segments of one chain,
// vertices lo..hi inclusive (lo == hi for a single point).
type chunk struct {
	bound  orb.Bound
	line   int
	lo, hi int
}

// prepare flattens g into vertex chains and chunks; an empty shape (no
// lines) means g is nil or empty.
func prepare(g orb.Geometry) shape {
	var s shape
	switch g := g.(type) {
	case orb.Polygon:
		s.lines = make([][]orb.Point, 0, len(g))
		s.polys = make([]orb.Polygon, 0, 1)
	case orb.Point:
		s.lines = make([][]orb.Point, 0, 1)
	}
	s.add(g)
	if len(s.lines) == 0 {
		return s
	}
	s.bound = orb.Bound{Min: s.lines[0][0], Max: s.lines[0][0]}
	nChunks := 0
	for _, l := range s.lines {
		nChunks += (len(l)-1)/chunkSegments + 1
	}
	s.chunks = make([]chunk, 0, nChunks)
	for li, l := range s.lines {
		for lo := 0; ; lo += chunkSegments {
			hi := min(lo+chunkSegments, len(l)-1)
			c := chunk{bound: boundOf(l[lo : hi+1]), line: li, lo: lo, hi: hi}
			s.chunks = append(s.chunks, c)
			s.bound = unionBounds(s.bound, c.bound)
			if hi == len(l)-1 {
				break
			}
		}
	}
	_, s.kxMin = kmPerDegree(math.Max(math.Abs(s.bound.Min[1]), math.Abs(s.bound.Max[1])))
	return s
}

func (s *shape) add(g orb.Geometry) {
	switch g := g.(type) {
	case orb.Point:
		s.lines = append(s.lines, []orb.Point{g})
	case orb.MultiPoint:
		for _, p := range g {
			s.lines = append(s.lines, []orb.Point{p})
		}
	case orb.LineString:
		s.addChain(g)
	case orb.MultiLineString:
		for _, l := range g {
			s.addChain(l)
		}
	case orb.Ring:
		s.addPolygon(orb.Polygon{g})
	case orb.Polygon:
		s.addPolygon(g)
	case orb.MultiPolygon:
		for _, p := range g {
			s.addPolygon(p)
		}
	case orb.Bound:
		s.addPolygon(g.ToPolygon())
	case orb.Collection:
		for _, m := range g {
			s.add(m)
		}
	}
}

func (s *shape) addChain(l []orb.Point) {
	if len(l) > 0 {
		s.lines = append(s.lines, l)
	}
}

func (s *shape) addPolygon(p orb.Polygon) {
	if len(p) == 0 || len(p[0]) == 0 {
		return
	}
	s.polys = append(s.polys, p)
	for _, r := range p {
		if len(r) > 1 && r[0] != r[len(r)-1] {
			r = append(r[:len(r):len(r)], r[0]) // close a copy, never the input
		}
		s.addChain(r)
	}
}

// distanceKm returns the distance between a and b, or (+Inf, false) when it
// is certainly larger than limitKm.
func distanceKm(a, b *shape, limitKm float64) (float64, bool) {
	if a.containsAnyOf(b) || b.containsAnyOf(a) {
		return 0, true
	}
	m := newMetric(a, b)
	// The planar metric is within a few per mille of the geodesic one at
	// these ranges; the margin keeps pruning on the safe side.
	limit := limitKm * 1.05
	m.best2 = limit * limit
	if math.IsInf(limitKm, 1) {
		m.best2 = math.Inf(1)
	}
	m.closestPair(a, b)
	switch {
	case !m.found:
		return math.Inf(1), false
	case m.best2 == 0:
		return 0, true
	}
	return vincentyKm(m.pa, m.pb), true
}

// containsAnyOf reports whether a polygon of s contains the first vertex of
// a component of o (boundary included).
func (s *shape) containsAnyOf(o *shape) bool {
	if len(s.polys) == 0 || !s.bound.Intersects(o.bound) {
		return false
	}
	for _, l := range o.lines {
		p := l[0]
		if !s.bound.Contains(p) {
			continue
		}
		for _, pg := range s.polys {
			if inPolygon(p, pg) {
				return true
			}
		}
	}
	return false
}

// boundOf returns the bound of a non-empty run of points.
func boundOf(pts []orb.Point) orb.Bound {
	b := orb.Bound{Min: pts[0], Max: pts[0]}
	for _, p := range pts[1:] {
		if p[0] < b.Min[0] {
			b.Min[0] = p[0]
		} else if p[0] > b.Max[0] {
			b.Max[0] = p[0]
		}
		if p[1] < b.Min[1] {
			b.Min[1] = p[1]
		} else if p[1] > b.Max[1] {
			b.Max[1] = p[1]
		}
	}
	return b
}

func unionBounds(a, b orb.Bound) orb.Bound {
	return orb.Bound{
		Min: orb.Point{min(a.Min[0], b.Min[0]), min(a.Min[1], b.Min[1])},
		Max: orb.Point{max(a.Max[0], b.Max[0]), max(a.Max[1], b.Max[1])},
	}
}
