package main_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/testdb"
)

// ogcClientSummary is what .ci/tools/ogc-client-check.mjs prints.
type ogcClientSummary struct {
	Title       string
	Collections []string
	Info        map[string]struct{ Queryables, Sortables []string }
	Page        struct {
		URL           string
		IDs           []string
		LeasePrices   []float64
		Statuses      []string
		GeometryTypes []any
	}
	Bare struct {
		URL        string
		IDs        []string
		Geometries []any
		Properties []map[string]any
	}
	Requests []struct {
		URL    string
		Status int
	}
}

// schemaNames returns the sorted property names of a JSON Schema document
// the API serves (queryables, sortables).
func schemaNames(t *testing.T, url string) []string {
	t.Helper()
	var doc struct{ Properties map[string]any }
	getJSON(t, url, &doc)
	var names []string
	for n := range doc.Properties {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func sorted(s []string) []string { s = slices.Clone(s); sort.Strings(s); return s }

// TestOGCClient reads the running server with @camptocamp/ogc-client 1.3
// in Node (.ci/tools/ogc-client-check.mjs) and compares what the library
// made of it with the API: the collections, each collection's queryables
// and sortables, a filtered, sorted, bbox-limited page (the library sends
// skipGeometry=false with it) and a skipGeometry=true page. No request the
// library sends may fail (it swallows a 404 on sortables).
func TestOGCClient(t *testing.T) {
	needTool(t, "node")
	tools, err := filepath.Abs("../../.ci/tools")
	if err != nil {
		t.Fatal(err)
	}
	needFile(t, filepath.Join(tools, "node_modules", "@camptocamp", "ogc-client"), "npm ci in .ci/tools")
	base := serve(t, binary(t), []string{"LANDCAT_DATABASE_URL=" + testdb.SQLite(t), "LANDCAT_DEMO=true", "LANDCAT_LOG_LEVEL=warn"})

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join(tools, "ogc-client-check.mjs"), base)
	cmd.Dir = tools
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var got ogcClientSummary
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil || runErr != nil {
		t.Fatalf("ogc-client-check.mjs: %v %v\nstdout:\n%s\nstderr:\n%s", runErr, err, stdout.String(), stderr.String())
	}

	for _, r := range got.Requests {
		if r.Status != 200 {
			t.Errorf("ogc-client: GET %s → %d", r.URL, r.Status)
		}
	}
	if want := []string{"zones", "parcels", "infrastructure"}; !slices.Equal(got.Collections, want) {
		t.Errorf("ogc-client lists collections %v, want %v", got.Collections, want)
	}
	for _, cid := range got.Collections {
		info := got.Info[cid]
		if want := schemaNames(t, base+"/collections/"+cid+"/queryables"); !slices.Equal(sorted(info.Queryables), want) {
			t.Errorf("%s queryables: ogc-client %v, API %v", cid, sorted(info.Queryables), want)
		}
		want := schemaNames(t, base+"/collections/"+cid+"/sortables")
		if !slices.Equal(sorted(info.Sortables), want) || !slices.Contains(want, "id") {
			t.Errorf("%s sortables: ogc-client %v, API %v", cid, sorted(info.Sortables), want)
		}
	}

	p := got.Page
	for _, part := range []string{"skipGeometry=false", "sortby=-lease_price_usd_m2%2Cid", "bbox=106.6%2C20.7%2C106.9%2C20.95", "status=available"} {
		if !strings.Contains(p.URL, part) {
			t.Errorf("ogc-client's page URL %s lacks %s", p.URL, part)
		}
	}
	ids, _ := pageIDs(t, base+"/collections/parcels/items?status=available&sortby=-lease_price_usd_m2,id&bbox=106.6,20.7,106.9,20.95&limit=7")
	if len(p.IDs) != 7 || !slices.Equal(p.IDs, ids) {
		t.Errorf("filtered sorted bbox page: ogc-client %v, API %v", p.IDs, ids)
	}
	for i := range p.IDs {
		if p.Statuses[i] != "available" || p.GeometryTypes[i] != "MultiPolygon" || (i > 0 && p.LeasePrices[i] > p.LeasePrices[i-1]) {
			t.Errorf("page feature %s: status %s, geometry %v, lease prices %v", p.IDs[i], p.Statuses[i], p.GeometryTypes[i], p.LeasePrices)
		}
	}

	b := got.Bare
	var api struct {
		Features []struct {
			ID         string
			Properties map[string]any
		}
	}
	getJSON(t, base+"/collections/parcels/items?limit=10", &api)
	if !strings.Contains(b.URL, "skipGeometry=true") || len(b.IDs) != 10 || len(api.Features) != 10 {
		t.Fatalf("skipGeometry page: %s, %d features", b.URL, len(b.IDs))
	}
	for i, f := range api.Features {
		if b.IDs[i] != f.ID || b.Geometries[i] != nil || !reflect.DeepEqual(b.Properties[i], f.Properties) {
			t.Errorf("skipGeometry=true feature %d: %s geometry %v, want %s with null geometry and the same properties", i, b.IDs[i], b.Geometries[i], f.ID)
		}
	}
}

// pageIDs returns the ids of one page in the order served, and numberMatched.
func pageIDs(t *testing.T, url string) ([]string, int) {
	t.Helper()
	var fc featureCollection
	getJSON(t, url, &fc)
	var ids []string
	for _, f := range fc.Features {
		ids = append(ids, f.ID)
	}
	return ids, fc.NumberMatched
}
