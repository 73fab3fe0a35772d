package readmodel

import (
	"bytes"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/i18n"
)

// encodeBuf recycles the scratch buffer features are encoded in.
var encodeBuf = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// A feature's doc holds its GeoJSON without the property names: every
// feature of a collection names the same properties in the same order, so
// the names ("distance_deepsea_port_km", …) are written once per
// collection (keysOf) and spliced back in when the feature is sent. The
// values are separated by valueSep, a control character, which JSON
// escapes inside strings and numbers never contain. That keeps a parcel's
// doc at about a third of its GeoJSON.
const valueSep = '\x1e'

// keys holds, per collection, `,"name":` for every property but "name"
// (sent first, in the reader's language), in schema order, and their total
// length.
type keys struct {
	names [][]byte
	size  int
}

var keysOf = func() map[catalog.Collection]*keys {
	out := map[catalog.Collection]*keys{}
	for _, c := range catalog.Collections {
		k := &keys{}
		for _, fl := range catalog.SchemaOf(c).Fields {
			if fl.Name == "name" {
				continue
			}
			b := []byte(`,"` + fl.Name + `":`)
			k.names = append(k.names, b)
			k.size += len(b)
		}
		out[c] = k
	}
	return out
}()

// appendValues writes the tail of a doc (valueSep-separated values) with
// the property names spliced back in, and the closing brace of
// "properties".
func appendValues(dst, vals []byte, c catalog.Collection) []byte {
	for _, key := range keysOf[c].names {
		j := bytes.IndexByte(vals, valueSep)
		if j < 0 {
			j = len(vals)
		}
		dst = append(dst, key...)
		dst = append(dst, vals[:j]...)
		vals = vals[min(len(vals), j+1):]
	}
	return append(dst, '}')
}

// encode writes f's GeoJSON from its columns, in schema order, into f.doc
// (one allocation of exactly its size).
func encode(f *Feature) {
	bp := encodeBuf.Get().(*[]byte)
	b := (*bp)[:0]
	b = append(b, featureStart...)
	b = appendJSONString(b, f.ID)
	b = append(b, geometryMember...)
	b = appendGeometry(b, f.Geometry)
	b = append(b, propertiesThenName...)
	f.head = int32(len(b))
	for l, lang := range i18n.Languages {
		start := len(b)
		b = appendJSONString(b, f.Name(lang))
		f.names[l] = span{int32(start), int32(len(b))}
		for k := 0; k < l; k++ { // the same name as an earlier language: share it
			if prev := f.names[k]; bytes.Equal(b[prev.start:prev.end], b[start:]) {
				b = b[:start]
				f.names[l] = prev
				break
			}
		}
	}
	f.tail = int32(len(b))
	first := true
	for i, fl := range catalog.SchemaOf(f.Collection).Fields {
		if fl.Name == "name" {
			continue
		}
		if !first {
			b = append(b, valueSep)
		}
		first = false
		b = f.appendField(b, i, fl)
	}
	f.doc = bytes.Clone(b)
	*bp = b
	encodeBuf.Put(bp)
}

// appendField writes the value of field i as JSON (null when unknown). A
// Number is written as a real even when it is whole (118.0): clients that
// guess field types from the first features they read (QGIS 3.22) then
// type the field Real instead of Integer.
func (f *Feature) appendField(b []byte, i int, fl catalog.Field) []byte {
	c, r := &f.ch.cols[i], f.row
	switch f.ch.kinds[i] {
	case kNum:
		v := c.num[r]
		switch {
		case math.IsNaN(v):
		case fl.Type == catalog.Number:
			return AppendReal(b, v)
		default:
			return appendFloat(b, v)
		}
	case kFlag:
		if v := c.i8[r]; v >= 0 {
			return strconv.AppendBool(b, v == 1)
		}
	case kEnum:
		if v := c.i16[r]; v >= 0 {
			return appendJSONString(b, fl.Enum[v])
		}
	case kText:
		if t := c.text[r]; t.n >= 0 {
			return appendJSONString(b, f.ch.str(t))
		}
	case kDate:
		if d := c.i32[r]; d != noDate {
			b = append(b, '"')
			return append(appendDate(b, d), '"')
		}
	case kTime:
		if v := c.i64[r]; v != noTime {
			b = append(b, '"')
			b = time.Unix(0, v).UTC().AppendFormat(b, time.RFC3339Nano)
			return append(b, '"')
		}
	default:
		if l, ok := f.List(i); ok {
			b = append(b, '[')
			for k, s := range l {
				if k > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, s)
			}
			return append(b, ']')
		}
	}
	return append(b, "null"...)
}
