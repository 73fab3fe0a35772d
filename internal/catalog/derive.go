package catalog

import (
	"math"
	"time"
)

// Derivation rules: how the computed properties of the schema follow from
// stored ones. They sit beside the schema that names the properties; the
// read model applies them and the matcher's explanations quote them.

// DeepSeaDWT is the vessel size from which a seaport counts as a deep-sea
// gateway: Lach Huyen, Hai Phong's deep-water port, takes 100,000 DWT and
// more; the river ports of Dinh Vu are draft-limited.
const DeepSeaDWT = 100000

// CountsForDistance reports whether an infrastructure feature counts when
// parcels' distances are computed: only published features that are
// operational (a planned port is not a port today).
func CountsForDistance(pub Publication, status string) bool {
	return pub == Published && status == "operational"
}

// DistanceKindsOf returns the distance kinds (DistanceKinds) an
// infrastructure feature of this kind counts for. A seaport is also a
// deep-sea port when it takes at least DeepSeaDWT (maxDWT < 0: unknown);
// expressway distance is measured to interchanges, where trucks get on.
func DistanceKindsOf(kind string, maxDWT float64) []string {
	switch kind {
	case "seaport":
		if maxDWT >= DeepSeaDWT {
			return []string{"seaport", "deepsea_port"}
		}
		return []string{"seaport"}
	case "airport":
		return []string{"airport"}
	case "expressway_interchange":
		return []string{"expressway"}
	case "substation":
		return []string{"substation"}
	case "hazard":
		return []string{"hazard"}
	}
	return nil
}

// Inherits reports whether a parcel takes field fl from its zone: a utility
// (Field.Inherit) that the parcel leaves unknown, when the zone states it.
// The parcel's "inherited" property then lists the field.
func Inherits(fl Field, parcelKnows, zoneKnows bool) bool {
	return fl.Inherit && !parcelKnows && zoneKnows
}

// RemainingYears is lease_term_remaining_years: the years from today until
// lease_until, rounded to 2 decimals, never negative.
func RemainingYears(until, today time.Time) float64 {
	years := until.Sub(today).Hours() / 24 / 365.2425
	return math.Max(0, Round(years, 2))
}

// Round rounds v to the given number of decimals (areas and distances are
// published with 2).
func Round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}
