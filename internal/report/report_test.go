package report_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/demo"
	"github.com/landcat/landcat/internal/match"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/landcat/landcat/internal/report"
)

var now = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func demoSnapshot(t *testing.T) *readmodel.Snapshot {
	t.Helper()
	var feats []*catalog.Feature
	for _, file := range demo.Files() {
		fs, err := catalog.DecodeCollection(bytes.NewReader(file.Data), catalog.Collection(file.Collection))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			f.Publication, f.Version, f.Revision, f.UpdatedAt = catalog.Published, 1, int64(len(feats)+1), now
			feats = append(feats, f)
		}
	}
	return readmodel.Build(feats, int64(len(feats)), now)
}

// TestDemoReview: on the demo catalogue the totals add the zones up, the
// largest block is at least the largest plot on offer, every profile and
// status is a key, and a known block (Hoang Dieu: 4 plots, 101.17 ha)
// is found.
func TestDemoReview(t *testing.T) {
	s := demoSnapshot(t)
	rep := report.Build(s, nil, time.Time{}, time.Time{}, now, "en")
	if rep.Totals.Zones != len(s.Published(catalog.Zones)) || len(rep.Zones) != rep.Totals.Zones {
		t.Fatalf("%d zones", rep.Totals.Zones)
	}
	parcels, area := 0, 0.0
	for _, z := range rep.Zones {
		for st, n := range z.ParcelsByStatus {
			parcels += n
			area += z.AreaHaByStatus[st]
		}
		if len(z.AvailableHaByProfile) != 4 || len(z.AreaHaByStatus) != 4 {
			t.Errorf("%s: keys %v %v", z.ZoneID, z.AvailableHaByProfile, z.AreaHaByStatus)
		}
		if z.LargestAssemblableHa < z.LargestAvailableParcelHa {
			t.Errorf("%s: block %v < parcel %v", z.ZoneID, z.LargestAssemblableHa, z.LargestAvailableParcelHa)
		}
		if z.Freshness.Features != 1+z.ParcelsByStatus["available"]+z.ParcelsByStatus["reserved"]+z.ParcelsByStatus["leased"]+z.ParcelsByStatus["in_preparation"] {
			t.Errorf("%s: freshness %+v", z.ZoneID, z.Freshness)
		}
	}
	if parcels != len(s.Published(catalog.Parcels)) {
		t.Errorf("%d parcels by status, %d published", parcels, len(s.Published(catalog.Parcels)))
	}
	for _, z := range rep.Zones {
		if z.ZoneID == "z-hdi" && (z.LargestAssemblableHa != 101.17 || len(z.LargestAssemblable) != 4) {
			t.Errorf("Hoang Dieu block %v %v", z.LargestAssemblableHa, z.LargestAssemblable)
		}
	}
}

// TestDemandSide: bands, no-site requests and what relaxing one
// requirement would have given.
func TestDemandSide(t *testing.T) {
	rec := func(area any, matched, assemblies int, only map[string]int) match.DemandRecord {
		reqs := match.DemandRequirements{}
		if area != nil {
			reqs["min_area_ha"] = area
		}
		return match.DemandRecord{At: now, Sector: "high_tech", Requirements: reqs, Matched: matched, Assemblies: assemblies,
			Eliminated: map[string]int{"min_area_ha": 5, "power_dual_feed": 2}, EliminatedOnly: only}
	}
	recs := []match.DemandRecord{
		rec(3.0, 2, 0, nil), rec(5.0, 0, 0, map[string]int{"power_dual_feed": 2, "min_area_ha": 0}),
		rec(60.0, 0, 0, map[string]int{"power_dual_feed": 1}), rec(150.0, 0, 1, map[string]int{"min_area_ha": 4}), rec(nil, 1, 0, nil),
	}
	d := report.BuildDemand(recs, time.Time{}, time.Time{})
	got := map[string][2]int{}
	for _, b := range d.BySize {
		got[b.Band] = [2]int{b.Requests, b.NoSite}
	}
	want := map[string][2]int{"<5": {1, 0}, "5-20": {1, 1}, "20-50": {0, 0}, "50-100": {1, 1}, ">=100": {1, 0}, report.NotStated: {1, 0}}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("band %s: %v, want %v", k, got[k], v)
		}
	}
	if d.Requests != 5 || d.NoSite != 2 || len(d.RelaxOne) != 1 || d.RelaxOne[0] != (report.RelaxDemand{Criterion: "power_dual_feed", Requests: 2, Parcels: 3}) {
		t.Errorf("demand %+v", d)
	}
}

// TestCSV: every section is a block that starts with its name and header.
func TestCSV(t *testing.T) {
	rep := report.Build(demoSnapshot(t), nil, time.Time{}, time.Time{}, now, "vi")
	var b bytes.Buffer
	if err := rep.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("\ufeff")) {
		t.Errorf("no byte order mark: Excel would misread Vietnamese")
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, row := range rows {
		if len(row) == 1 { // a section's name (readers skip the empty line before it)
			names = append(names, row[0])
		}
	}
	if strings.Join(names, ",") != "zones,totals,demand,demand_by_sector,demand_by_size,demand_requirements,demand_relax_one" {
		t.Errorf("sections %v", names)
	}
	if len(rows) < 2+len(rep.Zones) || rows[2][0] != rep.Zones[0].ZoneID || rows[2][2] != rep.Zones[0].Name {
		t.Errorf("first zone row %v", rows[2])
	}
}
