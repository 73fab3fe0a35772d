package geo

import (
	"strconv"

	"github.com/paulmach/orb"
)

// coordReader reads the "coordinates" member of a geometry, known to be
// valid JSON, by hand: a position is checked for its count of numbers, which
// orb cannot tell once it has decoded one, and every problem gets a pointer.
type coordReader struct {
	d *geoDecoder
	b []byte
	i int
}

// read decodes the coordinates of a geometry of type typ at pointer ptr.
func (r *coordReader) read(typ, ptr string) orb.Geometry {
	switch typ {
	case "Point":
		return r.position(ptr, -1)
	case "MultiPoint":
		return orb.MultiPoint(r.points(ptr))
	case "LineString":
		return orb.LineString(r.points(ptr))
	case "MultiLineString":
		var ml orb.MultiLineString
		r.list(ptr, "lines (arrays of positions)", func(p string, k int) { ml = append(ml, r.points(ptrIndex(p, k))) })
		return ml
	case "Polygon":
		return r.polygon(ptr)
	default: // MultiPolygon
		var mp orb.MultiPolygon
		r.list(ptr, "polygons (arrays of rings)", func(p string, k int) { mp = append(mp, r.polygon(ptrIndex(p, k))) })
		return mp
	}
}

func (r *coordReader) polygon(ptr string) orb.Polygon {
	p := orb.Polygon{}
	r.list(ptr, "rings (arrays of positions)", func(q string, k int) { p = append(p, r.points(ptrIndex(q, k))) })
	return p
}

func (r *coordReader) points(ptr string) []orb.Point {
	pts := []orb.Point{}
	r.list(ptr, "positions", func(p string, k int) { pts = append(pts, r.position(p, k)) })
	return pts
}

func (r *coordReader) ws() {
	for r.i < len(r.b) && (r.b[r.i] == ' ' || r.b[r.i] == '\t' || r.b[r.i] == '\n' || r.b[r.i] == '\r') {
		r.i++
	}
}

func (r *coordReader) peek() byte {
	r.ws()
	if r.i < len(r.b) {
		return r.b[r.i]
	}
	return 0
}

// list reads the array at ptr; elem reads member k.
func (r *coordReader) list(ptr, what string, elem func(ptr string, k int)) {
	if r.peek() != '[' {
		r.d.add(ptr, "must be an array of %s", what)
		r.skip()
		return
	}
	r.i++
	for k := 0; !r.d.over && r.peek() != ']' && r.peek() != 0; k++ {
		if k > 0 {
			r.i++ // the comma (the JSON is valid)
		}
		elem(ptr, k)
	}
	r.i++
}

// position reads [longitude, latitude], member k of the array at parent
// (k < 0: the position is at parent). The pointer is built only for an issue.
func (r *coordReader) position(parent string, k int) orb.Point {
	var p orb.Point
	ptr := func() string {
		if k < 0 {
			return parent
		}
		return ptrIndex(parent, k)
	}
	if r.peek() != '[' {
		r.d.add(ptr(), "must be a position [longitude, latitude]")
		r.skip()
		return p
	}
	r.i++
	n := 0
	for ; r.peek() != ']' && r.peek() != 0; n++ {
		if n > 0 {
			r.i++
		}
		v, ok := r.number()
		if !ok {
			r.d.add(ptrIndex(ptr(), n), "must be a number")
		} else if n < 2 {
			p[n] = v
		}
	}
	r.i++
	switch {
	case n < 2:
		r.d.add(ptr(), "has %d number(s); a position is [longitude, latitude]", n)
	case n > 2:
		r.d.add(ptr(), "has %d numbers; landcat stores 2D WGS 84 positions [longitude, latitude]: drop the elevation or measure (a platform's elevation belongs in the elevation_m property)", n)
	}
	if r.d.count++; r.d.max > 0 && r.d.count > r.d.max {
		r.d.over = true
	}
	return p
}

// number reads a JSON number; anything else is skipped.
func (r *coordReader) number() (float64, bool) {
	if c := r.peek(); c != '-' && (c < '0' || c > '9') {
		r.skip()
		return 0, false
	}
	start := r.i
	for r.i < len(r.b) && isNumberByte(r.b[r.i]) {
		r.i++
	}
	// Out of range is ±Inf (not finite, which Validate reports).
	v, err := strconv.ParseFloat(string(r.b[start:r.i]), 64)
	return v, err == nil || isRangeErr(err)
}

func isNumberByte(c byte) bool {
	return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// skip passes over one JSON value.
func (r *coordReader) skip() {
	depth := 0
	for r.peek() != 0 {
		switch c := r.b[r.i]; c {
		case '"':
			r.skipString()
		case '[', '{':
			depth++
			r.i++
		case ']', '}', ',', ':':
			if depth == 0 {
				return
			}
			if c == ']' || c == '}' {
				depth--
			}
			r.i++
		default:
			for r.i < len(r.b) && !isDelim(r.b[r.i]) {
				r.i++
			}
		}
		if depth == 0 {
			return
		}
	}
}

func isDelim(c byte) bool {
	switch c {
	case ',', ']', '}', ':', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}

func (r *coordReader) skipString() {
	for r.i++; r.i < len(r.b); r.i++ {
		switch r.b[r.i] {
		case '\\':
			r.i++
		case '"':
			r.i++
			return
		}
	}
	r.i = len(r.b)
}
