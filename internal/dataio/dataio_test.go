package dataio_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/dataio"
	"github.com/landcat/landcat/internal/demo"
	"github.com/landcat/landcat/internal/store"
	"github.com/landcat/landcat/internal/testdb"
)

var admin = catalog.Actor{Name: "officer", Role: catalog.RoleAdmin}

// demoService is a catalogue holding the demo data, on the database at url.
func demoService(t *testing.T, url string) *catalog.Service {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	svc := &catalog.Service{Store: st, Trail: st}
	for _, f := range demo.Files() {
		c, _ := catalog.ParseCollection(f.Collection)
		if _, err := svc.Import(ctx, admin, bytes.NewReader(f.Data), catalog.ImportOptions{Collection: c, Publish: true}); err != nil {
			t.Fatal(err)
		}
	}
	return svc
}

// needTool skips when a command is missing, except under CI, where .ci/run
// installs it and its absence is a failure.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed (bash .ci/run installs gdal-bin)", name)
		}
		t.Skipf("%s is not installed: skipping (bash .ci/run installs gdal-bin)", name)
	}
}

func importFile(t *testing.T, svc *catalog.Service, path string, opt catalog.ImportOptions) (*catalog.ImportReport, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	format, err := dataio.Detect(path, "")
	if err != nil {
		t.Fatal(err)
	}
	return dataio.Import(context.Background(), svc, admin, f, format, opt)
}

// TestImportFormats: the repository's sample files import on both
// databases: a GeoPackage written by GDAL and a Shapefile in VN-2000 / TM-3
// 105-45 (the CRS from its .prj) give back the stored parcels unchanged,
// the CSV and XLSX sheets update parcels by code, and a bad GeoPackage is
// refused naming the feature and the field.
func TestImportFormats(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			svc := demoService(t, tc.URL(t))
			rep, err := importFile(t, svc, "../../testdata/parcels.gpkg", catalog.ImportOptions{DryRun: true})
			if err != nil || rep.Format != "gpkg" || rep.Read != 5 || rep.Unchanged[catalog.Parcels] != 5 {
				t.Fatalf("gpkg: %+v %v", rep, err)
			}
			rep, err = importFile(t, svc, "../../testdata/prices.csv", catalog.ImportOptions{})
			if err != nil || rep.Updated[catalog.Parcels] != 2 || rep.Revision == 0 {
				t.Fatalf("csv: %+v %v", rep, err)
			}
			p, _ := svc.Store.Get(context.Background(), catalog.Parcels, "hp-dc1-01")
			if p.String("status") != "reserved" || p.Props["lease_price_usd_m2"] != 172.5 || p.String("available_from") != "2027-01-15" {
				t.Errorf("after the CSV: %v", p.Props)
			}
			rep, err = importFile(t, svc, "../../testdata/prices.xlsx", catalog.ImportOptions{})
			p, _ = svc.Store.Get(context.Background(), catalog.Parcels, "hp-dc1-01")
			if err != nil || rep.Format != "xlsx" || p.Props["ready_built"] != true || strings.Join(p.Props["sectors"].([]string), ",") != "logistics,high_tech" {
				t.Errorf("xlsx: %+v %v %v", rep, err, p.Props)
			}

			bad := filepath.Join(t.TempDir(), "bad.gpkg")
			copyFile(t, "../../testdata/parcels.gpkg", bad)
			db, err := sql.Open("sqlite3", "file:"+bad)
			if err != nil {
				t.Fatal(err)
			}
			// GDAL's R-tree triggers call its own SQL functions: drop them.
			var triggers []string
			rows, _ := db.Query("SELECT name FROM sqlite_master WHERE type = 'trigger'")
			for rows.Next() {
				var name string
				rows.Scan(&name)
				triggers = append(triggers, name)
			}
			rows.Close()
			for _, tr := range triggers {
				db.Exec(`DROP TRIGGER "` + tr + `"`)
			}
			if _, err := db.Exec("UPDATE parcels SET status = 'rented', lease_price_usd_m2 = -3 WHERE id = 'hp-dc3-01'"); err != nil {
				t.Fatal(err)
			}
			db.Close()
			rep, err = importFile(t, svc, bad, catalog.ImportOptions{})
			if catalog.KindOf(err) != catalog.KindInvalid || len(rep.Rejected) != 1 || rep.Rejected[0].ID != "hp-dc3-01" ||
				len(rep.Rejected[0].Problems) != 2 || rep.Rejected[0].Problems[0].Pointer != "/properties/lease_price_usd_m2" || rep.Rejected[0].Problems[1].Pointer != "/properties/status" {
				t.Errorf("bad gpkg: %+v %v", rep, err)
			}

			needTool(t, "ogr2ogr")
			rep, err = importFile(t, svc, "../../testdata/parcels_vn2000.zip", catalog.ImportOptions{DryRun: true})
			if err != nil || rep.Format != "shapefile" || rep.Read != 5 || rep.Created[catalog.Parcels] != 0 {
				t.Fatalf("shapefile: %+v %v", rep, err)
			}
			for _, ch := range rep.Changes {
				if ch.Geometry { // VN-2000 back to WGS 84 within the 7 stored decimals
					t.Errorf("shapefile %s: the geometry moved", ch.ID)
				}
			}
		})
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
