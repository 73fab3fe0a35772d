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
	"strings"
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
	base := Admin(t)
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	defer db.Close()
	schema := "t_" + randomHex()
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

// Admin returns LANDCAT_TEST_DATABASE_URL: the test database, as a role
// that may create schemas, databases and roles (.ci/run uses the superuser
// postgres). Without it the test skips, or fails under CI=true.
func Admin(t testing.TB) string {
	t.Helper()
	base := os.Getenv("LANDCAT_TEST_DATABASE_URL")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("LANDCAT_TEST_DATABASE_URL is not set, and CI=true requires the PostgreSQL tests to run")
		}
		t.Skip("LANDCAT_TEST_DATABASE_URL not set: skipping the PostgreSQL/PostGIS run (see README, Tests)")
	}
	return base
}

// Database creates a new, empty database (without PostGIS) on the test
// server and returns its URL for the admin role; it is dropped at cleanup.
func Database(t testing.TB) string {
	t.Helper()
	base := Admin(t)
	name := "landcat_t_" + randomHex()
	admin(t, base, "CREATE DATABASE "+name)
	t.Cleanup(func() { _ = exec(base, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
	return withPath(t, base, name, nil)
}

// Owner creates a login role with no special rights (not a superuser, may
// not create databases or roles), makes it the owner of the database at
// dbURL (from Database) and returns dbURL as that role: the unprivileged role
// landcat migrates and runs as in production. At cleanup the database goes,
// then the role.
func Owner(t testing.TB, dbURL string) string {
	t.Helper()
	base := Admin(t)
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	dbname := strings.TrimPrefix(u.Path, "/")
	role := "landcat_r_" + randomHex()
	admin(t, base, "CREATE ROLE "+role+" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
	t.Cleanup(func() {
		_ = exec(base, "DROP DATABASE IF EXISTS "+dbname+" WITH (FORCE)")
		_ = exec(base, "DROP ROLE IF EXISTS "+role)
	})
	admin(t, base, "ALTER DATABASE "+dbname+" OWNER TO "+role)
	return withPath(t, base, dbname, url.User(role))
}

func admin(t testing.TB, base, stmt string) {
	t.Helper()
	if err := exec(base, stmt); err != nil {
		t.Fatalf("%s: %v (does LANDCAT_TEST_DATABASE_URL name a superuser? .ci/run uses postgres)", stmt, err)
	}
}

func exec(dsn, stmt string) error {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(context.Background(), stmt)
	return err
}

// withPath is base with another database name and, if user is not nil,
// another user.
func withPath(t testing.TB, base, dbname string, user *url.Userinfo) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("LANDCAT_TEST_DATABASE_URL: %v", err)
	}
	u.Path = "/" + dbname
	if user != nil {
		u.User = user
	}
	return u.String()
}

func randomHex() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// PostGISDatabase is Database with PostGIS created in it, for tests that
// close, drop or restore a whole landcat database (a schema cannot refuse
// connections). It also returns a connection to the server's maintenance
// database, for ALTER DATABASE and DROP DATABASE on it.
func PostGISDatabase(t testing.TB) (string, *sql.DB) {
	t.Helper()
	dbURL := Database(t)
	if err := exec(dbURL, "CREATE EXTENSION postgis"); err != nil {
		t.Fatalf("PostGIS in %s: %v", dbURL, err)
	}
	db, err := sql.Open("pgx", withPath(t, Admin(t), "postgres", nil))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return dbURL, db
}
