// Package geo holds landcat's geometry rules: validation of incoming
// GeoJSON geometries, normalisation to the RFC 7946 output form, geodesic
// measures on the WGS 84 ellipsoid (area, distance, nearest feature) and the
// VN-2000 → WGS 84 conversion used when importing Vietnamese survey data.
//
// Conventions: every orb.Point is (x, y) — longitude, latitude in degrees for
// geographic coordinates, easting, northing in metres for projected ones —
// whatever axis order the EPSG definition states. Geometry edges are taken to
// be straight lines in longitude/latitude (RFC 7946 §3.1.1). Geometries do
// not cross the antimeridian: Validate refuses a part that spans more than
// 180° of longitude.
//
// The package is pure Go (it builds with CGO_ENABLED=0) and depends only on
// github.com/paulmach/orb; its tests compare Validate with the pairwise
// checks of github.com/peterstace/simplefeatures.
package geo
