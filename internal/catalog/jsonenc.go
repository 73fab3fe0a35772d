package catalog

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// The encoders below write stored properties and geometries byte for byte
// as encoding/json does (keys sorted, HTML characters escaped, its float
// format), without reflection: an import of 100,000 parcels encodes each
// one three times (row, audit document), and reflection was most of that.
// Staying byte-identical keeps audit images comparable across versions
// written before and after them.

// AppendPropsJSON appends the stored properties as a JSON object.
func (f *Feature) AppendPropsJSON(dst []byte) []byte {
	if f.Props == nil {
		return append(dst, "null"...)
	}
	var keys [64]string
	names := keys[:0]
	for k := range f.Props {
		names = append(names, k)
	}
	slices.Sort(names)
	dst = append(dst, '{')
	for i, k := range names {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, k)
		dst = append(dst, ':')
		dst = appendJSONValue(dst, f.Props[k])
	}
	return append(dst, '}')
}

// AppendJSONValue appends a property value (float64, string, bool,
// []string, or anything encoding/json takes) as encoding/json writes it.
func AppendJSONValue(dst []byte, v any) []byte { return appendJSONValue(dst, v) }

func appendJSONValue(dst []byte, v any) []byte {
	switch v := v.(type) {
	case float64:
		return appendJSONFloat(dst, v)
	case string:
		return appendJSONString(dst, v)
	case bool:
		return strconv.AppendBool(dst, v)
	case []string:
		if v == nil {
			return append(dst, "null"...)
		}
		dst = append(dst, '[')
		for i, s := range v {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, s)
		}
		return append(dst, ']')
	}
	b, err := json.Marshal(v)
	if err != nil { // normalised props always encode
		panic("catalog: encode property: " + err.Error())
	}
	return append(dst, b...)
}

// appendJSONFloat is encoding/json's float64 format.
func appendJSONFloat(dst []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

const hexDigits = "0123456789abcdef"

// appendJSONString is encoding/json's string format with HTML escaping.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// AppendGeometryJSON appends g as the GeoJSON geometry orb's geojson
// package writes (null for nil).
func AppendGeometryJSON(dst []byte, g orb.Geometry) []byte {
	switch g := g.(type) {
	case orb.Point:
		dst = appendPoint(append(dst, `{"type":"Point","coordinates":`...), g)
	case orb.LineString:
		dst = appendPoints(append(dst, `{"type":"LineString","coordinates":`...), g)
	case orb.Polygon:
		dst = appendRings(append(dst, `{"type":"Polygon","coordinates":`...), g)
	case orb.MultiPolygon:
		dst = append(dst, `{"type":"MultiPolygon","coordinates":[`...)
		for i, p := range g {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendRings(dst, p)
		}
		dst = append(dst, ']')
	case nil:
		return append(dst, "null"...)
	default:
		b, err := json.Marshal(geojson.NewGeometry(g))
		if err != nil {
			panic("catalog: encode geometry: " + err.Error())
		}
		return append(dst, b...)
	}
	return append(dst, '}')
}

func appendPoint(dst []byte, p orb.Point) []byte {
	dst = append(dst, '[')
	dst = appendJSONFloat(dst, p[0])
	dst = append(dst, ',')
	dst = appendJSONFloat(dst, p[1])
	return append(dst, ']')
}

func appendPoints(dst []byte, ps []orb.Point) []byte {
	dst = append(dst, '[')
	for i, p := range ps {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendPoint(dst, p)
	}
	return append(dst, ']')
}

func appendRings(dst []byte, p orb.Polygon) []byte {
	dst = append(dst, '[')
	for i, r := range p {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendPoints(dst, r)
	}
	return append(dst, ']')
}
