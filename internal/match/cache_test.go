package match_test

import (
	"encoding/json"
	"sync"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/match"
	"github.com/landcat/landcat/internal/readmodel"
)

// TestCache: one index per snapshot, kept with it (a newer snapshot gets
// its own, an older one keeps its own), and matches through it equal
// Match's; concurrent use is safe (run with -race).
func TestCache(t *testing.T) {
	feats := demoFeatures(t)
	s := demoSnapshot(t)
	var c match.Cache
	ix := c.Index(s)
	if c.Index(s) != ix || ix.Snapshot() != s {
		t.Fatal("the index of the same snapshot was rebuilt")
	}
	r := mustParse(t, dataCentreInvestor)
	want, _ := json.Marshal(match.Match(s, r))
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, _ := json.Marshal(c.Match(s, r))
			if string(got) != string(want) {
				t.Error("a concurrent match differs")
			}
		}()
	}
	wg.Wait()
	// A newer snapshot (HP-VSIP-01 leased) gets its own index; the older
	// one keeps its own.
	var vsip *catalog.Feature
	for _, f := range feats {
		if f.ID == "hp-vsip-01" {
			vsip = f.Clone()
		}
	}
	vsip.Props["status"] = "leased"
	next := s.Apply([]*catalog.Feature{vsip}, s.Revision+1, now)
	res := c.Match(next, r)
	if c.Index(next) == ix || res.Matched != 4 || res.Revision != s.Revision+1 {
		t.Errorf("after leasing hp-vsip-01: matched %d at revision %d", res.Matched, res.Revision)
	}
	if old := c.Index(s); old != ix || old.Snapshot() != s || c.Index(next).Snapshot() != next {
		t.Error("an older snapshot lost its index, or indexes were mixed up")
	}
}

// TestIndexOfAppliedSnapshot: the matcher's index, derived from a snapshot
// reached commit by commit, answers like the index of one built at once.
func TestIndexOfAppliedSnapshot(t *testing.T) {
	feats := demoFeatures(t)
	built := demoSnapshot(t)
	half := len(feats) / 2
	stepped := readmodel.Build(feats[:half], 1, now)
	for i := half; i < len(feats); i++ {
		stepped = stepped.Apply(feats[i:i+1], int64(i+2), now)
	}
	stepped = stepped.Apply(nil, built.Revision, now)
	for _, body := range []string{dataCentreInvestor, `{"sector":"logistics","limit":50}`, `{"requirements":{"min_area_ha":3},"weights":{"lease_price_usd_m2":1}}`} {
		r := mustParse(t, body)
		a, _ := json.Marshal(match.IndexOf(built).Match(r))
		b, _ := json.Marshal(match.IndexOf(stepped).Match(r))
		if string(a) != string(b) {
			t.Fatalf("%s: the stepped snapshot's index answers differently", body)
		}
	}
}
