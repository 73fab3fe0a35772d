package readmodel

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/geo"
)

// newChunk returns an empty chunk for the collection of t with room for n
// rows.
func (t *table) newChunk(n int) *chunk {
	ch := &chunk{feats: make([]Feature, n), cols: make([]column, len(t.kinds)), kinds: t.kinds}
	for i, k := range t.kinds {
		ch.cols[i] = newColumn(k, n)
	}
	return ch
}

// copyForWrite returns a copy of ch with room for n rows: the columns and
// features copied, the text rebuilt from the strings still referenced (so
// replaced values never pile up).
func (ch *chunk) copyForWrite(n int) *chunk {
	next := &chunk{feats: make([]Feature, max(n, len(ch.feats))), cols: make([]column, len(ch.cols)), kinds: ch.kinds}
	copy(next.feats, ch.feats)
	for i := range next.feats {
		next.feats[i].ch = next
	}
	next.text = make([]byte, 0, len(ch.text))
	for i, c := range ch.cols {
		c = c.clone().grow(len(next.feats))
		if c.text != nil {
			prev, prevNew := noText, noText
			for r, t := range c.text {
				switch {
				case t.n < 0:
				case t == prev:
					c.text[r] = prevNew
				default:
					prev = t
					c.text[r] = next.addText(ch.str(t))
					prevNew = c.text[r]
				}
			}
		}
		next.cols[i] = c
	}
	return next
}

// setStored writes the stored properties of cf into row r (computed ones
// are left for derive) and the feature's identity.
func (ch *chunk) setStored(r int, slot int32, cf *catalog.Feature, s *catalog.Schema) {
	for i, fl := range s.Fields {
		if fl.Computed {
			ch.setUnknown(i, r)
			continue
		}
		ch.setValue(i, r, fl, cf.Props[fl.Name])
	}
	f := &ch.feats[r]
	*f = Feature{ID: cf.ID, Collection: cf.Collection, Geometry: cf.Geometry, Bound: geo.Bound(cf.Geometry),
		Publication: cf.Publication, Version: cf.Version, Revision: cf.Revision, UpdatedAt: cf.UpdatedAt.UTC(),
		ch: ch, row: int32(r), slot: slot}
}

// setUnknown marks field i of row r unknown.
func (ch *chunk) setUnknown(i, r int) {
	c := &ch.cols[i]
	switch ch.kinds[i] {
	case kNum:
		c.num[r] = math.NaN()
	case kFlag:
		c.i8[r] = -1
	case kEnum:
		c.i16[r] = -1
	case kDate:
		c.i32[r] = noDate
	case kTime:
		c.i64[r] = noTime
	case kSet:
		c.set[r], c.text[r] = 0, noText
	case kInherited:
		c.set[r] = 0
	default:
		c.text[r] = noText
	}
}

// setValue writes a normalised property value (float64, bool, string,
// []string, time.Time; nil = unknown) into field i of row r.
func (ch *chunk) setValue(i, r int, fl catalog.Field, v any) {
	if v == nil {
		ch.setUnknown(i, r)
		return
	}
	c := &ch.cols[i]
	switch ch.kinds[i] {
	case kNum:
		x, ok := v.(float64)
		if !ok {
			x = math.NaN()
		}
		c.num[r] = x
	case kFlag:
		switch v {
		case true:
			c.i8[r] = 1
		case false:
			c.i8[r] = 0
		default:
			c.i8[r] = -1
		}
	case kEnum:
		s, _ := v.(string)
		c.i16[r] = int16(slices.Index(fl.Enum, s))
	case kDate:
		s, _ := v.(string)
		d, ok := dayOf(s)
		if !ok {
			d = noDate
		}
		c.i32[r] = d
	case kTime:
		t, ok := v.(time.Time)
		c.i64[r] = noTime
		if ok {
			c.i64[r] = t.UnixNano()
		}
	case kSet:
		l, _ := v.([]string)
		c.set[r] = setOf(fl.Enum, l) | setKnown
		c.text[r] = ch.addText(strings.Join(l, string(listSep)))
	case kList:
		l, _ := v.([]string)
		c.text[r] = ch.addText(strings.Join(l, string(listSep)))
	case kText:
		s, _ := v.(string)
		c.text[r] = ch.addText(s)
	}
}

// setOf returns the bit set of the values of l in enum.
func setOf(enum, l []string) uint64 {
	var m uint64
	for _, v := range l {
		if k := slices.Index(enum, v); k >= 0 && k < 63 {
			m |= 1 << k
		}
	}
	return m
}

// copyValue copies field i of row from (of another chunk, same field
// kind) into row r of ch.
func (ch *chunk) copyValue(i, r int, from *chunk, fi, fr int) {
	src, dst := &from.cols[fi], &ch.cols[i]
	switch ch.kinds[i] {
	case kNum:
		dst.num[r] = src.num[fr]
	case kFlag:
		dst.i8[r] = src.i8[fr]
	case kEnum:
		dst.i16[r] = src.i16[fr]
	case kDate:
		dst.i32[r] = src.i32[fr]
	case kTime:
		dst.i64[r] = src.i64[fr]
	case kInherited:
		dst.set[r] = src.set[fr]
	default:
		if ch.kinds[i] == kSet {
			dst.set[r] = src.set[fr]
		}
		if t := src.text[fr]; t.n < 0 {
			dst.text[r] = noText
		} else {
			dst.text[r] = ch.addText(from.str(t))
		}
	}
}

// known reports whether field i of row r holds a value.
func (ch *chunk) known(i, r int) bool {
	c := &ch.cols[i]
	switch ch.kinds[i] {
	case kNum:
		return !math.IsNaN(c.num[r])
	case kFlag:
		return c.i8[r] >= 0
	case kEnum:
		return c.i16[r] >= 0
	case kDate:
		return c.i32[r] != noDate
	case kTime:
		return c.i64[r] != noTime
	case kSet, kInherited:
		return c.set[r]&setKnown != 0
	}
	return c.text[r].n >= 0
}
