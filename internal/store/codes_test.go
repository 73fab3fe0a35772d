package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/testdb"
)

// parcelWithCode is parcelJSON with a code of its own.
func parcelWithCode(id, zone, code string) string {
	return strings.Replace(parcelJSON(id, zone, 100), `"code":"`+strings.ToUpper(id)+`"`, `"code":"`+code+`"`, 1)
}

func TestParcelCodesUniqueInZone(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			ctx := context.Background()
			st := open(t, tc.URL(t))
			svc := &catalog.Service{Store: st}
			admin := catalog.Actor{Name: "admin", Role: catalog.RoleAdmin}
			for _, z := range []string{"z-1", "z-2"} {
				if _, err := svc.Create(ctx, editor, decode(t, catalog.Zones, zoneJSON(z))); err != nil {
					t.Fatal(err)
				}
			}
			create := func(id, zone, code string) error {
				_, err := svc.Create(ctx, editor, decode(t, catalog.Parcels, parcelWithCode(id, zone, code)))
				return err
			}
			if err := create("p-1", "z-1", "HP-DC2-01"); err != nil {
				t.Fatal(err)
			}
			rev, _ := st.Revision(ctx)
			err := create("p-2", "z-1", "HP-DC2-01")
			var ce *catalog.Error
			if !asError(err, &ce) || ce.Kind != catalog.KindConflict || len(ce.Problems) != 1 || ce.Problems[0].Pointer != "/properties/code" ||
				!strings.Contains(ce.Message, "p-1") || !strings.Contains(ce.Message, "HP-DC2-01") {
				t.Fatalf("a second HP-DC2-01 in z-1: %v", err)
			}
			if after, _ := st.Revision(ctx); after != rev {
				t.Errorf("the refused write changed the revision %d → %d", rev, after)
			}
			if err := create("p-3", "z-2", "HP-DC2-01"); err != nil {
				t.Errorf("the same code in another zone: %v", err)
			}
			// One import with the code twice is refused whole.
			batch := `{"type":"FeatureCollection","features":[` + parcelWithCode("p-4", "z-1", "X-1") + `,` + parcelWithCode("p-5", "z-1", "X-1") + `]}`
			if _, err := svc.Import(ctx, admin, strings.NewReader(batch), catalog.ImportOptions{Collection: catalog.Parcels}); catalog.KindOf(err) != catalog.KindConflict {
				t.Errorf("duplicate codes in one import: %v", err)
			}
			if _, err := st.Get(ctx, catalog.Parcels, "p-4"); catalog.KindOf(err) != catalog.KindNotFound {
				t.Errorf("the refused import stored p-4: %v", err)
			}
			// A dry run meets the same check, and a clean one stores nothing.
			dup := `{"type":"FeatureCollection","features":[` + parcelWithCode("p-8", "z-1", "HP-DC2-01") + `]}`
			if _, err := svc.Import(ctx, admin, strings.NewReader(dup), catalog.ImportOptions{Collection: catalog.Parcels, DryRun: true}); catalog.KindOf(err) != catalog.KindConflict {
				t.Errorf("a dry run with a taken code: %v", err)
			}
			before, _ := st.Revision(ctx)
			clean := `{"type":"FeatureCollection","features":[` + parcelWithCode("p-9", "z-1", "Z-9") + `]}`
			if rep, err := svc.Import(ctx, admin, strings.NewReader(clean), catalog.ImportOptions{Collection: catalog.Parcels, DryRun: true}); err != nil || rep.Created[catalog.Parcels] != 1 {
				t.Errorf("a clean dry run: %v %+v", err, rep)
			}
			if after, _ := st.Revision(ctx); after != before {
				t.Errorf("a dry run moved the revision %d → %d", before, after)
			}
			if _, err := st.Get(ctx, catalog.Parcels, "p-9"); catalog.KindOf(err) != catalog.KindNotFound {
				t.Errorf("a dry run stored p-9: %v", err)
			}
			// Swapping two codes takes two writes (the index checks row by
			// row); one import that tries is refused, naming the holder.
			if err := create("p-6", "z-1", "Y-1"); err != nil {
				t.Fatal(err)
			}
			swap := `{"type":"FeatureCollection","features":[` + parcelWithCode("p-1", "z-1", "Y-1") + `,` + parcelWithCode("p-6", "z-1", "HP-DC2-01") + `]}`
			if _, err := svc.Import(ctx, admin, strings.NewReader(swap), catalog.ImportOptions{Collection: catalog.Parcels}); catalog.KindOf(err) != catalog.KindConflict ||
				!strings.Contains(err.Error(), "by parcel p-") {
				t.Errorf("swapping codes in one import: %v", err)
			}
			// Archiving frees the code.
			p1, _ := st.Get(ctx, catalog.Parcels, "p-1")
			if _, err := svc.SetPublication(ctx, admin, catalog.Parcels, "p-1", catalog.Archived, catalog.Precondition{Present: true, Version: p1.Version}); err != nil {
				t.Fatal(err)
			}
			if err := create("p-7", "z-1", "HP-DC2-01"); err != nil {
				t.Errorf("the code of an archived parcel: %v", err)
			}
		})
	}
}

func asError(err error, target **catalog.Error) bool {
	ce, ok := err.(*catalog.Error)
	if ok {
		*target = ce
	}
	return ok
}
