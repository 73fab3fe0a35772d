package cql2

import (
	"fmt"
	"strings"

	"github.com/peterstace/simplefeatures/geom"
)

// jsonArity gives the number of arguments of the fixed-arity operators
// (and/or take 2 or more).
var jsonArity = map[string]int{
	"not": 1, "isNull": 1, "casei": 1, "accenti": 1, "between": 3,
}

// jsonOp converts {"op": ..., "args": [...]}.
func jsonOp(m map[string]any, path string, depth int) (Expr, *Error) {
	if err := onlyKeys(m, path, "op", "args"); err != nil {
		return nil, err
	}
	name, ok := m["op"].(string)
	if !ok {
		return nil, jsonErr(path+".op", "expected a string")
	}
	rawArgs, ok := m["args"].([]any)
	if !ok {
		return nil, jsonErr(path, "expected an \"args\" array")
	}
	up := strings.ToUpper(name)
	op, known := jsonOps[strings.ToLower(name)]
	want := 2
	if n, ok := jsonArity[op]; ok {
		want = n
	}
	_, isS := spatialOps[up]
	_, isT := temporalOps[up]
	_, isA := arrayOps[up]
	if !known && !isS && !isT && !isA {
		return jsonFunction(name, rawArgs, path, depth)
	}
	if op == "and" || op == "or" {
		if len(rawArgs) < 2 {
			return nil, jsonErr(path, "%q takes 2 or more arguments, found %d", op, len(rawArgs))
		}
	} else if len(rawArgs) != want {
		return nil, jsonErr(path, "%q takes %d argument(s), found %d", name, want, len(rawArgs))
	}
	if op == "in" {
		return jsonIn(rawArgs, path, depth)
	}
	args, err := jsonExprs(rawArgs, path+".args", depth)
	if err != nil {
		return nil, err
	}
	if known {
		return buildOp(op, args), nil
	}
	if isA {
		return ArrayPred{Op: arrayOps[up], A: args[0], B: args[1]}, nil
	}
	if isS {
		return SpatialPred{Op: spatialOps[up], A: args[0], B: args[1]}, nil
	}
	return TemporalPred{Op: temporalOps[up], A: args[0], B: args[1]}, nil
}

// buildOp builds the node of a known operator from its checked arguments.
func buildOp(op string, args []Expr) Expr {
	switch op {
	case "and":
		return Logical{Op: And, Args: args}
	case "or":
		return Logical{Op: Or, Args: args}
	case "not":
		return Not{Arg: args[0]}
	case "isNull":
		return IsNull{Arg: args[0]}
	case "casei":
		return CaseI{Arg: args[0]}
	case "accenti":
		return AccentI{Arg: args[0]}
	case "like":
		return Like{Arg: args[0], Pattern: args[1]}
	case "between":
		return Between{Arg: args[0], Low: args[1], High: args[2]}
	}
	if isCompOp(op) {
		return Comparison{Op: CompOp(op), Left: args[0], Right: args[1]}
	}
	return Arithmetic{Op: ArithOp(op), Left: args[0], Right: args[1]}
}

func jsonIn(rawArgs []any, path string, depth int) (Expr, *Error) {
	arg, err := jsonExpr(rawArgs[0], path+".args[0]", depth+1)
	if err != nil {
		return nil, err
	}
	list, ok := rawArgs[1].([]any)
	if !ok || len(list) == 0 {
		return nil, jsonErr(path+".args[1]", "expected a non-empty array of values")
	}
	items, err := jsonExprs(list, path+".args[1]", depth+1)
	if err != nil {
		return nil, err
	}
	return In{Arg: arg, List: items}, nil
}

// textKeywords cannot be the names of user-defined functions, because
// their cql2-text form would read as something else.
var textKeywords = map[string]bool{
	"TRUE": true, "FALSE": true, "DATE": true, "TIMESTAMP": true, "INTERVAL": true,
	"BBOX": true, "CASEI": true, "ACCENTI": true,
}

func jsonFunction(name string, rawArgs []any, path string, depth int) (Expr, *Error) {
	up := strings.ToUpper(name)
	_, isGeom := geomTags[up]
	if !isIdentifier(name) || reserved[up] || textKeywords[up] || isGeom {
		return nil, jsonErr(path+".op", "unknown operator %q", name)
	}
	args, err := jsonExprs(rawArgs, path+".args", depth)
	if err != nil {
		return nil, err
	}
	return Function{Name: name, Args: args, Pos: -1}, nil
}

// jsonGeometry converts a GeoJSON geometry object.
func jsonGeometry(m map[string]any, path string, d *dims, depth int) (geom.Geometry, *Error) {
	if depth > maxDepth {
		return geom.Geometry{}, jsonErr(path, "geometry nested too deeply")
	}
	name, _ := m["type"].(string)
	typ, ok := geoJSONTypes[name]
	if !ok {
		return geom.Geometry{}, jsonErr(path+".type", "unknown geometry type %q", m["type"])
	}
	if typ == geom.TypeGeometryCollection {
		members, ok := m["geometries"].([]any)
		if !ok || len(members) == 0 {
			return geom.Geometry{}, jsonErr(path, "expected a non-empty \"geometries\" array")
		}
		gs := make([]geom.Geometry, len(members))
		for i, x := range members {
			p := fmt.Sprintf("%s.geometries[%d]", path, i)
			obj, ok := x.(map[string]any)
			if !ok {
				return geom.Geometry{}, jsonErr(p, "expected a GeoJSON geometry")
			}
			g, err := jsonGeometry(obj, p, d, depth+1)
			if err != nil {
				return geom.Geometry{}, err
			}
			gs[i] = g
		}
		return geom.NewGeometryCollection(gs).AsGeometry(), nil
	}
	return jsonCoordinates(typ, m["coordinates"], path+".coordinates", d)
}

// jsonArray returns v as a non-empty array.
func jsonArray(v any, path string) ([]any, *Error) {
	arr, ok := v.([]any)
	if !ok || len(arr) == 0 {
		return nil, jsonErr(path, "expected a non-empty array (empty geometries are not supported)")
	}
	return arr, nil
}

// jsonPosition appends one GeoJSON position to flat.
func jsonPosition(v any, path string, d *dims, flat []float64) ([]float64, *Error) {
	arr, err := jsonArray(v, path)
	if err != nil {
		return nil, err
	}
	nums, err := jsonNumbers(arr, path)
	if err != nil {
		return nil, err
	}
	if msg := d.add(len(nums)); msg != "" {
		return nil, jsonErr(path, "%s", msg)
	}
	return append(flat, nums...), nil
}

// jsonPositions converts an array of positions into flat coordinates.
func jsonPositions(v any, path string, d *dims) ([]float64, *Error) {
	arr, err := jsonArray(v, path)
	if err != nil {
		return nil, err
	}
	var flat []float64
	for i, p := range arr {
		if flat, err = jsonPosition(p, fmt.Sprintf("%s[%d]", path, i), d, flat); err != nil {
			return nil, err
		}
	}
	return flat, nil
}

func jsonLineString(v any, path string, d *dims) (geom.LineString, *Error) {
	flat, err := jsonPositions(v, path, d)
	if err != nil {
		return geom.LineString{}, err
	}
	ls, msg := newLineString(flat, d)
	if msg != "" {
		return ls, jsonErr(path, "%s", msg)
	}
	return ls, nil
}

func jsonPolygon(v any, path string, d *dims) (geom.Polygon, *Error) {
	arr, err := jsonArray(v, path)
	if err != nil {
		return geom.Polygon{}, err
	}
	rings := make([]geom.LineString, len(arr))
	for i, r := range arr {
		p := fmt.Sprintf("%s[%d]", path, i)
		flat, err := jsonPositions(r, p, d)
		if err != nil {
			return geom.Polygon{}, err
		}
		ring, msg := newRing(flat, d)
		if msg != "" {
			return geom.Polygon{}, jsonErr(p, "%s", msg)
		}
		rings[i] = ring
	}
	return geom.NewPolygon(rings), nil
}

// jsonCoordinates converts the "coordinates" of a geometry of type typ.
func jsonCoordinates(typ geom.GeometryType, v any, path string, d *dims) (geom.Geometry, *Error) {
	switch typ {
	case geom.TypePoint:
		flat, err := jsonPosition(v, path, d, nil)
		if err != nil {
			return geom.Geometry{}, err
		}
		return newPoint(flat, d).AsGeometry(), nil
	case geom.TypeLineString:
		ls, err := jsonLineString(v, path, d)
		return ls.AsGeometry(), err
	case geom.TypePolygon:
		p, err := jsonPolygon(v, path, d)
		return p.AsGeometry(), err
	}
	arr, err := jsonArray(v, path)
	if err != nil {
		return geom.Geometry{}, err
	}
	var pts []geom.Point
	var lss []geom.LineString
	var polys []geom.Polygon
	for i, x := range arr {
		p := fmt.Sprintf("%s[%d]", path, i)
		switch typ {
		case geom.TypeMultiPoint:
			flat, err := jsonPosition(x, p, d, nil)
			if err != nil {
				return geom.Geometry{}, err
			}
			pts = append(pts, newPoint(flat, d))
		case geom.TypeMultiLineString:
			ls, err := jsonLineString(x, p, d)
			if err != nil {
				return geom.Geometry{}, err
			}
			lss = append(lss, ls)
		default:
			poly, err := jsonPolygon(x, p, d)
			if err != nil {
				return geom.Geometry{}, err
			}
			polys = append(polys, poly)
		}
	}
	switch typ {
	case geom.TypeMultiPoint:
		return geom.NewMultiPoint(pts).AsGeometry(), nil
	case geom.TypeMultiLineString:
		return geom.NewMultiLineString(lss).AsGeometry(), nil
	}
	return geom.NewMultiPolygon(polys).AsGeometry(), nil
}
