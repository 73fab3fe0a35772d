package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/httpapi"
	"github.com/landcat/landcat/internal/ratelimit"
	"github.com/landcat/landcat/internal/testdb"
)

type shortlistBody struct {
	Token   string   `json:"token"`
	Parcels []string `json:"parcels"`
	Sites   []struct {
		ID        string `json:"id"`
		Published bool   `json:"published"`
		Code      string `json:"code"`
	} `json:"sites"`
	Match json.RawMessage                    `json:"match"`
	Note  string                             `json:"note"`
	Links []struct{ Href, Rel, Type string } `json:"links"`
}

// TestShortlists makes a shortlist and reads it back through its link on
// both databases: 201 with Location and a 144-bit token, the parcels,
// match request and note, links to the map, the comparison and the fact
// sheet; an unpublished parcel later shows as such; officers see it
// without its link; bad bodies are refused naming the field.
func TestShortlists(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			e := newEnv(t, tc.URL(t))
			body := `{"parcels":["p-1","p-3"],"match":{"sector":"logistics","requirements":{"min_area_ha":1}},"note":"Gần cảng"}`
			w := e.req(t, "POST", "/shortlists", 0, body, "Content-Type", "application/json")
			if w.Code != http.StatusCreated {
				t.Fatalf("%d %s", w.Code, w.Body)
			}
			var sl shortlistBody
			if err := json.Unmarshal(w.Body.Bytes(), &sl); err != nil {
				t.Fatal(err)
			}
			if !regexp.MustCompile(`^[A-Za-z0-9_-]{24}$`).MatchString(sl.Token) || w.Header().Get("Location") != "/shortlists/"+sl.Token {
				t.Fatalf("token %q, Location %q", sl.Token, w.Header().Get("Location"))
			}
			r := e.req(t, "GET", "/shortlists/"+sl.Token+"?lang=en", 0, "")
			var got shortlistBody
			if err := json.Unmarshal(r.Body.Bytes(), &got); err != nil || r.Code != 200 {
				t.Fatalf("%d %v %s", r.Code, err, r.Body)
			}
			if got.Note != "Gần cảng" || len(got.Sites) != 2 || !got.Sites[1].Published || got.Sites[1].Code != "P-3" ||
				!strings.Contains(string(got.Match), `"logistics"`) || r.Header().Get("Cache-Control") != "private, no-cache" {
				t.Errorf("read back %+v %v", got, r.Header())
			}
			rels := map[string]string{}
			for _, l := range got.Links {
				rels[l.Rel+" "+l.Type] = l.Href
			}
			if !strings.HasSuffix(rels["map text/html"], "/map#shortlist="+sl.Token+"&lang=en") ||
				!strings.Contains(rels["compare application/json"], "/compare?ids=p-1%2Cp-3") ||
				!strings.Contains(rels["factsheet application/pdf"], "/shortlists/"+sl.Token+"/factsheet?f=pdf") {
				t.Errorf("links %v", rels)
			}
			list := e.req(t, "GET", "/shortlists", catalog.RoleEditor, "")
			if list.Code != 200 || strings.Contains(list.Body.String(), sl.Token) || strings.Contains(list.Body.String(), "Gần cảng") {
				t.Errorf("officers' list: %d %s", list.Code, list.Body)
			}
			problemOf(t, e.req(t, "GET", "/shortlists", 0, ""), 401)

			// An investor's inquiry with the shortlist attached counts on
			// it: officers see which shared shortlists brought inquiries.
			if l := e.req(t, "GET", "/shortlists?inquired=true", catalog.RoleEditor, ""); strings.Contains(l.Body.String(), `"inquiries":1`) {
				t.Fatalf("inquired before any inquiry: %s", l.Body)
			}
			inq := strings.Replace(inquiry(e.form(t), "minjun@hanbit.example", `[]`), `"parcels":[]`, `"shortlist":"`+sl.Token+`"`, 1)
			jsonOf(t, e.pj(t, "POST", "/inquiries", 0, inq), 201)
			if l := e.req(t, "GET", "/shortlists?inquired=true", catalog.RoleEditor, ""); !strings.Contains(l.Body.String(), `"inquiries":1`) {
				t.Errorf("the inquiry did not count on its shortlist: %s", l.Body)
			}
			problemOf(t, e.req(t, "GET", "/shortlists/"+strings.Repeat("A", 24), 0, ""), 404)
			problemOf(t, e.req(t, "GET", "/shortlists/short", 0, ""), 404)

			// Unpublish p-3: the shortlist says so.
			etag := e.req(t, "GET", "/collections/parcels/items/p-3", catalog.RolePublisher, "").Header().Get("ETag")
			if w := e.req(t, "POST", "/collections/parcels/items/p-3/publication", catalog.RolePublisher, `{"state":"draft"}`,
				"Content-Type", "application/json", "If-Match", etag); w.Code != 200 {
				t.Fatalf("unpublish: %d %s", w.Code, w.Body)
			}
			var after shortlistBody
			if err := json.Unmarshal(e.req(t, "GET", "/shortlists/"+sl.Token, 0, "").Body.Bytes(), &after); err != nil {
				t.Fatal(err)
			}
			if after.Sites[1].Published || after.Sites[1].Code != "" {
				t.Errorf("unpublished parcel shown as %+v", after.Sites[1])
			}

			for name, bad := range map[string]string{
				"/parcels":   `{"parcels":[]}`,
				"/parcels/1": `{"parcels":["p-1","p-1"]}`,
				"/parcels/0": `{"parcels":["p-draft"]}`,
				"/note":      fmt.Sprintf(`{"parcels":["p-1"],"note":%q}`, strings.Repeat("x", 1001)),
				"/match":     `{"parcels":["p-1"],"match":{"sector":"mining"}}`,
			} {
				p := problemOf(t, e.req(t, "POST", "/shortlists", 0, bad, "Content-Type", "application/json"), 400)
				if !strings.Contains(fmt.Sprint(p["errors"]), name) {
					t.Errorf("%s: %v", bad[:min(len(bad), 60)], p["errors"])
				}
			}
			problemOf(t, e.req(t, "POST", "/shortlists", 0, `{"parcels":["p-1"],"who":"me"}`, "Content-Type", "application/json"), 400)
			problemOf(t, e.req(t, "POST", "/shortlists", 0, body, "Content-Type", "text/plain"), 415)
		})
	}
}

// TestShortlistRateLimit: anonymous shortlists spend the public_write budget.
func TestShortlistRateLimit(t *testing.T) {
	e := newEnv(t, testdb.SQLite(t), withDeps(func(d *httpapi.Deps) {
		d.Limits = httpapi.Limits{PublicWrite: ratelimit.Rate{Every: 1e12, Burst: 2}, Match: ratelimit.Rate{Every: 1, Burst: 100},
			AuthFailure: ratelimit.Rate{Every: 1, Burst: 100}, KeyFactor: 10}
	}))
	for i := 0; i < 2; i++ {
		if w := e.req(t, "POST", "/shortlists", 0, `{"parcels":["p-1"]}`, "Content-Type", "application/json"); w.Code != 201 {
			t.Fatalf("shortlist %d: %d", i, w.Code)
		}
	}
	w := e.req(t, "POST", "/shortlists", 0, `{"parcels":["p-1"]}`, "Content-Type", "application/json")
	problemOf(t, w, 429)
	if w.Header().Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
}
