package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/store"
	"github.com/landcat/landcat/internal/testdb"
)

// zoneB is a second zone with a published parcel; the scope tests add a
// draft in it.
const zoneB = `{"type":"FeatureCollection","features":[
{"type":"Feature","id":"z-b","geometry":{"type":"Polygon","coordinates":[[[106.60,20.90],[106.66,20.90],[106.66,20.96],[106.60,20.96],[106.60,20.90]]]},
 "properties":{"collection":"zones","code":"Z-B","name_vi":"Khu B","name_en":"Zone B","kind":"industrial_park"}},
{"type":"Feature","id":"pb-1","geometry":{"type":"Polygon","coordinates":[[[106.61,20.91],[106.62,20.91],[106.62,20.92],[106.61,20.92],[106.61,20.91]]]},
 "properties":{"collection":"parcels","code":"PB-1","name_vi":"Lô B1","name_en":"Plot B1","zone_id":"z-b","status":"available","lease_price_usd_m2":80}}]}`

const draftB = `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[106.63,20.91],[106.64,20.91],[106.64,20.92],[106.63,20.92],[106.63,20.91]]]},
 "properties":{"code":"PB-D","name_vi":"Lô B nháp","name_en":"Draft B","zone_id":"z-b","status":"in_preparation","lease_price_usd_m2":70}}`

// keyed sends a request with an API key of the test's own.
func (e *env) keyed(t *testing.T, key, method, path, body string, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	return e.req(t, method, path, 0, body, append([]string{"Authorization", "Bearer " + key}, headers...)...)
}

func (e *env) issue(t *testing.T, name string, role catalog.Role, zones ...string) string {
	t.Helper()
	scope, err := catalog.NewScope(zones, nil)
	if err != nil {
		t.Fatal(err)
	}
	key, _, err := e.st.IssueAPIKey(context.Background(), store.KeySpec{Name: name, Role: role, Scope: scope})
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func TestScopes(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			e := newEnv(t, tc.URL(t), withFeatures(zoneB))
			boardB := e.issue(t, "board-b", catalog.RoleEditor, "z-b")
			w := e.keyed(t, boardB, "POST", "/collections/parcels/items", draftB)
			if w.Code != 201 {
				t.Fatalf("create in the scope: %d %s", w.Code, w.Body)
			}
			draftID := strings.TrimPrefix(w.Header().Get("Location"), "http://example.com/collections/parcels/items/")
			t.Run("Me", func(t *testing.T) { testMe(t, e, boardB) })
			t.Run("Reads", func(t *testing.T) { testScopedReads(t, e, boardB, draftID) })
			t.Run("Writes", func(t *testing.T) { testScopedWrites(t, e, boardB, draftID) })
			t.Run("Workflow", func(t *testing.T) { testScopedWorkflow(t, e, draftID) })
			t.Run("History", func(t *testing.T) { testHistory(t, e, boardB, draftID) })
			t.Run("Audit", func(t *testing.T) { testAuditAPI(t, e) })
			t.Run("KeyLife", func(t *testing.T) { testKeyLife(t, e) })
		})
	}
}

func testMe(t *testing.T, e *env, boardB string) {
	problemOf(t, e.req(t, "GET", "/me", 0, ""), 401)
	var me struct {
		Subject, Name, Role, Auth string
		Scope                     struct{ Zones, Sectors []string }
	}
	w := e.keyed(t, boardB, "GET", "/me", "")
	if err := json.Unmarshal(w.Body.Bytes(), &me); err != nil || w.Code != 200 {
		t.Fatalf("/me: %d %s", w.Code, w.Body)
	}
	if me.Name != "board-b" || me.Role != "editor" || me.Auth != "apikey" || !strings.HasPrefix(me.Subject, "apikey:") ||
		strings.Join(me.Scope.Zones, ",") != "z-b" || me.Scope.Sectors == nil || len(me.Scope.Sectors) != 0 {
		t.Errorf("/me: %+v", me)
	}
	if w := e.req(t, "GET", "/me", catalog.RolePublisher, ""); !strings.Contains(w.Body.String(), `"scope":{"zones":[],"sectors":[]}`) {
		t.Errorf("/me unscoped: %s", w.Body)
	}
}

func testScopedReads(t *testing.T, e *env, boardB, draftID string) {
	got := decodeFC(t, e.keyed(t, boardB, "GET", "/collections/parcels/items?publication=draft", ""))
	if ids(got) != draftID {
		t.Errorf("board B's drafts: %s, want only %s", ids(got), draftID)
	}
	got = decodeFC(t, e.keyed(t, boardB, "GET", "/collections/parcels/items?publication=draft,published", ""))
	if got.NumberMatched != 5 {
		t.Errorf("published parcels are everyone's, drafts only in the scope: %s", ids(got))
	}
	if got := decodeFC(t, e.req(t, "GET", "/collections/parcels/items?publication=draft", catalog.RoleViewer, "")); ids(got) != draftID+",p-draft" && ids(got) != "p-draft,"+draftID {
		t.Errorf("unscoped viewer's drafts: %s", ids(got))
	}
	problemOf(t, e.keyed(t, boardB, "GET", "/collections/parcels/items/p-draft", ""), 404)
	if w := e.keyed(t, boardB, "GET", "/collections/parcels/items/"+draftID, ""); w.Code != 200 {
		t.Errorf("own draft: %d", w.Code)
	}
	if w := e.keyed(t, boardB, "GET", "/collections/parcels/items/p-1", ""); w.Code != 200 {
		t.Errorf("a published parcel elsewhere is public: %d", w.Code)
	}
}

func testScopedWrites(t *testing.T, e *env, boardB, draftID string) {
	patch := func(path, body string) *httptest.ResponseRecorder {
		return e.keyed(t, boardB, "PATCH", path, body, "Content-Type", "application/merge-patch+json", "If-Match", "*")
	}
	problemOf(t, patch("/collections/parcels/items/p-draft", `{"properties":{"lease_price_usd_m2":1}}`), 404)
	problemOf(t, patch("/collections/parcels/items/p-1", `{"properties":{"lease_price_usd_m2":1}}`), 403)
	problemOf(t, patch("/collections/infrastructure/items/sub", `{"properties":{"voltage_kv":110}}`), 403)
	problemOf(t, patch("/collections/zones/items/z-a", `{"properties":{"water_m3_day":1}}`), 403)
	p := problemOf(t, patch("/collections/parcels/items/"+draftID, `{"properties":{"zone_id":"z-a"}}`), 403)
	if !strings.Contains(p["detail"].(string), "outside your scope (zones z-b)") {
		t.Errorf("moving a parcel out of the scope: %v", p["detail"])
	}
	if w := patch("/collections/parcels/items/"+draftID, `{"properties":{"lease_price_usd_m2":75}}`); w.Code != 200 {
		t.Errorf("edit in the scope: %d %s", w.Code, w.Body)
	}
	if w := patch("/collections/zones/items/z-b", `{"properties":{"water_m3_day":900}}`); w.Code != 200 {
		t.Errorf("edit the own zone: %d %s", w.Code, w.Body)
	}
	elsewhere := strings.Replace(strings.Replace(draftB, `"zone_id":"z-b"`, `"zone_id":"z-a"`, 1), "PB-D", "PA-X", 1)
	problemOf(t, e.keyed(t, boardB, "POST", "/collections/parcels/items", elsewhere), 403)
	problemOf(t, e.keyed(t, boardB, "DELETE", "/collections/parcels/items/p-draft", "", "If-Match", "*"), 404)
}

func testScopedWorkflow(t *testing.T, e *env, draftID string) {
	pubB := e.issue(t, "publisher-b", catalog.RolePublisher, "z-b")
	pub := func(id, state string) *httptest.ResponseRecorder {
		return e.keyed(t, pubB, "POST", "/collections/parcels/items/"+id+"/publication", `{"state":"`+state+`"}`, "Content-Type", "application/json")
	}
	problemOf(t, pub("p-draft", "published"), 404)
	problemOf(t, pub("p-2", "archived"), 403)
	if w := pub(draftID, "in_review"); w.Code != 200 {
		t.Errorf("review in the scope: %d %s", w.Code, w.Body)
	}
}

func testKeyLife(t *testing.T, e *env) {
	key := e.issue(t, "short-lived", catalog.RoleViewer)
	db, _ := e.st.SQLDB()
	ph := "?"
	if e.st.Dialect() == "postgres" {
		ph = "$1"
	}
	if _, err := db.Exec("UPDATE api_keys SET expires_at = "+ph+" WHERE name = 'short-lived'", time.Now().Add(-time.Minute).UTC()); err != nil {
		t.Fatal(err)
	}
	p := problemOf(t, e.keyed(t, key, "GET", "/me", ""), 401)
	if !strings.Contains(p["detail"].(string), "expired") {
		t.Errorf("expired key: %v", p["detail"])
	}
	other := e.issue(t, "revoked", catalog.RoleViewer)
	keys, _ := e.st.ListAPIKeys(context.Background())
	if err := e.st.RevokeAPIKey(context.Background(), keys[len(keys)-1].ID); err != nil {
		t.Fatal(err)
	}
	problemOf(t, e.keyed(t, other, "GET", "/me", ""), 401)
}
