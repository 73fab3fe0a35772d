package match_test

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"slices"
	"testing"
	"testing/quick"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/geo"
	"github.com/landcat/landcat/internal/match"
	"github.com/landcat/landcat/internal/readmodel"
)

// assemblyRequest is a quick.Generator of match requests with assembly,
// mixing the requirements the oracle below aggregates independently.
type assemblyRequest struct{ Body map[string]any }

func (assemblyRequest) Generate(rng *rand.Rand, _ int) reflect.Value {
	reqs := map[string]any{"min_area_ha": 4 + rng.Intn(40)}
	maybe := func(n int, k string, v func() any) {
		if rng.Intn(n) == 0 {
			reqs[k] = v()
		}
	}
	maybe(3, "min_power_capacity_mva", func() any { return 10 + rng.Intn(80) })
	maybe(3, "min_water_m3_day", func() any { return 500 + rng.Intn(4000) })
	maybe(3, "max_lease_price_usd_m2", func() any { return 110 + rng.Intn(60) })
	maybe(3, "max_distance_km", func() any { return map[string]any{"seaport": 5 + rng.Intn(30)} })
	maybe(3, "flood_risk_at_most", func() any { return catalog.FloodRisks[1+rng.Intn(2)] })
	maybe(3, "sectors", func() any { return []string{catalog.Sectors[rng.Intn(4)]} })
	maybe(4, "max_area_ha", func() any { return 40 + rng.Intn(60) })
	weights := map[string]float64{}
	for range 1 + rng.Intn(4) {
		weights[[]string{"area_ha", "power_capacity_mva", "lease_price_usd_m2", "distance_seaport_km", "elevation_m"}[rng.Intn(5)]] = float64(1 + rng.Intn(4))
	}
	body := map[string]any{"requirements": reqs, "weights": weights, "limit": match.MaxLimit,
		"assembly": map[string]any{"max_parcels": 2 + rng.Intn(4), "max_gap_m": 20 + rng.Intn(81)}}
	return reflect.ValueOf(assemblyRequest{body})
}

func (a assemblyRequest) parse(t *testing.T) match.Request {
	b, _ := json.Marshal(a.Body)
	return mustParse(t, string(b))
}

// TestAssemblyInvariants checks, over random requests on generated
// catalogues, that every assembly is of one zone, on offer, connected,
// minimal, aggregated by the rules, deterministic, and that relaxing a
// requirement never removes a result (every result still meets a result).
func TestAssemblyInvariants(t *testing.T) {
	for _, seed := range seeds {
		s := generatedSnapshot(t, 400, seed)
		prop := func(ar assemblyRequest) bool {
			r := ar.parse(t)
			res := match.Match(s, r)
			for _, check := range []func(*readmodel.Snapshot, match.Request, match.Result) error{
				checkDeterministic, checkAssemblies, checkRelaxing,
			} {
				if err := check(s, r, res); err != nil {
					t.Logf("seed %d, request %v: %v", seed, ar.Body, err)
					return false
				}
			}
			return true
		}
		if err := quick.Check(prop, &quick.Config{MaxCount: 25, Rand: rand.New(rand.NewSource(seed))}); err != nil {
			t.Error(err)
		}
	}
}

// checkAssemblies re-checks every assembly with an independent oracle.
func checkAssemblies(s *readmodel.Snapshot, r match.Request, res match.Result) error {
	reqs, _ := r.Effective()
	gap := r.Assembly.MaxGapM
	for _, x := range assemblies(res) {
		fs := parcelsOf(s, x.Parcels)
		if !slices.IsSorted(x.Parcels) || len(fs) < 2 || len(fs) > r.Assembly.MaxParcels {
			return fmt.Errorf("%s: members %v", x.ID, x.Parcels)
		}
		for _, f := range fs {
			st := f.String("status")
			if f.String("zone_id") != x.ZoneID || (st != "available" && st != "in_preparation") {
				return fmt.Errorf("%s: member %s of zone %s, %s", x.ID, f.ID, f.String("zone_id"), st)
			}
		}
		if !connected(fs, gap) || !groupMeets(fs, reqs) {
			return fmt.Errorf("%s: connected %v, meets %v", x.ID, connected(fs, gap), groupMeets(fs, reqs))
		}
		for k := range fs {
			rest := slices.Delete(slices.Clone(fs), k, k+1)
			if len(rest) >= 2 && connected(rest, gap) && groupMeets(rest, reqs) {
				return fmt.Errorf("%s is not minimal: without %s it still qualifies", x.ID, fs[k].ID)
			}
		}
		if got, want := criterionValue(x.Met, "min_area_ha"), sum(fs, "area_ha"); math.Abs(got-want) > 0.006 {
			return fmt.Errorf("%s: area %v, members add up to %v", x.ID, got, want)
		}
	}
	return nil
}

// checkRelaxing drops one requirement at a time: every result of the
// stricter request shares a parcel with a result of the relaxed one.
func checkRelaxing(s *readmodel.Snapshot, r match.Request, res match.Result) error {
	for k := range r.Requirements {
		relaxed := r
		relaxed.Requirements = r.Requirements.Clone()
		relaxed.Requirements[k] = nil
		after := match.Match(s, relaxed)
		covered := map[string]bool{}
		for _, y := range after.Results {
			for _, p := range y.Parcels {
				covered[p] = true
			}
		}
		for _, x := range res.Results {
			if !slices.ContainsFunc(x.Parcels, func(p string) bool { return covered[p] }) {
				return fmt.Errorf("dropping %s removes %s %v", k, x.Kind, x.Parcels)
			}
		}
	}
	return nil
}

func parcelsOf(s *readmodel.Snapshot, ids []string) []*readmodel.Feature {
	var out []*readmodel.Feature
	for _, id := range ids {
		if f, ok := s.Get(catalog.Parcels, id); ok {
			out = append(out, f)
		}
	}
	return out
}

// connected: the members are linked by gaps of at most gap metres.
func connected(fs []*readmodel.Feature, gap float64) bool {
	reached := map[int]bool{0: true}
	for grew := true; grew; {
		grew = false
		for i := range fs {
			for j := range fs {
				if reached[i] && !reached[j] && geo.DistanceKm(fs[i].Geometry, fs[j].Geometry)*1000 <= gap {
					reached[j], grew = true, true
				}
			}
		}
	}
	return len(reached) == len(fs)
}

func num(f *readmodel.Feature, p string) float64 {
	if v, ok := f.Value(p).(float64); ok {
		return v
	}
	return math.NaN()
}

// sum adds the members' own values and a value inherited from the zone
// once.
func sum(fs []*readmodel.Feature, p string) float64 {
	t, zone := 0.0, math.NaN()
	idx := catalog.SchemaOf(catalog.Parcels).Index(p)
	for _, f := range fs {
		switch v := num(f, p); {
		case math.IsNaN(v):
		case f.Inherited(idx):
			zone = v
		default:
			t += v
		}
	}
	if !math.IsNaN(zone) {
		t += zone
	}
	return t
}

// groupMeets is the oracle: the aggregation rules written out again.
func groupMeets(fs []*readmodel.Feature, reqs match.Requirements) bool {
	area := sum(fs, "area_ha")
	for k, want := range reqs {
		ok := true
		switch k {
		case "min_area_ha", "min_power_capacity_mva", "min_water_m3_day":
			ok = sum(fs, map[string]string{"min_area_ha": "area_ha", "min_power_capacity_mva": "power_capacity_mva", "min_water_m3_day": "water_m3_day"}[k]) >= want.(float64)-1e-9
		case "max_area_ha":
			ok = area <= want.(float64)+1e-9
		case "max_lease_price_usd_m2":
			w := 0.0
			for _, f := range fs {
				w += num(f, "lease_price_usd_m2") * num(f, "area_ha")
			}
			ok = math.Round(w/area*100)/100 <= want.(float64)
		case "max_distance_km.seaport":
			ok = slices.ContainsFunc(fs, func(f *readmodel.Feature) bool { return num(f, "distance_seaport_km") <= want.(float64) })
		default:
			ok = !slices.ContainsFunc(fs, func(f *readmodel.Feature) bool { return !meets(f, match.Requirements{k: want}) })
		}
		if !ok {
			return false
		}
	}
	return true
}
