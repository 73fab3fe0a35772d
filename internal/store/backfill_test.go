package store

import (
	"context"
	"io/fs"
	"strconv"
	"testing"

	"github.com/landcat/landcat/internal/testdb"
	"github.com/landcat/landcat/migrations"
	"github.com/pressly/goose/v3"
)

// TestIdentityBackfill applies the migrations up to 00003, writes audit
// entries as landcat did then, and checks that 00004 fills in their
// version and scope columns from the JSON.
func TestIdentityBackfill(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			ctx := context.Background()
			st, err := Open(ctx, tc.URL(t))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			sqlDB, _ := st.SQLDB()
			sub, _ := fs.Sub(migrations.FS, st.dialect.name)
			p, err := goose.NewProvider(st.dialect.goose, sqlDB, sub)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.UpTo(ctx, 3); err != nil {
				t.Fatal(err)
			}
			insert := `INSERT INTO audit_log (revision, at, actor, role, action, collection, feature_id, before, after) VALUES (1, CURRENT_TIMESTAMP, 'old', 'admin', ?, ?, ?, ?, ?)`
			rows := [][]any{
				{"create", "zones", "z-a", nil, `{"version":1,"properties":{"code":"Z"}}`},
				{"patch", "parcels", "p-1", `{"version":1,"properties":{"zone_id":"z-a","sectors":["logistics"]}}`,
					`{"version":2,"properties":{"zone_id":"z-b","sectors":["high_tech","logistics"]}}`},
				{"create", "infrastructure", "port", nil, `{"version":1,"properties":{}}`},
			}
			for _, r := range rows {
				if err := st.db.Exec(insert, r...).Error; err != nil {
					t.Fatal(err)
				}
			}
			if _, err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			var got []struct {
				FeatureID                string
				Version                  int64
				ScopeZones, ScopeSectors string
			}
			if err := st.db.Table("audit_log").Select("feature_id, version, scope_zones, scope_sectors").Order("id").Find(&got).Error; err != nil {
				t.Fatal(err)
			}
			want := "z-a 1 ,z-a, |p-1 2 ,z-a,z-b, ,high_tech,logistics,|port 1  |"
			var s string
			for _, g := range got {
				s += g.FeatureID + " " + strconv.FormatInt(g.Version, 10) + " " + g.ScopeZones + " " + g.ScopeSectors + "|"
			}
			if s != want {
				t.Errorf("backfilled\n%s\nwant\n%s", s, want)
			}
		})
	}
}
