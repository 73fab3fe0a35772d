package geo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/paulmach/orb"
)

// geometryTypes lists the GeoJSON geometry types in messages.
const geometryTypes = "Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection"

// maxNesting bounds GeometryCollections inside GeometryCollections.
const maxNesting = 4

// DecodeGeometry parses a GeoJSON geometry object (RFC 7946 §3.1) sent by a
// client. Unlike orb/geojson it reports every problem as an Issue located by
// a JSON pointer relative to the geometry object, in plain words (never a Go
// type), and it refuses what orb would change silently:
//
//   - a position must hold exactly 2 numbers, longitude and latitude.
//     landcat stores 2D WGS 84 coordinates; orb drops a third or fourth
//     number (an elevation or a measure) without a word, so such a position
//     is refused rather than stored without it: elevations belong in
//     properties (a parcel's elevation_m), not in coordinates;
//   - more than maxVertices positions (0: no limit) stop the decoding at the
//     first one over, before any other work, with a single issue.
//
// It returns the geometry, or nil and the issues. Foreign members such as
// bbox are ignored. The geometry still has to pass Validate.
func DecodeGeometry(raw []byte, maxVertices int) (orb.Geometry, []Issue) {
	if !json.Valid(raw) {
		return nil, []Issue{{"", "is not valid JSON"}}
	}
	d := &geoDecoder{max: maxVertices}
	g := d.geometry(raw, "")
	switch {
	case d.over:
		return nil, []Issue{{d.overAt, fmt.Sprintf("has more than %d positions; landcat accepts at most %d here: simplify the geometry or split the feature", d.max, d.max)}}
	case len(d.issues) > 0:
		if d.dropped > 0 {
			d.issues = append(d.issues, Issue{"", fmt.Sprintf("%d more issues not listed", d.dropped)})
		}
		return nil, d.issues
	}
	return g, nil
}

// geoDecoder collects the issues of one DecodeGeometry call.
type geoDecoder struct {
	validator
	max, count int
	over       bool   // more than max positions
	overAt     string // the coordinates that held them
	depth      int
}

// geoMembers are the members of a geometry object that matter.
type geoMembers struct {
	Type        json.RawMessage `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
	Geometries  json.RawMessage `json:"geometries"`
}

func firstByte(b []byte) byte {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 {
		return 0
	}
	return b[0]
}

func isNullJSON(b []byte) bool {
	return len(b) == 0 || string(bytes.TrimSpace(b)) == "null"
}

// geometry decodes the geometry object raw found at pointer base.
func (d *geoDecoder) geometry(raw []byte, base string) orb.Geometry {
	var m geoMembers
	if firstByte(raw) != '{' || json.Unmarshal(raw, &m) != nil {
		d.add(base, "must be a GeoJSON geometry object with \"type\" and \"coordinates\"")
		return nil
	}
	typ, ok := d.geometryType(m.Type, base+"/type")
	if !ok {
		return nil
	}
	if typ == "GeometryCollection" {
		return d.collection(m.Geometries, base)
	}
	coords := base + "/coordinates"
	if isNullJSON(m.Coordinates) {
		d.add(coords, "is required")
		return nil
	}
	r := &coordReader{d: d, b: m.Coordinates}
	g := r.read(typ, coords)
	if d.over && d.overAt == "" {
		d.overAt = coords
	}
	return g
}

// geometryType reads the "type" member.
func (d *geoDecoder) geometryType(raw []byte, ptr string) (string, bool) {
	var typ string
	switch {
	case len(raw) == 0:
		d.add(ptr, "is required (one of %s)", geometryTypes)
		return "", false
	case firstByte(raw) != '"' || json.Unmarshal(raw, &typ) != nil:
		d.add(ptr, "must be a string (one of %s)", geometryTypes)
		return "", false
	case !slices.Contains(strings.Split(geometryTypes, ", "), typ):
		d.add(ptr, "%q is not a GeoJSON geometry type; use one of %s", typ, geometryTypes)
		return "", false
	}
	return typ, true
}

// collection decodes the "geometries" member of a GeometryCollection.
func (d *geoDecoder) collection(raw []byte, base string) orb.Geometry {
	ptr := base + "/geometries"
	var members []json.RawMessage
	if firstByte(raw) != '[' || json.Unmarshal(raw, &members) != nil {
		d.add(ptr, "must be an array of geometry objects")
		return nil
	}
	if d.depth++; d.depth > maxNesting {
		d.add(ptr, "nests GeometryCollections more than %d deep", maxNesting)
		return nil
	}
	defer func() { d.depth-- }()
	c := make(orb.Collection, 0, len(members))
	for i, m := range members {
		g := d.geometry(m, ptrIndex(ptr, i))
		if d.over {
			return nil
		}
		c = append(c, g)
	}
	return c
}
