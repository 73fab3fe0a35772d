package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/testdb"
	"github.com/xuri/excelize/v2"
)

type review struct {
	Revision int64
	Zones    []map[string]any
	Totals   map[string]any
	Demand   struct {
		Requests int
		NoSite   int `json:"no_site"`
		BySize   []struct {
			Band     string
			Requests int
		} `json:"by_size"`
	}
}

// TestLandBankReview: GET /reports/land-bank for editors, as JSON (zone
// z-g: 40 ha available, its 2×2 block), CSV, XLSX (cells equal the JSON)
// and an HTML page in Vietnamese or English with inline charts and no
// script; the demand side counts the match requests. On both databases.
func TestLandBankReview(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			e := newEnv(t, tc.URL(t), withFeatures(gridFC()))
			problemOf(t, e.req(t, "GET", "/reports/land-bank", 0, ""), 401)
			problemOf(t, e.req(t, "GET", "/reports/land-bank", catalog.RoleViewer, ""), 403)
			problemOf(t, e.req(t, "GET", "/reports/land-bank?f=pdf", catalog.RoleEditor, ""), 406)
			problemOf(t, e.req(t, "GET", "/reports/land-bank?from=yesterday", catalog.RoleEditor, ""), 400)
			e.req(t, "POST", "/match", 0, `{"requirements":{"min_area_ha":35,"zones":["z-g"]}}`, "Content-Type", "application/json")
			rev := waitReview(t, e)
			g := zoneOf(t, rev, "z-g")
			if g["area_ha_by_status"].(map[string]any)["available"].(float64) < 39.9 || g["largest_assemblable_ha"].(float64) < 39.9 ||
				len(g["largest_assemblable"].([]any)) != 4 || g["declared_area_ha"] != 45.0 {
				t.Errorf("zone z-g %v", g)
			}
			if rd := g["readiness"].(map[string]any); rd["dual_feed_110kv"] != true || rd["next_handover"] != "2026-01-01" {
				t.Errorf("readiness %v", rd)
			}
			testReviewXLSX(t, e, rev)
			w := e.req(t, "GET", "/reports/land-bank?f=csv", catalog.RoleEditor, "")
			if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") || !strings.HasPrefix(w.Body.String(), "\ufeffzones\r\n") {
				t.Errorf("csv: %d %q %.100s", w.Code, w.Header().Get("Content-Type"), w.Body)
			}
			for lang, title := range map[string]string{"vi": "Rà soát quỹ đất", "en": "Land-bank review"} {
				w := e.req(t, "GET", "/reports/land-bank?f=html", catalog.RoleEditor, "", "Accept-Language", lang)
				body := w.Body.String()
				if w.Code != 200 || !strings.Contains(body, title) || !strings.Contains(body, "<svg") || strings.Contains(body, "<script") ||
					!strings.Contains(w.Header().Get("Content-Security-Policy"), "default-src 'none'") {
					t.Errorf("html %s: %d %q", lang, w.Code, w.Header().Get("Content-Security-Policy"))
				}
			}
		})
	}
}

// waitReview reads the JSON review until the demand log shows the match
// request (it is written in the background).
func waitReview(t *testing.T, e *env) review {
	deadline := time.Now().Add(5 * time.Second)
	for {
		w := e.req(t, "GET", "/reports/land-bank?from=2000-01-01&lang=en", catalog.RoleEditor, "")
		var rev review
		if err := json.Unmarshal(w.Body.Bytes(), &rev); err != nil || w.Code != 200 {
			t.Fatalf("%d %v %.300s", w.Code, err, w.Body)
		}
		if rev.Demand.Requests >= 1 {
			if rev.Demand.NoSite != 1 {
				t.Errorf("demand %+v", rev.Demand)
			}
			return rev
		}
		if time.Now().After(deadline) {
			t.Fatalf("the review never showed the match request")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func zoneOf(t *testing.T, rev review, id string) map[string]any {
	for _, z := range rev.Zones {
		if z["zone_id"] == id {
			return z
		}
	}
	t.Fatalf("no zone %s", id)
	return nil
}

// testReviewXLSX opens the XLSX with excelize and checks cells against
// the JSON: one sheet per section, each zone's row, the totals.
func testReviewXLSX(t *testing.T, e *env, rev review) {
	w := e.req(t, "GET", "/reports/land-bank?f=xlsx&from=2000-01-01&lang=en", catalog.RoleEditor, "")
	if w.Code != 200 || !strings.Contains(w.Header().Get("Content-Disposition"), ".xlsx") {
		t.Fatalf("xlsx: %d %v", w.Code, w.Header())
	}
	f, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "zones,totals,demand,demand_by_sector,demand_by_size,demand_requirements,demand_relax_one" {
		t.Errorf("sheets %s", got)
	}
	rows, _ := f.GetRows("zones")
	if len(rows) != 1+len(rev.Zones) {
		t.Fatalf("%d zone rows for %d zones", len(rows), len(rev.Zones))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for i, z := range rev.Zones {
		row := rows[i+1]
		for _, k := range []string{"zone_id", "name", "largest_available_parcel_ha", "largest_assemblable_ha", "computed_area_ha"} {
			if want := fmt.Sprint(z[k]); row[col[k]] != want {
				t.Errorf("zones %s %s: cell %q, JSON %q", z["zone_id"], k, row[col[k]], want)
			}
		}
		avail := z["area_ha_by_status"].(map[string]any)["available"].(float64)
		if cell := row[col["area_ha_by_status_available"]]; cell != strconv.FormatFloat(avail, 'f', -1, 64) {
			t.Errorf("zones %s available: cell %q, JSON %v", z["zone_id"], cell, avail)
		}
	}
	totals, _ := f.GetRows("totals")
	for _, r := range totals[1:] {
		if v, ok := rev.Totals[r[0]]; ok && fmt.Sprint(v) != r[1] {
			t.Errorf("totals %s: cell %q, JSON %v", r[0], r[1], v)
		}
	}
	if v, _ := f.GetCellValue("demand", "B6"); v != strconv.Itoa(rev.Demand.Requests) {
		t.Errorf("demand requests: cell %q, JSON %d", v, rev.Demand.Requests)
	}
}
