package httpapi_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/testdb"
)

type comparison struct {
	Lang  string `json:"lang"`
	Sites []struct {
		ID, Code, Zone string
	} `json:"sites"`
	Rows []struct {
		Property string   `json:"property"`
		Label    string   `json:"label"`
		Better   string   `json:"better"`
		Values   []any    `json:"values"`
		Best     []int    `json:"best"`
		Nearest  []string `json:"nearest"`
	} `json:"rows"`
	Links []struct{ Href, Rel, Type string } `json:"links"`
}

// TestCompare puts fixture parcels side by side through the real router:
// the better value of each row by its rule (less for price and distances,
// more for power and area), nothing marked where the values are equal or
// unknown, translated labels, the HTML page without scripts, and every
// wrong request named.
func TestCompare(t *testing.T) {
	e := newEnv(t, testdb.SQLite(t))
	w := e.req(t, "GET", "/compare?ids=p-1,p-2,p-3&lang=en", 0, "")
	if w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	var c comparison
	if err := json.Unmarshal(w.Body.Bytes(), &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Sites) != 3 || c.Sites[0].Code != "P-1" || c.Sites[1].Zone != "Zone A" {
		t.Errorf("sites %+v", c.Sites)
	}
	rows := map[string]int{}
	for i, r := range c.Rows {
		rows[r.Property] = i
	}
	check := func(prop, better string, best ...int) {
		t.Helper()
		r := c.Rows[rows[prop]]
		if r.Better != better || len(r.Best) != len(best) {
			t.Errorf("%s: better %q best %v (values %v), want %q %v", prop, r.Better, r.Best, r.Values, better, best)
			return
		}
		for i := range best {
			if r.Best[i] != best[i] {
				t.Errorf("%s: best %v (values %v), want %v", prop, r.Best, r.Values, best)
			}
		}
	}
	check("lease_price_usd_m2", "less", 2)      // 120, 150, 99
	check("power_capacity_mva", "more", 0)      // 60 against the zone's 40 twice
	check("water_m3_day", "more")               // all inherit 2000: nothing better
	check("status", "")                         // not ranked
	check("management_fee_usd_m2_year", "less") // unknown everywhere
	if r := c.Rows[rows["distance_seaport_km"]]; r.Nearest[0] != "Port" || r.Label != "To a seaport" {
		t.Errorf("seaport row %+v", r)
	}
	if vi := e.req(t, "GET", "/compare?ids=p-1,p-3", 0, "", "Accept-Language", "vi"); !strings.Contains(vi.Body.String(), `"Giá thuê đất"`) {
		t.Errorf("Vietnamese labels: %s", vi.Body)
	}
	html := e.req(t, "GET", "/compare?ids=p-1,p-3&f=html&lang=en", 0, "")
	body := html.Body.String()
	if html.Code != 200 || strings.Contains(body, "<script") || !strings.Contains(body, `class="best"`) ||
		!strings.Contains(html.Header().Get("Content-Security-Policy"), "default-src 'none'") {
		t.Errorf("HTML: %d %v", html.Code, html.Header())
	}
	for path, status := range map[string]int{
		"/compare?ids=p-1":                 400, // too few
		"/compare?ids=p-1,p-2,p-3,p-1":     400, // twice
		"/compare?ids=p-1,p-2,p-3,z-a,p-9": 400, // too many
		"/compare?ids=p-1,assembly:x":      400, // not yet
		"/compare?ids=p-1,p-draft":         404, // not published
		"/compare?ids=p-1,nope":            404,
		"/compare?ids=p-1,p-2&f=xml":       406,
		"/compare?ids=p-1,p-2&lang=fr":     400,
		"/compare?ids=p-1,p-2&sort=price":  400,
	} {
		p := problemOf(t, e.req(t, "GET", path, 0, ""), status)
		if status == 400 && strings.Contains(path, "assembly") && !strings.Contains(p["detail"].(string), "cannot be compared yet") {
			t.Errorf("%s: %v", path, p["detail"])
		}
	}
}
