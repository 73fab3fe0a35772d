package match_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/match"
)

// grid3 is a zone of 3×3 plots of 10 ha with roads of 20 m.
var grid3 = gridZone{id: "zg", n: 3, ha: 10, roadM: 20, lon0: 106.6, lat0: 20.8}

func assemblies(res match.Result) []match.Ranked {
	var out []match.Ranked
	for _, x := range res.Results {
		if x.Kind == match.KindAssembly {
			out = append(out, x)
		}
	}
	return out
}

// TestGridKnownAnswer: on a 3×3 grid of 10 ha plots with 20 m roads,
// 35 ha needs 4 adjacent plots; the most compact are the four 2×2 blocks,
// and each plot's search keeps one of them.
func TestGridKnownAnswer(t *testing.T) {
	s := gridSnapshot(grid3)
	res := match.Match(s, mustParse(t, `{"requirements": {"min_area_ha": 35}, "assembly": {"max_parcels": 6, "max_gap_m": 25}}`))
	if res.Matched != 0 || res.Assembly == nil {
		t.Fatalf("matched %d, assembly %+v", res.Matched, res.Assembly)
	}
	var got []string
	for _, a := range assemblies(res) {
		got = append(got, strings.Join(a.Parcels, " "))
		if area := criterionValue(a.Met, "min_area_ha"); area < 35 || area > 41 {
			t.Errorf("%s: area %v", a.ID, area)
		}
	}
	slices.Sort(got)
	want := []string{"zg-0-0 zg-0-1 zg-1-0 zg-1-1", "zg-0-1 zg-0-2 zg-1-1 zg-1-2", "zg-1-0 zg-1-1 zg-2-0 zg-2-1", "zg-1-1 zg-1-2 zg-2-1 zg-2-2"}
	if !slices.Equal(got, want) {
		t.Fatalf("assemblies %q, want the four 2×2 blocks %q", got, want)
	}
	if res.Assembly.Listed != 4 || res.Assembly.Eligible != 9 || res.Assembly.Seeds != 9 {
		t.Errorf("funnel %+v", res.Assembly)
	}
	// Roads wider than max_gap_m separate the plots: nothing qualifies.
	res = match.Match(s, mustParse(t, `{"requirements": {"min_area_ha": 35}, "assembly": {"max_gap_m": 15}}`))
	if len(res.Results) != 0 || res.Assembly.Listed != 0 {
		t.Errorf("with 15 m: %d results", len(res.Results))
	}
}

func criterionValue(rs []match.Reason, criterion string) float64 {
	for _, r := range rs {
		if r.Criterion == criterion {
			v, _ := r.Value.(float64)
			return v
		}
	}
	return -1
}

// TestAssemblyHint: without assembly, a minimum area above every parcel
// says how many groups would qualify and how to ask for them.
func TestAssemblyHint(t *testing.T) {
	s := gridSnapshot(grid3)
	res := match.Match(s, mustParse(t, `{"requirements": {"min_area_ha": 35}}`))
	if res.AssemblyHint == nil || res.AssemblyHint.WouldQualify != 4 || res.Assembly != nil || len(res.Results) != 0 {
		t.Fatalf("hint %+v", res.AssemblyHint)
	}
	b, _ := json.Marshal(res.AssemblyHint)
	if string(b) != `{"would_qualify":4,"ask":{"assembly":{"max_parcels":4,"max_gap_m":100}}}` {
		t.Errorf("hint %s", b)
	}
	if res := match.Match(s, mustParse(t, `{"requirements": {"min_area_ha": 5}}`)); res.AssemblyHint != nil {
		t.Errorf("a hint when single plots qualify")
	}
}

// TestAssemblyGeoJSON: an assembly is one feature whose geometry is the
// union of its members (a MultiPolygon across the roads), with
// match_kind and match_parcels; parcels say "parcel".
func TestAssemblyGeoJSON(t *testing.T) {
	s := gridSnapshot(grid3)
	res := match.Match(s, mustParse(t, `{"requirements": {"min_area_ha": 15}, "assembly": {}, "limit": 3}`))
	var fc struct {
		Features []struct {
			ID       string
			Geometry struct {
				Type        string
				Coordinates json.RawMessage
			}
			Properties map[string]any
		}
		NumberMatched int
	}
	if err := json.Unmarshal(res.AppendFeatureCollection(nil, s, "en"), &fc); err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != 3 || fc.NumberMatched != res.Assembly.Listed {
		t.Fatalf("%d features, numberMatched %d, listed %d", len(fc.Features), fc.NumberMatched, res.Assembly.Listed)
	}
	for i, f := range fc.Features {
		p := f.Properties
		if f.ID != res.Results[i].ID || p["match_kind"] != "assembly" || len(p["match_parcels"].([]any)) != 2 ||
			f.Geometry.Type != "MultiPolygon" || p["match_rank"] != float64(i+1) {
			t.Errorf("feature %d: %s %s %v", i, f.ID, f.Geometry.Type, p)
		}
	}
}

// TestAssemblyIDStable: the same members give the same id whatever the
// request, and the explanation says how each value was aggregated.
func TestAssemblyIDStable(t *testing.T) {
	s := gridSnapshot(grid3)
	a := match.Match(s, mustParse(t, `{"requirements": {"min_area_ha": 35}, "assembly": {}}`))
	b := match.Match(s, mustParse(t, `{"requirements": {"min_area_ha": 38, "max_distance_km": {"seaport": 100}},
		"weights": {"area_ha": 1, "distance_seaport_km": 2}, "assembly": {"max_parcels": 5}}`))
	byMembers := map[string]string{}
	for _, x := range assemblies(a) {
		byMembers[strings.Join(x.Parcels, ",")] = x.ID
	}
	if len(assemblies(b)) != 4 {
		t.Fatalf("%d assemblies", len(assemblies(b)))
	}
	for _, x := range assemblies(b) {
		if byMembers[strings.Join(x.Parcels, ",")] != x.ID || !strings.HasPrefix(x.ID, "a-") {
			t.Errorf("%v: id %s, earlier %s", x.Parcels, x.ID, byMembers[strings.Join(x.Parcels, ",")])
		}
		for _, c := range x.Criteria {
			want := map[string]string{"area_ha": "the sum over the 4 parcels", "distance_seaport_km": "the nearest parcel of the group"}[c.Criterion]
			if !strings.Contains(c.Explanation, want) {
				t.Errorf("%s: %q lacks %q", c.Criterion, c.Explanation, want)
			}
		}
		if len(x.Met) != 2 || !strings.Contains(x.Met[1].Message, "union's distance") {
			t.Errorf("met %+v", x.Met)
		}
	}
}

// TestLargestBlocks: the largest block of the 3×3 grid with 4 plots is
// any 4 of them (40 ha); with roads wider than the gap, one plot.
func TestLargestBlocks(t *testing.T) {
	ix := match.NewIndex(gridSnapshot(grid3))
	b := ix.LargestBlocks(match.Assembly{MaxParcels: 4, MaxGapM: 25})["zg"]
	if len(b.Parcels) != 4 || b.AreaHa < 39 || b.AreaHa > 41 {
		t.Errorf("block %+v", b)
	}
	if b := ix.LargestBlocks(match.Assembly{MaxParcels: 4, MaxGapM: 10})["zg"]; len(b.Parcels) != 1 {
		t.Errorf("block across 20 m roads with a 10 m gap: %+v", b)
	}
	if n := len(ix.Meeting(mustParse(t, `{"requirements": {"min_area_ha": 9}}`))); n != 9 {
		t.Errorf("%d plots meet 9 ha", n)
	}
}
