package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/testdb"
)

// TestLoadEach: a cold start's batches hold the same features as Load,
// collection by collection and by id within each.
func TestLoadEach(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			ctx := context.Background()
			st := open(t, tc.URL(t))
			svc := &catalog.Service{Store: st}
			admin := catalog.Actor{Name: "admin", Role: catalog.RoleAdmin}
			var b strings.Builder
			b.WriteString(`{"type":"FeatureCollection","features":[` + zoneJSON("z-1"))
			for i := 9000; i > 0; i-- { // more than one batch, written out of order
				fmt.Fprintf(&b, ",%s", parcelWithCode(fmt.Sprintf("p-%05d", i), "z-1", fmt.Sprintf("C-%d", i)))
			}
			b.WriteString("]}")
			if _, err := svc.Import(ctx, admin, strings.NewReader(b.String()), catalog.ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			all, rev, err := st.Load(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			var got []*catalog.Feature
			batches := 0
			rev2, err := st.LoadEach(ctx, 0, func(fs []*catalog.Feature) error { got = append(got, fs...); batches++; return nil })
			if err != nil || rev2 != rev {
				t.Fatalf("LoadEach: revision %d (Load %d), %v", rev2, rev, err)
			}
			if len(got) != len(all) || batches < 3 {
				t.Fatalf("%d features in %d batches, Load has %d", len(got), batches, len(all))
			}
			for i := range got {
				if got[i].ID != all[i].ID || got[i].Collection != all[i].Collection || got[i].String("code") != all[i].String("code") {
					t.Fatalf("feature %d: %s/%s, Load has %s/%s", i, got[i].Collection, got[i].ID, all[i].Collection, all[i].ID)
				}
			}
		})
	}
}
