package catalog

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
)

// PatchOp is one operation of a JSON Patch (RFC 6902).
type PatchOp struct {
	Op    string          `json:"op"` // add, remove, replace
	Path  string          `json:"path"`
	Value json.RawMessage `json:"value,omitempty"`
}

// Changes returns what a change did to a feature as a JSON Patch that
// turns the before image of an audit entry into the after image: one
// operation per property added, removed or replaced, "/publication" and
// "/geometry" replaced whole. The version, which every change bumps, is
// left out. A create (no before image) adds "/publication",
// "/properties" and "/geometry".
func Changes(before, after json.RawMessage) ([]PatchOp, error) {
	b, err := auditImage(before)
	if err != nil {
		return nil, err
	}
	a, err := auditImage(after)
	if err != nil {
		return nil, err
	}
	ops := []PatchOp{}
	if b == nil {
		for _, k := range []string{"publication", "properties", "geometry"} {
			ops = append(ops, PatchOp{Op: "add", Path: "/" + k, Value: a[k]})
		}
		return ops, nil
	}
	ops = appendMember(ops, "/publication", b["publication"], a["publication"])
	bp, err := auditImage(b["properties"])
	if err != nil {
		return nil, err
	}
	ap, err := auditImage(a["properties"])
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(ap)+len(bp))
	for k := range ap {
		names = append(names, k)
	}
	for k := range bp {
		if _, ok := ap[k]; !ok {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	for _, k := range names {
		ops = appendMember(ops, "/properties/"+pointerToken(k), bp[k], ap[k])
	}
	return appendMember(ops, "/geometry", b["geometry"], a["geometry"]), nil
}

// appendMember adds the operation, if any, that turns b into a at path.
func appendMember(ops []PatchOp, path string, b, a json.RawMessage) []PatchOp {
	switch {
	case b == nil && a == nil:
	case b == nil:
		ops = append(ops, PatchOp{Op: "add", Path: path, Value: a})
	case a == nil:
		ops = append(ops, PatchOp{Op: "remove", Path: path})
	case !bytes.Equal(b, a):
		ops = append(ops, PatchOp{Op: "replace", Path: path, Value: a})
	}
	return ops
}

// auditImage splits a JSON object into its members, each compacted (the
// database may store JSON with other spacing); nil for null or nothing.
func auditImage(doc json.RawMessage) (map[string]json.RawMessage, error) {
	if len(doc) == 0 || string(doc) == "null" {
		return nil, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(doc, &m); err != nil {
		return nil, err
	}
	for k, v := range m {
		if string(v) == "null" {
			delete(m, k)
			continue
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, v); err != nil {
			return nil, err
		}
		m[k] = buf.Bytes()
	}
	return m, nil
}

// pointerToken escapes a JSON Pointer reference token (RFC 6901).
func pointerToken(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}
