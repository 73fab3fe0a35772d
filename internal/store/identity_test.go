package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/store"
	"github.com/landcat/landcat/internal/testdb"
)

func TestAPIKeys(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			st := open(t, tc.URL(t))
			ctx := context.Background()
			scope, _ := catalog.NewScope([]string{"z-b", "z-a"}, []string{"logistics"})
			key, id, err := st.IssueAPIKey(ctx, store.KeySpec{Name: "board-a", Role: catalog.RoleEditor, Scope: scope, Expires: time.Now().Add(48 * time.Hour)})
			if err != nil || !strings.HasPrefix(key, store.KeyPrefix) {
				t.Fatalf("issue: %q %v", key, err)
			}
			a, err := st.Authenticate(ctx, key)
			if err != nil || a.Name != "board-a" || a.Role != catalog.RoleEditor || a.Method != "apikey" ||
				a.Subject != "apikey:"+strconv.FormatInt(id, 10) || a.Scope.String() != "zones z-a, z-b; sectors logistics" || a.Expires.IsZero() {
				t.Fatalf("authenticate: %+v %v", a, err)
			}
			used := lastUsed(t, st, id)
			if used == nil {
				t.Fatal("last_used_at not recorded")
			}
			if _, err := st.Authenticate(ctx, key); err != nil || !lastUsed(t, st, id).Equal(*used) {
				t.Errorf("last_used_at written again within a minute: %v → %v", used, lastUsed(t, st, id))
			}
			if _, _, err := st.IssueAPIKey(ctx, store.KeySpec{Name: "x", Role: catalog.RoleViewer, Expires: time.Now().Add(-time.Hour)}); catalog.KindOf(err) != catalog.KindInvalid {
				t.Errorf("expiry in the past: %v", err)
			}

			// Rotation with a grace period: both work until the grace ends.
			newKey, newID, err := st.RotateAPIKey(ctx, id, time.Hour)
			if err != nil || newID == id {
				t.Fatal(err)
			}
			if b, err := st.Authenticate(ctx, newKey); err != nil || b.Scope.String() != a.Scope.String() || b.Name != a.Name || !b.Expires.Equal(a.Expires) {
				t.Errorf("rotated key: %+v %v", b, err)
			}
			if old, err := st.Authenticate(ctx, key); err != nil || !old.Expires.Before(a.Expires) {
				t.Errorf("old key in its grace period: %+v %v", old, err)
			}
			// Rotation without grace revokes the old key at once.
			third, _, err := st.RotateAPIKey(ctx, newID, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.Authenticate(ctx, newKey); catalog.KindOf(err) != catalog.KindUnauthenticated {
				t.Errorf("key rotated without grace still works: %v", err)
			}
			if _, _, err := st.RotateAPIKey(ctx, newID, 0); catalog.KindOf(err) != catalog.KindConflict {
				t.Errorf("rotating a revoked key: %v", err)
			}
			if err := st.RevokeAPIKey(ctx, 9999); catalog.KindOf(err) != catalog.KindNotFound {
				t.Errorf("revoke unknown: %v", err)
			}
			keys, err := st.ListAPIKeys(ctx)
			if err != nil || len(keys) != 3 || keys[0].ReplacedBy == nil || *keys[0].ReplacedBy != newID || keys[1].RevokedAt == nil {
				t.Fatalf("list: %+v %v", keys, err)
			}
			if err := st.RevokeAPIKey(ctx, keys[2].ID); err != nil {
				t.Fatal(err)
			}
			if _, err := st.Authenticate(ctx, third); catalog.KindOf(err) != catalog.KindUnauthenticated {
				t.Errorf("revoked key: %v", err)
			}
		})
	}
}

func lastUsed(t *testing.T, st *store.Store, id int64) *time.Time {
	t.Helper()
	keys, err := st.ListAPIKeys(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if k.ID == id {
			return k.LastUsedAt
		}
	}
	t.Fatalf("no key %d", id)
	return nil
}

func TestAuditTrail(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			st := open(t, tc.URL(t))
			ctx := context.Background()
			svc := &catalog.Service{Store: st, Trail: st}
			admin := catalog.Actor{Name: "loader", Role: catalog.RoleAdmin}
			fc := `{"type":"FeatureCollection","features":[` + zoneJSON("z-a") + "," + zoneJSON("z-b") + "]}"
			if _, err := svc.Import(ctx, admin, strings.NewReader(fc), catalog.ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			scopeA, _ := catalog.NewScope([]string{"z-a"}, nil)
			boardA := catalog.Actor{Subject: "oidc:a1", Name: "Lan", Role: catalog.RolePublisher, Scope: scopeA, Method: "oidc"}
			mid := time.Now()
			pa, err := svc.Create(ctx, boardA, decode(t, catalog.Parcels, parcelJSON("pa", "z-a", 100)))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Create(ctx, boardA, decode(t, catalog.Parcels, parcelJSON("pb", "z-b", 100))); catalog.KindOf(err) != catalog.KindForbidden {
				t.Fatalf("create outside the scope: %v", err)
			}
			pb, err := svc.Create(ctx, admin, decode(t, catalog.Parcels, parcelJSON("pb", "z-b", 90)))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Patch(ctx, boardA, catalog.Parcels, "pb", []byte(`{"properties":{"lease_price_usd_m2":1}}`), catalog.Precondition{Present: true, Version: pb.Version}); catalog.KindOf(err) != catalog.KindNotFound {
				t.Fatalf("patch a draft outside the scope: %v (want 404)", err)
			}
			if _, err := svc.Patch(ctx, boardA, catalog.Parcels, "pa", []byte(`{"properties":{"lease_price_usd_m2":120,"water_m3_day":500}}`), catalog.Precondition{Present: true, Version: pa.Version}); err != nil {
				t.Fatal(err)
			}
			// Moving a parcel out of the scope is refused too.
			if _, err := svc.Patch(ctx, boardA, catalog.Parcels, "pa", []byte(`{"properties":{"zone_id":"z-b"}}`), catalog.Precondition{Present: true, Any: true}); catalog.KindOf(err) != catalog.KindForbidden {
				t.Fatalf("moving a parcel out of the scope: %v", err)
			}

			all, err := svc.Audit(ctx, admin, catalog.AuditQuery{Limit: 100})
			if err != nil || len(all) != 5 || all[0].FeatureID != "pa" || all[0].Version != 2 || all[4].Collection != catalog.Zones {
				t.Fatalf("whole trail: %v %v", summary(all), err)
			}
			mine, _ := svc.Audit(ctx, boardA, catalog.AuditQuery{Limit: 100})
			if got := summary(mine); got != "pa/2 pa/1 z-a/1" {
				t.Errorf("board A's trail: %s", got)
			}
			if got, _ := svc.Audit(ctx, admin, catalog.AuditQuery{Actor: "oidc:a1", Limit: 100}); summary(got) != "pa/2 pa/1" || got[0].Actor.Auth != "oidc" {
				t.Errorf("by subject: %s", summary(got))
			}
			if got, _ := svc.Audit(ctx, admin, catalog.AuditQuery{Actor: "loader", Action: "create", Limit: 100}); summary(got) != "pb/1" {
				t.Errorf("by name and action: %s", summary(got))
			}
			page1, _ := svc.Audit(ctx, admin, catalog.AuditQuery{Limit: 2})
			page2, _ := svc.Audit(ctx, admin, catalog.AuditQuery{Limit: 2, Before: page1[1].ID})
			if summary(page1)+" "+summary(page2) != summary(all[:4]) {
				t.Errorf("cursor: %s then %s", summary(page1), summary(page2))
			}
			if got, _ := svc.Audit(ctx, admin, catalog.AuditQuery{From: mid, Limit: 100}); summary(got) != "pa/2 pb/1 pa/1" {
				t.Errorf("since %v: %s", mid, summary(got))
			}
			if got, _ := svc.Audit(ctx, admin, catalog.AuditQuery{To: mid, Collection: catalog.Zones, Limit: 100}); summary(got) != "z-b/1 z-a/1" {
				t.Errorf("until: %s", summary(got))
			}
			if _, err := svc.Audit(ctx, catalog.Actor{Name: "e", Role: catalog.RoleEditor}, catalog.AuditQuery{Limit: 1}); catalog.KindOf(err) != catalog.KindForbidden {
				t.Errorf("editor reading the audit log: %v", err)
			}
			ops, err := catalog.Changes(all[0].Before, all[0].After)
			if err != nil || len(ops) != 2 || ops[0].Path != "/properties/lease_price_usd_m2" || string(ops[0].Value) != "120" || ops[1].Op != "add" {
				t.Errorf("changes: %+v %v", ops, err)
			}
		})
	}
}

func summary(es []catalog.AuditEntry) string {
	var out []string
	for _, e := range es {
		out = append(out, e.FeatureID+"/"+strconv.FormatInt(e.Version, 10))
	}
	return strings.Join(out, " ")
}
