package catalog_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDomainImports keeps the domain plain (a house rule: domain code never
// depends on the web framework or the ORM): the domain packages (catalog,
// geo, i18n, readmodel, demo, match, tiles, pipeline, cpm, ical) and identity,
// which the HTTP layer calls, never depend on Echo, GORM or a database
// driver.
func TestDomainImports(t *testing.T) {
	pkgs := []string{"catalog", "geo", "i18n", "readmodel", "demo", "match", "tiles", "identity", "report", "basemap", "sites", "factsheet", "pipeline", "cpm", "ical"}
	banned := []string{"github.com/labstack/echo", "gorm.io/", "github.com/jackc/pgx", "github.com/ncruces/go-sqlite3"}
	for _, p := range pkgs {
		out, err := exec.Command("go", "list", "-deps", "github.com/landcat/landcat/internal/"+p).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", p, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, b := range banned {
				if strings.HasPrefix(dep, b) {
					t.Errorf("internal/%s depends on %s", p, dep)
				}
			}
		}
	}
}
