package match_test

import (
	"encoding/json"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/match"
	"github.com/landcat/landcat/internal/readmodel"
)

// dataCentre100k is the benchmark request of issue 4: 8 requirements and 6
// weighted criteria, limit 20, no profile (so exactly these apply).
const dataCentre100k = `{
 "requirements": {"statuses": ["available", "in_preparation"], "sectors": ["data_center"],
                  "power_dual_feed": true, "min_power_capacity_mva": 30, "min_power_voltage_kv": 110,
                  "flood_risk_at_most": "low", "min_distance_km": {"hazard": 1}, "min_fibre_carriers": 2},
 "weights": {"power_capacity_mva": 4, "fibre_carriers": 2, "distance_hazard_km": 2, "elevation_m": 1,
             "lease_price_usd_m2": 1, "distance_substation_km": 1},
 "limit": 20}`

// bench100k holds the 100,000-parcel catalogue, built once for all
// benchmarks (that takes a few seconds).
var bench100k struct {
	once sync.Once
	s    *readmodel.Snapshot
}

func snapshot100k(b *testing.B) *readmodel.Snapshot {
	bench100k.once.Do(func() { bench100k.s = generatedSnapshot(b, 100000, 1) })
	if bench100k.s == nil {
		b.Fatal("no snapshot")
	}
	return bench100k.s
}

// BenchmarkMatchDataCenter100k matches the data-centre request against
// 100,000 generated parcels through the snapshot's index, as a server
// does with a Cache (snapshot and index are built outside the timing).
func BenchmarkMatchDataCenter100k(b *testing.B) {
	ix := match.NewIndex(snapshot100k(b))
	r := mustParse(b, dataCentre100k)
	res := ix.Match(r)
	b.Logf("considered %d, matched %d, excluded %d", res.Considered, res.Matched, len(res.Excluded))
	b.ReportAllocs()
	for b.Loop() {
		ix.Match(r)
	}
}

// BenchmarkNewIndex100k is the cost of indexing a new snapshot of 100,000
// parcels: paid once per catalogue revision by the first match.
func BenchmarkNewIndex100k(b *testing.B) {
	s := snapshot100k(b)
	b.ReportAllocs()
	for b.Loop() {
		match.NewIndex(s)
	}
}

// BenchmarkIndexAfterWrite100k: the index of the snapshot after an
// officer's edit of one parcel's price, made from the previous index
// (what the server builds after each write).
func BenchmarkIndexAfterWrite100k(b *testing.B) {
	s := snapshot100k(b)
	match.IndexOf(s)
	p := s.Published(catalog.Parcels)[500].Stored()
	p.Props = maps(p.Props)
	b.ReportAllocs()
	price := 100.0
	for b.Loop() {
		b.StopTimer()
		price++
		p.Props["lease_price_usd_m2"] = price
		s = s.Apply([]*catalog.Feature{p.Clone()}, s.Revision+1, now)
		b.StartTimer()
		match.IndexOf(s)
	}
}

// BenchmarkMatchRankAll100k is the ranking-heavy case: no requirement, so
// all 100,000 parcels are scored on 6 weighted criteria and the best 20
// selected.
func BenchmarkMatchRankAll100k(b *testing.B) {
	ix := match.NewIndex(snapshot100k(b))
	r := mustParse(b, `{"weights": {"power_capacity_mva": 4, "fibre_carriers": 2, "distance_hazard_km": 2,
		"elevation_m": 1, "lease_price_usd_m2": 1, "distance_substation_km": 1}}`)
	b.ReportAllocs()
	for b.Loop() {
		ix.Match(r)
	}
}

// assembly100k is a large-project request: 15 ha with 40 MVA, flood
// risk at most medium, handed over within a year, at most 140 USD/m²,
// assembled from up to 6 plots across roads of up to 60 m (the generated
// plots are 0.5–7.5 ha, 35–90 m apart).
const assembly100k = `{"requirements": {"min_area_ha": 15, "min_power_capacity_mva": 40, "flood_risk_at_most": "medium",
  "available_within_months": 12, "max_lease_price_usd_m2": 140},
 "weights": {"power_capacity_mva": 2, "area_ha": 1, "lease_price_usd_m2": 1},
 "assembly": {"max_parcels": 6, "max_gap_m": 60}, "limit": 20}`

// assemblyBroad100k is the worst case: 20 ha anywhere, every plot on
// offer eligible (67,000 of them), so the search runs into its bound.
const assemblyBroad100k = `{"requirements": {"min_area_ha": 20}, "weights": {"area_ha": 1, "lease_price_usd_m2": 1},
 "assembly": {"max_parcels": 6, "max_gap_m": 60}, "limit": 20}`

// BenchmarkMatchAssembly100k matches assembly100k against 100,000
// generated parcels; index and adjacency are built outside the timing
// (once per snapshot, as a server does).
func BenchmarkMatchAssembly100k(b *testing.B) { benchAssembly(b, assembly100k) }

// BenchmarkMatchAssemblyBroad100k is the search at its bound
// (assemblyBroad100k).
func BenchmarkMatchAssemblyBroad100k(b *testing.B) { benchAssembly(b, assemblyBroad100k) }

func benchAssembly(b *testing.B, body string) {
	s := snapshot100k(b)
	r := mustParse(b, body)
	res := match.IndexOf(s).Match(r)
	b.Logf("considered %d, matched %d, assembly %+v", res.Considered, res.Matched, *res.Assembly)
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		match.IndexOf(s).Match(r)
	}
}

// reportCPU reports the process's CPU time per op (cpu-ns/op) when the
// returned function runs: on a machine shared with other work, wall time
// per op grows with the load while CPU time per op does not (much).
func reportCPU(b *testing.B) func() {
	cpu := func() time.Duration {
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	return func() { b.ReportMetric(float64(cpu()-start)/float64(b.N), "cpu-ns/op") }
}

// BenchmarkAdjacency100k is the cost of the adjacency of a new snapshot
// of 100,000 parcels: paid once per catalogue revision by the first
// request with assembly.
func BenchmarkAdjacency100k(b *testing.B) {
	s := snapshot100k(b)
	ix := match.NewIndex(s)
	b.ReportAllocs()
	for b.Loop() {
		match.NewAdjacency(ix)
	}
}

// BenchmarkMatchExplained100k is the data-centre request as POST /match
// answers it in each language: matched, then encoded with 1,000 excluded
// parcels' reasons and every ranked parcel's explanations, so that it
// measures the sentences as well as the match.
func BenchmarkMatchExplained100k(b *testing.B) {
	ix := match.NewIndex(snapshot100k(b))
	for _, lang := range []string{"en", "vi", "ko"} {
		b.Run(lang, func(b *testing.B) {
			r := mustParse(b, dataCentre100k)
			r.ExcludedLimit, r.Lang = 1000, lang
			b.ReportAllocs()
			for b.Loop() {
				if _, err := json.Marshal(ix.Match(r)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
