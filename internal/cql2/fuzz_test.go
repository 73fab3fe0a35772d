package cql2_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/cql2"
	"github.com/paulmach/orb"
)

// fuzzSeeds are inputs that exercise the corners of the grammar; the
// standard's examples are added when the shared material is present.
var fuzzSeeds = []string{
	`status IN ('available','reserved') AND area_ha BETWEEN 5 AND 50 AND S_INTERSECTS(geometry, BBOX(106.5,20.7,106.9,20.95))`,
	`NOT (a = 1 OR b <> 'x''y') AND c IS NOT NULL`,
	`'a\'b\\c\n' LIKE '100\%'`,
	`x = -1.5e-3 + 2 * (3 div 2) % 4 ^ -2`,
	`- - "q" > .5`,
	`T_DURING(INTERVAL(available_from, '..'), INTERVAL('2020-01-01', '2021-01-01T00:00:00.5Z'))`,
	`S_WITHIN(geom, GEOMETRYCOLLECTION(POINT Z(1 2 3), MULTIPOINT(1 2 3, (4 5 6))))`,
	`A_OVERLAPS(sectors, ('x', ('y')))`,
	`f(g(), (1, 2), ()) IS NULL`,
	`((((a))))`,
}

func addSeeds(f *testing.F, sub, ext string) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "ogc-cql2", "examples", sub, "*."+ext))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
}

// fuzzSchema is the landcat schema, used to check that Compile and the
// compiled predicate never panic on whatever the parsers accept.
var fuzzSchema = landcatSchema()

var fuzzRecords = []cql2.Record{
	newRecord("available", 10, []string{"x"}, true, "2020-01-01", "2020-01-01T10:00:00Z", orb.Point{106.7, 20.8}),
	newRecord(nil, nil, nil, nil, nil, nil, nil),
	newRecord("sold", 0, []string{}, false, "1999-12-31", "2030-01-01T00:00:00Z",
		orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}),
}

// checkExpr checks the round trips through the canonical text form and
// through cql2-json, and that compiling and evaluating do not panic.
func checkExpr(t *testing.T, e cql2.Expr) {
	s := cql2.Format(e)
	e2, err := cql2.ParseText(s)
	if err != nil {
		t.Fatalf("canonical form does not parse: %v\n%s", err, s)
	}
	if s2 := cql2.Format(e2); s2 != s {
		t.Fatalf("canonical form not stable:\n%s\n%s", s, s2)
	}
	b, err := cql2.FormatJSON(e)
	if err != nil {
		t.Fatalf("FormatJSON(%s): %v", s, err)
	}
	e3, err := cql2.ParseJSON(b)
	if err != nil {
		t.Fatalf("JSON encoding does not parse: %v\n%s\n%s", err, s, b)
	}
	if s3 := cql2.Format(e3); s3 != s {
		t.Fatalf("JSON round trip changed the tree:\n%s\n%s", s, s3)
	}
	if match, err := cql2.Compile(e, fuzzSchema); err == nil {
		for _, r := range fuzzRecords {
			match(r)
		}
	}
}

// FuzzParseText: ParseText never panics, and what it accepts prints to a
// canonical form that parses back to the same canonical form.
func FuzzParseText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	addSeeds(f, "text", "txt")
	f.Fuzz(func(t *testing.T, s string) {
		e, err := cql2.ParseText(s)
		if err != nil {
			return
		}
		checkExpr(t, e)
	})
}

// FuzzParseJSON: ParseJSON never panics, and what it accepts has a
// canonical text form that parses to the same tree. A one-element array
// outside IN and A_* has no cql2-text spelling ("('a')" is a parenthesised
// string), so such trees are only checked not to panic.
func FuzzParseJSON(f *testing.F) {
	f.Add(`{"op":"and","args":[{"op":"=","args":[{"property":"status"},"a"]},true]}`)
	f.Add(`{"op":"t_during","args":[{"interval":[{"property":"available_from"},".."]},{"date":"2020-01-01"}]}`)
	addSeeds(f, "json", "json")
	f.Fuzz(func(t *testing.T, s string) {
		e, err := cql2.ParseJSON([]byte(s))
		if err != nil || hasSingletonArray(e) {
			return
		}
		checkExpr(t, e)
	})
}

func hasSingletonArray(e cql2.Expr) bool {
	found := false
	cql2.Walk(e, func(x cql2.Expr) bool {
		if _, ok := x.(cql2.ArrayPred); ok {
			return false // arrays are always arrays there
		}
		if a, ok := x.(cql2.ArrayLit); ok && len(a.Elems) == 1 {
			found = true
		}
		return !found
	})
	return found
}

// ---- records shared by the unit tests, the fuzz tests and the benchmark ----

// landcatSchema is a schema shaped like landcat's queryables.
func landcatSchema() testSchema {
	s := testSchema{}
	for i, q := range []struct {
		name string
		typ  cql2.Type
	}{
		{"status", cql2.String}, {"area_ha", cql2.Number}, {"sectors", cql2.StringList},
		{"power_dual_feed", cql2.Bool}, {"available_from", cql2.Date}, {"updated_at", cql2.Timestamp},
		{"geometry", cql2.Geometry},
	} {
		s[q.name] = struct {
			idx int
			typ cql2.Type
		}{i, q.typ}
	}
	return s
}

// newRecord builds a landcat record; nil arguments are unknown values.
func newRecord(status, area, sectors, dual, from, updated any, g orb.Geometry) testRecord {
	vals := []any{status, nil, sectors, dual, nil, nil, nil}
	if area != nil {
		vals[1] = float64(area.(int))
	}
	if from != nil {
		d, _ := time.Parse("2006-01-02", from.(string))
		vals[4] = d
	}
	if updated != nil {
		ts, _ := time.Parse(time.RFC3339, updated.(string))
		vals[5] = ts
	}
	return testRecord{vals: vals, geom: g}
}
