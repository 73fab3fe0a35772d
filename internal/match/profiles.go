package match

import (
	"strconv"

	"github.com/landcat/landcat/internal/i18n"
)

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

// Profiles returns the sector profiles in English, freshly built (callers
// may modify them): high_tech, green_industry, logistics, data_center.
func Profiles() []Profile { return ProfilesIn("en") }

// ProfilesIn returns the sector profiles with their title, description,
// rationale and what is not modelled written in lang (i18n.Languages; ""
// means English). Sources are citations and stay as published.
func ProfilesIn(lang string) []Profile {
	p := printerFor(lang)
	out := profiles()
	for i := range out {
		out[i].write(p)
	}
	return out
}

func profiles() []Profile {
	return []Profile{highTech(), greenIndustry(), logistics(), dataCenter()}
}

// write fills the profile's sentences from the catalogue: one rationale
// per requirement and weight (the status requirement shares one).
func (pr *Profile) write(p i18n.Printer) {
	base := "profile." + pr.Name + "."
	pr.Title, pr.Description = p.Text(base+"title"), p.Text(base+"description")
	pr.Rationale = make(map[string]string, len(pr.Requirements)+len(pr.Weights))
	for k := range pr.Requirements {
		if k == "statuses" {
			pr.Rationale[k] = p.Text("profile.statuses")
		} else {
			pr.Rationale[k] = p.Text(base + "rationale." + k)
		}
	}
	for k := range pr.Weights {
		pr.Rationale[k] = p.Text(base + "rationale." + k)
	}
	pr.NotModelled = []string{}
	for i := 1; p.Has(base + "not_modelled." + strconv.Itoa(i)); i++ {
		pr.NotModelled = append(pr.NotModelled, p.Text(base+"not_modelled."+strconv.Itoa(i)))
	}
}

// ProfileByName returns the profile called name, without its sentences
// (Title, Description, Rationale and NotModelled are empty).
func ProfileByName(name string) (Profile, bool) {
	for _, p := range profiles() {
		if p.Name == name {
			return p, true
		}
	}
	return Profile{}, false
}

func profileNames() []string {
	var out []string
	for _, p := range profiles() {
		out = append(out, p.Name)
	}
	return out
}

func highTech() Profile {
	return Profile{
		Name: "high_tech",
		Requirements: Requirements{
			"statuses": onOffer(), "sectors": []string{"high_tech"}, "min_area_ha": 5.0,
			"power_dual_feed": true, "min_power_voltage_kv": 110.0, "min_power_capacity_mva": 20.0,
			"min_water_m3_day": 2000.0, "flood_risk_at_most": "medium", "available_within_months": 24.0,
		},
		Weights: Weights{"power_capacity_mva": 3, "water_m3_day": 2, "distance_airport_km": 2, "lease_price_usd_m2": 1},
		Sources: []string{"Industry practice for electronics assembly and display plants: dual 110 kV feeds, ultrapure-water intake (landcat default)", "QCVN 40:2011/BTNMT (industrial wastewater)"},
	}
}

func greenIndustry() Profile {
	return Profile{
		Name: "green_industry",
		Requirements: Requirements{
			"statuses": onOffer(), "sectors": []string{"green_industry"},
			"min_lease_term_years": 40.0, "flood_risk_at_most": "medium",
		},
		Weights: Weights{"wastewater_m3_day": 2, "lease_term_remaining_years": 2, "power_capacity_mva": 1, "lease_price_usd_m2": 1},
		Sources: []string{"Decree 57/2025/ND-CP (direct power purchase agreements)", "Decree 35/2022/ND-CP art. 37 and Circular 05/2025/TT-BKHDT (eco-industrial parks)", "Land prices are one-off for the remaining term: long paybacks need a long term (landcat default)"},
	}
}

func logistics() Profile {
	return Profile{
		Name: "logistics",
		Requirements: Requirements{
			"statuses": onOffer(), "sectors": []string{"logistics"}, "min_area_ha": 2.0, "max_area_ha": 50.0,
			"max_distance_km.deepsea_port": 30.0, "max_distance_km.expressway": 10.0, "flood_risk_at_most": "medium",
		},
		Weights: Weights{"distance_deepsea_port_km": 3, "distance_expressway_km": 2, "area_ha": 1, "lease_price_usd_m2": 1, "elevation_m": 1},
		Sources: []string{"Port class: mother ships call at Lach Huyen (≥ 100,000 DWT); the Dinh Vu river ports are draft-limited", "Logistics site practice: expressway interchange within 5–10 km (landcat default)"},
	}
}

func dataCenter() Profile {
	return Profile{
		Name: "data_center",
		Requirements: Requirements{
			"statuses": onOffer(), "sectors": []string{"data_center"}, "min_area_ha": 2.0,
			"power_dual_feed": true, "min_power_capacity_mva": 30.0, "min_power_voltage_kv": 110.0,
			"flood_risk_at_most": "low", "min_distance_km.hazard": 1.0, "min_fibre_carriers": 2.0,
		},
		Weights: Weights{"power_capacity_mva": 4, "fibre_carriers": 2, "distance_hazard_km": 2, "elevation_m": 1, "lease_price_usd_m2": 1},
		Sources: []string{"TIA-942 and EN 50600 siting guidance (major industrial hazards)", "Typhoon Yagi, 2024: Do Son industrial park flooded (Reuters, Tuoi Tre)", "Reference campuses: Viettel Tan Phu Trung 140 MW on about 4 ha; CMC Saigon Hi-Tech Park 30 to 120 MW"},
	}
}
