package store_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/geo"
	"github.com/landcat/landcat/internal/store"
	"github.com/landcat/landcat/internal/testdb"
	"github.com/paulmach/orb"
)

var editor = catalog.Actor{Name: "alice", Role: catalog.RoleEditor}

func open(t *testing.T, url string) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, url)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return st
}

// square returns a GeoJSON polygon of side d degrees at lon, lat.
func square(lon, lat, d float64) string {
	return fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%[1]g,%[2]g],[%[3]g,%[2]g],[%[3]g,%[4]g],[%[1]g,%[4]g],[%[1]g,%[2]g]]]}`, lon, lat, lon+d, lat+d)
}

func zoneJSON(id string) string {
	return fmt.Sprintf(`{"type":"Feature","id":%q,"geometry":%s,"properties":{"code":%q,"name_vi":"KCN","name_en":"IP","kind":"industrial_park","power_capacity_mva":50}}`,
		id, square(106.7, 20.8, 0.02), strings.ToUpper(id))
}

func parcelJSON(id, zone string, price float64) string {
	return fmt.Sprintf(`{"type":"Feature","id":%q,"geometry":%s,"properties":{"code":%q,"name_vi":"Lô","name_en":"Plot","zone_id":%q,"status":"available","lease_price_usd_m2":%g}}`,
		id, square(106.705, 20.805, 0.003), strings.ToUpper(id), zone, price)
}

func decode(t *testing.T, c catalog.Collection, body string) *catalog.Feature {
	t.Helper()
	f, err := catalog.DecodeFeature(c, []byte(body))
	if err != nil {
		t.Fatalf("decode %s: %v", c, err)
	}
	return f
}

func TestStore(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			st := open(t, tc.URL(t))
			t.Run("WriteAuditRevision", func(t *testing.T) { testWrite(t, st) })
			t.Run("Conflicts", func(t *testing.T) { testConflicts(t, st) })
			t.Run("ImportAllOrNothing", func(t *testing.T) { testImport(t, st) })
			t.Run("APIKeys", func(t *testing.T) { testAPIKeys(t, st) })
			if tc.Name == "postgres" {
				t.Run("PostGISAgrees", func(t *testing.T) { testPostGIS(t, st) })
			}
			t.Run("MigrateTwice", func(t *testing.T) {
				if applied, err := st.Migrate(context.Background()); err != nil || len(applied) != 0 {
					t.Fatalf("second migrate: applied %v, err %v", applied, err)
				}
			})
		})
	}
}

func testWrite(t *testing.T, st *store.Store) {
	ctx := context.Background()
	svc := &catalog.Service{Store: st}
	rev0, _ := st.Revision(ctx)
	z, err := svc.Create(ctx, editor, decode(t, catalog.Zones, zoneJSON("z-a")))
	if err != nil {
		t.Fatalf("create zone: %v", err)
	}
	if z.Version != 1 || z.Revision != rev0+1 || z.Publication != catalog.Draft {
		t.Fatalf("new zone: version %d revision %d publication %s", z.Version, z.Revision, z.Publication)
	}
	p, err := svc.Create(ctx, editor, decode(t, catalog.Parcels, parcelJSON("p-a", "z-a", 120)))
	if err != nil {
		t.Fatalf("create parcel: %v", err)
	}
	next, err := svc.Patch(ctx, editor, catalog.Parcels, "p-a", []byte(`{"properties":{"lease_price_usd_m2":99.5}}`), catalog.Precondition{Present: true, Version: p.Version})
	if err != nil {
		t.Fatalf("patch: %v", err)
	}
	got, err := st.Get(ctx, catalog.Parcels, "p-a")
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := got.Number("lease_price_usd_m2"); v != 99.5 || got.Version != 2 || got.Revision != next.Revision {
		t.Fatalf("after patch: price %v version %d revision %d (want 99.5, 2, %d)", v, got.Version, got.Revision, next.Revision)
	}
	if !got.CreatedAt.Equal(p.CreatedAt) {
		t.Errorf("created_at changed: %v → %v", p.CreatedAt, got.CreatedAt)
	}
	feats, rev, err := st.Load(ctx, z.Revision)
	if err != nil {
		t.Fatal(err)
	}
	if rev != next.Revision || len(feats) != 1 || feats[0].ID != "p-a" {
		t.Fatalf("Load since %d: rev %d, %d features", z.Revision, rev, len(feats))
	}
	db, _ := st.SQLDB()
	var n int
	var before, after string
	if err := db.QueryRow(`SELECT count(*) FROM audit_log WHERE feature_id = 'p-a'`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("audit rows for p-a: %d, %v", n, err)
	}
	if err := db.QueryRow(`SELECT before, after FROM audit_log WHERE feature_id = 'p-a' AND action = 'patch'`).Scan(&before, &after); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(before, "120") || !strings.Contains(after, "99.5") {
		t.Errorf("audit before/after do not show the change: %s → %s", before, after)
	}
}

func testConflicts(t *testing.T, st *store.Store) {
	ctx := context.Background()
	svc := &catalog.Service{Store: st}
	if _, err := svc.Create(ctx, editor, decode(t, catalog.Zones, zoneJSON("z-b"))); err != nil {
		t.Fatal(err)
	}
	_, err := svc.Create(ctx, editor, decode(t, catalog.Zones, zoneJSON("z-b")))
	if catalog.KindOf(err) != catalog.KindConflict {
		t.Errorf("second create: %v, want conflict", err)
	}
	_, err = st.Write(ctx, catalog.Write{Actor: editor, Action: "replace", Changes: []catalog.Change{{Feature: decode(t, catalog.Zones, zoneJSON("z-b")), Expect: 7}}})
	if catalog.KindOf(err) != catalog.KindPreconditionFailed {
		t.Errorf("stale version: %v, want precondition failed", err)
	}
	_, err = svc.Create(ctx, editor, decode(t, catalog.Parcels, parcelJSON("p-b", "z-nowhere", 100)))
	if catalog.KindOf(err) != catalog.KindInvalid || !strings.Contains(err.Error(), "/properties/zone_id") {
		t.Errorf("unknown zone: %v, want invalid naming /properties/zone_id", err)
	}
	missing, err := st.Missing(ctx, catalog.Zones, []string{"z-b", "z-x"})
	if err != nil || len(missing) != 1 || missing[0] != "z-x" {
		t.Errorf("Missing: %v %v", missing, err)
	}
}

func testImport(t *testing.T, st *store.Store) {
	ctx := context.Background()
	svc := &catalog.Service{Store: st}
	bad := `{"type":"FeatureCollection","features":[` + zoneJSON("z-imp") + `,` + parcelJSON("p-imp", "z-imp", 100) + `,` +
		strings.Replace(parcelJSON("p-bad", "z-imp", 100), `"status":"available"`, `"status":"sold"`, 1) + `]}`
	rev0, _ := st.Revision(ctx)
	rep, err := svc.Import(ctx, editor, strings.NewReader(bad), catalog.ImportOptions{})
	if catalog.KindOf(err) != catalog.KindInvalid || len(rep.Rejected) != 1 || rep.Rejected[0].Index != 2 {
		t.Fatalf("import with a bad feature: err %v, report %+v", err, rep)
	}
	if rev, _ := st.Revision(ctx); rev != rev0 {
		t.Fatalf("a rejected import changed the revision %d → %d", rev0, rev)
	}
	good := strings.Replace(bad, `"status":"sold"`, `"status":"leased"`, 1)
	rep, err = svc.Import(ctx, editor, strings.NewReader(good), catalog.ImportOptions{Publish: true})
	if err != nil || rep.Created[catalog.Parcels] != 2 || rep.Created[catalog.Zones] != 1 {
		t.Fatalf("import: %v %+v", err, rep)
	}
	rep, err = svc.Import(ctx, editor, strings.NewReader(good), catalog.ImportOptions{})
	if err != nil || rep.Updated[catalog.Parcels] != 2 || rep.Created[catalog.Parcels] != 0 {
		t.Fatalf("re-import must update, not duplicate: %v %+v", err, rep)
	}
	f, _ := st.Get(ctx, catalog.Parcels, "p-bad")
	if f.Publication != catalog.Published || f.Version != 2 {
		t.Errorf("re-import without --publish: publication %s version %d, want published 2", f.Publication, f.Version)
	}
	// Survey data in VN-2000 / TM-3 105-45 (EPSG:9210), as Hai Phong's
	// cadastre delivers it; the published Lach Huyen check point gives the WGS 84 position.
	survey := `{"type":"FeatureCollection","features":[{"type":"Feature","id":"sub-td","geometry":{"type":"Point","coordinates":[584294.07,2307883.26]},
	 "properties":{"code":"SUB-TD","name_vi":"Trạm","name_en":"Substation","kind":"substation","status":"operational"}}]}`
	if _, err := svc.Import(ctx, editor, strings.NewReader(survey), catalog.ImportOptions{CRS: 9210}); err != nil {
		t.Fatalf("import EPSG:9210: %v", err)
	}
	sub, _ := st.Get(ctx, catalog.Infrastructure, "sub-td")
	if p := sub.Geometry.(orb.Point); math.Abs(p[0]-106.5619529) > 2e-5 || math.Abs(p[1]-20.8619428) > 2e-5 {
		t.Errorf("EPSG:9210 → WGS 84: %v, want 106.5619529, 20.8619428", p)
	}
	swapped := strings.Replace(survey, "584294.07,2307883.26", "2307883.26,584294.07", 1)
	rep, err = svc.Import(ctx, editor, strings.NewReader(swapped), catalog.ImportOptions{CRS: 9210})
	if err == nil || len(rep.Rejected) != 1 || !strings.Contains(fmt.Sprint(rep.Rejected[0].Problems), "swap") {
		t.Errorf("northing-first survey coordinates must be reported: %v %+v", err, rep)
	}
}

func testAPIKeys(t *testing.T, st *store.Store) {
	ctx := context.Background()
	key, err := st.CreateAPIKey(ctx, "bob", catalog.RolePublisher)
	if err != nil || !strings.HasPrefix(key, "lck_") {
		t.Fatalf("create key: %q %v", key, err)
	}
	a, err := st.Authenticate(ctx, key)
	if err != nil || a.Name != "bob" || a.Role != catalog.RolePublisher {
		t.Fatalf("authenticate: %+v %v", a, err)
	}
	if _, err := st.Authenticate(ctx, key+"x"); catalog.KindOf(err) != catalog.KindUnauthenticated {
		t.Errorf("wrong key: %v", err)
	}
}

// testPostGIS checks the stored geometry with PostGIS itself: valid, SRID
// 4326, and the geodesic area PostGIS computes on the ellipsoid agrees with
// landcat's own (internal/geo) to well under 0.1 %.
func testPostGIS(t *testing.T, st *store.Store) {
	ctx := context.Background()
	svc := &catalog.Service{Store: st}
	f, err := svc.Create(ctx, editor, decode(t, catalog.Zones, zoneJSON("z-gis")))
	if err != nil {
		t.Fatal(err)
	}
	db, _ := st.SQLDB()
	var valid bool
	var srid int
	var kind string
	var haPostGIS float64
	err = db.QueryRow(`SELECT ST_IsValid(geom), ST_SRID(geom), GeometryType(geom), ST_Area(geom::geography) / 10000 FROM zones WHERE id = 'z-gis'`).Scan(&valid, &srid, &kind, &haPostGIS)
	if err != nil {
		t.Fatal(err)
	}
	ours := geo.AreaHa(f.Geometry)
	if !valid || srid != 4326 || kind != "MULTIPOLYGON" || math.Abs(ours-haPostGIS)/haPostGIS > 0.001 {
		t.Errorf("PostGIS: valid %v srid %d type %s area %.4f ha; landcat %.4f ha", valid, srid, kind, haPostGIS, ours)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN ('zones_geom_idx', 'parcels_geom_idx', 'infrastructure_geom_idx') AND indexdef LIKE '%USING gist%'`).Scan(&n); err != nil || n != 3 {
		t.Errorf("GiST indexes: %d %v", n, err)
	}
}
