package main_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/testdb"
)

// qgisPython is Debian's Python, the one python3-qgis installs PyQGIS for
// (a python3 earlier on PATH, such as pyenv's, does not have it).
const qgisPython = "/usr/bin/python3"

// decimalParcel has fractional utility figures and lease price, which no
// demo parcel has. QGIS 3.22 types fields from the first page it reads;
// whole numbers there made these fields Integer, and a decimal on a later
// page read as 0. The id sorts last, so it is on the last page.
const decimalParcel = `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[106.60,20.93],[106.601,20.93],[106.601,20.931],[106.60,20.931],[106.60,20.93]]]},
 "properties":{"code":"ZZ-QGIS","name_vi":"Lô thập phân","name_en":"Decimal plot","zone_id":"z-nck","status":"available",
 "lease_price_usd_m2":118.75,"power_capacity_mva":42.5,"power_voltage_kv":22.5,"water_m3_day":1234.5,"wastewater_m3_day":987.25}}`

// needQGIS skips when PyQGIS is missing, except under CI, where .ci/run
// installs python3-qgis and its absence is a failure.
func needQGIS(t *testing.T) {
	t.Helper()
	out, err := exec.Command(qgisPython, "-c", "import qgis.core").CombinedOutput()
	if err == nil {
		return
	}
	msg := "PyQGIS is not installed (apt-get install -y --no-install-recommends python3-qgis; bash .ci/run does it): "
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s%v %s", msg, err, out)
	}
	t.Skipf("%s%v: skipping", msg, err)
}

// officerDo sends an officer's request and fails unless it answers want.
func officerDo(t *testing.T, method, url, key, contentType, body string, want int, headers ...string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", contentType)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	resp.Body.Close()
	if resp.StatusCode != want {
		t.Fatalf("%s %s: %s, want %d", method, url, resp.Status, want)
	}
}

// TestQGIS reads the running server with QGIS 3.22's own OGC API -
// Features provider (Debian 12's python3-qgis, through
// .ci/tools/qgis-check.py, offscreen) and checks what a QGIS user sees:
// every Number property is a Real field and keeps its decimals, even when
// the first page holds only whole values; Integer properties stay Integer;
// the layer has numberMatched features through paging; a subset string
// on status keeps the features the API's equality filter returns.
func TestQGIS(t *testing.T) {
	needQGIS(t)
	script, err := filepath.Abs("../../.ci/tools/qgis-check.py")
	if err != nil {
		t.Fatal(err)
	}
	bin := binary(t)
	env := []string{"LANDCAT_DATABASE_URL=" + testdb.SQLite(t), "LANDCAT_DEMO=true", "LANDCAT_LOG_LEVEL=warn"}
	base := serve(t, bin, env)
	key, stderr, err := landcat(t, bin, env, "", "apikey", "create", "--name", "qgis-test", "--role", "publisher")
	if err != nil {
		t.Fatalf("apikey create: %v %s", err, stderr)
	}
	key = strings.TrimSpace(key)
	const added, demo = "zz-qgis-decimal", "hp-dc1-01" // hp-dc1-01: elevation 4.5 m, fee 0.6 USD/m²/year
	officerDo(t, "PUT", base+"/collections/parcels/items/"+added, key, "application/geo+json", decimalParcel, 201, "If-None-Match", "*")
	officerDo(t, "POST", base+"/collections/parcels/items/"+added+"/publication", key, "application/json", `{"state":"published"}`, 200)

	var all, available featureCollection
	getJSON(t, base+"/collections/parcels/items?limit=10000", &all)
	getJSON(t, base+"/collections/parcels/items?status=available&limit=10000", &available)
	api := map[string]map[string]any{}
	for _, f := range all.Features {
		api[f.ID] = f.Properties
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, qgisPython, script, base, "parcels", added+","+demo, "available", "25")
	cmd.Env = append(os.Environ(), "QT_QPA_PLATFORM=offscreen", "HOME="+t.TempDir())
	var stdout, stderrb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderrb
	if err := cmd.Run(); err != nil {
		t.Fatalf("qgis-check.py: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderrb.String())
	}
	var got struct {
		Version        string
		Valid          bool
		Fields         map[string]string
		FeatureCount   int
		Iterated       int
		Probe          map[string]map[string]any
		SubsetAccepted bool
		Filtered       int
		FilteredCount  int
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil || !got.Valid {
		t.Fatalf("qgis-check.py: %v valid=%v\n%s\nstderr:\n%s", err, got.Valid, stdout.String(), stderrb.String())
	}
	t.Logf("QGIS %s", got.Version)

	for _, fl := range catalog.SchemaOf(catalog.Parcels).Fields {
		typ, ok := got.Fields[fl.Name]
		switch {
		case fl.Type != catalog.Number && fl.Type != catalog.Integer:
		case !ok:
			t.Errorf("QGIS has no field %s", fl.Name)
		case fl.Type == catalog.Number && typ != "Real":
			t.Errorf("QGIS types the Number %s as %s, want Real", fl.Name, typ)
		case fl.Type == catalog.Integer && !strings.HasPrefix(typ, "Integer"):
			t.Errorf("QGIS types the Integer %s as %s", fl.Name, typ)
		}
	}
	for _, id := range []string{added, demo} {
		q, want := got.Probe[id], api[id]
		if q == nil || want == nil {
			t.Fatalf("%s: QGIS %v, API %v", id, q != nil, want != nil)
		}
		for _, fl := range catalog.SchemaOf(catalog.Parcels).Fields {
			if fl.Type == catalog.Number && want[fl.Name] != nil && q[fl.Name] != want[fl.Name] {
				t.Errorf("%s.%s: QGIS reads %v, the API serves %v", id, fl.Name, q[fl.Name], want[fl.Name])
			}
		}
	}
	if got.Probe[added]["lease_price_usd_m2"] != 118.75 {
		t.Errorf("the published 118.75 reads %v in QGIS", got.Probe[added]["lease_price_usd_m2"])
	}
	if got.FeatureCount != all.NumberMatched || got.Iterated != all.NumberMatched {
		t.Errorf("QGIS counts %d and reads %d parcels; numberMatched is %d", got.FeatureCount, got.Iterated, all.NumberMatched)
	}
	if !got.SubsetAccepted || got.Filtered != available.NumberMatched || got.FilteredCount != available.NumberMatched || available.NumberMatched == 0 {
		t.Errorf(`subset "status" = 'available' (accepted %v): QGIS reads %d, counts %d; the API's status=available matches %d`,
			got.SubsetAccepted, got.Filtered, got.FilteredCount, available.NumberMatched)
	}
}
