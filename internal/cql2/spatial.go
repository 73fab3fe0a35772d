package cql2

import (
	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	"github.com/peterstace/simplefeatures/geom"
)

// geomOperand is a compiled geometry: a prepared literal, or the record
// geometry when lit is nil.
type geomOperand struct {
	lit *prepared
}

// prepared is a geometry literal made ready for many evaluations.
type prepared struct {
	g      geom.Geometry // 2D
	boxes  []orb.Bound   // the bounding box, or the two halves of a BBOX across the antimeridian
	bound  orb.Bound     // union of boxes
	rect   bool          // g is exactly the union of boxes (a BBOX literal)
	region *geo.Region   // a polygonal literal with its edges indexed, for S_INTERSECTS and S_DISJOINT
}

// withRegion prepares a polygonal literal for intersection tests with
// geo.Region, the planar kit the read model and the matcher use too.
func (p *prepared) withRegion() *prepared {
	switch p.g.Type() {
	case geom.TypePolygon, geom.TypeMultiPolygon:
		if g, err := wkb.Unmarshal(p.g.AsBinary()); err == nil {
			p.region = geo.NewRegion(g)
		}
	}
	return p
}

// geometryLiteral validates and prepares a GeometryLit or BBoxLit.
func (c *compiler) geometryLiteral(e Expr) (operand, error) {
	var p *prepared
	var err error
	switch n := e.(type) {
	case GeometryLit:
		p, err = prepareGeometry(n)
	case BBoxLit:
		p, err = prepareBBox(n)
	}
	if err != nil {
		return operand{}, err
	}
	return operand{kind: kGeom, src: e, konst: true, prop: -1, geo: &geomOperand{lit: p}}, nil
}

func inCRS84(x, y float64) bool { return x >= -180 && x <= 180 && y >= -90 && y <= 90 }

func prepareGeometry(n GeometryLit) (*prepared, error) {
	g := n.Geom.ForceCoordinatesType(geom.DimXY)
	lo, hi, ok := g.Envelope().MinMaxXYs()
	if !ok {
		return nil, compileErr("empty geometries are not supported")
	}
	if !inCRS84(lo.X, lo.Y) || !inCRS84(hi.X, hi.Y) {
		return nil, compileErr("%s has coordinates outside longitude -180..180, latitude -90..90 (CRS84)", shorten(Format(n)))
	}
	b := orb.Bound{Min: orb.Point{lo.X, lo.Y}, Max: orb.Point{hi.X, hi.Y}}
	return (&prepared{g: g, boxes: []orb.Bound{b}, bound: b}).withRegion(), nil
}

// prepareBBox turns BBOX(w, s, e, n) into one rectangle, or two when
// w > e (the box crosses the antimeridian).
func prepareBBox(n BBoxLit) (*prepared, error) {
	c := n.Coords
	if len(c) == 6 {
		c = []float64{c[0], c[1], c[3], c[4]}
	}
	if len(c) != 4 {
		return nil, compileErr("BBOX takes 4 or 6 numbers")
	}
	w, s, e, no := c[0], c[1], c[2], c[3]
	if !inCRS84(w, s) || !inCRS84(e, no) {
		return nil, compileErr("%s has coordinates outside longitude -180..180, latitude -90..90 (CRS84)", Format(n))
	}
	if s > no {
		return nil, compileErr("%s has its south bound above its north bound", Format(n))
	}
	boxes := []orb.Bound{{Min: orb.Point{w, s}, Max: orb.Point{e, no}}}
	if w > e {
		boxes = []orb.Bound{
			{Min: orb.Point{w, s}, Max: orb.Point{180, no}},
			{Min: orb.Point{-180, s}, Max: orb.Point{e, no}},
		}
	}
	polys := make([]geom.Polygon, len(boxes))
	for i, b := range boxes {
		polys[i] = boxPolygon(b)
	}
	g := polys[0].AsGeometry()
	if len(polys) > 1 {
		g = geom.NewMultiPolygon(polys).AsGeometry()
	}
	bound := boxes[0]
	for _, b := range boxes[1:] {
		bound = bound.Union(b)
	}
	return (&prepared{g: g, boxes: boxes, bound: bound, rect: true}).withRegion(), nil
}

func boxPolygon(b orb.Bound) geom.Polygon {
	x0, y0, x1, y1 := b.Min[0], b.Min[1], b.Max[0], b.Max[1]
	return geom.NewSingleRingPolygonXY(x0, y0, x1, y0, x1, y1, x0, y1, x0, y0)
}

// shorten cuts long literals in messages.
func shorten(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// boundOf returns the bounding box of a record's geometry.
func boundOf(r Record, g orb.Geometry) orb.Bound {
	if br, ok := r.(BoundedRecord); ok {
		return br.GeometryBound()
	}
	return g.Bound()
}

// within reports whether a lies inside b (boundaries included).
func within(a, b orb.Bound) bool {
	return a.Min[0] >= b.Min[0] && a.Min[1] >= b.Min[1] && a.Max[0] <= b.Max[0] && a.Max[1] <= b.Max[1]
}

// strictlyWithin reports whether a lies in the interior of b.
func strictlyWithin(a, b orb.Bound) bool {
	return a.Min[0] > b.Min[0] && a.Min[1] > b.Min[1] && a.Max[0] < b.Max[0] && a.Max[1] < b.Max[1]
}

func intersectsAny(a orb.Bound, boxes []orb.Bound) bool {
	for _, b := range boxes {
		if a.Intersects(b) {
			return true
		}
	}
	return false
}
