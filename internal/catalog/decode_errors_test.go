package catalog_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
)

// shown returns everything a client sees of err: message and problems.
func shown(err error) string {
	var e *catalog.Error
	if !errors.As(err, &e) {
		return "no *catalog.Error: " + err.Error()
	}
	out := []string{e.Message}
	for _, p := range e.Problems {
		out = append(out, p.Pointer+" "+p.Message)
	}
	return strings.Join(out, "; ")
}

// goLeaks lists what only Go's own error strings would show.
var goLeaks = []string{"catalog.", "orb.", "json:", "Go value", "struct", "geojson", "float64", "strconv"}

func assertPlain(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("accepted")
	}
	got := shown(err)
	for _, bad := range goLeaks {
		if strings.Contains(got, bad) {
			t.Errorf("%q shows %q", got, bad)
		}
	}
}

func TestDecodeWrongTypesArePlain(t *testing.T) {
	bodies := map[string]string{
		"array":           `[1]`,
		"string":          `"Feature"`,
		"number":          `5`,
		"type number":     `{"type":5}`,
		"type object":     `{"type":{"a":1},"geometry":null}`,
		"id object":       `{"type":"Feature","id":{}}`,
		"geometry 5":      `{"type":"Feature","geometry":5}`,
		"geometry array":  `{"type":"Feature","geometry":[1,2]}`,
		"coordinates":     `{"type":"Feature","geometry":{"type":"Polygon","coordinates":"x"}}`,
		"coordinate":      `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[["a",1]]]}}`,
		"geometry type":   `{"type":"Feature","geometry":{"type":["Polygon"],"coordinates":[]}}`,
		"properties":      `{"type":"Feature","properties":[1]}`,
		"values":          parcel(`,"water_m3_day":"x","ready_built":1,"lease_until":5,"sectors":"x","flood_risk":3,"fibre_carriers":{}`),
		"list of numbers": parcel(`,"sectors":[1,2]`),
		"huge number":     parcel(`,"water_m3_day":1e400`),
		"syntax":          `{"type":`,
		"empty":           ``,
		"trailing":        `{"type":"Feature"} x`,
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			_, err := catalog.DecodeFeature(catalog.Parcels, []byte(body))
			assertPlain(t, err)
		})
	}
	if _, err := catalog.DecodeFeature(catalog.Parcels, []byte(`{"type":"Feature",`)); !strings.Contains(shown(err), "is not valid JSON: unexpected end of JSON input (at byte 18)") {
		t.Errorf("syntax error: %s", shown(err))
	}
	if _, err := catalog.DecodeFeature(catalog.Parcels, []byte(`[1]`)); shown(err) != "the body must be a JSON object (a GeoJSON Feature)" {
		t.Errorf("array body: %s", shown(err))
	}
}

func TestMergePatchWrongTypesArePlain(t *testing.T) {
	cur, err := catalog.DecodeFeature(catalog.Parcels, []byte(parcel("")))
	if err != nil {
		t.Fatal(err)
	}
	for _, patch := range []string{`[`, `{"properties":5}`, `{"properties":{"status":7}}`, `{"geometry":{"type":"Point"}}`,
		`{"geometry":{"coordinates":{}}}`, `{"id":[1]}`, `"x"`, `{"type":null}`} {
		t.Run(patch, func(t *testing.T) {
			_, err := catalog.MergePatch(cur, []byte(patch))
			assertPlain(t, err)
		})
	}
}

func TestImportWrongTypesArePlain(t *testing.T) {
	svc := &catalog.Service{Store: &fakeStore{t: t}}
	for _, file := range []string{`[]`, `{"features":{}}`, `{"features":[5]}`, `{"features":[{"type":"Feature","id":[1]}]}`,
		`{"features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2,3]}}]}`, `{"features":[` + `{"type":`} {
		t.Run(file, func(t *testing.T) {
			rep, err := svc.Import(context.Background(), catalog.Actor{Role: catalog.RoleAdmin}, strings.NewReader(file), catalog.ImportOptions{})
			assertPlain(t, err)
			if rep != nil {
				for _, r := range rep.Rejected {
					assertPlain(t, catalog.Invalid("rejected", r.Problems))
				}
			}
		})
	}
}

// TestDecodeRefusesText checks that text the databases disagree on is
// refused in decoding, with a pointer (422) or, outside any member, an
// offset (400).
func TestDecodeRefusesText(t *testing.T) {
	cases := []struct {
		name, body string
		kind       catalog.Kind
		want       string
	}{
		{"NUL in a value", parcel(`,"address":"a\u0000b"`), catalog.KindInvalid, "/properties/address must not contain the NUL character"},
		{"NUL in a required value", strings.Replace(parcel(""), `"Lô"`, `"L\u0000"`, 1), catalog.KindInvalid, "/properties/name_vi must not contain"},
		{"invalid UTF-8", strings.Replace(parcel(""), "Plot", "Pl\xffot", 1), catalog.KindInvalid, "/properties/name_en is not valid UTF-8 (byte 0xff at offset"},
		{"lone surrogate", parcel(`,"address":"\udfff"`), catalog.KindInvalid, `/properties/address contains \udfff`},
		{"property name", parcel(`,"addr\ud800":"x"`), catalog.KindInvalid, "the member name contains"},
		{"body", parcel("") + "\xff", catalog.KindBadRequest, "the body is not valid UTF-8 (byte 0xff at offset"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := catalog.DecodeFeature(catalog.Parcels, []byte(c.body))
			if catalog.KindOf(err) != c.kind || !strings.Contains(shown(err), c.want) {
				t.Errorf("got kind %v: %s\nwant kind %v and %q", catalog.KindOf(err), shown(err), c.kind, c.want)
			}
		})
	}
	cur, _ := catalog.DecodeFeature(catalog.Parcels, []byte(parcel("")))
	if _, err := catalog.MergePatch(cur, []byte(`{"properties":{"name_vi":"\u0000"}}`)); catalog.KindOf(err) != catalog.KindInvalid ||
		!strings.Contains(shown(err), "/properties/name_vi must not contain the NUL") {
		t.Errorf("merge patch: %s", shown(err))
	}
}

func TestDecodeGeometryRules(t *testing.T) {
	ring := func(n int) string {
		var sb strings.Builder
		for i := range n - 1 {
			fmt.Fprintf(&sb, "[%v,%v],", 106+float64(i%2)*0.01, 20+float64(i)*1e-5)
		}
		return `{"type":"Polygon","coordinates":[[` + sb.String() + `[106,20]]]}`
	}
	cases := []struct{ name, geometry, want string }{
		{"elevation", `{"type":"Polygon","coordinates":[[[106.7,20.8],[106.71,20.8],[106.71,20.81,4.5],[106.7,20.8]]]}`,
			"/geometry/coordinates/0/2 has 3 numbers; landcat stores 2D WGS 84 positions"},
		{"vertex cap", ring(50_001), "/geometry/coordinates has more than 50000 positions"},
		{"antimeridian", `{"type":"Polygon","coordinates":[[[179.9,10],[-179.9,10],[-179.9,11],[179.9,10]]]}`,
			"/geometry/coordinates spans 359.8° of longitude"},
		{"collapses when rounded", `{"type":"Polygon","coordinates":[[[106.7,20.8],[106.71,20.8],[106.705,20.80000001],[106.7,20.8]]]}`,
			"/geometry/coordinates/0 ring 0 self-intersects"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := catalog.DecodeFeature(catalog.Parcels, []byte(strings.Replace(parcel(""), square, c.geometry, 1)))
			if catalog.KindOf(err) != catalog.KindInvalid || !strings.Contains(shown(err), c.want) {
				t.Errorf("got %s\nwant %q", shown(err), c.want)
			}
		})
	}
}

func TestDecodeCapsProblems(t *testing.T) {
	var props strings.Builder
	for i := range 250 {
		fmt.Fprintf(&props, `,"x%d":1`, i)
	}
	_, err := catalog.DecodeFeature(catalog.Parcels, []byte(parcel(props.String())))
	var e *catalog.Error
	if !errors.As(err, &e) || len(e.Problems) != catalog.MaxProblems+1 || e.Problems[catalog.MaxProblems].Message != "150 more problems not listed" {
		t.Fatalf("got %v", err)
	}
}
