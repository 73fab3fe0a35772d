package dataio_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/dataio"
	"github.com/landcat/landcat/internal/testdb"
	"github.com/paulmach/orb"
)

// storedTable is the stored parcels of svc as a download table (the
// properties officers set).
func storedTable(t *testing.T, svc *catalog.Service) dataio.Table {
	t.Helper()
	st := svc.Store.(interface {
		Load(context.Context, int64) ([]*catalog.Feature, int64, error)
	})
	all, _, err := st.Load(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var fields []catalog.Field
	for _, fl := range catalog.SchemaOf(catalog.Parcels).Fields {
		if !fl.Computed {
			fields = append(fields, fl)
		}
	}
	return dataio.Table{Name: "parcels", Fields: fields, Rows: func(fn func(string, orb.Geometry, []any) error) error {
		for _, f := range all {
			if f.Collection != catalog.Parcels {
				continue
			}
			vals := make([]any, len(fields))
			for i, fl := range fields {
				vals[i] = f.Props[fl.Name]
			}
			if err := fn(f.ID, f.Geometry, vals); err != nil {
				return err
			}
		}
		return nil
	}}
}

// TestGeoPackageGDAL: GDAL opens the GeoPackage landcat writes (feature
// count, field types, EPSG:4326), PyQGIS too when it is installed, and a
// copy made by ogr2ogr imports back with every parcel unchanged.
func TestGeoPackageGDAL(t *testing.T) {
	needTool(t, "ogrinfo")
	svc := demoService(t, testdb.SQLite(t))
	dir := t.TempDir()
	path := filepath.Join(dir, "parcels.gpkg")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := dataio.WriteGeoPackage(context.Background(), f, storedTable(t, svc)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	info := run(t, "ogrinfo", "-so", path, "parcels")
	for _, want := range []string{"Feature Count: 86", "Geometry: Multi Polygon", `ID["EPSG",4326]`, "lease_price_usd_m2: Real", "fibre_carriers: Integer",
		"ready_built: Integer(Boolean)", "available_from: Date", "code: String", "sectors: String"} {
		if !strings.Contains(info, want) {
			t.Errorf("ogrinfo -so lacks %q:\n%s", want, info)
		}
	}
	copied := filepath.Join(dir, "copied.gpkg")
	run(t, "ogr2ogr", "-f", "GPKG", copied, path)
	rep, err := importFile(t, svc, copied, catalog.ImportOptions{DryRun: true})
	if err != nil || rep.Read != 86 || rep.Unchanged[catalog.Parcels] != 86 {
		t.Fatalf("ogr2ogr's copy back in: %+v %v", rep, err)
	}
	if _, err := exec.Command("/usr/bin/python3", "-c", "import qgis.core").CombinedOutput(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PyQGIS is not installed (bash .ci/run installs python3-qgis)")
		}
		t.Skip("PyQGIS is not installed: skipping its check (bash .ci/run installs python3-qgis)")
	}
	out := runEnv(t, []string{"QT_QPA_PLATFORM=offscreen", "HOME=" + t.TempDir()}, "/usr/bin/python3", "-c", `
import sys
from qgis.core import QgsApplication, QgsVectorLayer
QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
l = QgsVectorLayer(sys.argv[1] + "|layername=parcels", "parcels", "ogr")
print(l.isValid(), l.featureCount(), l.crs().authid(), l.fields().field("lease_price_usd_m2").typeName())
`, path)
	if !strings.Contains(out, "True 86 EPSG:4326 Real") {
		t.Errorf("PyQGIS: %s", out)
	}
}

func run(t *testing.T, args ...string) string { return runEnv(t, nil, args...) }

func runEnv(t *testing.T, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
