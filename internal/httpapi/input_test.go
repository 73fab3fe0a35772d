package httpapi_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/testdb"
)

// TestHostileInput sends officers' writes that the databases would treat
// differently, or that once reached the client as Go error strings: the
// answers must be the same on SQLite and PostgreSQL, refused before any
// store, with pointers and plain messages.
func TestHostileInput(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			e := newEnv(t, tc.URL(t))
			testHostileWrites(t, e)
			testHostilePatch(t, e)
			testHostileMatch(t, e)
		})
	}
}

func testHostileWrites(t *testing.T, e *env) {
	var ring strings.Builder
	for i := range 50_000 {
		fmt.Fprintf(&ring, "[%.6f,%.6f],", 106.74+float64(i%2)*0.001, 20.84+float64(i)*1e-7)
	}
	many := `{"type":"Polygon","coordinates":[[` + ring.String() + `[106.74,20.84]]]}`
	geometry := `{"type":"Polygon","coordinates":[[[106.74,20.84],[106.75,20.84],[106.75,20.85],[106.74,20.85],[106.74,20.84]]]}`
	cases := []struct {
		name, body string
		status     int
		pointer    string
		message    string
	}{
		{"NUL", strings.Replace(draftParcel, "Lô nháp", `Lô\u0000nháp`, 1), 422, "/properties/name_vi", "must not contain the NUL character"},
		{"invalid UTF-8", strings.Replace(draftParcel, "Draft plot", "Draft\xffplot", 1), 422, "/properties/name_en", "is not valid UTF-8"},
		{"lone surrogate", strings.Replace(draftParcel, "Draft plot", `Draft \ud800`, 1), 422, "/properties/name_en", "half of a UTF-16 surrogate pair"},
		{"property name", strings.Replace(draftParcel, `"code"`, `"co\u0000de"`, 1), 422, "/properties/co\uFFFDde", "the member name must not contain"},
		{"body bytes", draftParcel + "\xff", 400, "", "the body is not valid UTF-8 (byte 0xff at offset"},
		{"elevation", strings.Replace(draftParcel, "[106.75,20.85]", "[106.75,20.85,12.5]", 1), 422, "/geometry/coordinates/0/2", "elevation_m"},
		{"too many vertices", strings.Replace(draftParcel, geometry, many, 1), 422, "/geometry/coordinates", "has more than 50000 positions"},
		{"antimeridian", strings.ReplaceAll(strings.ReplaceAll(draftParcel, "106.74", "179.9"), "106.75", "-179.9"), 422, "/geometry/coordinates", "spans 359.8° of longitude"},
		{"type of type", strings.Replace(draftParcel, `"type":"Feature"`, `"type":5`, 1), 422, "/type", `must be "Feature"`},
		{"geometry number", strings.Replace(draftParcel, geometry, `7`, 1), 422, "/geometry", "must be a GeoJSON geometry object"},
		{"array body", `[` + draftParcel + `]`, 400, "", "the body must be a JSON object"},
	}
	rev0, _ := e.st.Revision(context.Background())
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := problemOf(t, e.req(t, "POST", "/collections/parcels/items", catalog.RoleEditor, c.body), c.status)
			detail, _ := p["detail"].(string)
			errs, _ := p["errors"].([]any)
			found := c.pointer == "" && strings.Contains(detail, c.message)
			for _, x := range errs {
				m := x.(map[string]any)
				found = found || (m["pointer"] == c.pointer && strings.Contains(m["message"].(string), c.message))
			}
			if !found {
				t.Errorf("want %q at %q; got %v", c.message, c.pointer, p)
			}
			for _, bad := range []string{"catalog.", "orb.", "json:", "Go value", "struct"} {
				if strings.Contains(fmt.Sprint(p), bad) {
					t.Errorf("the problem shows %q: %v", bad, p)
				}
			}
		})
	}
	if rev, _ := e.st.Revision(context.Background()); rev != rev0 {
		t.Errorf("a refused write changed the revision")
	}
}

func testHostilePatch(t *testing.T, e *env) {
	tag := e.req(t, "GET", "/collections/parcels/items/p-1", 0, "").Header().Get("ETag")
	for body, pointer := range map[string]string{
		`{"properties":{"name_vi":"\u0000"}}`:          "/properties/name_vi",
		`{"properties":{"address":"\udc00"}}`:          "/properties/address",
		`{"properties":{"name_en":"x` + "\xc3" + `"}}`: "/properties/name_en",
	} {
		p := problemOf(t, e.req(t, "PATCH", "/collections/parcels/items/p-1", catalog.RoleEditor, body,
			"Content-Type", "application/merge-patch+json", "If-Match", tag), 422)
		if pointers(p) != pointer {
			t.Errorf("PATCH %q: pointers %q, want %q", body, pointers(p), pointer)
		}
	}
}

func testHostileMatch(t *testing.T, e *env) {
	var ring strings.Builder
	for i := range 10_000 {
		fmt.Fprintf(&ring, "[%.6f,%.6f],", 106.6+float64(i%2)*0.1, 20.8+float64(i)*1e-5)
	}
	within := func(coords string) string {
		return `{"requirements":{"within":{"type":"Polygon","coordinates":` + coords + `}}}`
	}
	cases := []struct{ name, body, pointer, message string }{
		{"NUL", `{"sector":"logis\u0000tics"}`, "/sector", "must not contain the NUL character"},
		{"key", `{"requirements":{"\ud800":1}}`, "/requirements/\uFFFD", "the member name contains"},
		{"elevation", within(`[[[106.6,20.8],[106.8,20.8,3],[106.8,21],[106.6,20.8]]]`), "/requirements/within/coordinates/0/1", "has 3 numbers"},
		{"too many vertices", within(`[[` + ring.String() + `[106.6,20.8]]]`), "/requirements/within/coordinates", "has more than 10000 positions"},
		{"antimeridian", within(`[[[179.9,10],[-179.9,10],[-179.9,11],[179.9,10]]]`), "/requirements/within/coordinates", "spans 359.8° of longitude"},
	}
	for _, c := range cases {
		t.Run("match "+c.name, func(t *testing.T) {
			w := e.req(t, "POST", "/match", 0, c.body, "Content-Type", "application/json")
			p := problemOf(t, w, 400)
			if pointers(p) != c.pointer || !strings.Contains(w.Body.String(), c.message) {
				t.Errorf("pointers %q, want %q with %q: %s", pointers(p), c.pointer, c.message, w.Body)
			}
		})
	}
}
