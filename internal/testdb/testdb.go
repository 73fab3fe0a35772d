// Package testdb gives tests real databases: a fresh SQLite file, and a
// fresh schema in the PostgreSQL/PostGIS database named by
// LANDCAT_TEST_DATABASE_URL. Without that variable PostgreSQL tests skip,
// except under CI=true, where they fail: CI must never pass by skipping.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver for schema setup
)

// Case is one database to run a test against.
type Case struct {
	Name string // "sqlite" or "postgres"
	URL  func(t testing.TB) string
}

// Cases returns SQLite and PostgreSQL, for tests that must behave the same
// on both.
func Cases() []Case {
	return []Case{{Name: "sqlite", URL: SQLite}, {Name: "postgres", URL: Postgres}}
}

// SQLite returns the URL of a new SQLite file in a temporary folder.
func SQLite(t testing.TB) string {
	t.Helper()
	return "sqlite:" + filepath.Join(t.TempDir(), "landcat.db")
}

// Postgres returns the URL of a new, empty schema (dropped at cleanup) in
// the test database, with PostGIS reachable through the search path.
func Postgres(t testing.TB) string {
	t.Helper()
	base := os.Getenv("LANDCAT_TEST_DATABASE_URL")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("LANDCAT_TEST_DATABASE_URL is not set, and CI=true requires the PostgreSQL tests to run")
		}
		t.Skip("LANDCAT_TEST_DATABASE_URL not set: skipping the PostgreSQL/PostGIS run (see README, Tests)")
	}
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	defer db.Close()
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema in %s: %v (is PostgreSQL up, and PostGIS installed? bash .ci/run sets both up)", base, err)
	}
	if _, err := db.ExecContext(ctx, "CREATE EXTENSION IF NOT EXISTS postgis"); err != nil {
		t.Fatalf("PostGIS is not available in the test database: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err == nil {
			_, _ = db.Exec("DROP SCHEMA " + schema + " CASCADE")
			db.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("LANDCAT_TEST_DATABASE_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	return u.String()
}
