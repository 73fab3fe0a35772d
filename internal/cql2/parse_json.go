package cql2

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// jsonOps maps the lower-cased "op" values of cql2-json that are not
// spatial, temporal or array functions.
var jsonOps = map[string]string{
	"and": "and", "or": "or", "not": "not", "like": "like", "between": "between",
	"in": "in", "isnull": "isNull", "casei": "casei", "accenti": "accenti",
	"=": "=", "<>": "<>", "<": "<", ">": ">", "<=": "<=", ">=": ">=",
	"+": "+", "-": "-", "*": "*", "/": "/", "%": "%", "div": "div", "^": "^",
}

// ParseJSON parses a cql2-json filter expression into the same tree as
// ParseText gives for the equivalent cql2-text. "op" names are matched
// case-insensitively. Errors are *Error values that give the JSON path of
// the problem, e.g.
//
//	cql2: at $.args[0]: "between" takes 3 arguments, found 2
func ParseJSON(b []byte) (Expr, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, &Error{Pos: -1, Msg: "invalid JSON: " + strings.TrimPrefix(err.Error(), "json: ")}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &Error{Pos: -1, Msg: "invalid JSON: unexpected data after the top-level value"}
	}
	e, err := jsonExpr(v, "$", 0)
	if err != nil {
		return nil, err
	}
	return e, nil
}

func jsonErr(path, format string, args ...any) *Error {
	return &Error{Pos: -1, Path: path, Msg: fmt.Sprintf(format, args...)}
}

// jsonExpr converts one decoded JSON value.
func jsonExpr(v any, path string, depth int) (Expr, *Error) {
	if depth > maxDepth {
		return nil, jsonErr(path, "expression nested too deeply (more than %d levels)", maxDepth)
	}
	switch x := v.(type) {
	case bool:
		return BoolLit{Value: x}, nil
	case string:
		return StringLit{Value: x}, nil
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil {
			return nil, jsonErr(path, "number %s out of range", x)
		}
		return NumberLit{Value: f}, nil
	case []any:
		elems, err := jsonExprs(x, path, depth)
		return ArrayLit{Elems: elems}, err
	case map[string]any:
		return jsonObject(x, path, depth)
	}
	return nil, jsonErr(path, "null is not a CQL2 value")
}

func jsonExprs(vs []any, path string, depth int) ([]Expr, *Error) {
	out := make([]Expr, len(vs))
	for i, v := range vs {
		e, err := jsonExpr(v, fmt.Sprintf("%s[%d]", path, i), depth+1)
		if err != nil {
			return nil, err
		}
		out[i] = e
	}
	return out, nil
}

// onlyKeys checks that m has no members but the given ones.
func onlyKeys(m map[string]any, path string, keys ...string) *Error {
	for k := range m {
		if !contains(keys, k) {
			return jsonErr(path, "unexpected member %q", k)
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// jsonObject converts an object: an operation, a property reference, a
// temporal or spatial literal.
func jsonObject(m map[string]any, path string, depth int) (Expr, *Error) {
	for _, k := range []string{"op", "property", "date", "timestamp", "interval", "bbox"} {
		if _, ok := m[k]; !ok {
			continue
		}
		if k == "op" {
			return jsonOp(m, path, depth)
		}
		if err := onlyKeys(m, path, k); err != nil {
			return nil, err
		}
		return jsonLiteral(k, m[k], path+"."+k, depth)
	}
	if _, ok := m["type"]; ok {
		d := &dims{}
		g, err := jsonGeometry(m, path, d, depth)
		if err != nil {
			return nil, err
		}
		return GeometryLit{Geom: g}, nil
	}
	return nil, jsonErr(path, `expected an object with "op", "property", "date", "timestamp", "interval", "bbox" or a GeoJSON geometry`)
}

// jsonLiteral converts {"property"|"date"|"timestamp"|"interval"|"bbox": v}.
func jsonLiteral(key string, v any, path string, depth int) (Expr, *Error) {
	s, isString := v.(string)
	switch key {
	case "property":
		if !isString {
			return nil, jsonErr(path, "a property name must be a string")
		}
		if msg := checkPropertyName(s); msg != "" {
			return nil, jsonErr(path, "%s", msg)
		}
		return Property{Name: s, Pos: -1}, nil
	case "date":
		if d, ok := parseDate(s); ok && isString {
			return DateLit{Value: d}, nil
		}
		return nil, jsonErr(path, "invalid date, expected a string YYYY-MM-DD")
	case "timestamp":
		if t, ok := parseTimestamp(s); ok && isString {
			return TimestampLit{Value: t}, nil
		}
		return nil, jsonErr(path, "invalid timestamp, expected a string YYYY-MM-DDThh:mm:ss[.fff]Z")
	case "interval":
		return jsonInterval(v, path, depth)
	}
	return jsonBBox(v, path)
}

func jsonInterval(v any, path string, depth int) (Expr, *Error) {
	arr, ok := v.([]any)
	if !ok || len(arr) != 2 {
		return nil, jsonErr(path, "expected an array of 2 bounds")
	}
	var bounds [2]Expr
	for i, b := range arr {
		p := fmt.Sprintf("%s[%d]", path, i)
		if s, ok := b.(string); ok {
			e, ok := parseIntervalBound(s)
			if !ok {
				return nil, jsonErr(p, "invalid bound %q, expected a date, a timestamp or \"..\"", s)
			}
			bounds[i] = e
			continue
		}
		e, err := jsonExpr(b, p, depth+1)
		if err != nil {
			return nil, err
		}
		switch e.(type) {
		case Property, Function, DateLit, TimestampLit:
			bounds[i] = e
		default:
			return nil, jsonErr(p, "expected a date, a timestamp, \"..\", a property or a function")
		}
	}
	return IntervalLit{Start: bounds[0], End: bounds[1]}, nil
}

func jsonBBox(v any, path string) (Expr, *Error) {
	arr, ok := v.([]any)
	if !ok || len(arr) != 4 && len(arr) != 6 {
		return nil, jsonErr(path, "expected an array of 4 or 6 numbers")
	}
	coords, err := jsonNumbers(arr, path)
	if err != nil {
		return nil, err
	}
	return BBoxLit{Coords: coords}, nil
}

func jsonNumbers(arr []any, path string) ([]float64, *Error) {
	out := make([]float64, len(arr))
	for i, x := range arr {
		n, ok := x.(json.Number)
		f, err := strconv.ParseFloat(string(n), 64)
		if !ok || err != nil {
			return nil, jsonErr(fmt.Sprintf("%s[%d]", path, i), "expected a number")
		}
		out[i] = f
	}
	return out, nil
}
