package match

import "math"

// agg is how a group of parcels' value of one property follows from its
// members' values: the one table of aggregation rules, read by group
// requirements, group scores and their sentences.
type agg int

const (
	aggEach     agg = iota // every member must meet it: flags, lists, statuses, zones, the area of interest
	aggSum                 // area, reservable power, water, wastewater add up
	aggMin                 // distances (the union's: the nearest member), voltage, fibre, remaining term, elevation
	aggMax                 // handover (the latest) and flood risk (the worst)
	aggWeighted            // price and fee: weighted by the members' areas
)

// aggregation maps parcel properties to their rule; a property not listed
// is aggEach.
var aggregation = map[string]agg{
	"area_ha": aggSum, "power_capacity_mva": aggSum, "water_m3_day": aggSum, "wastewater_m3_day": aggSum,
	"lease_price_usd_m2": aggWeighted, "management_fee_usd_m2_year": aggWeighted,
	"power_voltage_kv": aggMin, "fibre_carriers": aggMin, "lease_term_remaining_years": aggMin, "elevation_m": aggMin,
	"distance_seaport_km": aggMin, "distance_deepsea_port_km": aggMin, "distance_airport_km": aggMin,
	"distance_expressway_km": aggMin, "distance_substation_km": aggMin, "distance_hazard_km": aggMin,
	"available_from": aggMax, "flood_risk": aggMax,
}

// aggHow says in words how a group's value was aggregated, for sentences.
var aggHow = [...]string{
	aggEach: "every parcel", aggSum: "the sum over the parcels", aggMin: "the lowest of the parcels",
	aggMax: "the latest of the parcels", aggWeighted: "area-weighted over the parcels",
}

// perMember reports whether every member must pass a requirement on its
// own for a group to pass it: flags and lists; a minimum of a value whose
// group value is the members' lowest (each must reach it); a maximum of a
// latest or worst value; and a maximum of a sum (no member may exceed it
// alone; the sum is checked too).
func perMember(s *spec) bool {
	switch a := aggregation[s.property]; {
	case a == aggEach:
		return true
	case a == aggMin:
		return s.op == opMin
	case a == aggMax:
		return true
	case a == aggSum:
		return s.op == opMax
	}
	return false
}

// onGroup reports whether a requirement is tested on the group's
// aggregated value: sums, area-weighted values, and a maximum of the
// union's distance (one member close enough is enough).
func onGroup(s *spec) bool {
	switch aggregation[s.property] {
	case aggSum, aggWeighted:
		return true
	case aggMin:
		return s.op == opMax
	}
	return false
}

// groupNum aggregates the numeric column col over rows (sorted) by rule a.
// A sum counts each member's own value and a value inherited from the
// zone once (the zone's figure is shared, not per parcel); a member that
// does not publish the value leaves the sum a lower bound (partial). A
// minimum or an area-weighted mean is unknown (NaN) when a member's value
// is. at is the member that decided a minimum (-1 otherwise).
func (ix *Index) groupNum(idx int, rows []int32) (v float64, partial bool, at int32) {
	col, a := ix.cols[idx].num, ix.agg[idx]
	at = -1
	switch a {
	case aggSum:
		zone := math.NaN()
		for _, r := range rows {
			x := col[r]
			switch {
			case math.IsNaN(x):
				partial = true
			case ix.inh[r]&(1<<idx) != 0:
				zone = x
			default:
				v += x
			}
		}
		if !math.IsNaN(zone) {
			v += zone
		}
		return roundAgg(v), partial, at
	case aggWeighted:
		area := ix.cols[ix.areaIdx].num
		w := 0.0
		for _, r := range rows {
			v, w = v+col[r]*area[r], w+area[r]
		}
		return roundAgg(v / w), false, at
	}
	v = math.Inf(1)
	for _, r := range rows {
		if x := col[r]; math.IsNaN(x) {
			return math.NaN(), false, r
		} else if x < v {
			v, at = x, r
		}
	}
	return v, false, at
}
