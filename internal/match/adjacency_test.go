package match_test

import (
	"reflect"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/match"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/paulmach/orb"
)

// TestAdjacencyReuse: a write that changes no parcel's shape, zone or
// offer reuses the last adjacency; one that does gets a new one; either
// way it equals the adjacency built afresh for the new snapshot.
func TestAdjacencyReuse(t *testing.T) {
	s := generatedSnapshot(t, 3000, 7)
	ix := match.IndexOf(s)
	base := match.AdjacencyOf(ix)
	var onOffer *readmodel.Feature
	for _, f := range s.Published(catalog.Parcels) {
		if match.OnOffer(f.String("status")) {
			onOffer = f
			break
		}
	}
	if onOffer == nil {
		t.Fatal("no parcel on offer")
	}
	edit := func(change func(*catalog.Feature)) *catalog.Feature {
		c := onOffer.Stored()
		c.Props = maps(c.Props)
		change(c)
		return c
	}
	moved := func(g orb.Geometry) orb.Geometry {
		g = orb.Clone(g)
		shift := func(ring orb.Ring) {
			for i := range ring {
				ring[i][0] += 0.01
			}
		}
		switch g := g.(type) {
		case orb.Polygon:
			shift(g[0])
		case orb.MultiPolygon:
			shift(g[0][0])
		}
		return g
	}
	for _, c := range []struct {
		name  string
		f     *catalog.Feature
		reuse bool
	}{
		{"a fee", edit(func(f *catalog.Feature) { f.Props["management_fee_usd_m2_year"] = 0.93 }), true},
		{"leased", edit(func(f *catalog.Feature) { f.Props["status"] = "leased" }), false},
		{"moved", edit(func(f *catalog.Feature) { f.Geometry = moved(f.Geometry) }), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			next := s.Apply([]*catalog.Feature{c.f}, s.Revision+1, now)
			nix := match.IndexOf(next)
			got := match.AdjacencyOf(nix)
			if reused := got == base; reused != c.reuse {
				t.Errorf("reused %v, want %v", reused, c.reuse)
			}
			if !reflect.DeepEqual(got, match.NewAdjacency(nix)) {
				t.Error("the adjacency differs from one built afresh")
			}
			match.AdjacencyOf(ix) // the next case starts from base again
		})
	}
}

func maps(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
