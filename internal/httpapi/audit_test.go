package httpapi_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
)

type auditPage struct {
	Entries []struct {
		ID      int64
		At      string
		Actor   struct{ Name, Subject, Role, Auth string }
		Action  string
		Feature string `json:"feature_id"`
		Version int64
		Changes []struct {
			Op, Path string
			Value    json.RawMessage
		}
	}
	NumberReturned int
	Links          []struct{ Href, Rel string }
}

func decodeAudit(t *testing.T, w *httptest.ResponseRecorder) auditPage {
	t.Helper()
	var p auditPage
	if w.Code != 200 || json.Unmarshal(w.Body.Bytes(), &p) != nil {
		t.Fatalf("audit page: %d %s", w.Code, w.Body)
	}
	return p
}

func (p auditPage) summary() string {
	var out []string
	for _, e := range p.Entries {
		out = append(out, e.Feature+"/"+e.Action)
	}
	return strings.Join(out, " ")
}

func (p auditPage) next() string {
	for _, l := range p.Links {
		if l.Rel == "next" {
			return strings.TrimPrefix(l.Href, "http://example.com")
		}
	}
	return ""
}

func testHistory(t *testing.T, e *env, boardB, draftID string) {
	path := "/collections/parcels/items/" + draftID + "/history"
	h := decodeAudit(t, e.keyed(t, boardB, "GET", path, ""))
	if h.summary() != draftID+"/publication "+draftID+"/patch "+draftID+"/create" {
		t.Fatalf("history: %s", h.summary())
	}
	patch := h.Entries[1]
	if patch.Version != 2 || patch.Actor.Name != "board-b" || patch.Actor.Auth != "apikey" || len(patch.Changes) != 1 ||
		patch.Changes[0].Path != "/properties/lease_price_usd_m2" || string(patch.Changes[0].Value) != "75" {
		t.Errorf("the patch entry: %+v", patch)
	}
	problemOf(t, e.keyed(t, boardB, "GET", "/collections/parcels/items/p-draft/history", ""), 404)
	problemOf(t, e.keyed(t, boardB, "GET", "/collections/parcels/items/p-1/history", ""), 403)
	problemOf(t, e.req(t, "GET", "/collections/parcels/items/p-1/history", 0, ""), 401)
	problemOf(t, e.req(t, "GET", path+"?limit=0", catalog.RoleViewer, ""), 400)
	if p := decodeAudit(t, e.req(t, "GET", path+"?limit=1", catalog.RoleViewer, "")); p.NumberReturned != 1 || p.next() == "" {
		t.Errorf("history page of 1: %+v", p)
	}

	// Restore version 1: an ordinary edit with If-Match.
	restore := "/collections/parcels/items/" + draftID + "/history/1/restore"
	problemOf(t, e.keyed(t, boardB, "POST", restore, ""), 428)
	problemOf(t, e.keyed(t, boardB, "POST", restore, "", "If-Match", `"v1-0"`), 412)
	problemOf(t, e.keyed(t, boardB, "POST", "/collections/parcels/items/"+draftID+"/history/9/restore", "", "If-Match", "*"), 404)
	problemOf(t, e.keyed(t, boardB, "POST", "/collections/parcels/items/p-draft/history/1/restore", "", "If-Match", "*"), 404)
	tag := e.keyed(t, boardB, "GET", "/collections/parcels/items/"+draftID, "").Header().Get("ETag")
	w := e.keyed(t, boardB, "POST", restore, "", "If-Match", tag)
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"lease_price_usd_m2":70`) || !strings.Contains(w.Body.String(), `"publication":"in_review"`) {
		t.Fatalf("restore: %d %s", w.Code, w.Body)
	}
	h = decodeAudit(t, e.keyed(t, boardB, "GET", path+"?limit=1", ""))
	if h.Entries[0].Action != "restore" || h.Entries[0].Version != 4 || string(h.Entries[0].Changes[0].Value) != "70" {
		t.Errorf("restore entry: %+v", h.Entries[0])
	}
}

func testAuditAPI(t *testing.T, e *env) {
	problemOf(t, e.req(t, "GET", "/audit", 0, ""), 401)
	problemOf(t, e.req(t, "GET", "/audit", catalog.RoleEditor, ""), 403)
	for _, q := range []string{"collection=roads", "limit=-1", "cursor=x", "datetime=yesterday", "colour=red"} {
		problemOf(t, e.req(t, "GET", "/audit?"+q, catalog.RolePublisher, ""), 400)
	}
	all := decodeAudit(t, e.req(t, "GET", "/audit?limit=1000", catalog.RolePublisher, ""))
	if all.NumberReturned < 15 || all.Entries[0].Action != "restore" || all.next() != "" {
		t.Fatalf("the whole log: %d entries, first %+v", all.NumberReturned, all.Entries[0])
	}
	// Paging by cursor covers the log exactly once.
	seen, next := 0, "/audit?limit=4&collection=parcels"
	var last int64 = 1 << 62
	for next != "" {
		p := decodeAudit(t, e.req(t, "GET", next, catalog.RolePublisher, ""))
		for _, en := range p.Entries {
			if en.ID >= last {
				t.Fatalf("not newest first: %d after %d", en.ID, last)
			}
			last = en.ID
		}
		seen += p.NumberReturned
		next = p.next()
	}
	parcels := decodeAudit(t, e.req(t, "GET", "/audit?collection=parcels&limit=1000", catalog.RolePublisher, ""))
	if seen != parcels.NumberReturned {
		t.Errorf("paged %d entries, one page holds %d", seen, parcels.NumberReturned)
	}
	byB := decodeAudit(t, e.req(t, "GET", "/audit?actor=board-b&action=patch", catalog.RolePublisher, ""))
	if byB.NumberReturned != 2 || byB.Entries[0].Feature != "z-b" {
		t.Errorf("board B's patches: %s", byB.summary())
	}
	if p := decodeAudit(t, e.req(t, "GET", "/audit?datetime=2000-01-01/2000-12-31", catalog.RolePublisher, "")); p.NumberReturned != 0 {
		t.Errorf("entries in 2000: %d", p.NumberReturned)
	}
	if p := decodeAudit(t, e.req(t, "GET", "/audit?datetime=2000-01-01/..&feature=p-1", catalog.RolePublisher, "")); p.summary() != "p-1/import" {
		t.Errorf("p-1 since 2000: %s", p.summary())
	}
	// A scoped publisher reads its scope's entries only.
	pubB := e.issue(t, "auditor-b", catalog.RolePublisher, "z-b")
	mine := decodeAudit(t, e.keyed(t, pubB, "GET", "/audit?limit=1000", ""))
	for _, en := range mine.Entries {
		if en.Feature != "z-b" && en.Feature != "pb-1" && !strings.HasPrefix(en.Feature, "parcel-") {
			t.Errorf("board B's publisher reads %s/%s", en.Feature, en.Action)
		}
	}
	if mine.NumberReturned != 7 {
		t.Errorf("board B's entries: %s", mine.summary())
	}
}
