package match_test

import (
	"fmt"
	"math"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/paulmach/orb"
)

// gridZone describes a generated zone of n×n square plots of ha hectares
// separated by roads of roadM metres, whose answer is known by
// construction.
type gridZone struct {
	id           string
	n            int
	ha, roadM    float64
	lon0, lat0   float64
	props        func(i, j int) map[string]any // extra properties of plot (i, j); nil for none
	zoneProps    map[string]any
	statusOf     func(i, j int) string // nil: available
	publishedOff bool
}

// plotID names plot (i, j) of the zone: "<zone>-i-j", so that ids sort
// row by row.
func (z gridZone) plotID(i, j int) string { return fmt.Sprintf("%s-%d-%d", z.id, i, j) }

// features returns the zone and its plots, published.
func (z gridZone) features() []*catalog.Feature {
	side := math.Sqrt(z.ha * 10000)
	kx := 111320 * math.Cos(z.lat0*math.Pi/180)
	ky := 110700.0 // metres per degree of latitude near 21° N
	total := float64(z.n)*side + float64(z.n-1)*z.roadM
	square := func(x0, y0, w, h float64) orb4 {
		return orb4{z.lon0 + x0/kx, z.lat0 + y0/ky, z.lon0 + (x0+w)/kx, z.lat0 + (y0+h)/ky}
	}
	zp := map[string]any{"code": strings.ToUpper(z.id), "name_vi": "Khu " + z.id, "name_en": "Zone " + z.id, "kind": "industrial_park"}
	for k, v := range z.zoneProps {
		zp[k] = v
	}
	out := []*catalog.Feature{feature(catalog.Zones, z.id, square(-50, -50, total+100, total+100), zp)}
	for i := range z.n {
		for j := range z.n {
			p := map[string]any{"code": strings.ToUpper(z.plotID(i, j)), "name_vi": "Lô " + z.plotID(i, j), "name_en": "Plot " + z.plotID(i, j),
				"zone_id": z.id, "status": "available", "sectors": []string{"data_center", "high_tech"}}
			if z.statusOf != nil {
				p["status"] = z.statusOf(i, j)
			}
			if z.props != nil {
				for k, v := range z.props(i, j) {
					p[k] = v
				}
			}
			x, y := float64(j)*(side+z.roadM), float64(i)*(side+z.roadM)
			out = append(out, feature(catalog.Parcels, z.plotID(i, j), square(x, y, side, side), p))
		}
	}
	return out
}

type orb4 [4]float64

func feature(c catalog.Collection, id string, b orb4, props map[string]any) *catalog.Feature {
	ring := orb.Ring{{b[0], b[1]}, {b[2], b[1]}, {b[2], b[3]}, {b[0], b[3]}, {b[0], b[1]}}
	return &catalog.Feature{Collection: c, ID: id, Geometry: orb.Polygon{ring}, Props: props,
		Publication: catalog.Published, Version: 1, Revision: 1, UpdatedAt: now}
}

// gridSnapshot builds a snapshot of the zones, with a substation and a
// seaport so that distances are known.
func gridSnapshot(zones ...gridZone) *readmodel.Snapshot {
	var feats []*catalog.Feature
	for _, z := range zones {
		feats = append(feats, z.features()...)
	}
	for _, in := range []struct{ id, kind string }{{"sub", "substation"}, {"port", "seaport"}} {
		p := map[string]any{"code": in.id, "name_vi": in.id, "name_en": in.id, "kind": in.kind, "status": "operational"}
		feats = append(feats, feature(catalog.Infrastructure, in.id, orb4{106.5, 20.5, 106.5001, 20.5001}, p))
	}
	for i, f := range feats {
		f.Revision = int64(i + 1)
	}
	return readmodel.Build(feats, int64(len(feats)), now)
}
