package geo

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Krüger series constants for WGS 84 (Karney, "Transverse Mercator with an
// accuracy of a few nanometers", J. Geodesy 85 (2011), eqs. 14 and 36).
var (
	tmN = wgs84F / (2 - wgs84F) // third flattening n
	// tmA is the rectifying radius A = a/(1+n)·(1 + n²/4 + n⁴/64 + n⁶/256).
	tmA = wgs84A / (1 + tmN) * (1 + tmN*tmN/4 + math.Pow(tmN, 4)/64 + math.Pow(tmN, 6)/256)
	// tmBeta are the inverse-series coefficients β1…β6.
	tmBeta = krugerBeta(tmN)
)

func krugerBeta(n float64) [6]float64 {
	n2 := n * n
	n3, n4, n5, n6 := n2*n, n2*n2, n2*n2*n, n2*n2*n2
	return [6]float64{
		n/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800,
		n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720,
		17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720,
		4397*n4/161280 - 11*n5/504 - 830251*n6/7257600,
		4583*n5/161280 - 108847*n6/3991680,
		20648693 * n6 / 638668800,
	}
}

// inverse converts projected (easting, northing) to geographic (lon, lat) on
// the projection's datum.
func (tm tmParams) inverse(p orb.Point, epsg int) (orb.Point, error) {
	if !isFinite(p[0]) || !isFinite(p[1]) {
		return orb.Point{}, fmt.Errorf("EPSG:%d coordinate (%v, %v) is not a finite number", epsg, p[0], p[1])
	}
	if math.Abs(p[0]-tm.e0) > maxEastingOffset || math.Abs(p[1]-tm.n0) > 10000e3 {
		hint := ""
		if LooksSwapped(p) {
			hint = "; it looks like (northing, easting): swap the axes"
		}
		return orb.Point{}, fmt.Errorf("EPSG:%d easting/northing (%.3f, %.3f) is outside the projection's range%s", epsg, p[0], p[1], hint)
	}
	xi := (p[1] - tm.n0) / (tm.k0 * tmA)
	eta := (p[0] - tm.e0) / (tm.k0 * tmA)
	xi1, eta1 := xi, eta
	for j, b := range tmBeta {
		k := 2 * float64(j+1)
		s, c := math.Sincos(k * xi)
		xi1 -= b * s * math.Cosh(k*eta)
		eta1 -= b * c * math.Sinh(k*eta)
	}
	// Conformal latitude χ and longitude from the central meridian.
	sinXi, cosXi := math.Sincos(xi1)
	sinhEta := math.Sinh(eta1)
	tauPrime := sinXi / math.Hypot(sinhEta, cosXi) // tan χ
	lam := math.Atan2(sinhEta, cosXi)
	lat := math.Atan(tauFromTauPrime(tauPrime))
	return orb.Point{tm.lon0 + lam/deg, lat / deg}, nil
}

// tauFromTauPrime solves tan χ = τ' for τ = tan φ by Newton's method
// (Karney 2011, eqs. 7–9 and 19–21).
func tauFromTauPrime(taup float64) float64 {
	tau := taup / (1 - wgs84E2)
	for range 5 {
		sq := math.Hypot(1, tau)
		sigma := math.Sinh(wgs84E * math.Atanh(wgs84E*tau/sq))
		tp := tau*math.Hypot(1, sigma) - sigma*sq
		dtau := (taup - tp) / math.Hypot(1, tp) * (1 + (1-wgs84E2)*tau*tau) /
			((1 - wgs84E2) * sq)
		tau += dtau
		if math.Abs(dtau) < 1e-14*math.Max(1, math.Abs(tau)) {
			break
		}
	}
	return tau
}
