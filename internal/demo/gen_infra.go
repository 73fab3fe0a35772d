package demo

import (
	"fmt"
	"strings"
)

// genSubstation is kept for choosing the feeds of dual-fed parcels.
type genSubstation struct {
	id       string
	lon, lat float64
}

// infraKinds are generated in this order, perKind features each.
var infraKinds = []struct{ kind, prefix, vi, en string }{
	{"seaport", "PORT", "Cảng biển tổng hợp ", "Synthetic seaport "},
	{"airport", "AIR", "Sân bay tổng hợp ", "Synthetic airport "},
	{"expressway_interchange", "EXP", "Nút giao cao tốc tổng hợp ", "Synthetic expressway interchange "},
	{"substation", "SUB", "Trạm biến áp tổng hợp ", "Synthetic substation "},
	{"hazard", "HAZ", "Cơ sở nguy hiểm tổng hợp ", "Synthetic hazardous facility "},
}

func (g *generator) buildInfra(perKind int) {
	for _, k := range infraKinds {
		for i := range perKind {
			code := fmt.Sprintf("G-%s-%04d", k.prefix, i+1)
			lon, lat := g.uniform(genMinLon, genMaxLon), g.uniform(genMinLat, genMaxLat)
			if k.kind == "seaport" { // ports keep to the south-eastern, coastal part
				lon, lat = g.uniform(106.60, genMaxLon), g.uniform(genMinLat, 20.90)
			}
			lon, lat = round6(lon), round6(lat)
			p := genInfraProps{
				Collection: "infrastructure", Code: code, NameVi: k.vi + code, NameEn: k.en + code,
				Kind: k.kind, Status: g.infraStatus(i), DataQuality: "illustrative", Source: genSource,
			}
			g.infraFigures(&p, i)
			id := strings.ToLower(code)
			if k.kind == "substation" && p.Status == "operational" {
				g.subs = append(g.subs, genSubstation{id: id, lon: lon, lat: lat})
			}
			g.infra = append(g.infra, genFeature{Type: "Feature", ID: id,
				Geometry: genGeometry{Type: "Point", Coordinates: [2]float64{lon, lat}}, Properties: p})
		}
	}
}

// infraStatus: the first feature of each kind is operational, the rest
// mostly so.
func (g *generator) infraStatus(i int) string {
	if i == 0 {
		return "operational"
	}
	switch r := g.rng.IntN(100); {
	case r < 85:
		return "operational"
	case r < 93:
		return "under_construction"
	default:
		return "planned"
	}
}

// infraFigures fills the kind-specific figures. The first seaport is a
// deep-water gateway so that every catalogue has one.
func (g *generator) infraFigures(p *genInfraProps, i int) {
	switch p.Kind {
	case "seaport":
		dwt := pick(g, 5000.0, 10000, 20000, 30000, 50000, 100000, 165000, 200000)
		if i == 0 {
			dwt = 165000
		}
		depth := 5 + g.rng.Float64()*2
		switch {
		case dwt >= 100000:
			depth = 14 + g.rng.Float64()*3
		case dwt >= 20000:
			depth = 8 + g.rng.Float64()*3
		}
		p.MaxVesselDWT, p.DepthM = ptr(dwt), ptr(round2(depth))
	case "substation":
		kv := pick(g, 110.0, 110, 110, 220, 220, 500)
		mva := map[float64][]float64{110: {50, 80, 126}, 220: {250, 375, 500}, 500: {900, 1800}}[kv]
		p.VoltageKV, p.CapacityMVA = ptr(kv), ptr(pick(g, mva...))
	}
}
