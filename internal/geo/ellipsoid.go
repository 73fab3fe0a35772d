package geo

import "math"

// WGS 84 ellipsoid (VN-2000 uses the same ellipsoid).
const (
	wgs84A  = 6378137.0             // semi-major axis, metres
	wgs84F  = 1 / 298.257223563     // flattening
	wgs84B  = wgs84A * (1 - wgs84F) // semi-minor axis, metres
	wgs84E2 = wgs84F * (2 - wgs84F) // first eccentricity squared
)

var (
	wgs84E = math.Sqrt(wgs84E2)
	// qPole is the authalic q function at the pole.
	qPole = authalicQ(1)
	// authalicR2 is the squared radius of the sphere with the ellipsoid's
	// surface area (Rq ≈ 6 371 007.2 m).
	authalicR2 = wgs84A * wgs84A * qPole / 2
)

const deg = math.Pi / 180

// authalicQ is Snyder's q(φ) (Map Projections – A Working Manual, eq. 3-12)
// as a function of sin φ.
func authalicQ(sinPhi float64) float64 {
	es := wgs84E * sinPhi
	return (1 - wgs84E2) * (sinPhi/(1-es*es) + math.Atanh(es)/wgs84E)
}

// sinAuthalic returns sin β, the sine of the authalic latitude of φ (degrees).
func sinAuthalic(latDeg float64) float64 {
	return authalicQ(math.Sin(latDeg*deg)) / qPole
}

// kmPerDegree returns the local lengths in km of one degree of latitude
// (meridian radius M) and one degree of longitude (N cos φ) at latDeg.
func kmPerDegree(latDeg float64) (kmLat, kmLon float64) {
	s, c := math.Sincos(latDeg * deg)
	w := 1 - wgs84E2*s*s
	n := wgs84A / math.Sqrt(w)
	m := wgs84A * (1 - wgs84E2) / (w * math.Sqrt(w))
	return m * deg / 1000, n * c * deg / 1000
}

// minKmPerDegreeLat is the meridian length of one degree at the equator, the
// smallest on the ellipsoid (a(1−e²)·π/180).
const minKmPerDegreeLat = wgs84A * (1 - wgs84E2) * deg / 1000

// vincentyKm returns the geodesic distance in km between two lon/lat points on
// WGS 84 by Vincenty's inverse formula (sub-millimetre for non-antipodal
// points). It falls back to the authalic-sphere great-circle distance when the
// iteration does not converge (nearly antipodal points only).
func vincentyKm(p, q [2]float64) float64 {
	if p == q {
		return 0
	}
	L := (q[0] - p[0]) * deg
	u1 := math.Atan((1 - wgs84F) * math.Tan(p[1]*deg))
	u2 := math.Atan((1 - wgs84F) * math.Tan(q[1]*deg))
	sinU1, cosU1 := math.Sincos(u1)
	sinU2, cosU2 := math.Sincos(u2)
	lambda := L
	for iter := 0; iter < 200; iter++ {
		sinL, cosL := math.Sincos(lambda)
		t1 := cosU2 * sinL
		t2 := cosU1*sinU2 - sinU1*cosU2*cosL
		sinSigma := math.Sqrt(t1*t1 + t2*t2)
		if sinSigma == 0 {
			return 0 // coincident points
		}
		cosSigma := sinU1*sinU2 + cosU1*cosU2*cosL
		sigma := math.Atan2(sinSigma, cosSigma)
		sinAlpha := cosU1 * cosU2 * sinL / sinSigma
		cos2Alpha := 1 - sinAlpha*sinAlpha
		cos2SigmaM := 0.0
		if cos2Alpha != 0 {
			cos2SigmaM = cosSigma - 2*sinU1*sinU2/cos2Alpha
		}
		c := wgs84F / 16 * cos2Alpha * (4 + wgs84F*(4-3*cos2Alpha))
		prev := lambda
		lambda = L + (1-c)*wgs84F*sinAlpha*
			(sigma+c*sinSigma*(cos2SigmaM+c*cosSigma*(-1+2*cos2SigmaM*cos2SigmaM)))
		if math.Abs(lambda-prev) < 1e-12 {
			u2 := cos2Alpha * (wgs84A*wgs84A - wgs84B*wgs84B) / (wgs84B * wgs84B)
			A := 1 + u2/16384*(4096+u2*(-768+u2*(320-175*u2)))
			B := u2 / 1024 * (256 + u2*(-128+u2*(74-47*u2)))
			ds := B * sinSigma * (cos2SigmaM + B/4*(cosSigma*(-1+2*cos2SigmaM*cos2SigmaM)-
				B/6*cos2SigmaM*(-3+4*sinSigma*sinSigma)*(-3+4*cos2SigmaM*cos2SigmaM)))
			return wgs84B * A * (sigma - ds) / 1000
		}
	}
	return haversineKm(p, q)
}

// haversineKm is the great-circle distance on the authalic sphere.
func haversineKm(p, q [2]float64) float64 {
	dLat := (q[1] - p[1]) * deg
	dLon := (q[0] - p[0]) * deg
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(p[1]*deg)*math.Cos(q[1]*deg)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * math.Sqrt(authalicR2) * math.Asin(math.Min(1, math.Sqrt(h))) / 1000
}
