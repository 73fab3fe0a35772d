package match

// Profile is a sector preset: the hard requirements and weights investors
// of that sector typically state, with the reasons. Thresholds are
// landcat's proposed defaults, not rules; a request
// overrides them field by field.
type Profile struct {
	Name         string       `json:"name"` // the request's "sector"
	Title        string       `json:"title"`
	Description  string       `json:"description"`
	Requirements Requirements `json:"requirements"`
	Weights      Weights      `json:"weights"`
	// Rationale explains each default, keyed by requirement or weight name.
	Rationale map[string]string `json:"rationale"`
	// NotModelled lists what such investors also ask for that landcat has
	// no field for yet, so that nobody mistakes the profile for complete.
	NotModelled []string `json:"not_modelled"`
	Sources     []string `json:"sources"`
}

func onOffer() []string { return []string{"available", "in_preparation"} }

const statusReason = "Only land on offer: available now or being prepared; leased and reserved parcels are held by someone else."

// Profiles returns the sector profiles, freshly built (callers may modify
// them): high_tech, green_industry, logistics, data_center.
func Profiles() []Profile {
	return []Profile{highTech(), greenIndustry(), logistics(), dataCenter()}
}

// ProfileByName returns the profile called name.
func ProfileByName(name string) (Profile, bool) {
	for _, p := range Profiles() {
		if p.Name == name {
			return p, true
		}
	}
	return Profile{}, false
}

func profileNames() []string {
	var out []string
	for _, p := range Profiles() {
		out = append(out, p.Name)
	}
	return out
}

func highTech() Profile {
	return Profile{
		Name:  "high_tech",
		Title: "High-tech manufacturing (electronics, semiconductor back-end, displays, precision)",
		Description: "Large, dual-fed 110 kV sites with plenty of water, handed over within two years; " +
			"ranked by power headroom, water, closeness to an airport for high-value air freight, and price.",
		Requirements: Requirements{
			"statuses": onOffer(), "sectors": []string{"high_tech"}, "min_area_ha": 5.0,
			"power_dual_feed": true, "min_power_voltage_kv": 110.0, "min_power_capacity_mva": 20.0,
			"min_water_m3_day": 2000.0, "flood_risk_at_most": "medium", "available_within_months": 24.0,
		},
		Weights: Weights{"power_capacity_mva": 3, "water_m3_day": 2, "distance_airport_km": 2, "lease_price_usd_m2": 1},
		Rationale: map[string]string{
			"statuses":                statusReason,
			"sectors":                 "The zoning must allow high-tech industry.",
			"min_area_ha":             "Typical high-tech plots are 5–60 ha; fab and display campuses reach 100 ha and more, so no maximum is set.",
			"power_dual_feed":         "Production lines cannot ride through outages: dual 110 kV feed.",
			"min_power_voltage_kv":    "Dual 110 kV feed.",
			"min_power_capacity_mva":  "OSAT and assembly need 20–50 MVA; displays and fabs 100 MVA and more (raise it).",
			"min_water_m3_day":        "2,000–10,000 m³/day: ultrapure-water plants multiply intake.",
			"flood_risk_at_most":      "Flood risk at most medium.",
			"available_within_months": "Land handover within 12–24 months.",
			"power_capacity_mva":      "Weight 3: power headroom is the scarcest resource.",
			"water_m3_day":            "Weight 2: water for ultrapure-water plants.",
			"distance_airport_km":     "Weight 2: high-value air freight (airport ≤ 30 km preferred; Cat Bi).",
			"lease_price_usd_m2":      "Weight 1: price matters, but less than infrastructure.",
		},
		NotModelled: []string{
			"wastewater outlet standard (QCVN 40 column A)", "power quality (voltage dips)",
			"supplier clusters and engineers within 60 minutes (labour weight 1)",
			"EZ and high-tech incentives, Investment Support Fund eligibility",
			"vibration-stable ground (piling on delta soil)", "earlier handover as a preference (a date, not a weight)",
		},
		Sources: []string{"Industry practice for electronics assembly and display plants: dual 110 kV feeds, ultrapure-water intake (landcat default)", "QCVN 40:2011/BTNMT (industrial wastewater)"},
	}
}

func greenIndustry() Profile {
	return Profile{
		Name:  "green_industry",
		Title: "Green industry (EV and battery, solar components, recycling, low-carbon materials)",
		Description: "Long remaining land terms for long paybacks and flood risk at most medium; ranked by wastewater " +
			"capacity, remaining term, power and price. The renewable-power path and eco-industrial-park status that " +
			"such investors weigh most are not modelled yet, so this profile cannot rank on them.",
		Requirements: Requirements{
			"statuses": onOffer(), "sectors": []string{"green_industry"},
			"min_lease_term_years": 40.0, "flood_risk_at_most": "medium",
		},
		Weights: Weights{"wastewater_m3_day": 2, "lease_term_remaining_years": 2, "power_capacity_mva": 1, "lease_price_usd_m2": 1},
		Rationale: map[string]string{
			"statuses":                   statusReason,
			"sectors":                    "The zoning must allow green industry.",
			"min_lease_term_years":       "Long paybacks need at least 40–45 years of remaining land term.",
			"flood_risk_at_most":         "Flood risk at most medium.",
			"wastewater_m3_day":          "Weight 2: wastewater capacity (state min_wastewater_m3_day for the project's figure).",
			"lease_term_remaining_years": "Weight 2: the longer the remaining term, the longer the payback can be.",
			"power_capacity_mva":         "Weight 1.",
			"lease_price_usd_m2":         "Weight 1.",
		},
		NotModelled: []string{
			"renewable path: rooftop solar allowed, DPPA eligibility (Decree 57/2025)",
			"eco-industrial park status (a zone property, not a numeric parcel one; it would weigh 3)",
			"wastewater outlet standard", "excluded sectors", "industrial symbiosis partners", "grid carbon intensity",
		},
		Sources: []string{"Decree 57/2025/ND-CP (direct power purchase agreements)", "Decree 35/2022/ND-CP art. 37 and Circular 05/2025/TT-BKHDT (eco-industrial parks)", "Land prices are one-off for the remaining term: long paybacks need a long term (landcat default)"},
	}
}

func logistics() Profile {
	return Profile{
		Name:  "logistics",
		Title: "Logistics and warehousing (3PL, bonded, e-commerce, cold chain)",
		Description: "Close to the deep-water gateway (Lach Huyen, ≥ 100,000 DWT) and an expressway interchange, 2–50 ha, " +
			"flood risk at most medium; ranked by port distance, expressway distance, area, price and platform elevation. " +
			"Distances are geodesic km, a screening proxy for drive time.",
		Requirements: Requirements{
			"statuses": onOffer(), "sectors": []string{"logistics"}, "min_area_ha": 2.0, "max_area_ha": 50.0,
			"max_distance_km.deepsea_port": 30.0, "max_distance_km.expressway": 10.0, "flood_risk_at_most": "medium",
		},
		Weights: Weights{"distance_deepsea_port_km": 3, "distance_expressway_km": 2, "area_ha": 1, "lease_price_usd_m2": 1, "elevation_m": 1},
		Rationale: map[string]string{
			"statuses":                     statusReason,
			"sectors":                      "The zoning must allow logistics.",
			"min_area_ha":                  "Logistics plots are 2–50 ha.",
			"max_area_ha":                  "Logistics plots are 2–50 ha.",
			"max_distance_km.deepsea_port": "Port class beats port distance: mother ships call at Lach Huyen; ≤ 15–30 km.",
			"max_distance_km.expressway":   "Expressway interchange ≤ 5–10 km.",
			"flood_risk_at_most":           "Goods in stock: flood risk at most medium.",
			"distance_deepsea_port_km":     "Weight 3: port distance.",
			"distance_expressway_km":       "Weight 2: expressway distance.",
			"area_ha":                      "Weight 1: room for the warehouse and yard.",
			"lease_price_usd_m2":           "Weight 1.",
			"elevation_m":                  "Weight 1: flood (flood weighs 1; elevation is the numeric stand-in for the flood class).",
		},
		NotModelled: []string{
			"bonded status as a preference (it would weigh 2; it is a yes/no field: state \"bonded\": true to require it)",
			"container-truck access 24/7", "rail siding and inland-waterway berth", "ready-built warehouse clear height and floor load",
			"drive time (geodesic km only)",
		},
		Sources: []string{"Port class: mother ships call at Lach Huyen (≥ 100,000 DWT); the Dinh Vu river ports are draft-limited", "Logistics site practice: expressway interchange within 5–10 km (landcat default)"},
	}
}

func dataCenter() Profile {
	return Profile{
		Name:  "data_center",
		Title: "Data centres (hyperscale, colocation, AI/HPC)",
		Description: "Dual-fed, ≥ 110 kV, ≥ 30 MVA, low flood risk, at least 1 km from fuel, LPG, ammonia and fertiliser sites, " +
			"two or more fibre carriers; ranked by power headroom, fibre, distance from hazards, elevation and price. " +
			"Cooling water is a project choice, not a default: add min_water_m3_day (about 2,200 m³/day for 50 MW IT " +
			"with evaporative cooling, about 100 with a closed loop).",
		Requirements: Requirements{
			"statuses": onOffer(), "sectors": []string{"data_center"}, "min_area_ha": 2.0,
			"power_dual_feed": true, "min_power_capacity_mva": 30.0, "min_power_voltage_kv": 110.0,
			"flood_risk_at_most": "low", "min_distance_km.hazard": 1.0, "min_fibre_carriers": 2.0,
		},
		Weights: Weights{"power_capacity_mva": 4, "fibre_carriers": 2, "distance_hazard_km": 2, "elevation_m": 1, "lease_price_usd_m2": 1},
		Rationale: map[string]string{
			"statuses":               statusReason,
			"sectors":                "The zoning must allow data centres.",
			"min_area_ha":            "2–10 ha per 50–100 MW.",
			"power_dual_feed":        "Two independent feeds from different substations (dual feed is a hard filter).",
			"min_power_capacity_mva": "20–100+ MW IT × 1.3–1.5 (PUE) ≈ 30–150 MVA; 30 MVA is the entry point.",
			"min_power_voltage_kv":   "Preferably 110–220 kV.",
			"flood_risk_at_most":     "Flood is a hard constraint for data centres (Typhoon Yagi flooded Do Son IP in 2024).",
			"min_distance_km.hazard": "No refinery, fuel, LPG, ammonia or fertiliser site close by (TIA-942 / EN 50600).",
			"min_fibre_carriers":     "At least two carriers (on diverse routes).",
			"power_capacity_mva":     "Weight 4: more MVA headroom.",
			"fibre_carriers":         "Weight 2: more carriers.",
			"distance_hazard_km":     "Weight 2: further from hazardous facilities.",
			"elevation_m":            "Weight 1: a higher platform.",
			"lease_price_usd_m2":     "Weight 1.",
		},
		NotModelled: []string{
			"N+1 / 2N redundancy and whether the two feeds really come from different substations (power_feed_substations is published but taken as declared)",
			"design flood level", "airport approach paths (state min_distance_km.airport)", "diverse fibre routes and latency to Hanoi IXPs",
			"renewable power / DPPA", "power available date", "cooling option (evaporative or closed loop)",
		},
		Sources: []string{"TIA-942 and EN 50600 siting guidance (major industrial hazards)", "Typhoon Yagi, 2024: Do Son industrial park flooded (Reuters, Tuoi Tre)", "Reference campuses: Viettel Tan Phu Trung 140 MW on about 4 ha; CMC Saigon Hi-Tech Park 30 to 120 MW"},
	}
}
