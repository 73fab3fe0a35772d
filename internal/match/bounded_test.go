package match_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/match"
	"github.com/landcat/landcat/internal/readmodel"
)

const sixZones = `"z-xc","z-dc1","z-dc2","z-dc3","z-ndv","z-vsip"`

// TestListReasonBounded: a reason names the parcel's zone and how many
// zones were asked for; its size does not grow with the list.
func TestListReasonBounded(t *testing.T) {
	s := demoSnapshot(t)
	six := match.Match(s, mustParse(t, `{"requirements":{"zones":[`+sixZones+`]}}`))
	r, ok := reasonFor(excludedByID(six)["hp-tn-01"], "zones")
	want := []string{"z-dc1", "z-dc2", "z-dc3", "z-ndv", "z-vsip", "… and 1 more"}
	if !ok || r.Message != "Zone z-tn is not among the 6 requested zones" || !slices.Equal(r.Required.([]string), want) {
		t.Errorf("reason %+v", r)
	}
	many := match.Match(s, mustParse(t, `{"requirements":{"zones":[`+sixZones+`,`+zoneList("zz-", match.MaxZones-6)+`]}}`))
	if six.ExcludedTotal != many.ExcludedTotal || len(six.Excluded) != len(many.Excluded) {
		t.Fatalf("excluded %d and %d", six.ExcludedTotal, many.ExcludedTotal)
	}
	for i := range six.Excluded {
		a, _ := json.Marshal(six.Excluded[i])
		b, _ := json.Marshal(many.Excluded[i])
		if len(b) > len(a)+4 || len(b) > 600 {
			t.Errorf("%s: %d bytes with 6 zones, %d with 200: %s", six.Excluded[i].ID, len(a), len(b), b)
		}
	}
	few := match.Match(s, mustParse(t, `{"requirements":{"zones":["z-dc1","z-dc2"]}}`))
	if r, _ := reasonFor(excludedByID(few)["hp-tn-01"], "zones"); r.Message != "Zone is z-tn; z-dc1 or z-dc2 required" {
		t.Errorf("short list: %+v", r)
	}
}

// TestExcludedLimit: the default lists 100 excluded parcels, the first by
// id; counts cover all.
func TestExcludedLimit(t *testing.T) {
	s := generatedSnapshot(t, 300, 1)
	r := mustParse(t, `{"requirements":{"min_power_capacity_mva":1000}}`)
	res := match.Match(s, r)
	if r.ExcludedLimit != match.DefaultExcludedLimit || len(res.Excluded) != 100 || res.ExcludedTotal != 300 || res.Considered != 300 {
		t.Fatalf("limit %d: %d listed, %d excluded of %d", r.ExcludedLimit, len(res.Excluded), res.ExcludedTotal, res.Considered)
	}
	if !slices.IsSortedFunc(res.Excluded, func(a, b match.Excluded) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("excluded not by id")
	}
	if st := funnelStep(res, "min_power_capacity_mva"); st.Eliminated != 300 {
		t.Errorf("funnel %+v", st)
	}
	for _, limit := range []int{-5, 0, match.MaxExcludedLimit * 10} {
		r.ExcludedLimit = limit
		if got := len(match.Match(s, r).Excluded); got != min(max(limit, 0), 300) {
			t.Errorf("limit %d: %d listed", limit, got)
		}
	}
}

// checkExcludedLimit: a smaller excluded limit lists the first parcels of
// the full list, in the same order, and changes no count.
func checkExcludedLimit(s *readmodel.Snapshot, r match.Request, full match.Result) error {
	for _, limit := range []int{0, 1, 7, match.DefaultExcludedLimit} {
		r.ExcludedLimit = limit
		res := match.Match(s, r)
		n := min(limit, full.ExcludedTotal)
		if len(res.Excluded) != n || res.ExcludedTotal != full.ExcludedTotal || res.Matched != full.Matched ||
			!reflect.DeepEqual(res.Funnel, full.Funnel) {
			return fmt.Errorf("excluded limit %d: %d listed of %d, funnel %v", limit, len(res.Excluded), res.ExcludedTotal, res.Funnel)
		}
		for i, e := range res.Excluded {
			if e.ID != full.Excluded[i].ID || !slices.Equal(e.Failed(), full.Excluded[i].Failed()) {
				return fmt.Errorf("excluded limit %d: %s at %d, want %s", limit, e.ID, i, full.Excluded[i].ID)
			}
		}
	}
	return nil
}
