package deploy_test

import (
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

// TestCompose checks compose.yaml's structure (Docker cannot run here):
// PostGIS initialised by the superuser with compose-initdb.sql, landcat
// built from the Dockerfile and run as the unprivileged role that file
// creates, health checks that work without a shell in the image, and
// landcat started only once the database is healthy.
// cmd/landcat's TestComposeInitSQL runs compose-initdb.sql for real.
func TestCompose(t *testing.T) {
	b, err := os.ReadFile("compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Services map[string]struct {
			Image       string
			Build       struct{ Context, Dockerfile string }
			Environment map[string]string
			Volumes     []string
			Ports       []string
			Healthcheck struct {
				Test        []string
				Interval    string
				StartPeriod string `yaml:"start_period"`
				Retries     int
			}
			DependsOn map[string]struct{ Condition string } `yaml:"depends_on"`
			ReadOnly  bool                                  `yaml:"read_only"`
			CapDrop   []string                              `yaml:"cap_drop"`
		}
		Volumes map[string]any
	}
	if err := yaml.Unmarshal(b, &c); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	db, api := c.Services["db"], c.Services["api"]
	if len(c.Services) != 2 || db.Image == "" || api.Build.Dockerfile == "" {
		t.Fatalf("want services db (an image) and api (built): %+v", c.Services)
	}

	// The database: PostGIS pinned, initialised by compose-initdb.sql.
	if _, tag, ok := strings.Cut(db.Image, ":"); !strings.HasPrefix(db.Image, "postgis/postgis:") || !ok || tag == "latest" {
		t.Errorf("db image %q: want a versioned postgis/postgis tag", db.Image)
	}
	var initSQL string
	for _, v := range db.Volumes {
		src, dst, _ := strings.Cut(v, ":")
		if strings.HasPrefix(dst, "/docker-entrypoint-initdb.d/") {
			initSQL = src
		}
	}
	sql, err := os.ReadFile(filepath.Clean(initSQL))
	if initSQL == "" || err != nil {
		t.Fatalf("db mounts no init SQL into /docker-entrypoint-initdb.d (%q): %v", initSQL, err)
	}
	if !hasPrefix(db.Healthcheck.Test, "CMD", "pg_isready") || !slices.Contains(db.Healthcheck.Test, "127.0.0.1") {
		t.Errorf("db healthcheck %q: want pg_isready over TCP (passes only after the init scripts)", db.Healthcheck.Test)
	}

	// landcat: the Dockerfile, checking itself with its own binary.
	if api.Build.Context != ".." || api.Build.Dockerfile != "deploy/Dockerfile" {
		t.Errorf("api build %+v: want context .. and deploy/Dockerfile", api.Build)
	}
	if _, err := os.Stat(filepath.Join(api.Build.Context, api.Build.Dockerfile)); err != nil {
		t.Error(err)
	}
	if want := []string{"CMD", "/usr/local/bin/landcat", "healthcheck"}; !reflect.DeepEqual(api.Healthcheck.Test[:min(3, len(api.Healthcheck.Test))], want) {
		t.Errorf("api healthcheck %q: want exec form %q (no shell in the image)", api.Healthcheck.Test, want)
	}
	if api.Healthcheck.StartPeriod == "" || db.Healthcheck.Retries == 0 {
		t.Error("health checks need a start period (landcat loads the catalogue first) and retries")
	}
	if api.DependsOn["db"].Condition != "service_healthy" {
		t.Errorf("api must wait for a healthy db: %+v", api.DependsOn)
	}
	if !api.ReadOnly || !reflect.DeepEqual(api.CapDrop, []string{"ALL"}) {
		t.Error("api: want read_only and cap_drop ALL")
	}

	// landcat connects as the role compose-initdb.sql creates, owner of
	// its database, never as the superuser.
	u, err := url.Parse(api.Environment["LANDCAT_DATABASE_URL"])
	if err != nil || u.Host != "db:5432" {
		t.Fatalf("LANDCAT_DATABASE_URL %q: %v", api.Environment["LANDCAT_DATABASE_URL"], err)
	}
	user := u.User.Username()
	pass, _ := u.User.Password()
	dbname := strings.TrimPrefix(u.Path, "/")
	if user == db.Environment["POSTGRES_USER"] {
		t.Errorf("landcat connects as the superuser %s", user)
	}
	for _, want := range []string{
		`CREATE ROLE ` + user + ` LOGIN PASSWORD '` + pass + `';`,
		`CREATE DATABASE ` + dbname + ` OWNER ` + user + `;`,
		`\connect ` + dbname,
		postgisSQL(t),
	} {
		if !strings.Contains(string(sql), want) {
			t.Errorf("%s lacks %q", initSQL, want)
		}
	}
	if i, j := strings.Index(string(sql), `\connect`), strings.Index(string(sql), postgisSQL(t)); i > j {
		t.Errorf("%s creates PostGIS before connecting to landcat's database", initSQL)
	}
	if regexp.MustCompile(`(?i)superuser|createrole|createdb`).Match(sqlStatements(string(sql))) {
		t.Errorf("%s gives landcat's role special rights", initSQL)
	}
	if api.Environment["LANDCAT_METRICS_ADDR"] == "" || !slices.Contains(api.Ports, "8080:8080") {
		t.Errorf("api: want port 8080 published and metrics on their own port: %+v %v", api.Environment, api.Ports)
	}
	for name := range c.Volumes {
		if !strings.Contains(strings.Join(db.Volumes, " "), name+":") {
			t.Errorf("volume %s is declared but not mounted", name)
		}
	}
}

func sqlStatements(s string) []byte {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			out = append(out, l)
		}
	}
	return []byte(strings.Join(out, "\n"))
}

// hasPrefix reports whether s starts with prefix.
func hasPrefix(s []string, prefix ...string) bool {
	return len(s) >= len(prefix) && reflect.DeepEqual(s[:len(prefix)], prefix)
}
