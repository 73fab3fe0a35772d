package main

import "github.com/paulmach/orb"

// infraSpec is one infrastructure anchor of the demo. pos holds lon, lat for a point
// or a sequence of lon, lat pairs for a line.
type infraSpec struct {
	code, kind, status     string
	vi, en, operator       string
	pos                    []float64
	dwt, depth, kv, mva    float64
	quality, verified, src string
}

const (
	planningLayer = "planning layer (GitHub DuongNhuICE/imap, CMB_CangHaiPhong_TenBenCang_5.js)"
	planningDate  = "2025-12-31"
)

func buildInfra() []feature {
	var out []feature
	for _, s := range infraTable {
		p := common(s.code, s.vi, s.en, "", "", "").
			add("kind", s.kind).add("status", s.status).add("operator", str(s.operator)).
			add("max_vessel_dwt", num(s.dwt)).add("depth_m", num(s.depth)).
			add("voltage_kv", num(s.kv)).add("capacity_mva", num(s.mva))
		p = provenance(p, s.quality, s.src, s.verified)
		out = append(out, feature{Type: "Feature", ID: idOf(s.code), Geometry: infraGeom(s.pos), Properties: p})
	}
	return out
}

func infraGeom(v []float64) geometry {
	if len(v) == 2 {
		return geometry{Type: "Point", Coordinates: orb.Point{round6(v[0]), round6(v[1])}}
	}
	ls := make(orb.LineString, 0, len(v)/2)
	for i := 0; i+1 < len(v); i += 2 {
		ls = append(ls, orb.Point{round6(v[i]), round6(v[i+1])})
	}
	return geometry{Type: "LineString", Coordinates: ls}
}

// infraPoints returns the point positions, used to keep parcels off them.
func infraPoints() []orb.Point {
	var out []orb.Point
	for _, s := range infraTable {
		if len(s.pos) == 2 {
			out = append(out, orb.Point{s.pos[0], s.pos[1]})
		}
	}
	return out
}
