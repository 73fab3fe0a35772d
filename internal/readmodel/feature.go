// Package readmodel serves every read from memory: an immutable snapshot of
// the catalogue per revision, with computed properties in typed columns, a
// spatial index per collection and GeoJSON encoded once. A write builds the
// next snapshot from the previous one, copying only the chunks of features
// it touches, and swaps it in atomically, so readers never lock and never
// see half a change. Queries (bbox, datetime, property filters, CQL2) are
// compiled into one plan that runs over the columns with bitsets.
package readmodel

import (
	"math"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/i18n"
	"github.com/paulmach/orb"
)

// numLanguages is len(i18n.Languages), the languages names are published
// in.
const numLanguages = 5

// Feature is one feature as readers see it: its identity, geometry and
// bound, its effective and computed property values (read through
// accessors, from the columns of its chunk) and its GeoJSON, encoded once.
// A Feature is immutable.
type Feature struct {
	ID          string
	Collection  catalog.Collection
	Geometry    orb.Geometry
	Bound       orb.Bound
	Publication catalog.Publication
	Version     int64 // the stored version (the ETag)
	Revision    int64 // the catalogue revision of its last change
	UpdatedAt   time.Time

	ch   *chunk
	row  int32
	slot int32
	// doc is the feature's GeoJSON in pieces: the head up to "name":, the
	// distinct names (JSON strings), then the values of the other
	// properties (the tail; see encode.go). head and tail say where the
	// head ends and the tail starts; names[l] is the name in i18n.Languages[l].
	doc        []byte
	head, tail int32
	names      [numLanguages]span
}

// span is a byte range of a feature's doc.
type span struct{ start, end int32 }

// At returns the effective value of the field at schema index i: float64,
// string, bool, []string, a "YYYY-MM-DD" string for dates, time.Time for
// timestamps, or nil when unknown. It allocates for most types; filters
// and the matcher read the typed accessors instead.
func (f *Feature) At(i int) any {
	c, k := &f.ch.cols[i], f.ch.kinds[i]
	r := f.row
	switch k {
	case kNum:
		if v := c.num[r]; !math.IsNaN(v) {
			return v
		}
	case kFlag:
		if v := c.i8[r]; v >= 0 {
			return v == 1
		}
	case kEnum:
		if v := c.i16[r]; v >= 0 {
			return f.field(i).Enum[v]
		}
	case kText:
		if t := c.text[r]; t.n >= 0 {
			return f.ch.str(t)
		}
	case kDate:
		if d := c.i32[r]; d != noDate {
			return string(appendDate(nil, d))
		}
	case kTime:
		if v := c.i64[r]; v != noTime {
			return time.Unix(0, v).UTC()
		}
	case kSet, kInherited, kList:
		if l, ok := f.List(i); ok {
			return l
		}
	}
	return nil
}

func (f *Feature) field(i int) catalog.Field { return catalog.SchemaOf(f.Collection).Fields[i] }

// Value returns the effective value of the named property (see At); nil
// when unknown or not a property of the collection.
func (f *Feature) Value(name string) any {
	i := catalog.SchemaOf(f.Collection).Index(name)
	if i < 0 {
		return nil
	}
	return f.At(i)
}

// Num returns the number at schema index i and whether it is known.
func (f *Feature) Num(i int) (float64, bool) {
	v := f.ch.cols[i].num[f.row]
	return v, !math.IsNaN(v)
}

// Str returns the string at schema index i (a free or enumerated string,
// or a date as "YYYY-MM-DD") and whether it is known. Free strings are not
// copied.
func (f *Feature) Str(i int) (string, bool) {
	c := &f.ch.cols[i]
	switch f.ch.kinds[i] {
	case kText:
		t := c.text[f.row]
		return f.ch.str(t), t.n >= 0
	case kEnum:
		if v := c.i16[f.row]; v >= 0 {
			return f.field(i).Enum[v], true
		}
	case kDate:
		if d := c.i32[f.row]; d != noDate {
			return string(appendDate(nil, d)), true
		}
	}
	return "", false
}

// String returns the named string property, "" when unknown.
func (f *Feature) String(name string) string {
	i := catalog.SchemaOf(f.Collection).Index(name)
	if i < 0 {
		return ""
	}
	s, _ := f.Str(i)
	return s
}

// Flag returns the boolean at schema index i and whether it is known.
func (f *Feature) Flag(i int) (bool, bool) {
	v := f.ch.cols[i].i8[f.row]
	return v == 1, v >= 0
}

// Day returns the date at schema index i as days since 1970-01-01.
func (f *Feature) Day(i int) (int32, bool) {
	d := f.ch.cols[i].i32[f.row]
	return d, d != noDate
}

// Set returns the enumerated list at schema index i as a bit set (bit k:
// the k-th value of the field's enumeration) and whether it is known.
func (f *Feature) Set(i int) (uint64, bool) {
	v := f.ch.cols[i].set[f.row]
	return v &^ setKnown, v&setKnown != 0
}

// List returns the list at schema index i and whether it is known.
func (f *Feature) List(i int) ([]string, bool) {
	c := &f.ch.cols[i]
	switch f.ch.kinds[i] {
	case kInherited:
		v := c.set[f.row]
		if v&setKnown == 0 {
			return nil, false
		}
		out := []string{}
		for k, fl := range catalog.SchemaOf(f.Collection).Fields {
			if k < 63 && v&(1<<k) != 0 {
				out = append(out, fl.Name)
			}
		}
		return out, true
	case kList, kSet:
		t := c.text[f.row]
		if t.n < 0 {
			return nil, false
		}
		if t.n == 0 {
			return []string{}, true
		}
		return strings.Split(f.ch.str(t), string(listSep)), true
	}
	return nil, false
}

// Inherited reports whether the value at schema index i comes from the
// parcel's zone.
func (f *Feature) Inherited(i int) bool {
	inh := catalog.SchemaOf(f.Collection).Index("inherited")
	return inh >= 0 && i < 63 && f.ch.cols[inh].set[f.row]&(1<<i) != 0
}

// Name returns the feature's name in lang, falling back to English, then
// Vietnamese, then its code.
func (f *Feature) Name(lang string) string {
	s := catalog.SchemaOf(f.Collection)
	for _, l := range []string{lang, "en", "vi"} {
		if i := s.Index("name_" + l); i >= 0 {
			if v, ok := f.Str(i); ok && v != "" {
				return v
			}
		}
	}
	return f.String("code")
}

// EncodedLen is about the size of the feature's GeoJSON, for sizing
// buffers.
func (f *Feature) EncodedLen() int {
	return int(f.head) + int(f.names[0].end-f.names[0].start) + len(f.doc) - int(f.tail) + keysOf[f.Collection].size + 2
}

// AppendGeoJSON appends the feature as a GeoJSON Feature with names in
// lang. extra, if not empty, is spliced in as further members (for links).
func (f *Feature) AppendGeoJSON(dst []byte, lang string, extra []byte) []byte {
	dst = append(dst, f.doc[:f.head]...)
	dst = f.appendRest(dst, lang)
	if len(extra) > 0 {
		dst = append(dst, ',')
		dst = append(dst, extra...)
	}
	return append(dst, '}')
}

// EncodedLenNoGeometry is about the size of the feature's GeoJSON without
// its geometry (AppendGeoJSONNoGeometry).
func (f *Feature) EncodedLenNoGeometry() int {
	return len(featureStart) + len(f.ID) + 8 + len(nullGeometryThenName) + int(f.names[0].end-f.names[0].start) +
		len(f.doc) - int(f.tail) + keysOf[f.Collection].size + 2
}

// AppendGeoJSONNoGeometry appends the feature as AppendGeoJSON does
// without extra members, but with "geometry": null (OGC API - Features
// skipGeometry=true): the same properties for a fraction of the bytes.
func (f *Feature) AppendGeoJSONNoGeometry(dst []byte, lang string) []byte {
	dst = append(dst, featureStart...)
	dst = appendJSONString(dst, f.ID)
	dst = append(dst, nullGeometryThenName...)
	dst = f.appendRest(dst, lang)
	return append(dst, '}')
}

// appendRest appends the name in lang and the other properties.
func (f *Feature) appendRest(dst []byte, lang string) []byte {
	n := f.names[langIndex(lang)]
	dst = append(dst, f.doc[n.start:n.end]...)
	return appendValues(dst, f.doc[f.tail:], f.Collection)
}

// The fixed parts of a feature's GeoJSON around its id and geometry.
const (
	featureStart         = `{"type":"Feature","id":`
	geometryMember       = `,"geometry":`
	propertiesThenName   = `,"properties":{"name":`
	nullGeometryThenName = geometryMember + "null" + propertiesThenName
)

func langIndex(lang string) int {
	for i, l := range i18n.Languages {
		if l == lang {
			return i
		}
	}
	return 0
}

// Stored returns the feature in its stored form: the properties an officer
// supplied (values it inherits from its zone and computed values left
// out), in a new catalog.Feature that the caller may modify.
func (f *Feature) Stored() *catalog.Feature {
	out := &catalog.Feature{Collection: f.Collection, ID: f.ID, Geometry: f.Geometry, Props: map[string]any{},
		Publication: f.Publication, Version: f.Version, Revision: f.Revision, UpdatedAt: f.UpdatedAt}
	for i, fl := range catalog.SchemaOf(f.Collection).Fields {
		if fl.Computed || f.Inherited(i) {
			continue
		}
		if v := f.At(i); v != nil {
			out.Props[fl.Name] = v
		}
	}
	return out
}
