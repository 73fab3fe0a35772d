package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/sites"
	"github.com/landcat/landcat/internal/testdb"
)

// TestShortlists stores a shortlist on both databases: it is found by its
// token (stored only as a hash), counts inquiries, shows in the officers'
// list without its token, and is gone once expired.
func TestShortlists(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			st := open(t, tc.URL(t))
			ctx := context.Background()
			now := time.Now().UTC().Truncate(time.Second)
			sl := sites.Shortlist{Token: "AAAAAAAAAAAAAAAAAAAAAAAA", Parcels: []string{"p-1", "p-2"},
				Match: json.RawMessage(`{"sector":"logistics"}`), Note: "Đình Vũ, ưu tiên cảng", CreatedAt: now, ExpiresAt: now.Add(sites.ShortlistTTL)}
			if err := st.CreateShortlist(ctx, sl); err != nil {
				t.Fatal(err)
			}
			got, err := st.Shortlist(ctx, sl.Token)
			if err != nil {
				t.Fatal(err)
			}
			if got.Note != sl.Note || len(got.Parcels) != 2 || got.Parcels[1] != "p-2" || !got.CreatedAt.Equal(now) {
				t.Errorf("read back %+v", got)
			}
			var m map[string]any
			if err := json.Unmarshal(got.Match, &m); err != nil || m["sector"] != "logistics" {
				t.Errorf("match %s: %v", got.Match, err)
			}
			if _, err := st.Shortlist(ctx, "BBBBBBBBBBBBBBBBBBBBBBBB"); catalog.KindOf(err) != catalog.KindNotFound {
				t.Errorf("unknown token: %v", err)
			}
			if err := st.ShortlistInquired(ctx, sl.Token); err != nil {
				t.Fatal(err)
			}
			list, err := st.Shortlists(ctx, true, 10)
			if err != nil || len(list) != 1 || list[0].Inquiries != 1 || list[0].Token != "" {
				t.Fatalf("officers' list: %+v %v", list, err)
			}
			old := sites.Shortlist{Token: "CCCCCCCCCCCCCCCCCCCCCCCC", Parcels: []string{"p-1"}, CreatedAt: now.Add(-200 * 24 * time.Hour),
				ExpiresAt: now.Add(-time.Hour)}
			if err := st.CreateShortlist(ctx, old); err != nil {
				t.Fatal(err)
			}
			if _, err := st.Shortlist(ctx, old.Token); catalog.KindOf(err) != catalog.KindNotFound {
				t.Errorf("expired shortlist: %v", err)
			}
			if list, _ := st.Shortlists(ctx, false, 10); len(list) != 1 {
				t.Errorf("%d live shortlists, want 1", len(list))
			}
		})
	}
}
