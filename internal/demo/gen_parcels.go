package demo

import (
	"fmt"
	"math"
	"slices"
)

// sectorList is the canonical sector order used in generated parcels.
var sectorList = []string{"high_tech", "green_industry", "logistics", "data_center",
	"light_industry", "heavy_industry", "chemicals", "services", "energy"}

var availableDates = []string{"2025-10-01", "2025-12-31", "2026-03-31", "2026-06-30",
	"2026-09-30", "2026-12-31", "2027-06-30", "2027-12-31", "2028-06-30"}

// writeParcels packs zone zi (see packZone) and writes each parcel as
// soon as it is drawn.
func (g *generator) writeParcels(fw *featureWriter, zi int) {
	z := &g.zones[zi]
	n := g.counts[zi]
	if n == 0 {
		return
	}
	kx := kmPerDegLon((z.minLat + z.maxLat) / 2)
	for _, s := range g.packZone(n, (z.maxLon-z.minLon)*kx, (z.maxLat-z.minLat)*kmPerDegLat) {
		ring, ha := s.ring(z.minLon, z.minLat, kx)
		g.next++
		fw.feature(g.parcelFeature(z, ring, ha))
		if fw.err != nil {
			return
		}
	}
}

func (g *generator) parcelFeature(z *genZone, ring [][2]float64, ha float64) genFeature {
	code := fmt.Sprintf("G-P-%06d", g.next)
	status := pick(g, "available", "available", "available", "available", "leased", "leased", "in_preparation", "in_preparation", "reserved")
	from := availableDates[g.rng.IntN(len(availableDates))]
	if status == "leased" || status == "reserved" {
		from = availableDates[g.rng.IntN(3)]
	}
	sectors := g.sectors()
	ready := ha < 6 && g.rng.IntN(6) == 0
	p := genParcelProps{
		Collection: "parcels", Code: code, NameVi: "Lô " + code, NameEn: "Plot " + code,
		ZoneID: z.id, Status: status, AvailableFrom: from, LandUse: landUse(sectors, ready), Sectors: sectors,
		LeasePriceUSDM2: g.price(z, ready), LeaseUntil: z.leaseUntil,
		ManagementFeeUSDM2Year: round2(g.uniform(0.4, 0.8)),
		ReadyBuilt:             ready, Bonded: g.rng.IntN(20) == 0,
		DataQuality: "illustrative", Source: genSource,
	}
	p.ElevationM, p.FloodRisk = g.flood((ring[0][1] + ring[2][1]) / 2)
	p.genUtilities = g.parcelUtilities(z, ha, ring[0])
	return genFeature{Type: "Feature", ID: "g-p-" + code[4:], Geometry: polygonGeometry(ring), Properties: p}
}

// sectors picks one to three distinct sectors in canonical order.
func (g *generator) sectors() []string {
	idx := g.rng.Perm(len(sectorList))[:1+g.rng.IntN(3)]
	slices.Sort(idx)
	out := make([]string, len(idx))
	for i, k := range idx {
		out[i] = sectorList[k]
	}
	return out
}

func landUse(sectors []string, ready bool) string {
	switch {
	case ready:
		return "industrial_ready_built"
	case len(sectors) == 1 && sectors[0] == "logistics":
		return "logistics"
	default:
		return "industrial"
	}
}

// price follows published market ranges (CBRE, Cushman & Wakefield 2025): Hai Phong 100–170, ex-Hai Duong 65–120 USD/m².
func (g *generator) price(z *genZone, ready bool) float64 {
	lo, hi := 100.0, 170.0
	if z.exHaiDuong {
		lo, hi = 65, 120
	}
	p := g.uniform(lo, hi)
	if ready {
		p = math.Min(hi, p+5)
	}
	return math.Round(p)
}

// flood derives elevation from latitude (the south is low-lying) and
// the flood class from elevation.
func (g *generator) flood(lat float64) (float64, string) {
	e := g.uniform(2, 6)
	if lat < 20.75 {
		e = g.uniform(0.8, 2.6)
	}
	e = math.Round(e*10) / 10
	switch {
	case e < 1.6:
		return e, "high"
	case e < 2.8:
		return e, "medium"
	}
	return e, "low"
}
