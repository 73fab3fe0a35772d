package report

import (
	"slices"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/match"
	"github.com/landcat/landcat/internal/readmodel"
)

// zoneOf reviews zone z with its published parcels.
func zoneOf(z *readmodel.Feature, parcels []*readmodel.Feature, block match.Block, byProfile map[string]float64, now time.Time) Zone {
	out := Zone{ZoneID: z.ID, Code: z.String("code"),
		AreaHaByStatus: zeroed[float64](catalog.ParcelStatuses), ParcelsByStatus: zeroed[int](catalog.ParcelStatuses),
		AvailableHaByProfile: zeroed[float64](profileNames()),
		LargestAssemblableHa: block.AreaHa, LargestAssemblable: block.Parcels}
	for p, a := range byProfile {
		out.AvailableHaByProfile[p] = round2(a)
	}
	for _, f := range parcels {
		st, area := f.String("status"), num(f, "area_ha")
		out.AreaHaByStatus[st] = round2(out.AreaHaByStatus[st] + area)
		out.ParcelsByStatus[st]++
		if st == "available" && area > out.LargestAvailableParcelHa {
			out.LargestAvailableParcelHa, out.LargestAvailableParcel = area, f.ID
		}
	}
	out.Readiness = readiness(z, parcels, now)
	out.ComputedAreaHa = num(z, "area_ha")
	if d, ok := z.Value("official_area_ha").(float64); ok {
		out.DeclaredAreaHa = &d
		if d > 0 {
			pct := round2((out.ComputedAreaHa - d) / d * 100)
			out.AreaDifferencePct = &pct
		}
	}
	out.Freshness = freshness(z, parcels, now)
	return out
}

// readiness: the zone's own power and water, the next handover on offer
// and the area ready now.
func readiness(z *readmodel.Feature, parcels []*readmodel.Feature, now time.Time) Readiness {
	var r Readiness
	dual, okD := z.Value("power_dual_feed").(bool)
	kv, okV := z.Value("power_voltage_kv").(float64)
	if okD && okV {
		b := dual && kv >= 110
		r.DualFeed110kV = &b
	}
	if w, ok := z.Value("water_m3_day").(float64); ok {
		r.WaterM3Day = &w
	}
	today := now.UTC().Format(time.DateOnly)
	for _, f := range parcels {
		if !match.OnOffer(f.String("status")) {
			continue
		}
		from := f.String("available_from")
		if from != "" && (r.NextHandover == "" || from < r.NextHandover) {
			r.NextHandover = from
		}
		if ready(f) && from != "" && from <= today {
			r.ReadyHa = round2(r.ReadyHa + num(f, "area_ha"))
		}
	}
	return r
}

// ready: dual feed at 110 kV or more and water, the parcel's or its zone's.
func ready(f *readmodel.Feature) bool {
	dual, _ := f.Value("power_dual_feed").(bool)
	kv, _ := f.Value("power_voltage_kv").(float64)
	water, _ := f.Value("water_m3_day").(float64)
	return dual && kv >= 110 && water > 0
}

// freshness of the zone and its parcels' verified_at on day now.
func freshness(z *readmodel.Feature, parcels []*readmodel.Feature, now time.Time) Freshness {
	out := Freshness{VerifiedAt: z.String("verified_at"), Features: 1 + len(parcels)}
	var ages []int
	for _, f := range append([]*readmodel.Feature{z}, parcels...) {
		v := f.String("verified_at")
		if v == "" {
			out.NeverVerified++
			continue
		}
		if out.OldestVerifiedAt == "" || v < out.OldestVerifiedAt {
			out.OldestVerifiedAt = v
		}
		if d, err := time.Parse(time.DateOnly, v); err == nil {
			ages = append(ages, int(now.Sub(d).Hours()/24))
		}
	}
	if len(ages) > 0 {
		slices.Sort(ages)
		m := ages[len(ages)/2]
		out.MedianAgeDays = &m
	}
	return out
}

// totalsOf adds the zones up.
func totalsOf(zones []Zone, s *readmodel.Snapshot) Totals {
	t := Totals{Zones: len(zones), AreaHaByStatus: zeroed[float64](catalog.ParcelStatuses),
		ParcelsByStatus: zeroed[int](catalog.ParcelStatuses), AvailableHaByProfile: zeroed[float64](profileNames())}
	for _, z := range zones {
		for k, v := range z.AreaHaByStatus {
			t.AreaHaByStatus[k] = round2(t.AreaHaByStatus[k] + v)
			t.ParcelsByStatus[k] += z.ParcelsByStatus[k]
		}
		for k, v := range z.AvailableHaByProfile {
			t.AvailableHaByProfile[k] = round2(t.AvailableHaByProfile[k] + v)
		}
		t.LargestAvailableParcelHa = max(t.LargestAvailableParcelHa, z.LargestAvailableParcelHa)
		t.LargestAssemblableHa = max(t.LargestAssemblableHa, z.LargestAssemblableHa)
		t.ReadyHa = round2(t.ReadyHa + z.Readiness.ReadyHa)
		if z.DeclaredAreaHa != nil {
			t.DeclaredAreaHa = round2(t.DeclaredAreaHa + *z.DeclaredAreaHa)
		}
		t.ComputedAreaHa = round2(t.ComputedAreaHa + z.ComputedAreaHa)
		t.NeverVerified += z.Freshness.NeverVerified
		t.Features += z.Freshness.Features
	}
	for _, f := range s.Published(catalog.Infrastructure) {
		if f.String("verified_at") == "" {
			t.InfrastructureNeverVerified++
		}
	}
	return t
}

func num(f *readmodel.Feature, name string) float64 {
	v, _ := f.Value(name).(float64)
	return v
}
