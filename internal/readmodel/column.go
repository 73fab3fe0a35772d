package readmodel

import (
	"math"
	"time"
	"unsafe"

	"github.com/landcat/landcat/internal/catalog"
)

// The compact read model keeps a collection's property values in typed
// columns instead of a map of boxed values per feature: a float64 per
// number, a small integer per enumerated string, date or flag, and the
// free text of every feature of a chunk in one byte array. The heap then
// holds a handful of objects per feature (its geometry and its encoded
// GeoJSON) instead of dozens, which is what the garbage collector pays
// for, and a filter over one property reads one contiguous array.

// kind is how a schema field is stored.
type kind uint8

const (
	kNum       kind = iota // Number, Integer: float64, NaN = unknown
	kFlag                  // Bool: int8, -1 unknown
	kEnum                  // String with an enumeration: int16 position, -1 unknown
	kText                  // other String: text reference
	kDate                  // Date: int32 days since 1970-01-01, noDate unknown
	kTime                  // Timestamp: int64 Unix nanoseconds, noTime unknown
	kSet                   // StringList with an enumeration: bit i = value i, bit 63 = known; the items also as text, in order
	kList                  // other StringList: text reference to the items joined by listSep
	kInherited             // the parcels' "inherited": bit i = schema field i
)

const (
	noDate   = math.MinInt32
	noTime   = math.MinInt64
	setKnown = uint64(1) << 63
	listSep  = '\x1f' // cannot occur in property values (control characters are escaped on input)
)

// kindOf returns the storage of a field.
func kindOf(fl catalog.Field) kind {
	switch fl.Type {
	case catalog.Number, catalog.Integer:
		return kNum
	case catalog.Bool:
		return kFlag
	case catalog.Date:
		return kDate
	case catalog.Timestamp:
		return kTime
	case catalog.StringList:
		switch {
		case fl.Name == "inherited":
			return kInherited
		case fl.Enum != nil:
			return kSet
		}
		return kList
	}
	if fl.Enum != nil {
		return kEnum
	}
	return kText
}

// text points at a string in a chunk's text bytes; unknown when n < 0.
type text struct{ off, n int32 }

var noText = text{n: -1}

// column holds one field for the features of a chunk; which slice is used
// depends on the field's kind.
type column struct {
	num  []float64
	i8   []int8
	i16  []int16
	i32  []int32
	i64  []int64
	set  []uint64
	text []text
}

func newColumn(k kind, n int) column {
	switch k {
	case kNum:
		return column{num: make([]float64, n)}
	case kFlag:
		return column{i8: make([]int8, n)}
	case kEnum:
		return column{i16: make([]int16, n)}
	case kDate:
		return column{i32: make([]int32, n)}
	case kTime:
		return column{i64: make([]int64, n)}
	case kSet:
		return column{set: make([]uint64, n), text: make([]text, n)}
	case kInherited:
		return column{set: make([]uint64, n)}
	}
	return column{text: make([]text, n)}
}

// grow returns c with room for n rows, keeping its values.
func (c column) grow(n int) column {
	ext := func(l int) int { return max(0, n-l) }
	switch {
	case c.num != nil:
		c.num = append(c.num, make([]float64, ext(len(c.num)))...)
	case c.i8 != nil:
		c.i8 = append(c.i8, make([]int8, ext(len(c.i8)))...)
	case c.i16 != nil:
		c.i16 = append(c.i16, make([]int16, ext(len(c.i16)))...)
	case c.i32 != nil:
		c.i32 = append(c.i32, make([]int32, ext(len(c.i32)))...)
	case c.i64 != nil:
		c.i64 = append(c.i64, make([]int64, ext(len(c.i64)))...)
	case c.set != nil:
		c.set = append(c.set, make([]uint64, ext(len(c.set)))...)
	}
	if c.text != nil {
		c.text = append(c.text, make([]text, ext(len(c.text)))...)
	}
	return c
}

// clone copies the column (copy-on-write of a chunk).
func (c column) clone() column {
	return column{num: cloneS(c.num), i8: cloneS(c.i8), i16: cloneS(c.i16), i32: cloneS(c.i32), i64: cloneS(c.i64),
		set: cloneS(c.set), text: cloneS(c.text)}
}

func cloneS[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, cap(s)), s...)
}

// chunkBits sets the chunk size: a write copies the chunks it touches,
// so chunks are small; a scan walks them in order, so they are not tiny.
const (
	chunkBits = 8
	chunkSize = 1 << chunkBits
)

// A chunk is whole words of a bitset (scanRange fills a word at a time).
var _ = [1]struct{}{}[chunkSize%64]

// chunk holds up to chunkSize features (slots) of one collection and their
// columns. It is never modified once a snapshot holds it; a write copies it.
type chunk struct {
	feats []Feature
	cols  []column // by schema field index
	kinds []kind   // by schema field index (shared, per collection)
	text  []byte   // the chunk's strings, referenced by text values
}

// str returns the string t points at, without copying (the bytes are
// never modified once the chunk is in a snapshot).
func (ch *chunk) str(t text) string {
	if t.n <= 0 {
		return ""
	}
	return unsafe.String(&ch.text[t.off], int(t.n))
}

// addText appends s to the chunk's text and returns its reference.
func (ch *chunk) addText(s string) text {
	t := text{off: int32(len(ch.text)), n: int32(len(s))}
	ch.text = append(ch.text, s...)
	return t
}

// dayOf returns the days since 1970-01-01 of a "YYYY-MM-DD" date.
func dayOf(s string) (int32, bool) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, false
	}
	return int32(t.Unix() / 86400), true
}

// dateOf returns the time at 00:00 UTC of a day number.
func dateOf(d int32) time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// appendDate writes a day number as "YYYY-MM-DD".
func appendDate(dst []byte, d int32) []byte {
	return dateOf(d).AppendFormat(dst, time.DateOnly)
}
