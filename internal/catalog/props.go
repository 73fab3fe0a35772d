package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"
)

// decodeProps decodes a feature's properties member into out; props, when
// not nil, is raw already split into members.
func decodeProps(s *Schema, raw json.RawMessage, props map[string]json.RawMessage, out map[string]any, add func(string, string, ...any)) {
	if props == nil {
		props = map[string]json.RawMessage{}
	}
	if len(props) == 0 && len(raw) > 0 && string(raw) != "null" {
		if err := json.Unmarshal(raw, &props); err != nil {
			add("/properties", "must be a JSON object")
			return
		}
	}
	bad := map[string]bool{}
	for name, v := range props {
		ptr := "/properties/" + escapePointer(name)
		fl, ok := s.Field(name)
		switch {
		case name == CollectionKey || (ok && fl.Computed):
			continue
		case !ok:
			add(ptr, "is not a property of %s; see /collections/%s/queryables", s.Collection, s.Collection)
			continue
		}
		val, msg := decodeValue(fl, v)
		if msg != "" {
			add(ptr, "%s", msg)
			bad[name] = true
		} else if val != nil {
			out[name] = val
		}
	}
	for _, fl := range s.Fields {
		if fl.Required && out[fl.Name] == nil && !bad[fl.Name] {
			add("/properties/"+fl.Name, "is required")
		}
	}
}

// decodeValue converts one JSON value to the field's normalised Go value;
// null (unknown) gives nil. A non-empty message explains a rejection.
func decodeValue(fl Field, raw json.RawMessage) (any, string) {
	raw = bytes.TrimSpace(raw)
	if string(raw) == "null" {
		return nil, ""
	}
	if v, msg, ok := decodeSimple(fl, raw); ok {
		return v, msg
	}
	switch fl.Type {
	case Number, Integer:
		var n float64
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, "must be a number"
		}
		return checkNumber(fl, n)
	case Bool:
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return nil, "must be true or false"
		}
		return b, ""
	case Date:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, "must be a date string YYYY-MM-DD"
		}
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return nil, fmt.Sprintf("must be a date YYYY-MM-DD, got %q", s)
		}
		return s, ""
	case StringList:
		var l []string
		if err := json.Unmarshal(raw, &l); err != nil {
			return nil, "must be an array of strings"
		}
		for i, s := range l {
			if fl.Enum != nil && !slices.Contains(fl.Enum, s) {
				return nil, fmt.Sprintf("%q is not one of %v", s, fl.Enum)
			}
			l[i] = fl.intern(s)
		}
		return l, ""
	default:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, "must be a string"
		}
		return checkString(fl, s)
	}
}

// decodeSimple decodes the common cases without reflection: a number
// literal for a number, a string without escapes for a string or a date,
// true or false for a flag. raw is one valid JSON value (the document was
// parsed before); ok is false when the general path must decide.
func decodeSimple(fl Field, raw []byte) (v any, msg string, ok bool) {
	lit, ok := plainLiteral(raw)
	if !ok {
		return nil, "", false
	}
	switch x := lit.(type) {
	case float64:
		if fl.Type != Number && fl.Type != Integer {
			return nil, "", false
		}
		v, msg = checkNumber(fl, x)
		return v, msg, true
	case bool:
		return x, "", fl.Type == Bool
	case string:
		switch fl.Type {
		case Date:
			if _, err := time.Parse(time.DateOnly, x); err != nil {
				return nil, fmt.Sprintf("must be a date YYYY-MM-DD, got %q", x), true
			}
			return x, "", true
		case String:
			v, msg = checkString(fl, x)
			return v, msg, true
		}
	}
	return nil, "", false
}

// plainLiteral reads the JSON values that need no reflection: a number in
// range, true, false, or a string without escapes. raw is one valid JSON
// value; ok is false for anything else (null, lists, objects, escapes).
func plainLiteral(raw []byte) (any, bool) {
	if len(raw) == 0 {
		return nil, false
	}
	switch c := raw[0]; {
	case c == '-' || c >= '0' && c <= '9':
		n, err := strconv.ParseFloat(string(raw), 64)
		return n, err == nil // out of range: the caller's general path says so
	case string(raw) == "true" || string(raw) == "false":
		return string(raw) == "true", true
	case c == '"' && len(raw) >= 2 && raw[len(raw)-1] == '"' && bytes.IndexByte(raw, '\\') < 0:
		return string(raw[1 : len(raw)-1]), true
	}
	return nil, false
}

func checkString(fl Field, s string) (any, string) {
	if fl.Enum != nil && !slices.Contains(fl.Enum, s) {
		return nil, fmt.Sprintf("%q is not one of %v", s, fl.Enum)
	}
	if len(s) > 4000 {
		return nil, "is longer than 4000 bytes"
	}
	return fl.intern(s), ""
}

// intern returns the schema's own copy of an enumerated value, so that
// 100,000 parcels share one "available" (less memory, and comparisons that
// stop at the pointer).
func (fl Field) intern(s string) string {
	for _, e := range fl.Enum {
		if e == s {
			return e
		}
	}
	return s
}

func checkNumber(fl Field, n float64) (any, string) {
	switch {
	case math.IsNaN(n) || math.IsInf(n, 0):
		return nil, "must be a finite number"
	case fl.Type == Integer && n != math.Trunc(n):
		return nil, fmt.Sprintf("must be a whole number, got %v", n)
	case fl.Min != nil && n < *fl.Min:
		if *fl.Min == 0 {
			return nil, fmt.Sprintf("must not be negative, got %v", n)
		}
		return nil, fmt.Sprintf("must be at least %v, got %v", *fl.Min, n)
	case fl.Max != nil && n > *fl.Max:
		return nil, fmt.Sprintf("must be at most %v, got %v", *fl.Max, n)
	}
	return n, ""
}
