package geo

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// Issue is one problem found by Validate.
type Issue struct {
	// Pointer is a JSON Pointer (RFC 6901) relative to the GeoJSON geometry
	// object, e.g. "/coordinates/0/2/1", "/coordinates" or "/type"; it is ""
	// when the whole geometry is at fault.
	Pointer string
	// Message says what is wrong, in plain English.
	Message string
}

// MaxIssues caps the number of issues Validate lists; when more are found the
// last one says how many were left out.
const MaxIssues = 100

// Validate checks a geometry decoded from GeoJSON (orb/geojson accepts
// unclosed rings and other invalid input) and returns every problem found,
// or nil when the geometry is valid. It checks that:
//
//   - the geometry is present and not empty, and of a GeoJSON type;
//   - every coordinate is a finite number, longitudes are in [-180, 180] and
//     latitudes in [-90, 90];
//   - a LineString has at least 2 distinct positions;
//   - no LineString or Polygon spans more than 180° of longitude (see
//     MaxLongitudeSpan);
//   - polygon rings are closed and have at least 4 positions, do not
//     self-intersect, holes lie inside their exterior ring without crossing
//     it or each other, rings meet at one point at most and do not cut the
//     interior apart (OGC simple-features rules);
//   - the polygons of a MultiPolygon do not overlap or share an edge.
//
// Topology is checked by plane sweeps in O(n log n) time for n vertices,
// whatever the shape (see sweep.go). Checks that depend on earlier ones
// (topology needs closed rings of valid positions) are skipped where those
// failed. At most MaxIssues issues are listed. Validate puts no cap on the
// number of vertices and cannot be interrupted: input from clients goes
// through ValidateContext.
func Validate(g orb.Geometry) []Issue {
	issues, _ := ValidateContext(context.Background(), g, 0)
	return issues
}

// ValidateContext is Validate for input from clients. A geometry of more than
// maxVertices positions (0: no limit) gets a single issue before any other
// work; pass MaxVertices for a feature and MaxQueryVertices for a geometry
// in a query. When ctx ends first, it returns ctx.Err() and no issues.
func ValidateContext(ctx context.Context, g orb.Geometry, maxVertices int) ([]Issue, error) {
	if maxVertices > 0 {
		if n := countPositions(g); n > maxVertices {
			return []Issue{{"", fmt.Sprintf("has %d positions; landcat accepts at most %d here: simplify the geometry or split the feature", n, maxVertices)}}, nil
		}
	}
	v := &validator{ctx: ctx}
	v.geometry(g, "")
	if v.err != nil {
		return nil, v.err
	}
	if v.dropped > 0 {
		v.issues = append(v.issues, Issue{"", fmt.Sprintf("%d more issues not listed", v.dropped)})
	}
	return v.issues, nil
}

type validator struct {
	ctx     context.Context
	err     error // ctx ended
	issues  []Issue
	dropped int
}

func (v *validator) add(ptr, format string, args ...any) {
	if len(v.issues) >= MaxIssues {
		v.dropped++
		return
	}
	v.issues = append(v.issues, Issue{ptr, fmt.Sprintf(format, args...)})
}

func (v *validator) geometry(g orb.Geometry, base string) {
	if v.err != nil {
		return
	}
	coords := base + "/coordinates"
	switch g := g.(type) {
	case nil:
		v.add(base, "geometry is missing")
	case orb.Point:
		v.position(g, coords)
	case orb.MultiPoint:
		if len(g) == 0 {
			v.add(coords, "MultiPoint has no positions")
		}
		v.positions(g, coords)
	case orb.LineString:
		v.lineString(g, coords)
	case orb.MultiLineString:
		if len(g) == 0 {
			v.add(coords, "MultiLineString has no lines")
		}
		for i, ls := range g {
			v.lineString(ls, ptrIndex(coords, i))
		}
	case orb.Polygon:
		v.polygon(g, coords, -1)
	case orb.MultiPolygon:
		v.multiPolygon(g, coords)
	case orb.Collection:
		v.collection(g, base)
	default:
		v.add(base+"/type", "%s is not a GeoJSON geometry type", g.GeoJSONType())
	}
}

func (v *validator) collection(c orb.Collection, base string) {
	if len(c) == 0 {
		v.add(base+"/geometries", "GeometryCollection has no geometries")
	}
	for i, m := range c {
		v.geometry(m, ptrIndex(base+"/geometries", i))
	}
}

func ptrIndex(ptr string, i int) string {
	return ptr + "/" + strconv.Itoa(i)
}

// position checks one position; it returns false when a number is not
// finite or out of range (the position is then unusable for topology).
func (v *validator) position(p orb.Point, ptr string) bool {
	if finitePoint(p) && math.Abs(p[0]) <= 180 && math.Abs(p[1]) <= 90 {
		return true // the common case, without building a pointer
	}
	return v.badPosition(p, ptr)
}

// badPosition lists the problems of a position that is not finite or not
// in range.
func (v *validator) badPosition(p orb.Point, ptr string) bool {
	ok := true
	for i, name := range [2]string{"longitude", "latitude"} {
		if math.IsNaN(p[i]) || math.IsInf(p[i], 0) {
			v.add(ptrIndex(ptr, i), "%s is not a finite number (%v)", name, p[i])
			ok = false
		}
	}
	if !ok {
		return false
	}
	lonBad, latBad := math.Abs(p[0]) > 180, math.Abs(p[1]) > 90
	switch {
	case math.Abs(p[0]) > 1000 || math.Abs(p[1]) > 1000:
		v.add(ptr, "position (%s) looks like projected metres, not WGS 84 longitude/latitude; convert it (e.g. from VN-2000 / TM-3) first", fmtXY(p))
	case latBad && !lonBad && math.Abs(p[0]) <= 90 && math.Abs(p[1]) <= 180:
		v.add(ptr, "latitude %v is outside [-90, 90]; are longitude and latitude swapped? GeoJSON wants [longitude, latitude]", p[1])
	case lonBad:
		v.add(ptr, "longitude %v is outside [-180, 180]", p[0])
		if latBad {
			v.add(ptr, "latitude %v is outside [-90, 90]", p[1])
		}
	case latBad:
		v.add(ptr, "latitude %v is outside [-90, 90]", p[1])
	}
	return false
}

func (v *validator) positions(pts []orb.Point, ptr string) bool {
	ok := true
	for i, p := range pts {
		if !finitePoint(p) || math.Abs(p[0]) > 180 || math.Abs(p[1]) > 90 {
			v.badPosition(p, ptrIndex(ptr, i))
			ok = false
		}
	}
	return ok
}

func (v *validator) lineString(ls orb.LineString, ptr string) {
	ok := v.positions(ls, ptr)
	switch {
	case len(ls) < 2:
		v.add(ptr, "LineString has %d position(s); it needs at least 2", len(ls))
	case ok && !hasTwoDistinct(ls):
		v.add(ptr, "LineString needs at least 2 distinct positions; all are %s", fmtXY(ls[0]))
	case ok:
		v.span(ls.Bound(), ptr)
	}
}

func hasTwoDistinct(pts []orb.Point) bool {
	for _, p := range pts[1:] {
		if p != pts[0] {
			return true
		}
	}
	return false
}

// fmtXY formats a position as "lon, lat" with up to 7 decimals.
func fmtXY(p orb.Point) string {
	return strconv.FormatFloat(p[0], 'f', -1, 64) + ", " + strconv.FormatFloat(p[1], 'f', -1, 64)
}

// fmtNear formats a location reported by a check, rounded to 7 decimals.
func fmtNear(p orb.Point) string {
	return fmtXY(roundPoint(p))
}

// polyName names polygon j of a MultiPolygon, or "the polygon" (j < 0).
func polyName(j int) string {
	if j < 0 {
		return "the polygon"
	}
	return "polygon " + strconv.Itoa(j)
}

// ringName names ring i of polygon j, e.g. "ring 0 of polygon 1".
func ringName(i, j int) string {
	if j < 0 {
		return "ring " + strconv.Itoa(i)
	}
	return fmt.Sprintf("ring %d of polygon %d", i, j)
}
