package cql2

import (
	"github.com/peterstace/simplefeatures/geom"
)

// geomBody parses the parenthesised coordinates of a WKT geometry of type
// typ (not a collection).
func (p *parser) geomBody(typ geom.GeometryType, d *dims) (geom.Geometry, error) {
	switch typ {
	case geom.TypePoint:
		pts, err := p.points(d)
		if err != nil {
			return geom.Geometry{}, err
		}
		if len(pts) != 1 {
			return geom.Geometry{}, p.errTok(p.toks[p.i-1], "a point has one position")
		}
		return pts[0].AsGeometry(), nil
	case geom.TypeMultiPoint:
		pts, err := p.points(d)
		return geom.NewMultiPoint(pts).AsGeometry(), err
	case geom.TypeLineString:
		ls, err := p.lineString(d)
		return ls.AsGeometry(), err
	case geom.TypeMultiLineString:
		var lss []geom.LineString
		err := p.list(func() error {
			ls, err := p.lineString(d)
			lss = append(lss, ls)
			return err
		})
		return geom.NewMultiLineString(lss).AsGeometry(), err
	case geom.TypePolygon:
		poly, err := p.polygon(d)
		return poly.AsGeometry(), err
	}
	var polys []geom.Polygon
	err := p.list(func() error {
		poly, err := p.polygon(d)
		polys = append(polys, poly)
		return err
	})
	return geom.NewMultiPolygon(polys).AsGeometry(), err
}

// geomCollection parses "(" geometry {"," geometry} ")".
func (p *parser) geomCollection(d *dims) (geom.Geometry, error) {
	var gs []geom.Geometry
	err := p.list(func() error {
		g, err := p.geomTagged(d)
		gs = append(gs, g)
		return err
	})
	if err != nil {
		return geom.Geometry{}, err
	}
	return geom.NewGeometryCollection(gs).AsGeometry(), nil
}

// list parses "(" item {"," item} ")".
func (p *parser) list(item func() error) error {
	if _, err := p.expect(tLParen, "'('"); err != nil {
		return err
	}
	for {
		if err := item(); err != nil {
			return err
		}
		if p.peek().kind != tComma {
			break
		}
		p.advance()
	}
	_, err := p.expect(tRParen, "',' or ')'")
	return err
}

// points parses "(" pos {"," pos} ")" where each pos may also be
// parenthesised, as MULTIPOINT allows.
func (p *parser) points(d *dims) ([]geom.Point, error) {
	var pts []geom.Point
	err := p.list(func() error {
		paren := p.peek().kind == tLParen
		if paren {
			p.advance()
		}
		flat, err := p.position(d, nil)
		if err != nil {
			return err
		}
		pts = append(pts, newPoint(flat, d))
		if paren {
			_, err = p.expect(tRParen, "')'")
		}
		return err
	})
	return pts, err
}

// sequence parses "(" pos {"," pos} ")" into flat coordinates.
func (p *parser) sequence(d *dims) ([]float64, token, error) {
	open := p.peek()
	var flat []float64
	err := p.list(func() error {
		var err error
		flat, err = p.position(d, flat)
		return err
	})
	return flat, open, err
}

func (p *parser) lineString(d *dims) (geom.LineString, error) {
	flat, open, err := p.sequence(d)
	if err != nil {
		return geom.LineString{}, err
	}
	ls, msg := newLineString(flat, d)
	if msg != "" {
		return ls, errAt(p.src, open.pos, "%s", msg)
	}
	return ls, nil
}

func (p *parser) polygon(d *dims) (geom.Polygon, error) {
	var rings []geom.LineString
	err := p.list(func() error {
		flat, open, err := p.sequence(d)
		if err != nil {
			return err
		}
		r, msg := newRing(flat, d)
		if msg != "" {
			return errAt(p.src, open.pos, "%s", msg)
		}
		rings = append(rings, r)
		return nil
	})
	return geom.NewPolygon(rings), err
}

// position parses 2 or 3 signed numbers and appends them to flat.
func (p *parser) position(d *dims, flat []float64) ([]float64, error) {
	start := p.peek()
	n := 0
	for n < 4 {
		t := p.peek()
		if t.kind != tNumber && !isOp(t, "-") && !isOp(t, "+") {
			break
		}
		f, err := p.signedNumber()
		if err != nil {
			return nil, err
		}
		flat = append(flat, f)
		n++
	}
	if n == 0 {
		return nil, p.errTok(start, "expected a position (x y), found %s", describe(start))
	}
	if msg := d.add(n); msg != "" {
		return nil, errAt(p.src, start.pos, "%s", msg)
	}
	return flat, nil
}
