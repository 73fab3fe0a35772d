package store_test

import (
	"context"
	"testing"

	"github.com/landcat/landcat/internal/store"
	"github.com/landcat/landcat/internal/testdb"
)

// TestPendingAndBackup: Pending lists every migration on an empty database
// and none after Migrate; Backup refuses PostgreSQL and copies SQLite.
func TestPendingAndBackup(t *testing.T) {
	ctx := context.Background()
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			st, err := store.Open(ctx, tc.URL(t))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			p, err := st.Pending(ctx)
			if err != nil || len(p) < 3 || p[0] != "00001_catalog.sql" {
				t.Fatalf("pending on an empty database: %v %v", p, err)
			}
			if _, err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if p, err := st.Pending(ctx); err != nil || len(p) != 0 {
				t.Fatalf("pending after migrate: %v %v", p, err)
			}
			if tc.Name == "postgres" {
				if err := st.Backup(ctx, t.TempDir()+"/x.db"); err != store.ErrBackupPostgres {
					t.Errorf("backup on PostgreSQL: %v", err)
				}
			}
		})
	}
}
