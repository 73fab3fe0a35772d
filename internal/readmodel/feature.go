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
	"github.com/paulmach/orb/geojson"
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

	head []byte // {"type":"Feature","id":…,"geometry":…,"properties":{"name":
	tail []byte // ,"code":…}  (every other property, then the closing brace)
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

// AppendGeoJSON appends the feature as a GeoJSON Feature with names in
// lang. extra, if not empty, is spliced in as further members (for links).
func (f *Feature) AppendGeoJSON(dst []byte, lang string, extra []byte) []byte {
	dst = append(dst, f.head...)
	dst = appendJSONString(dst, f.Name(lang))
	dst = append(dst, f.tail...)
	if len(extra) > 0 {
		dst = append(dst, ',')
		dst = append(dst, extra...)
	}
	return append(dst, '}')
}

// encode fills head and tail from Values, in schema order.
func (f *Feature) encode() {
	var b bytes.Buffer
	b.WriteString(`{"type":"Feature","id":`)
	b.Write(appendJSONString(nil, f.ID))
	b.WriteString(`,"geometry":`)
	g, _ := json.Marshal(geojson.NewGeometry(f.Geometry))
	b.Write(g)
	b.WriteString(`,"properties":{"name":`)
	f.head = bytes.Clone(b.Bytes())
	b.Reset()
	for i, fl := range catalog.SchemaOf(f.Collection).Fields {
		if fl.Name == "name" {
			continue
		}
		b.WriteString(`,"`)
		b.WriteString(fl.Name)
		b.WriteString(`":`)
		b.Write(appendValue(nil, f.Values[i]))
	}
	b.WriteByte('}')
	f.tail = bytes.Clone(b.Bytes())
}

func appendValue(dst []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(dst, "null"...)
	case float64:
		return strconv.AppendFloat(dst, v, 'f', -1, 64)
	case bool:
		return strconv.AppendBool(dst, v)
	case string:
		return appendJSONString(dst, v)
	case time.Time:
		return appendJSONString(dst, v.UTC().Format(time.RFC3339Nano))
	default:
		b, _ := json.Marshal(v)
		return append(dst, b...)
	}
}

func appendJSONString(dst []byte, s string) []byte {
	b, _ := json.Marshal(s)
	return append(dst, b...)
}
