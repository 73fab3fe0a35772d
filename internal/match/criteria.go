package match

import (
	"slices"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
)

// op is how a requirement tests a parcel's effective value.
type op int

const (
	opMin          op = iota // value ≥ required
	opMax                    // value ≤ required
	opTrue                   // value is true (false in a request means "not required")
	opDateBy                 // date value ≤ required date
	opWithinMonths           // date value ≤ snapshot day + required months
	opFloodAtMost            // flood class ≤ required class (low < medium < high)
	opOneOf                  // string value is one of the required list
	opAllOf                  // list value contains every item of the required list
	opIntersects             // geometry intersects the required polygon
)

var opNames = [...]string{"at_least", "at_most", "is_true", "on_or_before", "within_months", "at_most_class", "one_of", "all_of", "intersects"}

// spec describes one requirement: its name in requests (the criterion),
// the parcel property it tests, how, and how values are validated.
type spec struct {
	key      string
	property string // "" for within (the geometry)
	op       op
	kind     string   // distance kind for distance requirements
	need     string   // opTrue: the message id of what the parcel must have
	enum     []string // allowed values of string and list requirements
	integer  bool     // the value must be a whole number
	signed   bool     // negative values are allowed
	noun     string   // list requirements: one value, for sentences ("zone")
	nouns    string   // and several ("zones")
}

// units are the units of the parcel properties that requirements and
// weights refer to, as English writes them (i18n.Lang.Quantity translates
// them); distances are in km.
var units = map[string]string{
	"area_ha": "ha", "lease_price_usd_m2": "USD/m²", "lease_term_remaining_years": "years",
	"management_fee_usd_m2_year": "USD/m²/year", "power_capacity_mva": "MVA", "power_voltage_kv": "kV",
	"water_m3_day": "m³/day", "wastewater_m3_day": "m³/day", "elevation_m": "m",
}

// unitOf returns the unit of a property ("" for counts, flags, dates and
// enumerations).
func unitOf(property string) string {
	if distanceKind(property) != "" {
		return "km"
	}
	return units[property]
}

// distanceKind returns k for the property distance_<k>_km, else "".
func distanceKind(property string) string {
	k, ok := strings.CutPrefix(property, "distance_")
	if k, ok2 := strings.CutSuffix(k, "_km"); ok && ok2 && infraIDs[k] != "" {
		return k
	}
	return ""
}

// specs is the requirement table in funnel order. It is built once and
// never modified.
var specs = buildSpecs()

// specIndex finds a spec by key; groups lists the nested objects
// (max_distance_km, min_distance_km) and their members.
var specIndex, groups = indexSpecs(specs)

func buildSpecs() []spec {
	s := []spec{
		{key: "min_area_ha", property: "area_ha", op: opMin},
		{key: "max_area_ha", property: "area_ha", op: opMax},
		{key: "min_power_capacity_mva", property: "power_capacity_mva", op: opMin},
		{key: "power_dual_feed", property: "power_dual_feed", op: opTrue, need: "need.power_dual_feed"},
		{key: "min_power_voltage_kv", property: "power_voltage_kv", op: opMin},
		{key: "min_water_m3_day", property: "water_m3_day", op: opMin},
		{key: "min_wastewater_m3_day", property: "wastewater_m3_day", op: opMin},
		{key: "min_fibre_carriers", property: "fibre_carriers", op: opMin, integer: true},
		{key: "max_lease_price_usd_m2", property: "lease_price_usd_m2", op: opMax},
		{key: "max_management_fee_usd_m2_year", property: "management_fee_usd_m2_year", op: opMax},
		{key: "min_lease_term_years", property: "lease_term_remaining_years", op: opMin},
		{key: "available_by", property: "available_from", op: opDateBy},
		{key: "available_within_months", property: "available_from", op: opWithinMonths, integer: true},
		{key: "flood_risk_at_most", property: "flood_risk", op: opFloodAtMost, enum: catalog.FloodRisks},
		{key: "min_elevation_m", property: "elevation_m", op: opMin, signed: true},
	}
	for _, k := range catalog.DistanceKinds {
		if k != "hazard" { // being close to a hazard is never a requirement
			s = append(s, spec{key: "max_distance_km." + k, property: "distance_" + k + "_km", op: opMax, kind: k})
		}
	}
	for _, k := range catalog.DistanceKinds {
		s = append(s, spec{key: "min_distance_km." + k, property: "distance_" + k + "_km", op: opMin, kind: k})
	}
	return append(s,
		spec{key: "statuses", property: "status", op: opOneOf, enum: catalog.ParcelStatuses, noun: "parcel status", nouns: "statuses"},
		spec{key: "zones", property: "zone_id", op: opOneOf, noun: "zone", nouns: "zones"},
		spec{key: "sectors", property: "sectors", op: opAllOf, enum: catalog.Sectors, noun: "sector", nouns: "sectors"},
		spec{key: "ready_built", property: "ready_built", op: opTrue, need: "need.ready_built"},
		spec{key: "bonded", property: "bonded", op: opTrue, need: "need.bonded"},
		spec{key: "within", op: opIntersects},
	)
}

func indexSpecs(s []spec) (map[string]int, map[string][]string) {
	idx := map[string]int{}
	grp := map[string][]string{}
	for i, sp := range s {
		idx[sp.key] = i
		if sp.kind != "" {
			g := sp.key[:len(sp.key)-len(sp.kind)-1]
			grp[g] = append(grp[g], sp.kind)
		}
	}
	return idx, grp
}

// weightSpec says how a weighted property is scored.
type weightSpec struct {
	property string
	more     bool // more is better (otherwise less is better)
}

// weightable lists every numeric parcel property a weight may name, in
// schema order, with its direction. revision is numeric but says nothing
// about a site, so it is left out.
var weightable = buildWeightable()

func buildWeightable() []weightSpec {
	less := []string{"lease_price_usd_m2", "management_fee_usd_m2_year"}
	for _, k := range catalog.DistanceKinds {
		if k != "hazard" {
			less = append(less, "distance_"+k+"_km")
		}
	}
	var out []weightSpec
	for _, fl := range catalog.SchemaOf(catalog.Parcels).Fields {
		if (fl.Type == catalog.Number || fl.Type == catalog.Integer) && fl.Name != "revision" {
			out = append(out, weightSpec{property: fl.Name, more: !slices.Contains(less, fl.Name)})
		}
	}
	return out
}

func weightSpecOf(property string) (weightSpec, bool) {
	for _, w := range weightable {
		if w.property == property {
			return w, true
		}
	}
	return weightSpec{}, false
}

// RequirementInfo describes one requirement a request may state, for
// clients building a form and for documentation.
type RequirementInfo struct {
	Name     string   `json:"name"`               // e.g. "max_distance_km.seaport" (nested in requests)
	Property string   `json:"property,omitempty"` // the parcel property tested; empty for within
	Test     string   `json:"test"`               // at_least, at_most, is_true, on_or_before, within_months, at_most_class, one_of, all_of, intersects
	Unit     string   `json:"unit,omitempty"`
	Values   []string `json:"values,omitempty"` // allowed values of enumerations
}

// RequirementCatalogue lists every requirement in funnel order.
func RequirementCatalogue() []RequirementInfo {
	out := make([]RequirementInfo, 0, len(specs))
	for _, s := range specs {
		out = append(out, RequirementInfo{Name: s.key, Property: s.property, Test: opNames[s.op],
			Unit: unitOf(s.property), Values: slices.Clone(s.enum)})
	}
	return out
}

// WeightInfo describes one property a weight may name and how it is
// scored.
type WeightInfo struct {
	Property  string `json:"property"`
	Direction string `json:"direction"` // "more_is_better" or "less_is_better"
	Unit      string `json:"unit,omitempty"`
}

// WeightCatalogue lists every property a weight may name, in schema order.
func WeightCatalogue() []WeightInfo {
	out := make([]WeightInfo, 0, len(weightable))
	for _, w := range weightable {
		d := "less_is_better"
		if w.more {
			d = "more_is_better"
		}
		out = append(out, WeightInfo{Property: w.property, Direction: d, Unit: unitOf(w.property)})
	}
	return out
}
