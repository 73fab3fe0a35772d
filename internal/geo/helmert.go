package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// EPSG:6960 "VN-2000 to WGS 84 (2)" in the coordinate-frame convention
// (EPSG method 9607). PROJ's +towgs84 lists the same rotations with the
// opposite sign (position-vector convention).
const (
	vnTx = -191.90441429 // metres
	vnTy = -39.30318279
	vnTz = -111.45032835
	vnRx = -0.00928836 // arc-seconds
	vnRy = 0.01975479
	vnRz = -0.00427372
	vnS  = 0.252906278 // ppm
)

const arcsec = deg / 3600

// vn2000ToWGS84 shifts VN-2000 geographic (lon, lat) at height 0 to WGS 84.
func vn2000ToWGS84(p orb.Point) (orb.Point, error) {
	if err := checkGeographic(p, "VN-2000"); err != nil {
		return orb.Point{}, err
	}
	x, y, z := geodeticToGeocentric(p[0]*deg, p[1]*deg, 0)
	rx, ry, rz := vnRx*arcsec, vnRy*arcsec, vnRz*arcsec
	m := 1 + vnS*1e-6
	// Coordinate-frame rotation: X' = T + m·R·X with
	// R = [[1, rz, -ry], [-rz, 1, rx], [ry, -rx, 1]].
	x2 := vnTx + m*(x+rz*y-ry*z)
	y2 := vnTy + m*(-rz*x+y+rx*z)
	z2 := vnTz + m*(ry*x-rx*y+z)
	lon, lat := geocentricToGeodetic(x2, y2, z2)
	return orb.Point{lon / deg, lat / deg}, nil
}

func geodeticToGeocentric(lon, lat, h float64) (x, y, z float64) {
	sinLat, cosLat := math.Sincos(lat)
	sinLon, cosLon := math.Sincos(lon)
	n := wgs84A / math.Sqrt(1-wgs84E2*sinLat*sinLat)
	return (n + h) * cosLat * cosLon, (n + h) * cosLat * sinLon, (n*(1-wgs84E2) + h) * sinLat
}

// geocentricToGeodetic returns longitude and latitude in radians by fixed-
// point iteration on the latitude (converges to 1e-14 rad in a few steps
// near the surface).
func geocentricToGeodetic(x, y, z float64) (lon, lat float64) {
	lon = math.Atan2(y, x)
	p := math.Hypot(x, y)
	lat = math.Atan2(z, p*(1-wgs84E2))
	for range 10 {
		sinLat := math.Sin(lat)
		n := wgs84A / math.Sqrt(1-wgs84E2*sinLat*sinLat)
		next := math.Atan2(z+wgs84E2*n*sinLat, p)
		if math.Abs(next-lat) < 1e-15 {
			return lon, next
		}
		lat = next
	}
	return lon, lat
}
