package match_test

import (
	"encoding/json"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/match"
)

// TestIndexUpdate: the index of a snapshot one write later, made from the
// previous index (only changed rows read again), answers every request
// like an index built afresh; writes that change which parcels are
// published build afresh.
func TestIndexUpdate(t *testing.T) {
	s := generatedSnapshot(t, 3000, 11)
	prev := match.IndexOf(s)
	pub := s.Published(catalog.Parcels)
	stored := func(i int) *catalog.Feature {
		c := pub[i].Stored()
		c.Props = maps(c.Props)
		return c
	}
	var zone *catalog.Feature
	if z := s.Published(catalog.Zones); len(z) > 0 {
		zone = z[0].Stored()
		zone.Props = maps(zone.Props)
	}
	steps := []struct {
		name    string
		change  func() []*catalog.Feature
		updated bool
	}{
		{"a fee and a price", func() []*catalog.Feature {
			a, b := stored(10), stored(2000)
			a.Props["management_fee_usd_m2_year"], b.Props["lease_price_usd_m2"] = 0.91, 77.0
			return []*catalog.Feature{a, b}
		}, true},
		{"leased, more power", func() []*catalog.Feature {
			a := stored(11)
			a.Props["status"], a.Props["power_capacity_mva"] = "leased", 250.0
			return []*catalog.Feature{a}
		}, true},
		{"a zone's power (inherited)", func() []*catalog.Feature {
			zone.Props["power_capacity_mva"] = 333.0
			return []*catalog.Feature{zone}
		}, true},
		{"unpublished", func() []*catalog.Feature {
			a := stored(12)
			a.Publication = catalog.Draft
			return []*catalog.Feature{a}
		}, false},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			next := s.Apply(st.change(), s.Revision+1, now)
			ix := match.IndexOf(next)
			if got := match.Updated(prev, ix); got != st.updated {
				t.Errorf("made from the previous index: %v, want %v", got, st.updated)
			}
			fresh, prevFresh := match.NewIndex(next), match.NewIndex(s)
			for _, body := range []string{dataCentreInvestor, `{"sector":"logistics","limit":50}`,
				`{"requirements":{"min_area_ha":3,"min_power_capacity_mva":100},"weights":{"lease_price_usd_m2":1,"power_capacity_mva":2},"limit":100}`} {
				r := mustParse(t, body)
				a, _ := json.Marshal(fresh.Match(r))
				b, _ := json.Marshal(ix.Match(r))
				if string(a) != string(b) {
					t.Fatalf("%s: the updated index answers differently", body)
				}
				// The columns the two share were not written: the previous
				// index still answers for its own snapshot.
				a, _ = json.Marshal(prevFresh.Match(r))
				b, _ = json.Marshal(prev.Match(r))
				if string(a) != string(b) {
					t.Fatalf("%s: the previous index changed under the update", body)
				}
			}
			s, prev = next, ix
		})
	}
}
