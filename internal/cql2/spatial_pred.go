package cql2

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

// relFunc is an exact DE-9IM spatial relation.
type relFunc func(a, b geom.Geometry) (bool, error)

var relations = map[SpatialOp]relFunc{
	SIntersects: func(a, b geom.Geometry) (bool, error) { return geom.Intersects(a, b), nil },
	SDisjoint:   func(a, b geom.Geometry) (bool, error) { return !geom.Intersects(a, b), nil },
	SEquals:     geom.Equals,
	STouches:    geom.Touches,
	SWithin:     geom.Within,
	SOverlaps:   geom.Overlaps,
	SCrosses:    geom.Crosses,
	SContains:   geom.Contains,
}

// converse gives op' with op(a, b) == op'(b, a).
func converse(op SpatialOp) SpatialOp {
	switch op {
	case SWithin:
		return SContains
	case SContains:
		return SWithin
	}
	return op
}

// spatial compiles a spatial comparison function. With one literal side,
// each record is first tested on bounding boxes and the exact relation is
// computed only when the boxes do not decide.
func (c *compiler) spatial(n SpatialPred) (pred, error) {
	ops, err := c.operands(n.A, n.B)
	if err != nil {
		return nil, err
	}
	for _, o := range ops {
		if o.kind != kGeom {
			return nil, compileErr("%s needs two geometries, but %s is a %s", n.Op, Format(o.src), o.kind)
		}
	}
	a, b := ops[0].geo.lit, ops[1].geo.lit
	rel := relations[n.Op]
	if rel == nil {
		return nil, unsupported(-1, "", string(n.Op))
	}
	switch {
	case a != nil && b != nil:
		t := exactRel(rel, a.g, b.g)
		return func(Record) tri { return t }, nil
	case b != nil:
		return propLit(n.Op, b), nil
	case a != nil:
		return propLit(converse(n.Op), a), nil
	}
	return func(r Record) tri {
		g := r.Geometry()
		if g == nil {
			return unk
		}
		sg, err := orbToSF(g)
		if err != nil {
			return unk
		}
		return exactRel(rel, sg, sg)
	}, nil
}

// propLit evaluates op(record geometry, literal).
func propLit(op SpatialOp, lit *prepared) pred {
	rel := relations[op]
	return func(r Record) tri {
		g := r.Geometry()
		if g == nil {
			return unk
		}
		if t, ok := quick(op, boundOf(r, g), lit); ok {
			return t
		}
		if lit.rect && (op == SIntersects || op == SDisjoint) && anyVertexIn(g, lit.boxes) {
			return triOf(op == SIntersects)
		}
		if lit.region != nil && (op == SIntersects || op == SDisjoint) {
			return triOf(lit.region.Intersects(g) == (op == SIntersects))
		}
		sg, err := orbToSF(g)
		if err != nil {
			return unk
		}
		return exactRel(rel, sg, lit.g)
	}
}

// quick decides op(g, lit) from the bounding box b of g when it can.
func quick(op SpatialOp, b orb.Bound, lit *prepared) (tri, bool) {
	if !intersectsAny(b, lit.boxes) {
		return triOf(op == SDisjoint), true
	}
	switch op {
	case SIntersects, SDisjoint:
		if lit.rect && withinAny(b, lit.boxes, within) {
			return triOf(op == SIntersects), true
		}
	case SWithin:
		if !within(b, lit.bound) {
			return fls, true
		}
		if lit.rect && withinAny(b, lit.boxes, strictlyWithin) {
			return tru, true
		}
	case SContains:
		if !within(lit.bound, b) {
			return fls, true
		}
	case SEquals:
		if b != lit.bound {
			return fls, true
		}
	}
	return unk, false
}

func withinAny(a orb.Bound, boxes []orb.Bound, in func(a, b orb.Bound) bool) bool {
	for _, b := range boxes {
		if in(a, b) {
			return true
		}
	}
	return false
}

// exactRel computes a relation; invalid geometries that make the
// algorithm fail give unknown.
func exactRel(rel relFunc, a, b geom.Geometry) (t tri) {
	defer func() {
		if recover() != nil {
			t = unk
		}
	}()
	ok, err := rel(a, b)
	if err != nil {
		return unk
	}
	return triOf(ok)
}

// orbToSF converts an orb geometry to simplefeatures (2D, not validated).
func orbToSF(g orb.Geometry) (geom.Geometry, error) {
	switch v := g.(type) {
	case orb.Point:
		return geom.NewPointXY(v[0], v[1]).AsGeometry(), nil
	case orb.MultiPoint:
		return geom.NewMultiPointXY(flatPoints(v)...).AsGeometry(), nil
	case orb.LineString:
		return geom.NewLineStringXY(flatPoints(v)...).AsGeometry(), nil
	case orb.MultiLineString:
		lss := make([][]float64, len(v))
		for i, ls := range v {
			lss[i] = flatPoints(ls)
		}
		return geom.NewMultiLineStringXY(lss...).AsGeometry(), nil
	case orb.Ring:
		return geom.NewPolygonXY(flatRings(orb.Polygon{v})...).AsGeometry(), nil
	case orb.Polygon:
		return geom.NewPolygonXY(flatRings(v)...).AsGeometry(), nil
	case orb.MultiPolygon:
		polys := make([][][]float64, 0, len(v))
		for _, p := range v {
			if rings := flatRings(p); len(rings) > 0 {
				polys = append(polys, rings)
			}
		}
		return geom.NewMultiPolygonXY(polys...).AsGeometry(), nil
	case orb.Bound:
		return boxPolygon(v).AsGeometry(), nil
	case orb.Collection:
		gs := make([]geom.Geometry, len(v))
		for i, m := range v {
			sg, err := orbToSF(m)
			if err != nil {
				return geom.Geometry{}, err
			}
			gs[i] = sg
		}
		return geom.NewGeometryCollection(gs).AsGeometry(), nil
	}
	return geom.Geometry{}, fmt.Errorf("unsupported geometry type %T", g)
}

// flatPoints flattens points, dropping consecutive duplicates: the exact
// relate algorithm gives wrong answers on rings with repeated points,
// which real data (Natural Earth's Russia, for one) has.
func flatPoints[T ~[]orb.Point](pts T) []float64 {
	out := make([]float64, 0, 2*len(pts))
	for i, p := range pts {
		if i > 0 && p == pts[i-1] {
			continue
		}
		out = append(out, p[0], p[1])
	}
	return out
}

// flatRings flattens the rings of a polygon, leaving out rings that
// enclose no area (fewer than three distinct vertices, or all collinear),
// and the whole polygon when its exterior ring is such a ring. Natural
// Earth's Russia has one, and the exact relate algorithm gives wrong
// answers for the whole multipolygon because of it.
func flatRings(p orb.Polygon) [][]float64 {
	rings := make([][]float64, 0, len(p))
	for i, r := range p {
		flat := flatPoints(r)
		if len(flat) < 8 || ringArea2(flat) == 0 {
			if i == 0 {
				return nil
			}
			continue
		}
		rings = append(rings, flat)
	}
	return rings
}

// ringArea2 returns twice the signed area of a flat ring.
func ringArea2(flat []float64) float64 {
	a := 0.0
	for i := 0; i+3 < len(flat); i += 2 {
		a += flat[i]*flat[i+3] - flat[i+2]*flat[i+1]
	}
	return a
}

// anyVertexIn reports whether a vertex of g lies in one of the boxes
// (boundaries included), which proves that g intersects them.
func anyVertexIn(g orb.Geometry, boxes []orb.Bound) bool {
	in := func(pts []orb.Point) bool {
		for _, p := range pts {
			for _, b := range boxes {
				if b.Contains(p) {
					return true
				}
			}
		}
		return false
	}
	switch v := g.(type) {
	case orb.LineString:
		return in(v)
	case orb.Ring:
		return in(v)
	case orb.MultiPoint:
		return in(v)
	case orb.Polygon:
		return len(v) > 0 && in(v[0])
	case orb.MultiLineString:
		for _, ls := range v {
			if in(ls) {
				return true
			}
		}
	case orb.MultiPolygon:
		for _, p := range v {
			if len(p) > 0 && in(p[0]) {
				return true
			}
		}
	}
	return false
}
