package demo

import (
	"fmt"
	"math"
)

// genZone is a synthetic zone: a lon/lat rectangle and what its parcels share.
type genZone struct {
	id             string
	minLon, minLat float64
	maxLon, maxLat float64
	leaseUntil     string
	defaults       bool // zone carries utility defaults
	exHaiDuong     bool // western part: ex-Hai Duong price band
	feature        genFeature
}

const genSource = "synthetic (landcat gen), invented for benchmarks; demo data, not real"

// layoutZones cuts the region into a grid with one cell per zone and
// draws each zone as a rectangle inside its cell, sized for its parcels.
func (g *generator) layoutZones() {
	n := len(g.counts)
	midLat := (genMinLat + genMaxLat) / 2
	wKm := (genMaxLon - genMinLon) * kmPerDegLon(midLat)
	hKm := (genMaxLat - genMinLat) * kmPerDegLat
	cols := max(1, int(math.Ceil(math.Sqrt(float64(n)*wKm/hKm))))
	rows := (n + cols - 1) / cols
	cw, ch := (genMaxLon-genMinLon)/float64(cols), (genMaxLat-genMinLat)/float64(rows)
	g.zones = make([]genZone, n)
	for i := range n {
		x0 := genMinLon + float64(i%cols)*cw
		y0 := genMinLat + float64(i/cols)*ch
		g.zones[i] = g.newZone(i, x0, y0, cw, ch)
	}
}

// newZone places zone i in the cell at (x0, y0) of size cw×ch degrees.
func (g *generator) newZone(i int, x0, y0, cw, ch float64) genZone {
	kx := kmPerDegLon(y0 + ch/2)
	targetKm2 := max(2, float64(g.counts[i])*g.uniform(0.12, 0.2))
	aspect := g.uniform(0.7, 1.4)
	w := math.Min(cw*g.uniform(0.75, 0.92), math.Sqrt(targetKm2*aspect)/kx)
	h := math.Min(ch*g.uniform(0.75, 0.92), math.Sqrt(targetKm2/aspect)/kmPerDegLat)
	z := genZone{
		id:         fmt.Sprintf("g-z-%04d", i+1),
		minLon:     round6(x0 + g.rng.Float64()*(cw-w)),
		minLat:     round6(y0 + g.rng.Float64()*(ch-h)),
		leaseUntil: fmt.Sprintf("%d-%s", 2045+g.rng.IntN(31), pick(g, "06-30", "12-31")),
		defaults:   g.rng.IntN(3) == 0,
	}
	z.maxLon, z.maxLat = round6(z.minLon+w), round6(z.minLat+h)
	z.exHaiDuong = (z.minLon+z.maxLon)/2 < 106.45
	z.feature = g.zoneFeature(z, w*kx*h*kmPerDegLat*100)
	return z
}

func (g *generator) zoneFeature(z genZone, areaHa float64) genFeature {
	code := "G-Z-" + z.id[4:]
	kind, vi, en := "industrial_park", "Khu công nghiệp tổng hợp ", "Synthetic industrial park "
	if g.rng.IntN(10) == 0 {
		kind, vi, en = "industrial_cluster", "Cụm công nghiệp tổng hợp ", "Synthetic industrial cluster "
	}
	p := genZoneProps{
		Collection: "zones", Code: code, NameVi: vi + code, NameEn: en + code,
		Kind: kind, Developer: pick(g, "Synthetic Land JSC", "Demo Infrastructure Corp.", "Example Industrial Holdings"),
		OfficialAreaHa:    round2(areaHa * g.uniform(0.92, 1.08)),
		PlanningStage:     pick(g, "operating", "operating", "operating", "established", "under_construction", "zoning_approved"),
		EcoIndustrialPark: pick(g, "none", "none", "none", "none", "pilot", "certified"),
		Bonded:            g.rng.IntN(10) == 0,
		DataQuality:       "illustrative", Source: genSource,
	}
	if z.defaults {
		p.genUtilities = genUtilities{
			PowerCapacityMVA: ptr(pick(g, 5.0, 8, 10, 15, 20)), PowerVoltageKV: ptr(22.0), PowerDualFeed: ptr(false),
			WaterM3Day: ptr(pick(g, 300.0, 500, 800, 1000, 1500)), FibreCarriers: ptr(2 + g.rng.IntN(2)),
		}
		p.WastewaterM3Day = ptr(*p.WaterM3Day * 0.8)
	}
	ring := [][2]float64{{z.minLon, z.minLat}, {z.maxLon, z.minLat}, {z.maxLon, z.maxLat}, {z.minLon, z.maxLat}, {z.minLon, z.minLat}}
	return genFeature{Type: "Feature", ID: z.id, Geometry: polygonGeometry(ring), Properties: p}
}
