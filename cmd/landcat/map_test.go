package main_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/testdb"
)

// TestMapPage opens the investor map page (/map) of the real binary with
// the demo catalogue in Debian's chromium, driven by
// .ci/tools/map-check.mjs (playwright-core): the page loads with no
// console error, no failed request and no request leaving landcat; the
// vector tiles render; clicking a parcel opens its panel; a data-centre
// search lists and highlights ranked sites; the language switch and a deep
// link work. Screenshots of every step go to screenshots/map/ at the
// repository root (git-ignored) for a person to look at.
func TestMapPage(t *testing.T) {
	browserCheck(t, "map-check.mjs", "map")
}

// TestInvestors drives what a foreign investor does beyond finding sites
// (.ci/tools/investors-check.mjs): the basemap and labels render from
// landcat alone, the language switch changes labels, parcels are picked
// and compared, a shortlist round-trips through its link, the fact
// sheets download as PDFs, and an inquiry sent from the map's form (with
// the server's consent notice and form token) is accepted with a
// reference. Screenshots go to
// screenshots/investors/.
func TestInvestors(t *testing.T) {
	browserCheck(t, "investors-check.mjs", "investors")
}

// browserCheck serves the real binary with the demo catalogue and runs a
// playwright-core script of .ci/tools against it in Debian's chromium,
// failing with the script's failures; its screenshots go to
// screenshots/<out>/ at the repository root (git-ignored).
func browserCheck(t *testing.T, script, out string) {
	if testing.Short() {
		t.Skip("browser test: skipped with -short")
	}
	needTool(t, "node")
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	tools, err := filepath.Abs("../../.ci/tools")
	if err != nil {
		t.Fatal(err)
	}
	needFile(t, chromium, "apt-get install -y --no-install-recommends chromium")
	needFile(t, filepath.Join(tools, "node_modules", "playwright-core"), "npm ci in .ci/tools")

	bin := binary(t)
	env := []string{"LANDCAT_DATABASE_URL=" + testdb.SQLite(t), "LANDCAT_DEMO=true", "LANDCAT_LOG_LEVEL=warn"}
	base := serve(t, bin, env)

	dir, err := filepath.Abs("../../screenshots/" + out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join(tools, script), base, dir)
	cmd.Dir = tools
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()

	var summary struct {
		OK          bool     `json:"ok"`
		Failures    []string `json:"failures"`
		Screenshots []string `json:"screenshots"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &summary); err != nil {
		t.Fatalf("%s: %v (%v)\nstdout:\n%s\nstderr:\n%s", script, err, runErr, stdout.String(), stderr.String())
	}
	t.Logf("screenshots in %s: %d", dir, len(summary.Screenshots))
	for _, f := range summary.Failures {
		t.Error(f)
	}
	if runErr != nil || !summary.OK {
		t.Fatalf("%s failed (%v); summary:\n%s\nstderr:\n%s", script, runErr, stdout.String(), stderr.String())
	}
}

// needFile skips when a file the browser test needs is missing, except
// under CI, where .ci/run installs it and its absence is a failure.
func needFile(t *testing.T, path, install string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing (%s; bash .ci/run does it)", path, install)
		}
		t.Skipf("%s is missing: skipping (%s; bash .ci/run does it)", path, install)
	}
}
