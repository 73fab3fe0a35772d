package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// decodeImported checks the text of one feature of an import, decides its
// collection and decodes it; the error is only ever ctx's.
func decodeImported(ctx context.Context, b []byte, c Collection, tf func(orb.Point) (orb.Point, error), tabular bool) (*Feature, []Problem, error) {
	if probs := CheckText(b); len(probs) > 0 {
		return nil, probs, nil
	}
	raw, ok := splitFeature(b)
	if !ok {
		return nil, []Problem{{Pointer: "", Message: "must be a JSON object (a GeoJSON Feature)"}}, nil
	}
	// The properties are split once, for guessing the collection and for
	// decoding; decodeProps reports a properties member that is not an
	// object.
	if len(raw.Properties) > 0 && string(raw.Properties) != "null" {
		raw.props, _ = splitObject(raw.Properties)
	}
	if c == "" {
		var err error
		if c, err = guessCollection(raw); err != nil {
			return nil, []Problem{{Pointer: "/properties/collection", Message: err.Error()}}, nil
		}
	}
	if tabular {
		s := SchemaOf(c)
		// A landcat download lists in "inherited" the values that come
		// from the zone: they go back to being inherited, not the
		// parcel's own.
		for _, name := range inheritedList(raw.props["inherited"]) {
			delete(raw.props, name)
		}
		for name, v := range raw.props {
			if fl, ok := s.Field(name); ok && !fl.Computed {
				raw.props[name] = coerceTabular(fl, v)
			}
		}
	}
	if tf != nil {
		g, err := transformRaw(raw.Geometry, tf)
		if err != nil {
			return nil, []Problem{{Pointer: "/geometry", Message: err.Error()}}, nil
		}
		raw.Geometry = g
	}
	f, err := decodeRaw(ctx, c, raw)
	var e *Error
	switch {
	case err == nil:
		return f, nil, nil
	case errors.As(err, &e) && e.Kind == KindInvalid:
		return nil, e.Problems, nil
	}
	return nil, nil, err
}

// splitFeature reads the members of a feature of an import, which is
// valid JSON (see splitObject).
func splitFeature(b []byte) (rawFeature, bool) {
	m, ok := splitObject(b)
	if !ok {
		var raw rawFeature
		return raw, json.Unmarshal(b, &raw) == nil
	}
	return rawFeature{Type: m["type"], ID: m["id"], Geometry: m["geometry"], Properties: m["properties"]}, true
}

func guessCollection(raw rawFeature) (Collection, error) {
	props := raw.props
	if v, ok := props[CollectionKey]; ok {
		var name string
		_ = json.Unmarshal(v, &name)
		if c, ok := ParseCollection(name); ok {
			return c, nil
		}
		return "", fmt.Errorf("%q is not zones, parcels or infrastructure", name)
	}
	var g struct{ Type string }
	_ = json.Unmarshal(raw.Geometry, &g)
	switch g.Type {
	case "Point", "LineString":
		return Infrastructure, nil
	case "Polygon", "MultiPolygon":
		if _, ok := props["zone_id"]; ok {
			return Parcels, nil
		}
		return Zones, nil
	}
	return "", errors.New("cannot tell the collection: give --collection or a \"collection\" property")
}

// transformRaw converts a geometry's coordinates with tf. It decodes with
// the same rules as decodeRaw (a third coordinate is refused, not dropped);
// a geometry that does not decode is returned as it is for decodeRaw to
// report.
func transformRaw(raw json.RawMessage, tf func(orb.Point) (orb.Point, error)) (json.RawMessage, error) {
	g, issues := geo.DecodeGeometry(raw, geo.MaxVertices)
	if len(issues) > 0 {
		return raw, nil
	}
	out, err := geo.Transform(g, tf)
	if err != nil {
		return nil, err
	}
	return json.Marshal(geojson.NewGeometry(out))
}

// importedID returns the id of a feature of an import as written, for the
// report (it may be invalid).
func importedID(b []byte) string {
	var f struct{ ID json.RawMessage }
	_ = json.Unmarshal(b, &f)
	return strings.ToValidUTF8(strings.Trim(string(f.ID), `"`), "\uFFFD")
}

// eachFeature streams the "features" array of a FeatureCollection, giving
// fn each feature as it was written; an error from fn stops it.
func eachFeature(r io.Reader, fn func(int, json.RawMessage) error) error {
	dec := json.NewDecoder(r)
	bad := func(msg string, args ...any) error {
		return &Error{Kind: KindBadRequest, Message: fmt.Sprintf("not a GeoJSON FeatureCollection: "+msg, args...)}
	}
	syntax := func(err error) error {
		return bad("%s (near byte %d)", jsonReason(err), dec.InputOffset())
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return bad("expected a JSON object")
	}
	found := false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return syntax(err)
		}
		if key, _ := t.(string); key != "features" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return syntax(err)
			}
			continue
		}
		found = true
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return bad("\"features\" must be an array")
		}
		for i := 0; dec.More(); i++ {
			var b json.RawMessage
			at := dec.InputOffset()
			if err := dec.Decode(&b); err != nil {
				return bad("feature %d (from byte %d) is not valid JSON: %s", i, at, jsonReason(err))
			}
			if err := fn(i, b); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			return syntax(err)
		}
	}
	if !found {
		return bad("no \"features\" array")
	}
	return nil
}

// DecodeCollection decodes every feature of a GeoJSON FeatureCollection
// with the import's rules (collection c, or each feature's own), without
// storing anything: for tools, tests and benchmarks that build a catalogue
// in memory. The first invalid feature stops it.
func DecodeCollection(r io.Reader, c Collection) ([]*Feature, error) {
	var out []*Feature
	err := eachFeature(r, func(i int, b json.RawMessage) error {
		f, probs, err := decodeImported(context.Background(), b, c, nil, false)
		switch {
		case err != nil:
			return err
		case len(probs) > 0:
			return Invalid(fmt.Sprintf("feature %d is not valid", i), probs)
		}
		out = append(out, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
