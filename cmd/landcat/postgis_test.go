package main_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/testdb"
)

func execSQL(t *testing.T, dsn, stmt string) error {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.ExecContext(context.Background(), stmt)
	return err
}

// TestMigrateUnprivileged deploys as production does: landcat's role owns
// its database but is no superuser, so PostGIS is installed beforehand by
// the privileged step (deploy/postgis.sql, run as the superuser); then
// `landcat migrate` and `landcat serve` run as the unprivileged role.
// Without that step, migrate fails with a message that says what to do.
func TestMigrateUnprivileged(t *testing.T) {
	adminURL := testdb.Database(t)
	ownerURL := testdb.Owner(t, adminURL)
	bin := binary(t)
	env := []string{"LANDCAT_DATABASE_URL=" + ownerURL, "LANDCAT_LOG_LEVEL=warn"}

	// The premise: the owner of a database may not install PostGIS.
	if err := execSQL(t, ownerURL, "CREATE EXTENSION postgis"); err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("CREATE EXTENSION postgis as the unprivileged owner: %v, want permission denied", err)
	}

	_, stderr, err := landcat(t, bin, env, "", "migrate")
	if err == nil {
		t.Fatal("migrate without PostGIS succeeded")
	}
	for _, want := range []string{`PostGIS is not installed in database "`, "as a superuser", "CREATE EXTENSION postgis;", "deploy/postgis.sql"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("migrate without PostGIS: the error lacks %q:\n%s", want, stderr)
		}
	}
	var tables int
	db, err := sql.Open("pgx", ownerURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow("SELECT count(*) FROM pg_tables WHERE tablename = 'catalog_state'").Scan(&tables); err != nil || tables != 0 {
		t.Errorf("a failed first migration left catalog_state behind: %d %v", tables, err)
	}

	// The privileged step, exactly as shipped, as the superuser.
	privileged, err := os.ReadFile("../../deploy/postgis.sql")
	if err != nil {
		t.Fatal(err)
	}
	if err := execSQL(t, adminURL, string(privileged)); err != nil {
		t.Fatalf("deploy/postgis.sql as the superuser: %v", err)
	}

	for i := 0; i < 2; i++ { // the second run finds nothing to do
		out, stderr, err := landcat(t, bin, env, "", "migrate")
		if err != nil || !strings.Contains(out, "migrations are up to date") {
			t.Fatalf("migrate #%d as the unprivileged owner: %v %q\n%s", i+1, err, out, stderr)
		}
	}
	var owner string
	if err := db.QueryRow("SELECT tableowner FROM pg_tables WHERE tablename = 'parcels'").Scan(&owner); err != nil || !strings.HasPrefix(owner, "landcat_r_") {
		t.Errorf("parcels is owned by %q (%v), want the unprivileged role", owner, err)
	}

	// And it serves, writes and follows the change feed as that role.
	base := serve(t, bin, append(env, "LANDCAT_DEMO=true"))
	var ready map[string]any
	getJSON(t, base+"/readyz", &ready)
	var parcels featureCollection
	getJSON(t, base+"/collections/parcels/items?limit=1", &parcels)
	if ready["database"] != "ok" || parcels.NumberMatched < 60 {
		t.Errorf("serving as the unprivileged owner: readyz %v, %d parcels", ready, parcels.NumberMatched)
	}
}

// TestComposeInitSQL runs deploy/compose-initdb.sql as compose's PostGIS
// container does (psql, as the superuser, on a fresh server), under unique
// names, then migrates as the role it created.
func TestComposeInitSQL(t *testing.T) {
	needTool(t, "psql")
	admin := testdb.Admin(t)
	b, err := os.ReadFile("../../deploy/compose-initdb.sql")
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("landcat_c_%d", time.Now().UnixNano())
	sqlText := regexp.MustCompile(`\blandcat\b`).ReplaceAllString(string(b), name)
	file := filepath.Join(t.TempDir(), "initdb.sql")
	if err := os.WriteFile(file, []byte(sqlText), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		execSQL(t, admin, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		execSQL(t, admin, "DROP ROLE IF EXISTS "+name)
	})
	if out, err := exec.Command("psql", "-v", "ON_ERROR_STOP=1", "-q", "-d", admin, "-f", file).CombinedOutput(); err != nil {
		t.Fatalf("psql -f compose-initdb.sql: %v\n%s", err, out)
	}
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.User, u.Path = url.UserPassword(name, name), "/"+name
	out, stderr, err := landcat(t, binary(t), []string{"LANDCAT_DATABASE_URL=" + u.String()}, "", "migrate")
	if err != nil || !strings.Contains(out, "up to date") {
		t.Fatalf("migrate as the role of compose-initdb.sql: %v %q\n%s", err, out, stderr)
	}
}
