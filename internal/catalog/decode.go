package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// CollectionKey is the property that names a feature's collection in mixed
// import files; it is accepted on input and never stored.
const CollectionKey = "collection"

type rawFeature struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
}

// DecodeFeature parses a GeoJSON Feature sent by a client for collection c
// and checks every rule that needs no other feature: geometry, types, enums,
// ranges, required properties. All problems are reported at once, each with
// a JSON pointer. Computed properties are dropped; an unknown property is a
// problem, so that a typo never silently loses data.
func DecodeFeature(c Collection, body []byte) (*Feature, error) {
	var raw rawFeature
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, &Error{Kind: KindBadRequest, Message: "the body is not a JSON object: " + err.Error()}
	}
	return decodeRaw(c, raw)
}

func decodeRaw(c Collection, raw rawFeature) (*Feature, error) {
	var probs []Problem
	add := func(ptr, format string, args ...any) {
		probs = append(probs, Problem{Pointer: ptr, Message: fmt.Sprintf(format, args...)})
	}
	if raw.Type != "Feature" {
		add("/type", "must be \"Feature\", got %q", raw.Type)
	}
	f := &Feature{Collection: c, Props: map[string]any{}}
	f.ID = decodeID(raw.ID, add)
	f.Geometry = decodeGeometry(c, raw.Geometry, add)
	decodeProps(SchemaOf(c), raw.Properties, f.Props, add)
	if len(probs) > 0 {
		slices.SortStableFunc(probs, func(a, b Problem) int { return strings.Compare(a.Pointer, b.Pointer) })
		return nil, Invalid(fmt.Sprintf("the %s feature is not valid", singular(c)), probs)
	}
	return f, nil
}

func decodeID(raw json.RawMessage, add func(string, string, ...any)) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var id string
	if raw[0] == '"' {
		_ = json.Unmarshal(raw, &id)
	} else if n, err := strconv.ParseUint(string(raw), 10, 64); err == nil {
		id = strconv.FormatUint(n, 10)
	} else {
		add("/id", "must be a string or a non-negative integer")
		return ""
	}
	if !ValidID(id) {
		add("/id", "must be 1–128 characters from A–Z a–z 0–9 . _ ~ - and start with a letter or digit")
	}
	return id
}

func decodeGeometry(c Collection, raw json.RawMessage, add func(string, string, ...any)) orb.Geometry {
	if len(raw) == 0 || string(raw) == "null" {
		add("/geometry", "is required")
		return nil
	}
	g, err := geojson.UnmarshalGeometry(raw)
	if err != nil || g == nil || g.Geometry() == nil {
		add("/geometry", "is not a GeoJSON geometry: %v", err)
		return nil
	}
	geom := g.Geometry()
	allowed := map[Collection][]string{
		Zones:          {"Polygon", "MultiPolygon"},
		Parcels:        {"Polygon", "MultiPolygon"},
		Infrastructure: {"Point", "LineString"},
	}[c]
	if !slices.Contains(allowed, geom.GeoJSONType()) {
		add("/geometry/type", "%s must be %v, got %s", c, allowed, geom.GeoJSONType())
		return nil
	}
	issues := geo.Validate(geom)
	for _, is := range issues {
		add("/geometry"+is.Pointer, "%s", is.Message)
	}
	if len(issues) > 0 {
		return nil
	}
	return geo.Normalize(geom)
}

func decodeProps(s *Schema, raw json.RawMessage, out map[string]any, add func(string, string, ...any)) {
	props := map[string]json.RawMessage{}
	if len(raw) > 0 && string(raw) != "null" {
		if err := json.Unmarshal(raw, &props); err != nil {
			add("/properties", "must be a JSON object")
			return
		}
	}
	bad := map[string]bool{}
	for name, v := range props {
		ptr := "/properties/" + name
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
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil, ""
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
		if fl.Enum != nil && !slices.Contains(fl.Enum, s) {
			return nil, fmt.Sprintf("%q is not one of %v", s, fl.Enum)
		}
		if len(s) > 4000 {
			return nil, "is longer than 4000 bytes"
		}
		return fl.intern(s), ""
	}
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

func singular(c Collection) string {
	switch c {
	case Zones:
		return "zone"
	case Parcels:
		return "parcel"
	}
	return "infrastructure"
}
