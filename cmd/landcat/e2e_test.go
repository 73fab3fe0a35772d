package main_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/testdb"
)

var (
	buildOnce sync.Once
	buildDir  string
	buildBin  string
	buildErr  error
)

// TestMain removes the binary that the tests share.
func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// binary builds landcat once per test run, without cgo, as users build it;
// every test of the package shares it.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if buildDir, buildErr = os.MkdirTemp("", "landcat-bin-"); buildErr != nil {
			return
		}
		buildBin = filepath.Join(buildDir, "landcat")
		cmd := exec.Command("go", "build", "-o", buildBin, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return buildBin
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// landcat runs a subcommand to completion and returns its stdout.
func landcat(t *testing.T, bin string, env []string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	return out.String(), errb.String(), err
}

// serve starts `landcat serve` and waits until /healthz answers.
func serve(t *testing.T, bin string, env []string) string {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "serve", "--addr", addr)
	cmd.Env = append(os.Environ(), env...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	done := make(chan struct{})
	go func() { io.Copy(&logs, bufio.NewReader(stderr)); close(done) }()
	t.Cleanup(func() {
		cancel()
		<-done
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	base := "http://" + addr
	for i := 0; i < 300; i++ {
		if r, err := http.Get(base + "/healthz"); err == nil {
			r.Body.Close()
			return base
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("landcat serve did not answer on %s:\n%s", addr, logs.String())
	return ""
}

func getJSON(t *testing.T, url string, v any) *http.Response {
	t.Helper()
	r, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	body, _ := io.ReadAll(r.Body)
	if r.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", url, r.StatusCode, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return r
}

type featureCollection struct {
	NumberMatched int `json:"numberMatched"`
	Features      []struct {
		ID         string         `json:"id"`
		Properties map[string]any `json:"properties"`
	} `json:"features"`
}

// TestEndToEnd starts the real binary on each database with the demo
// catalogue and uses it as an officer and an investor would.
func TestEndToEnd(t *testing.T) {
	bin := binary(t)
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			env := []string{"LANDCAT_DATABASE_URL=" + tc.URL(t), "LANDCAT_DEMO=true", "LANDCAT_LOG_LEVEL=warn"}
			base := serve(t, bin, env)
			checkDemo(t, base)
			checkOfficerFlow(t, bin, env, base)
		})
	}
}

func checkDemo(t *testing.T, base string) {
	var parcels featureCollection
	r := getJSON(t, base+"/collections/parcels/items?limit=1000", &parcels)
	if ct := r.Header.Get("Content-Type"); ct != "application/geo+json" {
		t.Errorf("Content-Type %q", ct)
	}
	if parcels.NumberMatched < 60 {
		t.Fatalf("demo parcels: %d, want ≥ 60", parcels.NumberMatched)
	}
	byID := map[string]map[string]any{}
	for _, f := range parcels.Features {
		byID[f.ID] = f.Properties
	}
	dc2 := byID["hp-dc2-01"]
	if dc2 == nil || dc2["code"] != "HP-DC2-01" || dc2["lease_price_usd_m2"] != 150.0 || dc2["power_capacity_mva"] != 60.0 {
		t.Fatalf("anchor HP-DC2-01: %v", dc2)
	}
	// Nam Dinh Vu port lies 3.1 km from the parcel's centroid; its edges are up to 0.55 km closer.
	if d := dc2["distance_seaport_km"].(float64); d < 2.4 || d > 3.2 {
		t.Errorf("HP-DC2-01 distance_seaport_km %v, want 2.5–3.1", d)
	}
	if a := dc2["area_ha"].(float64); a < 24 || a > 26 {
		t.Errorf("HP-DC2-01 area_ha %v, want ≈ 25", a)
	}
	if ad := byID["hp-ad-01"]; ad == nil || ad["power_capacity_mva"] != nil {
		t.Errorf("HP-AD-01 publishes no power data: %v", ad)
	}
	var zones, infra featureCollection
	getJSON(t, base+"/collections/zones/items?kind=industrial_park&limit=1000", &zones)
	getJSON(t, base+"/collections/infrastructure/items?limit=1000", &infra)
	if zones.NumberMatched < 10 || infra.NumberMatched < 12 {
		t.Errorf("demo: %d industrial parks, %d infrastructure features", zones.NumberMatched, infra.NumberMatched)
	}
}

func checkOfficerFlow(t *testing.T, bin string, env []string, base string) {
	key, stderr, err := landcat(t, bin, env, "", "apikey", "create", "--name", "alice", "--role", "publisher")
	key = strings.TrimSpace(key)
	if err != nil || !strings.HasPrefix(key, "lck_") || strings.Contains(key, "\n") {
		t.Fatalf("apikey create: %q %v %s", key, err, stderr)
	}
	body := `{"type":"Feature","id":"e2e-1","geometry":{"type":"Polygon","coordinates":[[[106.60,20.93],[106.601,20.93],[106.601,20.931],[106.60,20.931],[106.60,20.93]]]},
	 "properties":{"code":"E2E-1","name_vi":"Lô thử","name_en":"Test plot","zone_id":"z-nck","status":"available"}}`
	req, _ := http.NewRequest("PUT", base+"/collections/parcels/items/e2e-1", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/geo+json")
	req.Header.Set("If-None-Match", "*")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("PUT create: %v %v", err, resp.Status)
	}
	resp.Body.Close()
	req, _ = http.NewRequest("POST", base+"/collections/parcels/items/e2e-1/publication", strings.NewReader(`{"state":"published"}`))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	if resp, err = http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Fatalf("publish: %v %v", err, resp.Status)
	}
	resp.Body.Close()
	var one map[string]any
	getJSON(t, base+"/collections/parcels/items/e2e-1", &one)

	// The CLI import: a dry run, a rejected file, then a real import; the
	// running server sees it through its catch-up.
	dir := t.TempDir()
	good := filepath.Join(dir, "good.geojson")
	os.WriteFile(good, []byte(`{"type":"FeatureCollection","features":[`+strings.Replace(strings.Replace(body, "e2e-1", "e2e-2", 2), "E2E-1", "E2E-2", 1)+`]}`), 0o644)
	out, stderr, err := landcat(t, bin, env, "", "import", good, "--collection", "parcels", "--dry-run")
	if err != nil || !strings.Contains(out, "would import (dry run): read 1, valid 1") {
		t.Fatalf("dry run: %v %q %s", err, out, stderr)
	}
	bad := filepath.Join(dir, "bad.geojson")
	os.WriteFile(bad, []byte(`{"type":"FeatureCollection","features":[`+strings.Replace(body, `"status":"available"`, `"status":"sold"`, 1)+`]}`), 0o644)
	out, _, err = landcat(t, bin, env, "", "import", bad, "--collection", "parcels")
	if err == nil || !strings.Contains(out, "/properties/status") {
		t.Fatalf("bad import must fail naming the field: %v %q", err, out)
	}
	if out, stderr, err = landcat(t, bin, env, "", "import", good, "--publish"); err != nil || !strings.Contains(out, "parcels 1 new") {
		t.Fatalf("import: %v %q %s", err, out, stderr)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		r, err := http.Get(base + "/collections/parcels/items/e2e-2")
		if err == nil && r.StatusCode == 200 {
			r.Body.Close()
			break
		}
		if r != nil {
			r.Body.Close()
		}
		if time.Now().After(deadline) {
			t.Fatalf("the running server never saw the CLI import")
		}
		time.Sleep(200 * time.Millisecond)
	}
	// A developer's price sheet against the demo catalogue: the dry run
	// lists each change from what to what; progress goes to stderr.
	out, stderr, err = landcat(t, bin, env, "", "import", "../../testdata/prices.csv", "--dry-run")
	if err != nil || !strings.Contains(out, "row 2: updated parcels/hp-dc1-01 (code HP-DC1-01)\n") ||
		!strings.Contains(out, "  lease_price_usd_m2: 165 -> 172.5\n") || !strings.Contains(out, "parcels 0 new, 2 updated, 1 unchanged") ||
		!strings.Contains(stderr, "validated 3/3") {
		t.Errorf("sheet dry run: %v %q %s", err, out, stderr)
	}
	if out, _, err := landcat(t, bin, nil, "", "version"); err != nil || !strings.HasPrefix(out, "landcat ") {
		t.Errorf("version: %q %v", out, err)
	}
	if _, stderr, err := landcat(t, bin, nil, "", "frobnicate"); err == nil || !strings.Contains(stderr, "unknown command") {
		t.Errorf("unknown command: %v %s", err, stderr)
	}
	_ = fmt.Sprint()
}
