package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/testdb"
)

// TestClients covers what common GIS clients need beyond the core:
// @camptocamp/ogc-client sends skipGeometry and reads sortables; QGIS types
// fields from the first features it reads, so numbers must look real.
func TestClients(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			e := newEnv(t, tc.URL(t))
			t.Run("SkipGeometry", func(t *testing.T) { testSkipGeometry(t, e) })
			t.Run("Sortables", func(t *testing.T) { testSortables(t, e) })
			t.Run("RealNumbers", func(t *testing.T) { testRealNumbers(t, e) })
		})
	}
}

// geometries decodes a page and returns its features' geometries by id.
func geometries(t *testing.T, w *httptest.ResponseRecorder) (fc, map[string]json.RawMessage) {
	t.Helper()
	page := decodeFC(t, w)
	var raw struct {
		Features []struct {
			ID       string
			Geometry json.RawMessage
		}
	}
	if err := json.Unmarshal(w.Body.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string]json.RawMessage{}
	for _, f := range raw.Features {
		out[f.ID] = f.Geometry
	}
	return page, out
}

func testSkipGeometry(t *testing.T, e *env) {
	const path = "/collections/parcels/items?sortby=-lease_price_usd_m2&status=available,leased"
	full := e.req(t, "GET", path, 0, "")
	with, geoms := geometries(t, full)
	falseLen, geomBytes := 0, 0
	for _, flag := range []string{"false", "true"} {
		w := e.req(t, "GET", path+"&skipGeometry="+flag+"&limit=2", 0, "")
		page, got := geometries(t, w)
		if ids(page) != "p-2,p-1" || page.NumberMatched != 3 {
			t.Errorf("skipGeometry=%s: %s, matched %d", flag, ids(page), page.NumberMatched)
		}
		for i, f := range page.Features {
			g, ok := got[f.ID]
			switch {
			case !ok:
				t.Errorf("skipGeometry=%s: %s has no geometry member", flag, f.ID)
			case flag == "true" && string(g) != "null":
				t.Errorf("skipGeometry=true: %s has geometry %.60s", f.ID, g)
			case flag == "false" && !bytes.Equal(g, geoms[f.ID]):
				t.Errorf("skipGeometry=false: %s geometry %.60s, want %.60s", f.ID, g, geoms[f.ID])
			}
			want, _ := json.Marshal(with.Features[i].Properties)
			if have, _ := json.Marshal(f.Properties); !bytes.Equal(have, want) {
				t.Errorf("skipGeometry=%s: %s properties differ:\n%s\n%s", flag, f.ID, have, want)
			}
		}
		var next string
		for _, l := range page.Links {
			if l.Rel == "next" {
				next = l.Href
			}
		}
		if !strings.Contains(next, "skipGeometry="+flag) {
			t.Errorf("skipGeometry=%s: the next link drops it: %s", flag, next)
		}
		if flag == "false" {
			falseLen = w.Body.Len()
			for _, f := range page.Features {
				geomBytes += len(got[f.ID]) - len("null")
			}
		} else if w.Body.Len() > falseLen-geomBytes+16 {
			t.Errorf("skipGeometry=true: %d bytes, with geometry %d of which %d geometry", w.Body.Len(), falseLen, geomBytes)
		}
	}
	for _, bad := range []string{"1", "TRUE", "yes", ""} {
		p := problemOf(t, e.req(t, "GET", "/collections/parcels/items?skipGeometry="+bad, 0, ""), 400)
		if pointers(p) != "skipGeometry" || !strings.Contains(p["detail"].(string), "true or false") {
			t.Errorf("skipGeometry=%s: problem %v", bad, p)
		}
	}
}

func testSortables(t *testing.T, e *env) {
	for _, cid := range catalog.Collections {
		base := "/collections/" + string(cid)
		w := e.req(t, "GET", base+"/sortables", 0, "")
		var doc struct {
			Schema     string                    `json:"$schema"`
			ID         string                    `json:"$id"`
			Type       string                    `json:"type"`
			Properties map[string]map[string]any `json:"properties"`
			Additional *bool                     `json:"additionalProperties"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil || w.Code != 200 || w.Header().Get("Content-Type") != "application/schema+json" {
			t.Fatalf("%s sortables: %d %v %s", cid, w.Code, err, w.Header().Get("Content-Type"))
		}
		if doc.Type != "object" || doc.ID != "http://example.com"+base+"/sortables" || doc.Additional == nil || *doc.Additional || !strings.Contains(doc.Schema, "json-schema.org") {
			t.Errorf("%s sortables: %s", cid, w.Body)
		}
		want := []string{"id"}
		for _, fl := range catalog.SchemaOf(cid).Fields {
			p, listed := doc.Properties[fl.Name]
			if fl.Type == catalog.StringList {
				if listed {
					t.Errorf("%s: the list %s is no sortable", cid, fl.Name)
				}
				problemOf(t, e.req(t, "GET", base+"/items?sortby="+fl.Name, 0, ""), 400)
				continue
			}
			want = append(want, fl.Name)
			if !listed || p["type"] == nil || p["type"] == "array" || p["type"] == "object" {
				t.Errorf("%s: sortable %s is %v", cid, fl.Name, p)
			}
		}
		if len(doc.Properties) != len(want) {
			t.Errorf("%s: %d sortables, want %d", cid, len(doc.Properties), len(want))
		}
		// Every listed name is accepted by sortby, in both directions.
		for i := 0; i < len(want); i += 6 {
			keys := slices.Clone(want[i:min(i+6, len(want))])
			keys[0] = "-" + keys[0]
			if w := e.req(t, "GET", base+"/items?sortby="+strings.Join(keys, ","), 0, ""); w.Code != 200 {
				t.Errorf("%s sortby=%s: %d %s", cid, strings.Join(keys, ","), w.Code, w.Body)
			}
		}
		var col struct {
			Links []struct{ Href, Rel, Type string }
		}
		_ = json.Unmarshal(e.req(t, "GET", base, 0, "").Body.Bytes(), &col)
		linked := false
		for _, l := range col.Links {
			linked = linked || (l.Rel == "http://www.opengis.net/def/rel/ogc/1.0/sortables" && l.Href == "http://example.com"+base+"/sortables" && l.Type == "application/schema+json")
		}
		if !linked {
			t.Errorf("%s: no sortables link: %+v", cid, col.Links)
		}
	}
	problemOf(t, e.req(t, "GET", "/collections/roads/sortables", 0, ""), 404)
	problemOf(t, e.req(t, "GET", "/collections/parcels/sortables?limit=1", 0, ""), 400)
}

// testRealNumbers: whole Number properties are written 120.0 in pages and
// single features; Integer properties stay integers.
func testRealNumbers(t *testing.T, e *env) {
	for _, path := range []string{"/collections/parcels/items?sortby=id", "/collections/parcels/items/p-1"} {
		body := e.req(t, "GET", path, 0, "").Body.String()
		for _, want := range []string{`"lease_price_usd_m2":120.0,`, `"power_capacity_mva":60.0,`, `"water_m3_day":2000.0,`} {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks %s", path, want)
			}
		}
		if !regexp.MustCompile(`"revision":[0-9]+,`).MatchString(body) {
			t.Errorf("%s: revision must stay an integer", path)
		}
	}
}
