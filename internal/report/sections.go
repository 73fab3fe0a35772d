package report

import (
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
)

// Section is one table of the review: a CSV block, an XLSX sheet, an HTML
// table. Column names are the JSON names (a status or profile appended
// after "_" for per-status and per-profile values), so that a cell can be
// checked against the JSON.
type Section struct {
	Name   string   // e.g. "zones": the CSV block's first line, the sheet's name
	Header []string // column names
	Rows   [][]any  // float64, int, bool, string or nil (unknown)
}

// Sections lays the review out as tables: zones, totals (name, value),
// demand (name, value), demand_by_sector, demand_by_size,
// demand_requirements, demand_relax_one.
func (r Report) Sections() []Section {
	d := r.Demand
	out := []Section{r.zonesSection(), keyValues("totals", r.totalsPairs()), keyValues("demand", [][2]any{
		{"generated_at", r.GeneratedAt.Format(time.RFC3339)}, {"revision", int(r.Revision)},
		{"from", instant(d.From)}, {"to", instant(d.To)}, {"requests", d.Requests}, {"no_site", d.NoSite}})}
	sectors := Section{Name: "demand_by_sector", Header: []string{"sector", "requests", "no_site"}}
	for _, s := range d.BySector {
		sectors.Rows = append(sectors.Rows, []any{s.Sector, s.Requests, s.NoSite})
	}
	sizes := Section{Name: "demand_by_size", Header: []string{"band", "requests", "no_site"}}
	for _, s := range d.BySize {
		sizes.Rows = append(sizes.Rows, []any{s.Band, s.Requests, s.NoSite})
	}
	reqs := Section{Name: "demand_requirements", Header: []string{"criterion", "requests", "eliminated", "parcels", "only", "no_site"}}
	for _, q := range d.Requirements {
		reqs.Rows = append(reqs.Rows, []any{q.Criterion, q.Requests, q.Eliminated, q.Parcels, q.Only, q.NoSite})
	}
	relax := Section{Name: "demand_relax_one", Header: []string{"criterion", "requests", "parcels"}}
	for _, q := range d.RelaxOne {
		relax.Rows = append(relax.Rows, []any{q.Criterion, q.Requests, q.Parcels})
	}
	return append(out, sectors, sizes, reqs, relax)
}

func instant(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(time.RFC3339)
}

func keyValues(name string, pairs [][2]any) Section {
	s := Section{Name: name, Header: []string{"name", "value"}}
	for _, p := range pairs {
		s.Rows = append(s.Rows, []any{p[0], p[1]})
	}
	return s
}

func (r Report) zonesSection() Section {
	s := Section{Name: "zones", Header: []string{"zone_id", "code", "name"}}
	for _, st := range catalog.ParcelStatuses {
		s.Header = append(s.Header, "area_ha_by_status_"+st, "parcels_by_status_"+st)
	}
	s.Header = append(s.Header, "largest_available_parcel_ha", "largest_available_parcel", "largest_assemblable_ha", "largest_assemblable")
	for _, p := range profileNames() {
		s.Header = append(s.Header, "available_ha_by_profile_"+p)
	}
	s.Header = append(s.Header, "dual_feed_110kv", "water_m3_day", "next_handover", "ready_ha",
		"declared_area_ha", "computed_area_ha", "area_difference_pct",
		"verified_at", "oldest_verified_at", "median_age_days", "never_verified", "features")
	for _, z := range r.Zones {
		row := []any{z.ZoneID, z.Code, z.Name}
		for _, st := range catalog.ParcelStatuses {
			row = append(row, z.AreaHaByStatus[st], z.ParcelsByStatus[st])
		}
		row = append(row, z.LargestAvailableParcelHa, z.LargestAvailableParcel, z.LargestAssemblableHa, strings.Join(z.LargestAssemblable, " "))
		for _, p := range profileNames() {
			row = append(row, z.AvailableHaByProfile[p])
		}
		rd, f := z.Readiness, z.Freshness
		row = append(row, deref(rd.DualFeed110kV), deref(rd.WaterM3Day), rd.NextHandover, rd.ReadyHa,
			deref(z.DeclaredAreaHa), z.ComputedAreaHa, deref(z.AreaDifferencePct),
			f.VerifiedAt, f.OldestVerifiedAt, deref(f.MedianAgeDays), f.NeverVerified, f.Features)
		s.Rows = append(s.Rows, row)
	}
	return s
}

func (r Report) totalsPairs() [][2]any {
	t := r.Totals
	out := [][2]any{{"zones", t.Zones}}
	for _, st := range catalog.ParcelStatuses {
		out = append(out, [2]any{"area_ha_by_status_" + st, t.AreaHaByStatus[st]}, [2]any{"parcels_by_status_" + st, t.ParcelsByStatus[st]})
	}
	out = append(out, [2]any{"largest_available_parcel_ha", t.LargestAvailableParcelHa}, [2]any{"largest_assemblable_ha", t.LargestAssemblableHa})
	for _, p := range profileNames() {
		out = append(out, [2]any{"available_ha_by_profile_" + p, t.AvailableHaByProfile[p]})
	}
	return append(out, [2]any{"ready_ha", t.ReadyHa}, [2]any{"declared_area_ha", t.DeclaredAreaHa},
		[2]any{"computed_area_ha", t.ComputedAreaHa}, [2]any{"never_verified", t.NeverVerified}, [2]any{"features", t.Features},
		[2]any{"infrastructure_never_verified", t.InfrastructureNeverVerified})
}

// deref returns *p, or nil.
func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
