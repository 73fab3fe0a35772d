// Package readmodel serves every read from memory: an immutable snapshot of
// the catalogue per revision, with computed properties, a spatial index per
// collection and GeoJSON encoded once. A write builds the next snapshot from
// the previous one, copying only what changed, and swaps it in atomically,
// so readers never lock and never see half a change.
package readmodel

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/paulmach/orb"
)

// Languages are the languages names are published in; the first is the
// default.
var Languages = []string{"vi", "en", "ko", "ja", "zh"}

// Feature is a stored feature as readers see it: effective and computed
// property values, its bound, and its GeoJSON encoded once.
type Feature struct {
	*catalog.Feature
	Bound orb.Bound
	// Values holds one effective value per schema field (nil = unknown):
	// stored values, values inherited from the zone, computed values.
	Values []any

	head  []byte   // {"type":"Feature","id":…,"geometry":…,"properties":{"name":
	names [][]byte // the name as a JSON string, per entry of Languages
	tail  []byte   // ,"code":…}  (every other property, then the closing brace)
}

// Value returns the effective value of the named property (nil if unknown
// or not a property of the collection).
func (f *Feature) Value(name string) any {
	i := catalog.SchemaOf(f.Collection).Index(name)
	if i < 0 {
		return nil
	}
	return f.Values[i]
}

// Name returns the feature's name in lang, falling back to English, then
// Vietnamese.
func (f *Feature) Name(lang string) string {
	for _, l := range []string{lang, "en", "vi"} {
		if s := f.String("name_" + l); s != "" {
			return s
		}
	}
	return f.String("code")
}

// EncodedLen is about the size of the feature's GeoJSON, for sizing buffers.
func (f *Feature) EncodedLen() int { return len(f.head) + len(f.names[0]) + len(f.tail) + 2 }

// AppendGeoJSON appends the feature as a GeoJSON Feature with names in
// lang. extra, if not empty, is spliced in as further members (for links).
func (f *Feature) AppendGeoJSON(dst []byte, lang string, extra []byte) []byte {
	dst = append(dst, f.head...)
	dst = append(dst, f.names[langIndex(lang)]...)
	dst = append(dst, f.tail...)
	if len(extra) > 0 {
		dst = append(dst, ',')
		dst = append(dst, extra...)
	}
	return append(dst, '}')
}

// EncodedLenNoGeometry is about the size of the feature's GeoJSON without
// its geometry (AppendGeoJSONNoGeometry).
func (f *Feature) EncodedLenNoGeometry() int {
	return len(featureStart) + len(f.ID) + 8 + len(nullGeometryThenName) + len(f.names[0]) + len(f.tail) + 2
}

// AppendGeoJSONNoGeometry appends the feature as AppendGeoJSON does
// without extra members, but with "geometry": null (OGC API - Features
// skipGeometry=true): the same properties for a fraction of the bytes.
func (f *Feature) AppendGeoJSONNoGeometry(dst []byte, lang string) []byte {
	dst = append(dst, featureStart...)
	dst = appendJSONString(dst, f.ID)
	dst = append(dst, nullGeometryThenName...)
	dst = append(dst, f.names[langIndex(lang)]...)
	dst = append(dst, f.tail...)
	return append(dst, '}')
}

// The fixed parts of a feature's GeoJSON around its id and geometry.
const (
	featureStart         = `{"type":"Feature","id":`
	geometryMember       = `,"geometry":`
	propertiesThenName   = `,"properties":{"name":`
	nullGeometryThenName = geometryMember + "null" + propertiesThenName
)

// encode fills head, names and tail from Values, in schema order.
func (f *Feature) encode() {
	b := make([]byte, 0, 2048)
	b = append(b, featureStart...)
	b = appendJSONString(b, f.ID)
	b = append(b, geometryMember...)
	b = appendGeometry(b, f.Geometry)
	b = append(b, propertiesThenName...)
	f.head = bytes.Clone(b) // exact size: 100,000 features keep these
	f.names = make([][]byte, len(Languages))
	for i, l := range Languages {
		f.names[i] = appendJSONString(nil, f.Name(l))
	}
	t := make([]byte, 0, 1500)
	for i, fl := range catalog.SchemaOf(f.Collection).Fields {
		if fl.Name == "name" {
			continue
		}
		t = append(t, ',', '"')
		t = append(t, fl.Name...)
		t = append(t, '"', ':')
		t = appendValue(t, f.Values[i], fl.Type)
	}
	f.tail = bytes.Clone(append(t, '}'))
}

func langIndex(lang string) int {
	for i, l := range Languages {
		if l == lang {
			return i
		}
	}
	return 0
}

// appendValue writes a property value of schema type typ. A Number is
// written as a real even when it is whole (118.0): clients that guess
// field types from the first features they read (QGIS 3.22) then type the
// field Real instead of Integer.
func appendValue(dst []byte, v any, typ catalog.Type) []byte {
	switch v := v.(type) {
	case nil:
		return append(dst, "null"...)
	case float64:
		if typ == catalog.Number {
			return AppendReal(dst, v)
		}
		return appendFloat(dst, v)
	case bool:
		return strconv.AppendBool(dst, v)
	case string:
		return appendJSONString(dst, v)
	case time.Time:
		dst = append(dst, '"')
		dst = v.UTC().AppendFormat(dst, time.RFC3339Nano)
		return append(dst, '"')
	case []string:
		dst = append(dst, '[')
		for i, s := range v {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, s)
		}
		return append(dst, ']')
	default:
		b, _ := json.Marshal(v)
		return append(dst, b...)
	}
}
