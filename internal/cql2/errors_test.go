package cql2_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/cql2"
)

func TestParseTextErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"status = ", `cql2: at 9 (end of input): expected a value after '='`},
		{"a = 'x' AND", `cql2: at 11 (end of input): expected a predicate after 'AND'`},
		{"a = 'x' AND AND b = 1", `cql2: at 12 ("AND"): expected a predicate after 'AND'`},
		{"a = 'x' or", `cql2: at 10 (end of input): expected a predicate after 'or'`},
		{"area_ha BETWEEN 5", `cql2: at 17 (end of input): expected AND after the lower bound of BETWEEN, found end of input`},
		{"area_ha BETWEEN AND 5", `cql2: at 16 ("AND"): expected a value after 'BETWEEN'`},
		{"S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1)))",
			`cql2: at 31 ("(0 0, 1 0, 1 1)))"): a polygon ring must be closed (its first and last positions must be equal)`},
		{"S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 0 0)))",
			`cql2: at 31 ("(0 0, 1 0, 0 0)))"): a polygon ring needs at least 4 positions`},
		{"S_INTERSECTS(geometry)", `cql2: at 0 ("S_INTERSECTS"): S_INTERSECTS takes 2 argument(s), found 1`},
		{"name = 'abc", `cql2: at 7 ("'abc"): unterminated string`},
		{`"name = 1`, `cql2: at 0 ("\"name = 1"): unterminated quoted property name`},
		{"", `cql2: at 0 (end of input): empty filter expression`},
		{"(a = 1", `cql2: at 6 (end of input): expected ')' to close the '(' at 0, found end of input`},
		{"a = 1)", `cql2: at 5 (")"): unexpected ')' after a complete expression`},
		{"a == 1", `cql2: at 3 ("="): expected a value after '='`},
		{"a != 1", `cql2: at 2 ("!= 1"): unexpected character '!'`},
		{"a IN ()", `cql2: at 6 (")"): expected a value after '(' or ',' in the IN list`},
		{"a IN 'x'", `cql2: at 5 ("'x'"): expected '(' after 'IN', found string`},
		{"a IS 5", `cql2: at 5 ("5"): expected NULL after IS, found number 5`},
		{"a NOT NULL", `cql2: at 6 ("NULL"): expected LIKE, BETWEEN or IN after 'NOT'`},
		{"x = DATE('2020-13-01')", `cql2: at 9 ("'2020-13-01'"): invalid date "2020-13-01", expected YYYY-MM-DD`},
		{"x = TIMESTAMP('2020-01-01T00:00:00+01:00')",
			`cql2: at 14 ("'2020-01-01T00:00:00+01:"): invalid timestamp "2020-01-01T00:00:00+01:00", expected YYYY-MM-DDThh:mm:ss[.fff]Z`},
		{"T_AFTER(x, INTERVAL('2020', '..'))", `cql2: at 20 ("'2020'"): invalid INTERVAL bound "2020", expected a date, a timestamp or '..'`},
		{"S_INTERSECTS(geometry, BBOX(1, 2, 3))", `cql2: at 23 ("BBOX"): BBOX takes 4 or 6 numbers, found 3`},
		{"S_INTERSECTS(geometry, POINT(1))", `cql2: at 29 ("1))"): a position has 2 or 3 coordinates, not 1`},
		{"S_INTERSECTS(geometry, POINT Z(1 2))", `cql2: at 31 ("1 2))"): a position of a Z geometry has 3 coordinates`},
		{"S_INTERSECTS(geometry, POINT EMPTY)", `cql2: at 29 ("EMPTY"): empty geometries are not supported`},
		{"S_INTERSECTS(geometry, LINESTRING(1 2))", `cql2: at 33 ("(1 2))"): a line string needs at least 2 positions`},
		{"area_ha > 1e999", `cql2: at 10 ("1e999"): number out of range`},
		{"area_ha > -", `cql2: at 11 (end of input): expected a value after '-'`},
		{"f(1,", `cql2: at 4 (end of input): expected an argument, found end of input`},
		{"\xff", `cql2: at 0 ("\xff"): invalid UTF-8`},
		{"isNull(a)", `cql2: at 0 ("isNull"): unknown function isNull, write: value IS NULL`},
		{`"" = 1`, `cql2: at 0 ("\"\" = 1"): empty property name`},
		{strings.Repeat("(", 300) + "a" + strings.Repeat(")", 300), `cql2: at 200 ("("): expression nested too deeply (more than 200 levels)`},
	}
	for _, tc := range tests {
		_, err := cql2.ParseText(tc.in)
		if err == nil || err.Error() != tc.want {
			t.Errorf("ParseText(%q):\n got %v\nwant %s", tc.in, err, tc.want)
		}
		var ce *cql2.Error
		if err != nil && !errors.As(err, &ce) {
			t.Errorf("ParseText(%q): error %T is not a *cql2.Error", tc.in, err)
		}
	}
}

func TestParseJSONErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"op":"=","args":[{"property":"a"}]}`, `cql2: at $: "=" takes 2 argument(s), found 1`},
		{`{"op":"between","args":[{"property":"a"},1]}`, `cql2: at $: "between" takes 3 argument(s), found 2`},
		{`{"op":"and","args":[true]}`, `cql2: at $: "and" takes 2 or more arguments, found 1`},
		{`{"op":"in","args":[{"property":"a"},1]}`, `cql2: at $.args[1]: expected a non-empty array of values`},
		{`{"op":"=","args":[{"property":1},1]}`, `cql2: at $.args[0].property: a property name must be a string`},
		{`{"op":"=","args":[{"property":"a"},null]}`, `cql2: at $.args[1]: null is not a CQL2 value`},
		{`{"op":"=","args":[{"date":"2020-1-1"},1]}`, `cql2: at $.args[0].date: invalid date, expected a string YYYY-MM-DD`},
		{`{"op":"t_after","args":[{"property":"a"},{"interval":["2020-01-01"]}]}`, `cql2: at $.args[1].interval: expected an array of 2 bounds`},
		{`{"op":"s_intersects","args":[{"property":"g"},{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}]}`,
			`cql2: at $.args[1].coordinates[0]: a polygon ring must be closed (its first and last positions must be equal)`},
		{`{"op":"s_intersects","args":[{"property":"g"},{"type":"Pointy","coordinates":[0,0]}]}`, `cql2: at $.args[1].type: unknown geometry type "Pointy"`},
		{`{"op":"s_intersects","args":[{"property":"g"},{"bbox":[1,2,3]}]}`, `cql2: at $.args[1].bbox: expected an array of 4 or 6 numbers`},
		{`{"op":"DATE","args":[]}`, `cql2: at $.op: unknown operator "DATE"`},
		{`{"op":"=","args":[{"property":"a"},1],"x":1}`, `cql2: at $: unexpected member "x"`},
		{`{"foo":1}`, `cql2: at $: expected an object with "op", "property", "date", "timestamp", "interval", "bbox" or a GeoJSON geometry`},
		{`{"op":"=","args":[`, `cql2: invalid JSON: unexpected EOF`},
		{`true false`, `cql2: invalid JSON: unexpected data after the top-level value`},
	}
	for _, tc := range tests {
		_, err := cql2.ParseJSON([]byte(tc.in))
		if err == nil || err.Error() != tc.want {
			t.Errorf("ParseJSON(%s):\n got %v\nwant %s", tc.in, err, tc.want)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		in, want    string
		unsupported bool
	}{
		{"nosuch = 1", `cql2: at 0 ("nosuch"): unknown property "nosuch"`, false},
		{"area_ha = 'ten'", `cql2: type mismatch in "area_ha" = 'ten': "area_ha" is a number but 'ten' is a string`, false},
		{"status > 5", `cql2: type mismatch in "status" > 5: "status" is a string but 5 is a number`, false},
		{"status IN ('a', 1)", `cql2: type mismatch in "status" IN ('a', 1): "status" is a string but 1 is a number`, false},
		{"area_ha LIKE 'x%'", `cql2: type mismatch in "area_ha" LIKE 'x%': "area_ha" is a number but 'x%' is a string`, false},
		{"status LIKE status", `cql2: the pattern of LIKE must be a string literal, not "status"`, false},
		{"area_ha", `cql2: "area_ha" is a number, not a predicate`, false},
		{"status + 1 > 2", `cql2: arithmetic needs numbers: ("status" + 1)`, false},
		{"available_from > 'soon'", `cql2: 'soon' is not a date or timestamp, so it cannot be compared with "available_from"`, false},
		{"geometry = POINT(1 2)", `cql2: geometry values cannot be compared in "geometry" = POINT(1 2) (use the S_*, T_* or A_* functions)`, false},
		{"S_INTERSECTS(geometry, POINT(90 180))", `cql2: POINT(90 180) has coordinates outside longitude -180..180, latitude -90..90 (CRS84)`, false},
		{"S_INTERSECTS(geometry, MULTIPOINT(7.02 49.92, 90 180))", `cql2: MULTIPOINT((7.02 49.92), (90 180)) has coordinates outside longitude -180..180, latitude -90..90 (CRS84)`, false},
		{"S_INTERSECTS(geometry, BBOX(0, 10, 1, 5))", `cql2: BBOX(0, 10, 1, 5) has its south bound above its north bound`, false},
		{"S_INTERSECTS(status, BBOX(0, 0, 1, 1))", `cql2: S_INTERSECTS needs two geometries, but "status" is a string`, false},
		{"T_AFTER(area_ha, DATE('2020-01-01'))", `cql2: T_AFTER needs dates, timestamps or intervals, but "area_ha" is a number`, false},
		{"T_AFTER(updated_at, INTERVAL('2021-01-01', '2020-01-01'))", `cql2: INTERVAL('2021-01-01', '2020-01-01') starts after it ends`, false},
		{"CASEI(area_ha) = 'x'", `cql2: CASEI needs a string, but "area_ha" is a number`, false},
		{"A_CONTAINS(area_ha, ('a'))", `cql2: A_CONTAINS needs arrays, but "area_ha" is a number`, false},
		{"S_INTERSEKTS(geometry, BBOX(0, 0, 1, 1))", `cql2: at 0 ("S_INTERSEKTS"): function S_INTERSEKTS is not supported`, true},
		{"avg(area_ha) > 3", `cql2: at 0 ("avg"): function avg is not supported`, true},
		{"A_EQUALS(sectors, ('a', 1))", `cql2: A_EQUALS on arrays of values other than string literals is not supported`, true},
	}
	s := landcatSchema()
	for _, tc := range tests {
		e, err := cql2.ParseText(tc.in)
		if err != nil {
			t.Errorf("ParseText(%q): %v", tc.in, err)
			continue
		}
		_, err = cql2.Compile(e, s)
		if err == nil || err.Error() != tc.want {
			t.Errorf("Compile(%q):\n got %v\nwant %s", tc.in, err, tc.want)
		}
		if got := errors.Is(err, cql2.ErrNotSupported); got != tc.unsupported {
			t.Errorf("Compile(%q): errors.Is(err, ErrNotSupported) = %v", tc.in, got)
		}
	}
}
