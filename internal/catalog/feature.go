package catalog

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"regexp"
	"time"

	"github.com/paulmach/orb"
)

// Feature is one zone, parcel or infrastructure item as stored: its
// geometry and the properties an officer supplied (normalised: numbers are
// float64, dates "YYYY-MM-DD" strings, lists []string). Computed properties
// are never stored; the read model derives them.
type Feature struct {
	Collection  Collection
	ID          string
	Geometry    orb.Geometry
	Props       map[string]any
	Publication Publication
	Version     int64 // bumped by every change; the ETag
	Revision    int64 // catalogue revision of the last change
	CreatedAt   time.Time
	UpdatedAt   time.Time
	UpdatedBy   string
}

// Clone returns a copy that shares nothing mutable with f except the
// geometry, which is treated as immutable everywhere.
func (f *Feature) Clone() *Feature {
	c := *f
	c.Props = make(map[string]any, len(f.Props))
	for k, v := range f.Props {
		if l, ok := v.([]string); ok {
			v = append([]string(nil), l...)
		}
		c.Props[k] = v
	}
	return &c
}

// String returns the property as a string ("" when absent).
func (f *Feature) String(name string) string {
	s, _ := f.Props[name].(string)
	return s
}

// Number returns the numeric property and whether it is known.
func (f *Feature) Number(name string) (float64, bool) {
	v, ok := f.Props[name].(float64)
	return v, ok
}

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$`)

// ValidID reports whether id may name a feature: 1–128 URL-safe characters
// starting with a letter or digit, so that ids never need escaping.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// NewID returns a fresh random id for a feature created without one, e.g.
// "parcel-k7m2q9x4c1".
func NewID(c Collection) string {
	const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
	var b [10]byte
	_, _ = rand.Read(b[:])
	for i := range b {
		b[i] = alphabet[b[i]%32]
	}
	prefix := map[Collection]string{Zones: "zone", Parcels: "parcel", Infrastructure: "infra"}[c]
	return fmt.Sprintf("%s-%s", prefix, b[:])
}

// PropsJSON encodes the stored properties (for storage and audit) as
// encoding/json would (see AppendPropsJSON).
func (f *Feature) PropsJSON() []byte {
	return f.AppendPropsJSON(make([]byte, 0, 64*len(f.Props)))
}

// StoredProps decodes properties read back from storage into the normalised
// form (lists as []string, numbers as float64), dropping anything the schema
// no longer knows. It runs for every feature when a process starts, so the
// common values (numbers, flags, strings without escapes) are read without
// reflection; stored properties were validated on the way in, and a value
// of the wrong type is still an error.
func StoredProps(c Collection, data []byte) (map[string]any, error) {
	s := SchemaOf(c)
	out := make(map[string]any, len(s.Fields))
	var bad error
	ok := eachMember(data, func(q, raw []byte) bool {
		i, known := -1, false
		if name := q[1 : len(q)-1]; bytes.IndexByte(name, '\\') < 0 {
			i, known = s.index[string(name)] // no copy of the name
		} else if key, ok := unquoteKey(q); ok {
			i, known = s.index[key]
		}
		if !known || s.Fields[i].Computed {
			return true
		}
		fl := s.Fields[i]
		v, err := storedValue(fl, bytes.TrimSpace(raw))
		switch {
		case err != nil:
			bad = fmt.Errorf("property %s: %w", fl.Name, err)
			return false
		case v == nil:
			delete(out, fl.Name) // a later null wins, as in encoding/json
		default:
			out[fl.Name] = v
		}
		return true
	})
	if bad != nil {
		return nil, bad
	}
	if !ok {
		var raw map[string]any
		if err := json.Unmarshal(data, &raw); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("properties: not a JSON object")
	}
	return out, nil
}

// storedValue decodes one stored value of fl; null gives nil.
func storedValue(fl Field, raw []byte) (any, error) {
	v, ok := plainLiteral(raw)
	if !ok {
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, err
		}
		if v == nil {
			return nil, nil
		}
	}
	if fl.Type == StringList {
		l, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("not a list")
		}
		out := make([]string, len(l))
		for i, e := range l {
			str, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("not a list of strings")
			}
			out[i] = fl.intern(str)
		}
		return out, nil
	}
	if !storedTypeOK(fl.Type, v) {
		return nil, fmt.Errorf("stored as %T", v)
	}
	if str, ok := v.(string); ok && fl.Enum != nil {
		return fl.intern(str), nil
	}
	return v, nil
}

func storedTypeOK(t Type, v any) bool {
	switch v.(type) {
	case float64:
		return t == Number || t == Integer
	case bool:
		return t == Bool
	case string:
		return t == String || t == Date || t == Timestamp
	}
	return false
}
