package demo

import "math"

// parcelUtilities: in zones with defaults about a third of the parcels
// leave every utility out (inherited); about 5 % of the others have no
// power data (unknown unless the zone has a default). Power scales with
// area, except for some power-ready plots; dual-fed parcels name their
// two nearest operational substations.
func (g *generator) parcelUtilities(z *genZone, ha float64, at [2]float64) genUtilities {
	if z.defaults && g.rng.IntN(3) == 0 {
		return genUtilities{}
	}
	var u genUtilities
	if g.rng.IntN(20) != 0 {
		mva := math.Max(1, math.Min(250, math.Round(ha*g.uniform(0.8, 3))))
		if g.rng.IntN(12) == 0 { // power-ready plots, whatever their size
			mva = math.Round(g.uniform(20, 150))
		}
		kv := 22.0
		switch {
		case mva >= 80:
			kv = pick(g, 110.0, 220)
		case mva >= 20:
			kv = pick(g, 22.0, 110)
		}
		dual := mva >= 20 && len(g.subs) >= 2 && g.rng.IntN(5) < 2
		u.PowerCapacityMVA, u.PowerVoltageKV, u.PowerDualFeed = ptr(mva), ptr(kv), ptr(dual)
		if dual {
			u.PowerFeedSubstations = g.nearestSubstations(at)
		}
	}
	water := math.Max(50, math.Round(ha*g.uniform(40, 200)/10)*10)
	u.WaterM3Day, u.WastewaterM3Day = ptr(water), ptr(math.Round(water*0.8))
	u.FibreCarriers = ptr(1 + g.rng.IntN(4))
	return u
}

// nearestSubstations returns the ids of the two operational substations
// nearest to p (the caller ensures there are at least two), ties broken
// by generation order.
func (g *generator) nearestSubstations(p [2]float64) []string {
	best := [2]int{}
	bd := [2]float64{math.Inf(1), math.Inf(1)}
	kx := kmPerDegLon(p[1])
	for i, s := range g.subs {
		dx, dy := (s.lon-p[0])*kx, (s.lat-p[1])*kmPerDegLat
		d := dx*dx + dy*dy
		switch {
		case d < bd[0]:
			best[1], bd[1] = best[0], bd[0]
			best[0], bd[0] = i, d
		case d < bd[1]:
			best[1], bd[1] = i, d
		}
	}
	return []string{g.subs[best[0]].id, g.subs[best[1]].id}
}
