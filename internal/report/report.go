// Package report builds the land-bank review: for each published zone and
// in total, the land by status, the largest plot and the largest block on
// offer, the land that meets each sector profile, readiness, declared
// against drawn area and how fresh the figures are; and, from the demand
// log, what investors asked for and what stopped them. Build computes it
// from a read-model snapshot and demand records; the Write functions
// render it as CSV, XLSX and an HTML page (JSON is the Report itself).
// The package is pure: the HTTP layer reads the records and sends the
// bytes.
package report

import (
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/match"
	"github.com/landcat/landcat/internal/readmodel"
)

// Report is the land-bank review at one revision.
type Report struct {
	GeneratedAt time.Time `json:"generated_at"` // when it was built
	Revision    int64     `json:"revision"`     // the catalogue revision it reviews
	// Assembly are the options largest_assemblable_ha was found with:
	// site assembly's defaults across roads of up to MaxAssemblyGapM.
	Assembly match.Assembly `json:"assembly"`
	Zones    []Zone         `json:"zones"` // published zones, by id
	Totals   Totals         `json:"totals"`
	Demand   Demand         `json:"demand"`
}

// Zone is the review of one published zone. Areas are in hectares, the
// geodesic areas of the published parcels.
type Zone struct {
	ZoneID string `json:"zone_id"`
	Code   string `json:"code"` // the agency's code
	Name   string `json:"name"` // in the requested language
	// AreaHaByStatus and ParcelsByStatus have every parcel status as a
	// key, zero included.
	AreaHaByStatus  map[string]float64 `json:"area_ha_by_status"`
	ParcelsByStatus map[string]int     `json:"parcels_by_status"`
	// LargestAvailableParcelHa is the largest parcel of status available
	// (0 when none), LargestAvailableParcel its id.
	LargestAvailableParcelHa float64 `json:"largest_available_parcel_ha"`
	LargestAvailableParcel   string  `json:"largest_available_parcel,omitempty"`
	// LargestAssemblableHa is the largest block of adjacent parcels on
	// offer (Report.Assembly), LargestAssemblable its parcels.
	LargestAssemblableHa float64  `json:"largest_assemblable_ha"`
	LargestAssemblable   []string `json:"largest_assemblable,omitempty"`
	// AvailableHaByProfile is, per sector profile, the area of the parcels
	// that meet the profile's hard requirements.
	AvailableHaByProfile map[string]float64 `json:"available_ha_by_profile"`
	Readiness            Readiness          `json:"readiness"`
	// DeclaredAreaHa is official_area_ha (null when not published),
	// ComputedAreaHa the drawn boundary's area_ha, AreaDifferencePct
	// (computed − declared) / declared × 100.
	DeclaredAreaHa    *float64  `json:"declared_area_ha"`
	ComputedAreaHa    float64   `json:"computed_area_ha"`
	AreaDifferencePct *float64  `json:"area_difference_pct"`
	Freshness         Freshness `json:"freshness"`
}

// Readiness says whether a zone can take a large project now.
type Readiness struct {
	// DualFeed110kV: the zone states dual feed and at least 110 kV (null
	// when either is not published).
	DualFeed110kV *bool    `json:"dual_feed_110kv"`
	WaterM3Day    *float64 `json:"water_m3_day"`
	// NextHandover is the earliest available_from among the parcels on
	// offer ("" when none states one).
	NextHandover string `json:"next_handover,omitempty"`
	// ReadyHa is the area on offer whose parcels have dual feed at 110 kV
	// or more, water, and a handover date not after the review's day.
	ReadyHa float64 `json:"ready_ha"`
}

// Freshness says how old the zone's figures are: verified_at of the zone
// and its published parcels.
type Freshness struct {
	VerifiedAt       string `json:"verified_at,omitempty"`        // the zone's
	OldestVerifiedAt string `json:"oldest_verified_at,omitempty"` // of the zone and its parcels
	MedianAgeDays    *int   `json:"median_age_days"`              // of those verified
	NeverVerified    int    `json:"never_verified"`               // features without verified_at
	Features         int    `json:"features"`                     // the zone and its parcels
}

// Totals add the zones up (largest_* are the largest over the zones).
type Totals struct {
	Zones                    int                `json:"zones"` // published zones
	AreaHaByStatus           map[string]float64 `json:"area_ha_by_status"`
	ParcelsByStatus          map[string]int     `json:"parcels_by_status"`
	LargestAvailableParcelHa float64            `json:"largest_available_parcel_ha"`
	LargestAssemblableHa     float64            `json:"largest_assemblable_ha"`
	AvailableHaByProfile     map[string]float64 `json:"available_ha_by_profile"`
	ReadyHa                  float64            `json:"ready_ha"`
	DeclaredAreaHa           float64            `json:"declared_area_ha"` // of the zones that declare one
	ComputedAreaHa           float64            `json:"computed_area_ha"`
	NeverVerified            int                `json:"never_verified"`
	Features                 int                `json:"features"`
	// InfrastructureNeverVerified counts published infrastructure
	// features without verified_at (distances are measured to them).
	InfrastructureNeverVerified int `json:"infrastructure_never_verified"`
}

// Build reviews snapshot s on day now, names in lang, with the demand
// records of the window from–to (see BuildDemand).
func Build(s *readmodel.Snapshot, records []match.DemandRecord, from, to, now time.Time, lang string) Report {
	ix := match.IndexOf(s)
	opt := match.Assembly{MaxParcels: match.DefaultAssemblyParcels, MaxGapM: match.MaxAssemblyGapM}
	rep := Report{GeneratedAt: now.UTC(), Revision: s.Revision, Assembly: opt, Zones: []Zone{}}
	blocks := ix.LargestBlocks(opt)
	byProfile := profileAreas(ix)
	parcels := map[string][]*readmodel.Feature{}
	for _, f := range s.Published(catalog.Parcels) {
		z := f.String("zone_id")
		parcels[z] = append(parcels[z], f)
	}
	for _, z := range s.Published(catalog.Zones) {
		zone := zoneOf(z, parcels[z.ID], blocks[z.ID], byProfile[z.ID], now)
		zone.Name = z.Name(lang)
		rep.Zones = append(rep.Zones, zone)
	}
	rep.Totals = totalsOf(rep.Zones, s)
	rep.Demand = BuildDemand(records, from, to)
	return rep
}

// profileAreas sums, per zone and profile, the area of the parcels that
// meet the profile's hard requirements.
func profileAreas(ix *match.Index) map[string]map[string]float64 {
	out := map[string]map[string]float64{}
	for _, p := range match.Profiles() {
		for _, f := range ix.Meeting(match.Request{Sector: p.Name}) {
			z := f.String("zone_id")
			if out[z] == nil {
				out[z] = map[string]float64{}
			}
			a, _ := f.Value("area_ha").(float64)
			out[z][p.Name] += a
		}
	}
	return out
}

// profileNames lists the sector profiles in their order.
func profileNames() []string {
	var out []string
	for _, p := range match.Profiles() {
		out = append(out, p.Name)
	}
	return out
}

// zeroed returns a map with every key at zero.
func zeroed[V int | float64](keys []string) map[string]V {
	m := make(map[string]V, len(keys))
	for _, k := range keys {
		m[k] = 0
	}
	return m
}

func round2(v float64) float64 { return catalog.Round(v, 2) }
