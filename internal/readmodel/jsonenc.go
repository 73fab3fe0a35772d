package readmodel

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// The encoders below write JSON without reflection: building a snapshot
// encodes every feature once, and encoding/json's reflection and
// allocations made that the slowest part of a cold start.

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, invalid UTF-8 replaced, everything else as is.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
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
		if r == '\u2028' || r == '\u2029' { // valid JSON, but not JavaScript
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

func appendFloat(dst []byte, v float64) []byte {
	return strconv.AppendFloat(dst, v, 'f', -1, 64)
}

// AppendReal appends v as a JSON number that reads back as a real: as
// appendFloat does, except that a whole value keeps a decimal point
// (118.0, not 118). Whole values below 2^53 take a fast integer path.
func AppendReal(dst []byte, v float64) []byte {
	if v != math.Trunc(v) || math.IsInf(v, 0) {
		return strconv.AppendFloat(dst, v, 'f', -1, 64)
	}
	if v > -1<<53 && v < 1<<53 {
		dst = strconv.AppendInt(dst, int64(v), 10)
	} else {
		dst = strconv.AppendFloat(dst, v, 'f', -1, 64)
	}
	return append(dst, '.', '0')
}

func appendPoint(dst []byte, p orb.Point) []byte {
	dst = append(dst, '[')
	dst = appendFloat(dst, p[0])
	dst = append(dst, ',')
	dst = appendFloat(dst, p[1])
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

// appendGeometry writes the GeoJSON geometries landcat stores.
func appendGeometry(dst []byte, g orb.Geometry) []byte {
	switch g := g.(type) {
	case orb.Point:
		dst = append(dst, `{"type":"Point","coordinates":`...)
		dst = appendPoint(dst, g)
	case orb.LineString:
		dst = append(dst, `{"type":"LineString","coordinates":`...)
		dst = appendPoints(dst, g)
	case orb.Polygon:
		dst = append(dst, `{"type":"Polygon","coordinates":`...)
		dst = appendPolygon(dst, g)
	case orb.MultiPolygon:
		dst = append(dst, `{"type":"MultiPolygon","coordinates":[`...)
		for i, p := range g {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendPolygon(dst, p)
		}
		dst = append(dst, ']')
	default:
		return append(dst, "null"...)
	}
	return append(dst, '}')
}

func appendPolygon(dst []byte, p orb.Polygon) []byte {
	dst = append(dst, '[')
	for i, r := range p {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendPoints(dst, r)
	}
	return append(dst, ']')
}
