package main

import (
	"bytes"
	"context"
	"flag"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/store"
	"github.com/landcat/landcat/internal/testdb"
)

// runCLI runs landcat in-process with only the given environment.
func runCLI(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	err = run(ctx, args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), err
}

// TestSettingsCheckedFirst: a wrong setting is refused before anything is
// opened, created or migrated, and the message names the flag and its
// environment variable.
func TestSettingsCheckedFirst(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "untouched.db")
	url := "sqlite:" + db
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want []string
	}{
		{nil, []string{"serve", "--demo=maybe"}, []string{"--demo (LANDCAT_DEMO)", `"maybe"`}},
		{map[string]string{"LANDCAT_DEMO": "maybe"}, []string{"serve"}, []string{"--demo (LANDCAT_DEMO)"}},
		{nil, []string{"serve", "--catch-up=0s"}, []string{"--catch-up (LANDCAT_CATCH_UP)", "positive"}},
		{map[string]string{"LANDCAT_CATCH_UP": "-1s"}, []string{"serve"}, []string{"--catch-up (LANDCAT_CATCH_UP)"}},
		{map[string]string{"LANDCAT_CATCH_UP": "soon"}, []string{"serve"}, []string{"--catch-up (LANDCAT_CATCH_UP)", `"soon"`}},
		{map[string]string{"LANDCAT_LOG_LEVEL": "verbose"}, []string{"serve"}, []string{"--log-level (LANDCAT_LOG_LEVEL)", `"verbose"`}},
		{map[string]string{"LANDCAT_LOG_LEVEL": "verbose"}, []string{"migrate"}, []string{"--log-level (LANDCAT_LOG_LEVEL)"}},
		{map[string]string{"LANDCAT_LOG_LEVEL": "verbose"}, []string{"apikey", "create", "--name", "a", "--role", "editor"}, []string{"--log-level (LANDCAT_LOG_LEVEL)"}},
		{nil, []string{"migrate", "--database-url", "sqlite:"}, []string{"--database-url (LANDCAT_DATABASE_URL)", "names no file"}},
		{map[string]string{"LANDCAT_DATABASE_URL": "mysql://x"}, []string{"migrate"}, []string{"--database-url (LANDCAT_DATABASE_URL)"}},
		{nil, []string{"apikey", "create", "--role", "editor"}, []string{"--name"}},
		{nil, []string{"apikey", "create", "--name", "a", "--role", "boss"}, []string{"--role", `"boss"`}},
		{nil, []string{"serve", "--addr", "8080"}, []string{"--addr (LANDCAT_ADDR)"}},
		{map[string]string{"LANDCAT_METRICS_ADDR": "nowhere"}, []string{"serve"}, []string{"--metrics-addr (LANDCAT_METRICS_ADDR)"}},
		{map[string]string{"LANDCAT_PPROF_ADDR": "6060"}, []string{"serve"}, []string{"LANDCAT_PPROF_ADDR"}},
		{nil, []string{"serve", "--rate-limit", "match=lots"}, []string{"--rate-limit (LANDCAT_RATE_LIMIT)"}},
		{nil, []string{"serve", "--trusted-proxies", "somewhere"}, []string{"--trusted-proxies (LANDCAT_TRUSTED_PROXIES)"}},
		{nil, []string{"serve", "--bogus"}, []string{"-bogus", "landcat serve --help"}},
		{nil, []string{"serve", "extra"}, []string{`"extra"`}},
		{nil, []string{"import", "x.geojson", "--collection", "roads"}, []string{"--collection"}},
		{nil, []string{"serve", "--migrate=false"}, []string{"landcat migrate", db}},
	} {
		env := map[string]string{"LANDCAT_DATABASE_URL": url}
		for k, v := range tc.env {
			env[k] = v
		}
		_, _, err := runCLI(t, env, tc.args...)
		if err == nil {
			t.Errorf("%v %v: no error", tc.env, tc.args)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%v %v: %q does not say %q", tc.env, tc.args, err, w)
			}
		}
		if _, serr := os.Stat(db); serr == nil {
			t.Fatalf("%v %v created or touched the database before refusing", tc.env, tc.args)
		}
	}
}

// TestHelp: landcat help lists every command's every option and the
// environment variables; COMMAND --help prints that command's options on
// stdout and succeeds.
func TestHelp(t *testing.T) {
	out, _, err := runCLI(t, nil, "help")
	if err != nil {
		t.Fatal(err)
	}
	none := func(string) string { return "" }
	sets := allFlagSets()
	if len(sets) != 10 {
		t.Errorf("%d flag sets; a command is missing from allFlagSets", len(sets))
	}
	for _, fs := range sets {
		fs.VisitAll(func(f *flag.Flag) {
			if !strings.Contains(out, "--"+f.Name) {
				t.Errorf("landcat help lacks %s --%s", fs.Name(), f.Name)
			}
		})
	}
	for _, w := range []string{"--log-level", "--catch-up", "--cors-origins", "--rate-limit", "--trusted-proxies", "--metrics-addr",
		"LANDCAT_PPROF_ADDR", "LANDCAT_DATABASE_URL", "LANDCAT_CATCH_UP", "landcat backup", "connect_timeout"} {
		if !strings.Contains(out, w) {
			t.Errorf("landcat help lacks %s", w)
		}
	}
	for _, args := range [][]string{{"serve", "--help"}, {"migrate", "--help"}, {"import", "--help"}, {"apikey", "create", "--help"},
		{"apikey", "--help"}, {"apikey", "list", "--help"}, {"apikey", "revoke", "--help"}, {"apikey", "rotate", "-h"},
		{"backup", "--help"}, {"gen", "--help"}, {"healthcheck", "--help"}, {"serve", "-h"}} {
		stdout, stderr, err := runCLI(t, nil, args...)
		if err != nil || stderr != "" || !strings.HasPrefix(stdout, "Usage: landcat "+args[0]) || (!(args[0] == "apikey" && len(args) == 2) && !strings.Contains(stdout, "Options:")) {
			t.Errorf("%v: err %v, stderr %q, stdout %q", args, err, stderr, stdout)
		}
	}
	stdout, _, _ := runCLI(t, nil, "serve", "--help")
	serveFlags(none, &config{}).VisitAll(func(f *flag.Flag) {
		if !strings.Contains(stdout, "--"+f.Name) {
			t.Errorf("serve --help lacks --%s", f.Name)
		}
	})
}

// TestConnectErrors: a refused connection is said once, with what to check;
// a server that answers nothing is given up after the URL's
// connect_timeout; --migrate=false on an empty database names landcat
// migrate.
func TestConnectErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	_, _, err = runCLI(t, nil, "migrate", "--database-url", "postgres://landcat@"+closed+"/landcat?sslmode=disable")
	msg := err.Error()
	if strings.Count(msg, "refused") != 1 || !strings.Contains(msg, "is PostgreSQL running on "+closed+"?") || !strings.Contains(msg, "LANDCAT_DATABASE_URL") {
		t.Errorf("refused connection: %q", msg)
	}

	hole := blackHole(t)
	_, _, err = runCLI(t, nil, "serve", "--database-url", "postgres://landcat@"+hole+"/landcat?sslmode=disable&connect_timeout=1")
	if err == nil || !strings.Contains(err.Error(), "no answer within 1s") {
		t.Errorf("black hole: %v", err)
	}

	empty := filepath.Join(t.TempDir(), "empty.db")
	st, err := store.Open(context.Background(), "sqlite:"+empty)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	_, _, err = runCLI(t, nil, "serve", "--migrate=false", "--database-url", "sqlite:"+empty)
	if err == nil || !strings.Contains(err.Error(), "no landcat tables") || !strings.Contains(err.Error(), "landcat migrate") {
		t.Errorf("--migrate=false on an empty database: %v", err)
	}
}

// blackHole is a TCP server that accepts connections and never answers,
// like a PostgreSQL host whose process hangs.
func blackHole(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return ln.Addr().String()
}

// TestInterruptedStart: cancelling the context (what SIGTERM and SIGINT
// do in main) ends a start that waits on a silent database at once.
func TestInterruptedStart(t *testing.T) {
	hole := blackHole(t)
	for _, cmd := range []string{"serve", "migrate"} {
		ctx, cancel := context.WithCancel(context.Background())
		errc := make(chan error, 1)
		go func() {
			errc <- run(ctx, []string{cmd, "--database-url", "postgres://landcat@" + hole + "/landcat?sslmode=disable"},
				func(string) string { return "" }, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
		}()
		time.Sleep(300 * time.Millisecond)
		cancel()
		select {
		case err := <-errc:
			if err == nil || !strings.Contains(err.Error(), "interrupted") {
				t.Errorf("%s interrupted: %v", cmd, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s ignored the cancelled context while connecting", cmd)
		}
	}
}

// TestBackup: landcat backup copies a live SQLite database; the copy opens
// with the same revision and the same features, at the same versions. It
// refuses to overwrite a file, and refuses PostgreSQL naming pg_dump.
func TestBackup(t *testing.T) {
	dir := t.TempDir()
	url := "sqlite:" + filepath.Join(dir, "live.db")
	ctx := context.Background()
	st, err := openStore(ctx, &config{databaseURL: url}, newLogger("error", os.Stderr), true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := loadDemo(ctx, st, &config{demo: "true"}, newLogger("error", os.Stderr)); err != nil {
		t.Fatal(err)
	}
	svc := newService(st, nil, nil)
	if _, err := svc.Patch(ctx, catalog.Actor{Name: "t", Role: catalog.RoleAdmin}, catalog.Parcels, "hp-dc2-01",
		[]byte(`{"properties":{"water_m3_day":4321}}`), catalog.Precondition{Present: true, Any: true}); err != nil {
		t.Fatal(err)
	}
	want, wantRev, err := st.Load(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir, "copy.db")
	out, _, err := runCLI(t, map[string]string{"LANDCAT_DATABASE_URL": url}, "backup", copyPath)
	if err != nil || !strings.Contains(out, "backed up") {
		t.Fatalf("backup: %v %q", err, out)
	}
	cp, err := store.Open(ctx, "sqlite:"+copyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if p, err := cp.Pending(ctx); err != nil || len(p) > 0 {
		t.Errorf("the copy misses migrations: %v %v", p, err)
	}
	got, gotRev, err := cp.Load(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if gotRev != wantRev || len(got) != len(want) || len(got) < 100 {
		t.Fatalf("copy: revision %d with %d features, want %d with %d", gotRev, len(got), wantRev, len(want))
	}
	versions := map[string]int64{}
	for _, f := range want {
		versions[string(f.Collection)+"/"+f.ID] = f.Version
	}
	for _, f := range got {
		if versions[string(f.Collection)+"/"+f.ID] != f.Version {
			t.Errorf("%s/%s: version %d in the copy", f.Collection, f.ID, f.Version)
		}
		if f.ID == "hp-dc2-01" && f.Props["water_m3_day"] != 4321.0 {
			t.Errorf("the copy lost the last write: %v", f.Props["water_m3_day"])
		}
	}
	if _, _, err := runCLI(t, map[string]string{"LANDCAT_DATABASE_URL": url}, "backup", copyPath); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("backup over an existing file: %v", err)
	}
	if _, _, err := runCLI(t, nil, "backup", filepath.Join(dir, "pg.db"), "--database-url", "postgres://u@127.0.0.1:1/x"); err == nil || !strings.Contains(err.Error(), "pg_dump") {
		t.Errorf("backup of PostgreSQL: %v", err)
	}
}

// TestPostgresDumpRestore is the README's PostgreSQL backup: pg_dump -Fc of
// a landcat database, pg_restore into a new database, and the restored
// database holds the same revision and features.
func TestPostgresDumpRestore(t *testing.T) {
	for _, tool := range []string{"pg_dump", "pg_restore"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed (bash .ci/run installs PostgreSQL)", tool)
			}
			t.Skipf("%s is not installed: skipping", tool)
		}
	}
	src, _ := testdb.PostGISDatabase(t)
	dst := testdb.Database(t) // empty: pg_restore creates PostGIS from the dump
	ctx := context.Background()
	st, err := openStore(ctx, &config{databaseURL: src}, newLogger("error", os.Stderr), true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := loadDemo(ctx, st, &config{demo: "true"}, newLogger("error", os.Stderr)); err != nil {
		t.Fatal(err)
	}
	want, wantRev, err := st.Load(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	dump := filepath.Join(t.TempDir(), "landcat.dump")
	for _, args := range [][]string{{"pg_dump", "-Fc", "-f", dump, "--dbname", src}, {"pg_restore", "--no-owner", "--exit-on-error", "--dbname", dst, dump}} {
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	st2, err := openStore(ctx, &config{databaseURL: dst}, newLogger("error", os.Stderr), false)
	if err != nil {
		t.Fatalf("open the restored database without migrating: %v", err)
	}
	defer st2.Close()
	got, gotRev, err := st2.Load(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if gotRev != wantRev || len(got) != len(want) || len(got) < 100 {
		t.Fatalf("restored: revision %d with %d features, want %d with %d", gotRev, len(got), wantRev, len(want))
	}
}
