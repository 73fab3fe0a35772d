package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/testdb"
)

// gridParcels is a FeatureCollection of n small published parcels in zone
// z-a of the fixture (150 at most fit between its plots).
func gridParcels(n int) string {
	var feats []string
	for i := range n {
		x, y := 106.701+0.002*float64(i%30), 20.822+0.003*float64(i/30)
		feats = append(feats, fmt.Sprintf(`{"type":"Feature","id":"g-%03d","geometry":{"type":"Polygon","coordinates":[[[%[2]v,%[3]v],[%[4]v,%[3]v],[%[4]v,%[5]v],[%[2]v,%[5]v],[%[2]v,%[3]v]]]},
 "properties":{"collection":"parcels","code":"G-%03[1]d","name_vi":"Lô G","name_en":"Plot G","zone_id":"z-a","status":"available"}}`,
			i, x, y, x+0.0015, y+0.0015))
	}
	return `{"type":"FeatureCollection","features":[` + strings.Join(feats, ",\n") + `]}`
}

// circleRing is a closed ring of n+1 positions around the fixture's zone.
func circleRing(n int) string {
	pts := make([][2]float64, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		pts = append(pts, [2]float64{106.73 + 0.05*math.Cos(a), 20.83 + 0.05*math.Sin(a)})
	}
	b, _ := json.Marshal(append(pts, pts[0]))
	return string(b)
}

func madeUpZones(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf(`"zz-%05d"`, i)
	}
	return strings.Join(ids, ",")
}

// matchResult is what these tests read of a match answer.
type matchResult struct {
	Matched       int
	ExcludedTotal int `json:"excluded_total"`
	Excluded      []struct {
		ID      string
		Reasons []struct{ Criterion, Message string }
	}
}

// TestMatchAbuse: each finding of the issue "Public endpoints that hold
// against abuse" about POST /match, through the real router on both
// databases: status, problem (pointer and message), the size of the
// answer and the size of what the demand log stores.
func TestMatchAbuse(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			e := newEnv(t, tc.URL(t), withFeatures(gridParcels(150)))
			post := func(query, body string, headers ...string) *httptest.ResponseRecorder {
				return e.req(t, "POST", "/match"+query, 0, body, append([]string{"Content-Type", "application/json"}, headers...)...)
			}
			t.Run("Refused", func(t *testing.T) { testMatchRefused(t, e, post) })
			t.Run("ExcludedBounded", func(t *testing.T) { testMatchExcludedBounded(t, post) })
			t.Run("StoredBounded", func(t *testing.T) { testMatchStoredBounded(t, e, post, 4) })
		})
	}
}

type poster func(query, body string, headers ...string) *httptest.ResponseRecorder

// problemAt checks a 400 whose problems include pointer with a message
// starting with msg, and that the answer is at most maxBytes long.
func problemAt(t *testing.T, w *httptest.ResponseRecorder, pointer, msg string, maxBytes int) {
	t.Helper()
	p := problemOf(t, w, 400)
	errs, _ := p["errors"].([]any)
	for _, x := range errs {
		pr := x.(map[string]any)
		if pr["pointer"] == pointer && strings.HasPrefix(pr["message"].(string), msg) {
			if w.Body.Len() > maxBytes {
				t.Errorf("problem of %d bytes (at most %d)", w.Body.Len(), maxBytes)
			}
			return
		}
	}
	t.Errorf("no problem at %s starting %q: %s", pointer, msg, w.Body)
}

func testMatchRefused(t *testing.T, e *env, post poster) {
	// 2,000 made-up zone ids (24 KB): were a 200 of 2.8 MB on the demo.
	body := `{"requirements":{"zones":[` + madeUpZones(2000) + `]}}`
	problemAt(t, post("", body), "/requirements/zones", "lists 2,000 zones; at most 200 are accepted", 1000)
	// Unknown zones are named at their index, the first ten.
	w := post("", `{"requirements":{"zones":["z-a",`+madeUpZones(12)+`]}}`)
	problemAt(t, w, "/requirements/zones/1", `"zz-00000" is not a published zone`, 4000)
	problemAt(t, w, "/requirements/zones", "12 of the 13 zones are unknown", 4000)
	// A draft zone is unknown to the public.
	zone := `{"type":"Feature","id":"z-draft","geometry":{"type":"Polygon","coordinates":[[[106.80,20.90],[106.82,20.90],[106.82,20.92],[106.80,20.92],[106.80,20.90]]]},
	 "properties":{"code":"Z-D","name_vi":"Khu nháp","name_en":"Draft zone","kind":"industrial_park"}}`
	if w := e.req(t, "POST", "/collections/zones/items", catalog.RoleEditor, zone); w.Code != 201 {
		t.Fatalf("draft zone: %d %s", w.Code, w.Body)
	}
	problemAt(t, post("", `{"requirements":{"zones":["z-draft"]}}`), "/requirements/zones/0", `"z-draft" is not a published zone`, 1000)
	problemAt(t, post("", `{"requirements":{"statuses":["available","sold"]}}`), "/requirements/statuses/1", `"sold" is not a known parcel status`, 1000)
	// Weights of 1e308 were a 500 (NaN) or zeroed every score.
	w = post("", `{"weights":{"area_ha":1e308,"lease_price_usd_m2":1e308,"power_capacity_mva":1e308}}`)
	problemAt(t, w, "/weights/area_ha", "must be a number from 0 to 1000", 1500)
	problemAt(t, w, "/weights/power_capacity_mva", "must be a number from 0 to 1000", 1500)
	problemAt(t, post("", `{"requirements":{"within":{"type":"Polygon","coordinates":[`+circleRing(10000)+`]}}}`),
		"/requirements/within/coordinates", "has more than 10000 positions", 1000)
	problemAt(t, post("?excluded_limit=1001", `{}`), "excluded_limit", "must be a whole number from 0 to 1000", 1000)
	problemAt(t, post("?excluded_limit=-1", `{}`), "excluded_limit", "must be a whole number from 0 to 1000", 1000)
}

// testMatchExcludedBounded: 100 excluded parcels are listed by default,
// up to 1,000 on request; the total is in the body and a header. It makes
// four accepted requests.
func testMatchExcludedBounded(t *testing.T, post poster) {
	const none = `{"requirements":{"min_power_capacity_mva":100000}}` // excludes all 153
	read := func(w *httptest.ResponseRecorder, listed, maxBytes int) {
		t.Helper()
		var res matchResult
		if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || w.Code != 200 {
			t.Fatalf("%d %v %.300s", w.Code, err, w.Body)
		}
		if len(res.Excluded) != listed || res.ExcludedTotal != 153 || w.Header().Get("X-Landcat-Excluded-Total") != "153" {
			t.Errorf("%d listed (want %d), excluded_total %d, header %q", len(res.Excluded), listed, res.ExcludedTotal,
				w.Header().Get("X-Landcat-Excluded-Total"))
		}
		if w.Body.Len() > maxBytes {
			t.Errorf("%d listed in %d bytes (at most %d)", listed, w.Body.Len(), maxBytes)
		}
		t.Logf("%d of 153 excluded listed: %d bytes", listed, w.Body.Len())
	}
	read(post("", none), 100, 30_000)
	read(post("?excluded_limit=1000", none), 153, 45_000)
	read(post("?excluded_limit=0", none), 0, 2_000)
	w := post("", none, "Accept", "application/geo+json")
	if w.Code != 200 || w.Header().Get("X-Landcat-Excluded-Total") != "153" || w.Body.Len() > 200 {
		t.Errorf("GeoJSON: %d, header %q, %d bytes", w.Code, w.Header().Get("X-Landcat-Excluded-Total"), w.Body.Len())
	}
}

// testMatchStoredBounded: a valid but hostile request (a 10,000-vertex
// area and every kind of requirement) stores a summary under 4 KB, and
// old full records already stored still count in GET /match/demand.
// before is the number of requests recorded so far.
func testMatchStoredBounded(t *testing.T, e *env, post poster, before int) {
	big := `{"sector":"logistics","requirements":{"zones":["z-a"],"statuses":["available","leased","reserved","in_preparation"],
	  "min_power_capacity_mva":1.2345678901234567e+300,"available_by":"2099-12-31","min_distance_km":{"hazard":1},
	  "within":{"type":"Polygon","coordinates":[` + circleRing(9999) + `]}}}`
	if w := post("", big); w.Code != 200 {
		t.Fatalf("hostile but valid request: %d %.500s", w.Code, w.Body)
	}
	old := `{"at":"` + time.Now().UTC().Format(time.RFC3339) + `","considered":86,"matched":0,
	  "requirements":{"zones":[` + madeUpZones(20000) + `],"max_distance_km":{"seaport":30}},
	  "eliminated":{"zones":86,"max_distance_km.seaport":40},"eliminated_only":{"zones":46}}`
	e.demand.Add(time.Now(), "", []byte(old))
	recs := storedRecords(t, e, before+2)
	oldOnes := 0
	for _, r := range recs {
		switch {
		case len(r) > 4096:
			oldOnes++
		case strings.Contains(string(r), `"within"`):
			t.Logf("hostile request stored in %d bytes: %s", len(r), r)
			if strings.Contains(string(r), "coordinates") || !strings.Contains(string(r), `"area_ha"`) {
				t.Errorf("within stored whole: %s", r)
			}
		}
	}
	if oldOnes != 1 || len(recs) != before+2 {
		t.Errorf("%d records, %d over 4 KB (only the old one may be)", len(recs), oldOnes)
	}
	var rep struct {
		Requests     int
		Requirements []struct {
			Criterion string
			Only      int
		}
	}
	w := e.req(t, "GET", "/match/demand", catalog.RoleEditor, "")
	if err := json.Unmarshal(w.Body.Bytes(), &rep); err != nil || w.Code != 200 || rep.Requests != before+2 {
		t.Errorf("demand report with an old record: %d %v %.500s", w.Code, err, w.Body)
	}
}

// storedRecords waits until the demand log holds n records and returns
// them (it writes in the background).
func storedRecords(t *testing.T, e *env, n int) [][]byte {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		recs, err := e.demand.Records(context.Background(), time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) >= n || time.Now().After(deadline) {
			return recs
		}
		time.Sleep(50 * time.Millisecond)
	}
}
