package systemtest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// need skips when a program is missing, except under CI, where .ci/run
// installs it and a missing program is a failure.
func need(t testing.TB, path string) string {
	t.Helper()
	p, err := exec.LookPath(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed (bash .ci/run installs it)", path)
		}
		t.Skipf("%s is not installed: skipping the system test (bash .ci/run installs it)", path)
	}
	return p
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// cluster is a PostgreSQL server of the test's own: a data directory under
// a temporary folder and a port of its own on 127.0.0.1.
type cluster struct {
	t       testing.TB
	bin     string // PostgreSQL's server binaries
	dir     string // data directory
	logFile string
	port    int
	asUser  string // run the server as this OS user (postgres when the test runs as root: initdb refuses root)
}

func startCluster(t testing.TB, root string) *cluster {
	t.Helper()
	bin := os.Getenv("LANDCAT_PG_BIN")
	if bin == "" {
		bin = "/usr/lib/postgresql/15/bin"
	}
	need(t, filepath.Join(bin, "initdb"))
	need(t, filepath.Join(bin, "pg_ctl"))
	c := &cluster{t: t, bin: bin, dir: filepath.Join(root, "pgdata"), logFile: filepath.Join(root, "pglog", "postgres.log"), port: freePort(t)}
	if err := os.MkdirAll(filepath.Dir(c.logFile), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(c.dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		need(t, "runuser")
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("running as root, the cluster needs the postgres OS user: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		for _, p := range []string{c.dir, filepath.Dir(c.logFile)} {
			if err := os.Chown(p, uid, gid); err != nil {
				t.Fatal(err)
			}
		}
		c.asUser = "postgres"
	}
	c.run("initdb", "-D", c.dir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions")
	conf := fmt.Sprintf("port = %d\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\nmax_connections = 200\nshared_buffers = 64MB\nfsync = off\nlog_min_messages = warning\n", c.port)
	f, err := os.OpenFile(filepath.Join(c.dir, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(conf)
	f.Close()
	c.pgctl("start")
	t.Cleanup(func() {
		_ = c.command("pg_ctl", "-D", c.dir, "-m", "immediate", "-w", "-t", "30", "stop").Run()
		if t.Failed() {
			if b, err := os.ReadFile(c.logFile); err == nil {
				t.Logf("PostgreSQL log (last 3000 bytes):\n%s", tail(b, 3000))
			}
		}
	})
	db := c.db("postgres")
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE landcat"); err != nil {
		t.Fatal(err)
	}
	ldb := c.db("landcat")
	defer ldb.Close()
	if _, err := ldb.Exec("CREATE EXTENSION postgis"); err != nil {
		t.Fatalf("PostGIS in the private cluster: %v", err)
	}
	return c
}

func (c *cluster) command(name string, args ...string) *exec.Cmd {
	path := filepath.Join(c.bin, name)
	if c.asUser != "" {
		return exec.Command("runuser", append([]string{"-u", c.asUser, "--", path}, args...)...)
	}
	return exec.Command(path, args...)
}

func (c *cluster) run(name string, args ...string) {
	c.t.Helper()
	if out, err := c.command(name, args...).CombinedOutput(); err != nil {
		c.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// pgctl runs pg_ctl start, stop (fast) or restart (fast), waiting for it.
func (c *cluster) pgctl(action string) {
	c.t.Helper()
	c.run("pg_ctl", "-D", c.dir, "-l", c.logFile, "-m", "fast", "-w", "-t", "60", action)
}

// URL is the landcat database's URL for the replicas.
func (c *cluster) URL() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/landcat?sslmode=disable&connect_timeout=3", c.port)
}

func (c *cluster) db(name string) *sql.DB {
	c.t.Helper()
	db, err := sql.Open("pgx", fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable&connect_timeout=3", c.port, name))
	if err != nil {
		c.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		c.t.Fatalf("connect to the private cluster: %v", err)
	}
	return db
}

// killListeners terminates every replica's change-feed connection.
func (c *cluster) killListeners() (int, error) {
	db := c.db("landcat")
	defer db.Close()
	var n int
	err := db.QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'landcat-listen'`).Scan(&n)
	return n, err
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
