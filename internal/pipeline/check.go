package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
)

// decode reads a JSON object into v strictly: unknown members, values of
// the wrong type and strings landcat cannot store are problems naming the
// member; a body that is not JSON is a 400.
func decode(body []byte, v any) error {
	if probs := catalog.CheckText(body); len(probs) > 0 {
		return catalog.Invalid("the body holds text that cannot be stored", probs)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			return catalog.Errorf(catalog.KindBadRequest, "the body holds more than one JSON value")
		}
		return nil
	}
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &te):
		ptr := "/" + strings.ReplaceAll(te.Field, ".", "/")
		return catalog.Invalid("a member has the wrong type", []catalog.Problem{{Pointer: ptr, Message: "must be " + jsonType(te.Type.Kind().String())}})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return catalog.Invalid("the body has a member landcat does not know", []catalog.Problem{{Pointer: "/" + name, Message: "unknown member"}})
	}
	return catalog.Errorf(catalog.KindBadRequest, "the body is not a valid JSON object: %v", err)
}

func jsonType(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice":
		return "an array"
	case "struct", "map", "ptr":
		return "an object"
	}
	return "a number"
}

// checker collects every problem of an input before answering.
type checker struct{ probs []catalog.Problem }

func (c *checker) add(ptr, format string, args ...any) {
	c.probs = append(c.probs, catalog.Problem{Pointer: ptr, Message: fmt.Sprintf(format, args...)})
}

// text checks a string member: trimmed, required or not, at most max
// characters.
func (c *checker) text(ptr string, v *string, required bool, max int) string {
	if v == nil {
		if required {
			c.add(ptr, "is required")
		}
		return ""
	}
	s := strings.TrimSpace(*v)
	switch {
	case required && s == "":
		c.add(ptr, "must not be empty")
	case len([]rune(s)) > max:
		c.add(ptr, "is longer than %d characters", max)
	}
	return s
}

// date checks a "YYYY-MM-DD" member.
func (c *checker) date(ptr string, v *string, required bool) string {
	if v == nil || *v == "" {
		if required {
			c.add(ptr, "is required (a date, YYYY-MM-DD)")
		}
		return ""
	}
	if _, err := time.Parse(time.DateOnly, *v); err != nil {
		c.add(ptr, "must be a date, YYYY-MM-DD, got %q", clip(*v))
		return ""
	}
	return *v
}

// enum checks that a member is one of allowed.
func (c *checker) enum(ptr string, v *string, allowed []string, required bool) string {
	if v == nil || *v == "" {
		if required {
			c.add(ptr, "is required: one of %s", strings.Join(allowed, ", "))
		}
		return ""
	}
	if !slices.Contains(allowed, *v) {
		c.add(ptr, "must be one of %s, got %q", strings.Join(allowed, ", "), clip(*v))
	}
	return *v
}

// number checks a non-negative, finite number below max.
func (c *checker) number(ptr string, v *float64, max float64) *float64 {
	if v != nil && (*v < 0 || *v > max) {
		c.add(ptr, "must be a number from 0 to %g", max)
	}
	return v
}

func (c *checker) err(msg string) error {
	if len(c.probs) == 0 {
		return nil
	}
	return catalog.Invalid(msg, c.probs)
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// mergePatch applies an RFC 7396 JSON Merge Patch to doc.
func mergePatch(doc, patch []byte) ([]byte, error) {
	var d, p any
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(patch, &p); err != nil {
		return nil, catalog.Errorf(catalog.KindBadRequest, "the merge patch is not valid JSON: %v", err)
	}
	if _, ok := p.(map[string]any); !ok {
		return nil, catalog.Errorf(catalog.KindBadRequest, "a merge patch is a JSON object")
	}
	return json.Marshal(merge(d, p))
}

func merge(doc, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	dm, ok := doc.(map[string]any)
	if !ok {
		dm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(dm, k)
		} else {
			dm[k] = merge(dm[k], v)
		}
	}
	return dm
}
