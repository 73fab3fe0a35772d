package cql2

import (
	"fmt"

	"github.com/peterstace/simplefeatures/geom"
)

// geomTags maps the WKT tags of cql2-text and the GeoJSON "type" values of
// cql2-json to simplefeatures geometry types.
var geomTags = map[string]geom.GeometryType{
	"POINT":              geom.TypePoint,
	"LINESTRING":         geom.TypeLineString,
	"POLYGON":            geom.TypePolygon,
	"MULTIPOINT":         geom.TypeMultiPoint,
	"MULTILINESTRING":    geom.TypeMultiLineString,
	"MULTIPOLYGON":       geom.TypeMultiPolygon,
	"GEOMETRYCOLLECTION": geom.TypeGeometryCollection,
}

// geoJSONTypes maps GeoJSON "type" values to simplefeatures geometry types.
var geoJSONTypes = map[string]geom.GeometryType{
	"Point":              geom.TypePoint,
	"LineString":         geom.TypeLineString,
	"Polygon":            geom.TypePolygon,
	"MultiPoint":         geom.TypeMultiPoint,
	"MultiLineString":    geom.TypeMultiLineString,
	"MultiPolygon":       geom.TypeMultiPolygon,
	"GeometryCollection": geom.TypeGeometryCollection,
}

// dims tracks the coordinate dimension (2 or 3) of one geometry literal,
// which must be the same for all of its positions.
type dims struct {
	n     int  // 0 until the first position is seen
	want3 bool // the WKT tag had Z
}

// add checks a position of n coordinates and returns a message or "".
func (d *dims) add(n int) string {
	switch {
	case n != 2 && n != 3:
		return fmt.Sprintf("a position has 2 or 3 coordinates, not %d", n)
	case d.want3 && n != 3:
		return "a position of a Z geometry has 3 coordinates"
	case d.n != 0 && d.n != n:
		return "all positions of a geometry must have the same number of coordinates"
	}
	d.n = n
	return ""
}

func (d *dims) ctype() geom.CoordinatesType {
	if d.n == 3 {
		return geom.DimXYZ
	}
	return geom.DimXY
}

// newLineString builds a line string from flat coordinates; it returns a
// message when it has fewer than two positions.
func newLineString(flat []float64, d *dims) (geom.LineString, string) {
	if len(flat) < 2*d.n {
		return geom.LineString{}, "a line string needs at least 2 positions"
	}
	return geom.NewLineString(geom.NewSequence(flat, d.ctype())), ""
}

// newRing builds a polygon ring, which must be closed and have at least
// four positions.
func newRing(flat []float64, d *dims) (geom.LineString, string) {
	n := d.n
	for i := 0; i < n && len(flat) >= 2*n; i++ {
		if flat[i] != flat[len(flat)-n+i] {
			return geom.LineString{}, "a polygon ring must be closed (its first and last positions must be equal)"
		}
	}
	if len(flat) < 4*n {
		return geom.LineString{}, "a polygon ring needs at least 4 positions"
	}
	return geom.NewLineString(geom.NewSequence(flat, d.ctype())), ""
}

func newPoint(flat []float64, d *dims) geom.Point {
	c := geom.Coordinates{XY: geom.XY{X: flat[0], Y: flat[1]}, Type: d.ctype()}
	if d.n == 3 {
		c.Z = flat[2]
	}
	return geom.NewPoint(c)
}
