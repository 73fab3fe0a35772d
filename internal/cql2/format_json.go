package cql2

import (
	"encoding/json"
	"fmt"
	"strings"
)

// jsonOpNames gives the cql2-json spelling of the operators whose name is
// not just the lower-cased cql2-text keyword.
var jsonOpNames = map[string]string{
	string(TFinishedBy): "t_finishedBy", string(TMetBy): "t_metBy",
	string(TOverlappedBy): "t_overlappedBy", string(TStartedBy): "t_startedBy",
	string(AContainedBy): "a_containedBy",
}

// jsonCall is {"op": ..., "args": [...]} with its members in that order.
type jsonCall struct {
	Op   string `json:"op"`
	Args []any  `json:"args"`
}

// FormatJSON returns the cql2-json encoding of e. ParseJSON(FormatJSON(e))
// gives back a tree with the same Format.
func FormatJSON(e Expr) ([]byte, error) {
	v, err := toJSON(e)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, &Error{Pos: -1, Msg: "cannot encode as JSON: " + err.Error()}
	}
	return b, nil
}

func call(op string, args ...Expr) (any, error) {
	c := jsonCall{Op: op, Args: make([]any, len(args))}
	for i, a := range args {
		v, err := toJSON(a)
		if err != nil {
			return nil, err
		}
		c.Args[i] = v
	}
	return c, nil
}

func toJSON(e Expr) (any, error) {
	switch n := e.(type) {
	case Property:
		return map[string]string{"property": n.Name}, nil
	case StringLit:
		return n.Value, nil
	case NumberLit:
		return n.Value, nil
	case BoolLit:
		return n.Value, nil
	case DateLit:
		return map[string]string{"date": formatDate(n.Value)}, nil
	case TimestampLit:
		return map[string]string{"timestamp": formatTimestamp(n.Value)}, nil
	case Unbounded:
		return "..", nil
	case IntervalLit:
		return intervalJSON(n)
	case GeometryLit:
		b, err := n.Geom.MarshalJSON()
		return json.RawMessage(b), err
	case BBoxLit:
		return map[string][]float64{"bbox": n.Coords}, nil
	case ArrayLit:
		return listJSON(n.Elems)
	}
	return operatorJSON(e)
}

func operatorJSON(e Expr) (any, error) {
	switch n := e.(type) {
	case Logical:
		return call(strings.ToLower(string(n.Op)), n.Args...)
	case Not:
		return call("not", n.Arg)
	case Comparison:
		return call(string(n.Op), n.Left, n.Right)
	case Like:
		return call("like", n.Arg, n.Pattern)
	case Between:
		return call("between", n.Arg, n.Low, n.High)
	case In:
		return call("in", n.Arg, ArrayLit{Elems: n.List})
	case IsNull:
		return call("isNull", n.Arg)
	case Arithmetic:
		return call(string(n.Op), n.Left, n.Right)
	case CaseI:
		return call("casei", n.Arg)
	case AccentI:
		return call("accenti", n.Arg)
	case SpatialPred:
		return call(jsonOpName(string(n.Op)), n.A, n.B)
	case TemporalPred:
		return call(jsonOpName(string(n.Op)), n.A, n.B)
	case ArrayPred:
		return call(jsonOpName(string(n.Op)), n.A, n.B)
	case Function:
		return call(n.Name, n.Args...)
	}
	return nil, &Error{Pos: -1, Msg: fmt.Sprintf("cannot encode %T as JSON", e)}
}

func jsonOpName(op string) string {
	if s, ok := jsonOpNames[op]; ok {
		return s
	}
	return strings.ToLower(op)
}

func listJSON(es []Expr) (any, error) {
	out := make([]any, len(es))
	for i, e := range es {
		v, err := toJSON(e)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// intervalJSON writes the bounds of an interval as bare strings.
func intervalJSON(n IntervalLit) (any, error) {
	var bounds [2]any
	for i, b := range []Expr{n.Start, n.End} {
		switch x := b.(type) {
		case DateLit:
			bounds[i] = formatDate(x.Value)
		case TimestampLit:
			bounds[i] = formatTimestamp(x.Value)
		default:
			v, err := toJSON(b)
			if err != nil {
				return nil, err
			}
			bounds[i] = v
		}
	}
	return map[string]any{"interval": bounds}, nil
}
