package main

import (
	"github.com/paulmach/orb"
)

// str and num turn empty values into nil so that props.add drops them.
func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func num(f float64) any {
	if f == 0 {
		return nil
	}
	return f
}

// common returns the identity and name properties shared by all collections.
func common(code, vi, en, ko, ja, zh string) props {
	return props{}.add("code", code).add("name_vi", vi).add("name_en", en).
		add("name_ko", str(ko)).add("name_ja", str(ja)).add("name_zh", str(zh))
}

// provenance appends data_quality, source and verified_at.
func provenance(p props, quality, src, verified string) props {
	p = p.add("data_quality", quality).add("source", src+"; "+srcDemo)
	if quality == "verified" || quality == "secondary" {
		p = p.add("verified_at", str(verified))
	}
	return p
}

func featuresOfZones(zs []zone) []feature {
	out := make([]feature, 0, len(zs))
	for _, z := range zs {
		s := z.spec
		p := common(s.code, s.vi, s.en, s.ko, s.ja, s.zh).
			add("kind", s.kind).add("developer", str(s.developer)).
			add("official_area_ha", num(s.areaHa)).add("planning_stage", s.stage).
			add("economic_zone_id", str(s.ez)).add("eco_industrial_park", str(s.eco)).
			add("bonded", s.bonded)
		u, err := utilities(s.utils)
		if err != nil {
			panic(err) // table error, caught on the first run
		}
		p = append(p, u...)
		p = provenance(p, s.quality, s.src+"; "+geomNote, s.verified)
		out = append(out, feature{Type: "Feature", ID: z.id, Geometry: multi(z.mp), Properties: p})
	}
	return out
}

func multi(mp orb.MultiPolygon) geometry {
	return geometry{Type: "MultiPolygon", Coordinates: mp}
}

func featuresOfParcels(ps []parcel) []feature {
	out := make([]feature, 0, len(ps))
	for _, pc := range ps {
		r, z := pc.row, pc.z.spec
		p := common(r.code, "Lô "+r.code+" – "+z.vi, "Plot "+r.code+" – "+z.en, "", "", "").
			add("zone_id", pc.z.id).add("status", r.status).add("available_from", r.from).
			add("land_use", r.landUse).add("sectors", r.sectors).
			add("lease_price_usd_m2", r.price).add("lease_until", z.shape.leaseUntil).
			add("management_fee_usd_m2_year", r.fee)
		u, err := utilities(r.utils)
		if err != nil {
			panic(err)
		}
		p = append(p, u...)
		p = p.add("flood_risk", r.flood).add("elevation_m", r.elev).
			add("ready_built", r.readyBuilt).add("bonded", r.bonded)
		src := "illustrative values [I]; placed schematically"
		if pc.anchor {
			src = "anchor parcel of the landcat domain brief §1.6, illustrative values [I]"
		}
		p = provenance(p, "illustrative", src, "")
		out = append(out, feature{Type: "Feature", ID: idOf(r.code), Geometry: multi(orb.MultiPolygon{{pc.ring}}), Properties: p})
	}
	return out
}
