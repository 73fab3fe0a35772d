package httpapi_test

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/testdb"
	"github.com/xuri/excelize/v2"
)

// importReport is the JSON answer of POST /imports.
type importReport struct {
	Format    string         `json:"format"`
	Read      int            `json:"read"`
	Updated   map[string]int `json:"updated"`
	Unchanged map[string]int `json:"unchanged"`
	Revision  int64          `json:"revision"`
	Rejected  []struct {
		Index    int
		ID       string
		Problems []catalog.Problem
	} `json:"rejected"`
	Changes []struct {
		ID, Action string
		Properties []struct {
			Name     string
			From, To any
		}
	} `json:"changes"`
}

func reportOf(t *testing.T, w *httptest.ResponseRecorder, status int) importReport {
	t.Helper()
	if w.Code != status || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("status %d (%s), want %d: %s", w.Code, w.Header().Get("Content-Type"), status, w.Body)
	}
	var rep importReport
	if err := json.Unmarshal(w.Body.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestDownloads: f=csv, f=xlsx and f=gpkg carry the filtered features,
// one row each, with every property, through the real router.
func TestDownloads(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			e := newEnv(t, tc.URL(t))
			w := e.req(t, "GET", "/collections/parcels/items?f=csv&status=available&sortby=id", 0, "")
			if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "text/csv; charset=utf-8" || w.Header().Get("X-Total-Count") != "2" {
				t.Fatalf("csv: %d %v", w.Code, w.Header())
			}
			body := w.Body.String()
			if !strings.HasPrefix(body, "\uFEFFid,code,name,") {
				t.Fatalf("csv must start with a BOM and the header: %.80q", body)
			}
			recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
			if err != nil || len(recs) != 3 || recs[1][0] != "p-1" || recs[2][0] != "p-3" {
				t.Fatalf("csv rows: %v %v", recs, err)
			}
			col := map[string]int{}
			for i, h := range recs[0] {
				col[h] = i
			}
			if got := recs[1][col["geometry"]]; !strings.HasPrefix(got, "MULTIPOLYGON(((106.71 20.81,") {
				t.Errorf("geometry as WKT: %q", got)
			}
			if recs[1][col["lease_price_usd_m2"]] != "120" || recs[1][col["sectors"]] != "logistics" || recs[1][col["name_vi"]] != "Lô 1" {
				t.Errorf("csv values: %v", recs[1])
			}
			if w := e.req(t, "GET", "/collections/parcels/items?f=csv&limit=1&sortby=id", 0, ""); !strings.Contains(w.Header().Get("Link"), `offset=1`) {
				t.Errorf("a download with more to come names the next: %q", w.Header().Get("Link"))
			}
			problemOf(t, e.req(t, "GET", "/collections/parcels/items?f=csv&limit=none", 0, ""), http.StatusBadRequest)

			w = e.req(t, "GET", "/collections/parcels/items?f=xlsx&limit=all", 0, "")
			x, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
			if err != nil || w.Code != http.StatusOK {
				t.Fatalf("xlsx: %d %v", w.Code, err)
			}
			rows, _ := x.GetRows("parcels")
			if len(rows) != 4 || rows[0][0] != "id" {
				t.Fatalf("xlsx rows: %v", rows)
			}
			price, _ := x.GetCellType("parcels", "A2")
			_ = price

			w = e.req(t, "GET", "/collections/parcels/items?f=gpkg", 0, "")
			path := filepath.Join(t.TempDir(), "parcels.gpkg")
			if err := os.WriteFile(path, w.Body.Bytes(), 0o600); err != nil || w.Code != http.StatusOK {
				t.Fatalf("gpkg: %d %v", w.Code, err)
			}
			db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var appID, version, n int
			var typ string
			if err := db.QueryRow("SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM parcels), (SELECT type FROM pragma_table_info('parcels') WHERE name = 'lease_price_usd_m2')").Scan(&appID, &version, &n, &typ); err != nil {
				t.Fatal(err)
			}
			if appID != 0x47504B47 || version != 10300 || n != 3 || typ != "REAL" {
				t.Errorf("gpkg: application_id %x, user_version %d, %d rows, lease price %s", appID, version, n, typ)
			}
			// The GeoPackage goes back in unchanged (an officer's round trip).
			rep := reportOf(t, upload(t, e, "/imports?dry_run=true", "parcels.gpkg", w.Body.Bytes()), http.StatusOK)
			if rep.Format != "gpkg" || rep.Read != 3 || rep.Unchanged["parcels"] != 3 {
				t.Errorf("gpkg round trip: %+v", rep)
			}
		})
	}
}

// upload posts a file as an editor in a multipart form.
func upload(t *testing.T, e *env, path, name string, data []byte) *httptest.ResponseRecorder {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	return e.req(t, "POST", path, catalog.RoleEditor, b.String(), "Content-Type", mw.FormDataContentType())
}

// TestImportSheet: POST /imports with a CSV sheet updates parcels by code
// on both databases: a dry run lists each change and writes nothing, a bad
// row is refused naming the row and the field, an unknown column is
// refused by name, and viewers may not import.
func TestImportSheet(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			e := newEnv(t, tc.URL(t))
			post := func(query, body string, role catalog.Role) *httptest.ResponseRecorder {
				return e.req(t, "POST", "/imports"+query, role, body, "Content-Type", "text/csv")
			}
			sheet := "code,status,lease_price_usd_m2,available_from\nP-1,reserved,131.5,2027-03-01\nP-2,,null,\nP-3,available,,\n"
			rep := reportOf(t, post("?dry_run=true", sheet, catalog.RoleEditor), http.StatusOK)
			if rep.Format != "csv" || rep.Read != 3 || rep.Updated["parcels"] != 2 || rep.Unchanged["parcels"] != 1 || len(rep.Changes) != 3 {
				t.Fatalf("dry run: %+v", rep)
			}
			if c := rep.Changes[0]; c.ID != "p-1" || c.Action != "updated" || len(c.Properties) != 3 || c.Properties[1].Name != "lease_price_usd_m2" || c.Properties[1].From != 120.0 || c.Properties[1].To != 131.5 {
				t.Errorf("p-1 changes: %+v", c)
			}
			if c := rep.Changes[1]; c.Properties[0].Name != "lease_price_usd_m2" || c.Properties[0].To != nil {
				t.Errorf("null clears: %+v", c)
			}
			if got := decodeFC(t, e.req(t, "GET", "/collections/parcels/items?code=P-1", 0, "")); got.Features[0].Properties["status"] != "available" {
				t.Fatalf("a dry run wrote: %v", got.Features[0].Properties)
			}
			rep = reportOf(t, post("", sheet, catalog.RoleEditor), http.StatusOK)
			if rep.Revision == 0 || rep.Updated["parcels"] != 2 {
				t.Fatalf("import: %+v", rep)
			}
			p1 := decodeFC(t, e.req(t, "GET", "/collections/parcels/items?code=P-1", 0, "")).Features[0].Properties
			p2 := decodeFC(t, e.req(t, "GET", "/collections/parcels/items?code=P-2", 0, "")).Features[0].Properties
			if p1["status"] != "reserved" || p1["lease_price_usd_m2"] != 131.5 || p1["available_from"] != "2027-03-01" || p2["lease_price_usd_m2"] != nil || p2["status"] != "leased" {
				t.Errorf("after the import: %v %v", p1, p2)
			}
			if w := e.req(t, "GET", "/audit?action=import&limit=10", catalog.RolePublisher, ""); !strings.Contains(w.Body.String(), `"p-2"`) {
				t.Errorf("the sheet's edits are audited: %s", w.Body)
			}

			rep = reportOf(t, post("", "code,status,lease_price_usd_m2\nP-1,rented,12\nP-9,leased,-1\n", catalog.RoleEditor), http.StatusUnprocessableEntity)
			if len(rep.Rejected) != 2 || rep.Rejected[0].Index != 2 || rep.Rejected[0].Problems[0].Pointer != "/properties/status" ||
				rep.Rejected[1].Index != 3 || !strings.Contains(rep.Rejected[1].Problems[0].Message, "no parcel has the code P-9") {
				t.Errorf("bad rows: %+v", rep.Rejected)
			}
			p := problemOf(t, post("", "code,colour,area_ha\nP-1,red,3\n", catalog.RoleEditor), http.StatusBadRequest)
			if !strings.Contains(p["detail"].(string), "colour is not a property of parcels") {
				t.Errorf("unknown column: %v", p)
			}
			problemOf(t, post("", sheet, catalog.RoleViewer), http.StatusForbidden)
			problemOf(t, e.req(t, "POST", "/imports", catalog.RoleEditor, "x", "Content-Type", "image/png"), http.StatusUnsupportedMediaType)
		})
	}
}
