package cql2_test

import (
	"slices"
	"testing"

	"github.com/landcat/landcat/internal/cql2"
	"github.com/paulmach/orb"
)

// landcatRecords: r2 has every value unknown.
var landcatRecords = []cql2.Record{
	newRecord("available", 10, []string{"logistics", "food"}, true, "2024-01-01", "2025-06-01T10:00:00Z",
		orb.Point{106.7, 20.8}),
	newRecord("reserved", 60, []string{"chemicals"}, false, "2025-03-15", "2025-06-02T00:00:00Z",
		orb.Polygon{{{106.6, 20.9}, {106.62, 20.9}, {106.62, 20.92}, {106.6, 20.92}, {106.6, 20.9}}}),
	newRecord(nil, nil, nil, nil, nil, nil, nil),
	newRecord("Straße", 5, []string{}, nil, "2024-01-01", nil, orb.Point{179.5, 10}),
	newRecord("100% O'Brien", 50, []string{"food"}, true, nil, "2025-06-01T10:00:00.5Z",
		orb.LineString{{106.4, 20.8}, {106.8, 20.8}}),
}

// semanticCases give, for each filter, the indices of the landcatRecords
// it selects.
var semanticCases = []struct {
	filter string
	want   []int
}{
	{"area_ha > 5", []int{0, 1, 4}},
	{"5 < area_ha", []int{0, 1, 4}},
	{"NOT (area_ha > 5)", []int{3}}, // unknown stays unknown under NOT
	{"area_ha > 5 OR status IS NULL", []int{0, 1, 2, 4}},
	{"NOT (area_ha > 5 AND status = 'x')", []int{0, 1, 3, 4}},
	{"NOT (area_ha > 5 OR status = 'x')", []int{3}},
	{"status IS NULL", []int{2}},
	{"geometry IS NULL", []int{2}},
	{"sectors IS NOT NULL", []int{0, 1, 3, 4}},
	{"area_ha BETWEEN 5 AND 50", []int{0, 3, 4}},
	{"area_ha NOT BETWEEN 5 AND 50", []int{1}},
	{"area_ha BETWEEN 5 AND area_ha", []int{0, 1, 3, 4}},
	{"status IN ('available', 'reserved')", []int{0, 1}},
	{"status NOT IN ('available')", []int{1, 3, 4}},
	{"area_ha IN (10, 60, 5 * 10)", []int{0, 1, 4}},
	{`status LIKE '100\%%'`, []int{4}},
	{`status LIKE '%''%'`, []int{4}},
	{"status LIKE '_vailable'", []int{0}},
	{"status LIKE 'a%e'", []int{0}},
	{"status NOT LIKE '%a%'", []int{1, 4}},
	{"CASEI(status) = CASEI('STRASSE')", []int{3}},
	{"CASEI(status) LIKE casei('AVAIL%')", []int{0}},
	{"ACCENTI(status) IN (ACCENTI('Straße'), 'reservéd')", []int{3}},
	{"power_dual_feed", []int{0, 4}},
	{"NOT power_dual_feed", []int{1}},
	{"power_dual_feed = FALSE", []int{1}},
	{"available_from = '2024-01-01'", []int{0, 3}},
	{"available_from < DATE('2025-01-01')", []int{0, 3}},
	{"updated_at > DATE('2025-06-01')", []int{0, 1, 4}},
	{"updated_at = TIMESTAMP('2025-06-01T10:00:00.500Z')", []int{4}},
	{"T_DURING(updated_at, INTERVAL('2025-06-01T00:00:00Z', '2025-06-01T23:59:59Z'))", []int{0, 4}},
	{"T_AFTER(available_from, INTERVAL('..', '2024-06-01'))", []int{1}},
	{"T_INTERSECTS(INTERVAL(available_from, '..'), DATE('2025-01-01'))", []int{0, 3}},
	{"S_INTERSECTS(geometry, BBOX(106.5, 20.7, 106.9, 20.95))", []int{0, 1, 4}},
	{"S_INTERSECTS(BBOX(106.5, 20.7, 106.9, 20.95), geometry)", []int{0, 1, 4}},
	{"S_INTERSECTS(geom, BBOX(179, 0, -179, 20))", []int{3}}, // alias, antimeridian
	{"S_DISJOINT(geometry, BBOX(106.5, 20.7, 106.9, 20.95))", []int{3}},
	{"S_WITHIN(geometry, POLYGON((106 20, 107 20, 107 21, 106 21, 106 20)))", []int{0, 1, 4}},
	{"S_CONTAINS(geometry, POINT(106.61 20.91))", []int{1}},
	{"S_CROSSES(geometry, LINESTRING(106.5 20.7, 106.5 20.9))", []int{4}},
	{"S_EQUALS(geometry, POINT(106.7 20.8))", []int{0}},
	{"S_TOUCHES(geometry, POINT(106.6 20.9))", []int{1}},
	{"S_OVERLAPS(geometry, POLYGON((106.61 20.91, 106.7 20.91, 106.7 21, 106.61 21, 106.61 20.91)))", []int{1}},
	{"A_CONTAINS(sectors, ('food'))", []int{0, 4}},
	{"A_OVERLAPS(sectors, ('food', 'chemicals'))", []int{0, 1, 4}},
	{"A_CONTAINEDBY(sectors, ('food', 'logistics'))", []int{0, 3, 4}},
	{"A_EQUALS(sectors, ('food', 'logistics'))", []int{0}},
	{"area_ha / 0 > 1", nil},
	{"NOT (area_ha / 0 > 1)", nil},
	{"area_ha * 2 = 20", []int{0}},
	{"area_ha % 7 = 3", []int{0}},
	{"area_ha div 7 = 7", []int{4}},
	{"-area_ha < -55", []int{1}},
	{"TRUE", []int{0, 1, 2, 3, 4}},
	{"FALSE", nil},
	{"(status = 'available') = TRUE", []int{0}},
	{"'a' IN ('b', status)", nil},
}

func TestCompileSemantics(t *testing.T) {
	s := landcatSchema()
	for _, tc := range semanticCases {
		e, err := cql2.ParseText(tc.filter)
		if err != nil {
			t.Errorf("ParseText(%q): %v", tc.filter, err)
			continue
		}
		match, err := cql2.Compile(e, s)
		if err != nil {
			t.Errorf("Compile(%q): %v", tc.filter, err)
			continue
		}
		var got []int
		for i, r := range landcatRecords {
			if match(r) {
				got = append(got, i)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: selected %v, want %v", tc.filter, got, tc.want)
		}
	}
}

// TestTextJSONParity checks that the two encodings compile to the same
// selection.
func TestTextJSONParity(t *testing.T) {
	tests := []struct{ text, json string }{
		{"status IN ('available','reserved') AND area_ha BETWEEN 5 AND 50",
			`{"op":"and","args":[{"op":"in","args":[{"property":"status"},["available","reserved"]]},
			  {"op":"between","args":[{"property":"area_ha"},5,50]}]}`},
		{"S_INTERSECTS(geometry, BBOX(106.5,20.7,106.9,20.95))",
			`{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[106.5,20.7,106.9,20.95]}]}`},
		{"T_AFTER(updated_at, TIMESTAMP('2025-06-01T00:00:00Z')) AND NOT power_dual_feed",
			`{"op":"and","args":[{"op":"t_after","args":[{"property":"updated_at"},{"timestamp":"2025-06-01T00:00:00Z"}]},
			  {"op":"not","args":[{"property":"power_dual_feed"}]}]}`},
	}
	s := landcatSchema()
	for _, tc := range tests {
		te, err := cql2.ParseText(tc.text)
		if err != nil {
			t.Fatal(err)
		}
		je, err := cql2.ParseJSON([]byte(tc.json))
		if err != nil {
			t.Fatal(err)
		}
		if cql2.Format(te) != cql2.Format(je) {
			t.Errorf("trees differ:\n%s\n%s", te, je)
		}
		mt, err1 := cql2.Compile(te, s)
		mj, err2 := cql2.Compile(je, s)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		for i, r := range landcatRecords {
			if mt(r) != mj(r) {
				t.Errorf("%s: record %d differs", tc.text, i)
			}
		}
	}
}

// boundedRecord gives a wrong bounding box on purpose, to show that
// spatial filters use cql2.BoundedRecord.
type boundedRecord struct{ testRecord }

func (boundedRecord) GeometryBound() orb.Bound {
	return orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}
}

func TestBoundedRecord(t *testing.T) {
	e, _ := cql2.ParseText("S_INTERSECTS(geometry, BBOX(106.5, 20.7, 106.9, 20.95))")
	match, err := cql2.Compile(e, landcatSchema())
	if err != nil {
		t.Fatal(err)
	}
	r := landcatRecords[0].(testRecord)
	if !match(r) || match(boundedRecord{r}) {
		t.Error("the precomputed bound was not used")
	}
}

func TestFormat(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a=1 and b=2 or not c<3", `(("a" = 1 AND "b" = 2) OR NOT ("c" < 3))`},
		{"x = 'it''s \\ ok'", `"x" = 'it''s \\ ok'`},
		{"x = - y ^ 2", `"x" = ((-1 * "y") ^ 2)`},
		{"x in ((a = 1), 2)", `"x" IN (("a" = 1), 2)`},
		{"t_during(interval(a, '..'), interval('2020-01-01', '2020-01-02T03:04:05.600Z'))",
			`T_DURING(INTERVAL("a", '..'), INTERVAL('2020-01-01', '2020-01-02T03:04:05.6Z'))`},
		{"s_within(g, multipoint(1 2, (3 4)))", `S_WITHIN("g", MULTIPOINT((1 2), (3 4)))`},
		{"s_within(g, point(1 2 3))", `S_WITHIN("g", POINT Z(1 2 3))`},
	}
	for _, tc := range tests {
		e, err := cql2.ParseText(tc.in)
		if err != nil {
			t.Errorf("ParseText(%q): %v", tc.in, err)
			continue
		}
		if got := cql2.Format(e); got != tc.want || e.String() != tc.want {
			t.Errorf("Format(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
