package catalog

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
)

// CollectionKey is the property that names a feature's collection in mixed
// import files; it is accepted on input and never stored.
const CollectionKey = "collection"

// MaxProblems caps the problems listed for one body (by CheckText, and by
// the decoding of a feature); a last problem says how many more there were,
// so that a hostile body cannot make the answer larger than itself.
const MaxProblems = 100

type rawFeature struct {
	Type       json.RawMessage `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
	// props is Properties split into members, when the caller did it
	// already (an import guessing the collection); nil otherwise.
	props map[string]json.RawMessage
}

// DecodeFeature is DecodeFeatureContext for work that cannot be abandoned
// (tools and tests).
func DecodeFeature(c Collection, body []byte) (*Feature, error) {
	return DecodeFeatureContext(context.Background(), c, body)
}

// DecodeFeatureContext parses a GeoJSON Feature sent by a client for
// collection c and checks every rule that needs no other feature: text
// (CheckText), geometry (at most geo.MaxVertices positions, 2D, valid once
// rounded to the 7 decimals that are stored), types, enums, ranges, required
// properties. All problems are reported at once, each with a JSON pointer,
// in plain words. Computed properties are dropped; an unknown property is a
// problem, so that a typo never silently loses data. When ctx ends first it
// returns a KindUnavailable error.
func DecodeFeatureContext(ctx context.Context, c Collection, body []byte) (*Feature, error) {
	if err := textError(CheckText(body), "the feature"); err != nil {
		return nil, err
	}
	var raw rawFeature
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, &Error{Kind: KindBadRequest, Message: jsonMessage("the body", "a GeoJSON Feature", err)}
	}
	return decodeRaw(ctx, c, raw)
}

// textError turns CheckText's problems into an error: a 400 when the body
// itself is at fault, a 422 naming the members otherwise.
func textError(probs []Problem, what string) error {
	switch {
	case len(probs) == 0:
		return nil
	case probs[0].Pointer == "":
		return &Error{Kind: KindBadRequest, Message: probs[0].Message, Problems: probs}
	}
	return Invalid(what+" holds text that landcat cannot store", probs)
}

// jsonMessage explains why a body could not be decoded without naming a Go
// type: the syntax error and its byte offset, or what the body must be.
func jsonMessage(what, want string, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("%s is not valid JSON: %s (at byte %d)", what, se.Error(), se.Offset)
	case errors.As(err, &te) && want != "":
		return fmt.Sprintf("%s must be a JSON object (%s)", what, want)
	case errors.As(err, &te):
		return what + " must be a JSON object"
	}
	return what + " is not valid JSON: " + jsonReason(err)
}

// jsonReason describes a JSON syntax error without its offset.
func jsonReason(err error) string {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return se.Error()
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "it ends before the JSON is complete"
	}
	return "it cannot be read"
}

func decodeRaw(ctx context.Context, c Collection, raw rawFeature) (*Feature, error) {
	if err := ctx.Err(); err != nil {
		return nil, ctxError(err)
	}
	var probs []Problem
	dropped := 0
	add := func(ptr, format string, args ...any) {
		if len(probs) == MaxProblems {
			dropped++
			return
		}
		probs = append(probs, Problem{Pointer: ptr, Message: fmt.Sprintf(format, args...)})
	}
	var typ string
	if firstNonSpace(raw.Type) != '"' || json.Unmarshal(raw.Type, &typ) != nil {
		add("/type", "must be \"Feature\"")
	} else if typ != "Feature" {
		add("/type", "must be \"Feature\", got %q", typ)
	}
	f := &Feature{Collection: c, Props: map[string]any{}}
	f.ID = decodeID(raw.ID, add)
	var err error
	if f.Geometry, err = decodeGeometry(ctx, c, raw.Geometry, add); err != nil {
		return nil, err
	}
	decodeProps(SchemaOf(c), raw.Properties, raw.props, f.Props, add)
	if len(probs) > 0 {
		slices.SortStableFunc(probs, func(a, b Problem) int { return strings.Compare(a.Pointer, b.Pointer) })
		if dropped > 0 {
			probs = append(probs, Problem{Pointer: "", Message: fmt.Sprintf("%d more problems not listed", dropped)})
		}
		return nil, Invalid(fmt.Sprintf("the %s feature is not valid", singular(c)), probs)
	}
	return f, nil
}

func firstNonSpace(b []byte) byte {
	if b = bytes.TrimSpace(b); len(b) > 0 {
		return b[0]
	}
	return 0
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

// decodeGeometry decodes and validates the geometry as it will be stored
// (rounded to 7 decimals); the error is only ever ctx's.
func decodeGeometry(ctx context.Context, c Collection, raw json.RawMessage, add func(string, string, ...any)) (orb.Geometry, error) {
	if len(raw) == 0 || string(raw) == "null" {
		add("/geometry", "is required")
		return nil, nil
	}
	g, issues := geo.DecodeGeometry(raw, geo.MaxVertices)
	if len(issues) > 0 {
		for _, is := range issues {
			add("/geometry"+is.Pointer, "%s", is.Message)
		}
		return nil, nil
	}
	allowed := map[Collection][]string{
		Zones:          {"Polygon", "MultiPolygon"},
		Parcels:        {"Polygon", "MultiPolygon"},
		Infrastructure: {"Point", "LineString"},
	}[c]
	if !slices.Contains(allowed, g.GeoJSONType()) {
		add("/geometry/type", "%s must be %v, got %s", c, allowed, g.GeoJSONType())
		return nil, nil
	}
	g = geo.Round(g)
	issues, err := geo.ValidateContext(ctx, g, geo.MaxVertices)
	if err != nil {
		return nil, ctxError(err)
	}
	for _, is := range issues {
		add("/geometry"+is.Pointer, "%s", is.Message)
	}
	if len(issues) > 0 {
		return nil, nil
	}
	return geo.Normalize(g), nil
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
