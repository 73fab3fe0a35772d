package catalog_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
)

// checkAccepted asserts what an accepted feature promises: its geometry is
// valid, and its document decodes again to the same feature.
func checkAccepted(t *testing.T, f *catalog.Feature) {
	t.Helper()
	if issues := geo.Validate(f.Geometry); len(issues) > 0 {
		t.Fatalf("accepted geometry fails Validate: %+v\n%v", issues, f.Geometry)
	}
	b, err := json.Marshal(f.Document())
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	g, err := catalog.DecodeFeature(f.Collection, b)
	if err != nil {
		t.Fatalf("the document of an accepted feature is refused: %v\n%s", err, b)
	}
	if g.ID != f.ID || !orb.Equal(g.Geometry, f.Geometry) || !reflect.DeepEqual(g.Props, f.Props) {
		t.Fatalf("decoded again differently:\n%+v\n%+v\n%s", f, g, b)
	}
}

// FuzzDecodeFeature feeds arbitrary bodies to DecodeFeature for every
// collection: it must never panic, and what it accepts must be valid and
// survive a round trip through its own document.
func FuzzDecodeFeature(f *testing.F) {
	f.Add([]byte(parcel("")))
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, c := range catalog.Collections {
			feat, err := catalog.DecodeFeature(c, body)
			if err != nil {
				if catalog.KindOf(err) == catalog.KindInternal {
					t.Fatalf("%s: an input error must have a kind: %v", c, err)
				}
				continue
			}
			checkAccepted(t, feat)
		}
	})
}

// FuzzMergePatch applies arbitrary merge patches to a valid parcel: never a
// panic, the current feature is never modified, and an accepted result
// keeps its id and round-trips.
func FuzzMergePatch(f *testing.F) {
	f.Add([]byte(`{"properties":{"fibre_carriers":2}}`))
	base := []byte(parcel(`,"sectors":["logistics"],"water_m3_day":100`))
	f.Fuzz(func(t *testing.T, patch []byte) {
		cur, err := catalog.DecodeFeature(catalog.Parcels, base)
		if err != nil {
			t.Fatal(err)
		}
		before := cur.Clone()
		next, err := catalog.MergePatch(cur, patch)
		if !reflect.DeepEqual(cur.Props, before.Props) || !orb.Equal(cur.Geometry, before.Geometry) {
			t.Fatal("MergePatch modified the current feature")
		}
		if err != nil {
			if catalog.KindOf(err) == catalog.KindInternal {
				t.Fatalf("an input error must have a kind: %v", err)
			}
			return
		}
		if next.ID != cur.ID {
			t.Fatalf("id changed from %q to %q", cur.ID, next.ID)
		}
		checkAccepted(t, next)
	})
}
