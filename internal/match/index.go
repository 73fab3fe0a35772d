package match

import (
	"maps"
	"math"
	"slices"
	"sync/atomic"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/paulmach/orb"
)

// Index is the published parcels of one snapshot laid out for matching:
// one contiguous column per property that a requirement or weight can
// name, so that testing a requirement on 100,000 parcels is a scan of one
// array instead of 100,000 pointer chases. Build it once per snapshot
// (NewIndex, or a Cache) and reuse it; it is immutable and safe for
// concurrent use.
type Index struct {
	snap    *readmodel.Snapshot
	parcels []*readmodel.Feature // published parcels, by id: row i is parcels[i]
	ids     []string             // their ids, so that listing rows touches no feature
	bounds  []orb.Bound
	cols    []column // by parcel schema index; empty where no criterion needs it
	zones   map[string]int32
	inh     []uint64 // per row: bit i set when field i is inherited from the zone
	areaIdx int      // schema index of area_ha
	agg     []agg    // by parcel schema index: how a group aggregates the field (aggregation)
}

// column holds one property for every row; which slice is used depends
// on the property's type.
type column struct {
	num  []float64 // Number, Integer: NaN = unknown
	flag []int8    // Bool: 1 true, 0 false, -1 unknown
	code []int32   // Date: YYYYMMDD; enumerated String: position in the enum; other String: interned; -1 unknown
	set  []uint32  // enumerated StringList: bit i = enum value i; bit 31 = known
}

const knownSet = uint32(1) << 31

// NewIndex indexes the published parcels of s. It reads every parcel
// once (about as long as a few hundred matches on the same snapshot).
func NewIndex(s *readmodel.Snapshot) *Index {
	ix := &Index{snap: s, zones: map[string]int32{}, parcels: s.Published(catalog.Parcels)}
	ix.ids = make([]string, len(ix.parcels))
	ix.bounds = make([]orb.Bound, len(ix.parcels))
	ix.inh = make([]uint64, len(ix.parcels))
	schema := catalog.SchemaOf(catalog.Parcels)
	ix.areaIdx = schema.Index("area_ha")
	inherited := schema.Index("inherited")
	for row, f := range ix.parcels {
		ix.ids[row], ix.bounds[row] = f.ID, f.Bound
		ix.inh[row], _ = f.Set(inherited)
	}
	ix.cols = make([]column, len(schema.Fields))
	ix.agg = make([]agg, len(schema.Fields))
	for i, fl := range schema.Fields {
		ix.agg[i] = aggregation[fl.Name]
	}
	var fields []int
	for _, name := range indexedProperties() {
		i := schema.Index(name)
		fields = append(fields, i)
		ix.cols[i] = newColumn(schema.Fields[i].Type, len(ix.parcels))
	}
	for _, i := range fields { // column by column, from the snapshot's typed columns
		ix.fill(i, schema.Fields[i])
	}
	return ix
}

// fill copies field i of every indexed parcel into its column.
func (ix *Index) fill(i int, fl catalog.Field) {
	for row, f := range ix.parcels {
		ix.fillRow(i, fl, row, f)
	}
}

// fillRow copies field i of parcel f into row of its column.
func (ix *Index) fillRow(i int, fl catalog.Field, row int, f *readmodel.Feature) {
	ix.fillCell(&ix.cols[i], i, fl, row, f)
}

// fillCell copies field i of parcel f into row of c.
func (ix *Index) fillCell(c *column, i int, fl catalog.Field, row int, f *readmodel.Feature) {
	switch {
	case c.num != nil:
		v, ok := f.Num(i)
		if !ok {
			v = math.NaN()
		}
		c.num[row] = v
	case c.flag != nil:
		c.flag[row] = -1
		if v, ok := f.Flag(i); ok && v {
			c.flag[row] = 1
		} else if ok {
			c.flag[row] = 0
		}
	case c.set != nil:
		c.set[row] = 0
		if v, ok := f.Set(i); ok {
			c.set[row] = uint32(v&(1<<31-1)) | knownSet
		}
	case fl.Type == catalog.Date:
		c.code[row] = -1
		if d, ok := f.Day(i); ok {
			y, m, dd := time.Unix(int64(d)*86400, 0).UTC().Date()
			c.code[row] = int32(y*10000 + int(m)*100 + dd)
		}
	default:
		s, _ := f.Str(i)
		c.code[row] = ix.encode(fl, s)
	}
}

// used reports whether the column holds a property.
func (c column) used() bool { return c.num != nil || c.flag != nil || c.code != nil || c.set != nil }

// clone copies the column's values.
func (c column) clone() column {
	return column{num: slices.Clone(c.num), flag: slices.Clone(c.flag), code: slices.Clone(c.code), set: slices.Clone(c.set)}
}

// sameAt reports whether row r of c holds the value of row 0 of probe.
func (c column) sameAt(r int, probe column) bool {
	switch {
	case c.num != nil:
		a, b := c.num[r], probe.num[0]
		return a == b || (math.IsNaN(a) && math.IsNaN(b))
	case c.flag != nil:
		return c.flag[r] == probe.flag[0]
	case c.set != nil:
		return c.set[r] == probe.set[0]
	}
	return c.code[r] == probe.code[0]
}

// update returns the index of s made from prev, an index of an earlier
// snapshot with the same published parcels in the same rows (false when
// they differ): only the rows whose feature changed are read again, and
// only the columns where such a row's value changed are copied (copy on
// write); the others are shared with prev. A write that edits a few
// properties of a few parcels then costs a few column copies (a fraction
// of a millisecond and of a megabyte each at 100,000 parcels) instead of
// reading every parcel. A feature two snapshots share has the same values
// by construction (snapshots are copy-on-write), so comparing pointers
// finds every changed row.
func update(prev *Index, s *readmodel.Snapshot) (*Index, bool) {
	parcels := s.Published(catalog.Parcels)
	if len(parcels) != len(prev.parcels) {
		return nil, false
	}
	for r, f := range parcels {
		if f != prev.parcels[r] && f.ID != prev.ids[r] {
			return nil, false
		}
	}
	ix := &Index{snap: s, parcels: parcels, ids: prev.ids, bounds: prev.bounds, inh: prev.inh,
		cols: slices.Clone(prev.cols), zones: maps.Clone(prev.zones), areaIdx: prev.areaIdx, agg: prev.agg}
	schema := catalog.SchemaOf(catalog.Parcels)
	inherited := schema.Index("inherited")
	owned := make([]bool, len(ix.cols))
	ownBounds := false
	for r, f := range parcels {
		if f == prev.parcels[r] {
			continue
		}
		inh, _ := f.Set(inherited)
		if f.Bound != ix.bounds[r] || inh != ix.inh[r] {
			if !ownBounds {
				ix.bounds, ix.inh, ownBounds = slices.Clone(ix.bounds), slices.Clone(ix.inh), true
			}
			ix.bounds[r], ix.inh[r] = f.Bound, inh
		}
		for i, c := range ix.cols {
			if !c.used() {
				continue
			}
			fl := schema.Fields[i]
			probe := newColumn(fl.Type, 1)
			ix.fillCell(&probe, i, fl, 0, f)
			if c.sameAt(r, probe) {
				continue
			}
			if !owned[i] {
				ix.cols[i], owned[i] = c.clone(), true
			}
			ix.fillRow(i, fl, r, f)
		}
	}
	return ix, true
}

// fieldName returns the name of parcel field i.
func (ix *Index) fieldName(i int) string { return catalog.SchemaOf(catalog.Parcels).Fields[i].Name }

// Snapshot returns the snapshot the index was built from.
func (ix *Index) Snapshot() *readmodel.Snapshot { return ix.snap }

// indexedProperties are the properties requirements and weights can name.
func indexedProperties() []string {
	var out []string
	for _, s := range specs {
		if s.property != "" && !slices.Contains(out, s.property) {
			out = append(out, s.property)
		}
	}
	for _, w := range weightable {
		if !slices.Contains(out, w.property) {
			out = append(out, w.property)
		}
	}
	return out
}

func newColumn(t catalog.Type, n int) column {
	switch t {
	case catalog.Number, catalog.Integer:
		return column{num: make([]float64, n)}
	case catalog.Bool:
		return column{flag: make([]int8, n)}
	case catalog.StringList:
		return column{set: make([]uint32, n)}
	}
	return column{code: make([]int32, n)}
}

// set stores value v of field i (fl) of row.
func (ix *Index) set(row, i int, fl catalog.Field, v any) {
	c := &ix.cols[i]
	switch {
	case c.num != nil:
		x, ok := v.(float64)
		if !ok {
			x = math.NaN()
		}
		c.num[row] = x
	case c.flag != nil:
		switch v {
		case true:
			c.flag[row] = 1
		case nil:
			c.flag[row] = -1
		}
	case c.set != nil:
		if l, ok := v.([]string); ok {
			c.set[row] = enumSet(fl.Enum, l) | knownSet
		}
	default:
		s, _ := v.(string)
		c.code[row] = ix.encode(fl, s)
	}
}

// encode turns a string value into its code (see lookup), interning
// values of non-enumerated properties (zone ids) while the index is built.
func (ix *Index) encode(fl catalog.Field, s string) int32 {
	code := ix.lookup(fl, s)
	if code < 0 && s != "" && fl.Type == catalog.String && fl.Enum == nil {
		code = int32(len(ix.zones))
		ix.zones[s] = code
	}
	return code
}

// lookup returns the code of a string value: YYYYMMDD for a date, the
// position in the enumeration, or the interned number of a zone id; -1
// for "" (unknown) and for values the index has never seen.
func (ix *Index) lookup(fl catalog.Field, s string) int32 {
	switch {
	case s == "":
		return -1
	case fl.Type == catalog.Date:
		return dateCode(s)
	case fl.Enum != nil:
		return int32(slices.Index(fl.Enum, s))
	}
	if code, ok := ix.zones[s]; ok {
		return code
	}
	return -1
}

// dateCode returns YYYYMMDD for "YYYY-MM-DD", or -1.
func dateCode(s string) int32 {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return -1
	}
	var v int32
	for _, ch := range s[:4] + s[5:7] + s[8:] {
		if ch < '0' || ch > '9' {
			return -1
		}
		v = v*10 + int32(ch-'0')
	}
	return v
}

// enumSet returns the bit set of the values of l in enum (at most 31).
func enumSet(enum, l []string) uint32 {
	var m uint32
	for _, v := range l {
		if i := slices.Index(enum, v); i >= 0 && i < 31 {
			m |= 1 << i
		}
	}
	return m
}

// IndexOf returns the index of s, built once per snapshot on first use
// and kept with it (readmodel.Snapshot.Derived): every match on one
// revision shares it, and a burst of writes costs one build for the
// snapshot that is finally matched against, not one per write.
func IndexOf(s *readmodel.Snapshot) *Index {
	return s.Derived("match.Index", func(s *readmodel.Snapshot) any {
		if prev := lastIndex.Load(); prev != nil && prev.snap.Revision < s.Revision {
			if ix, ok := update(prev, s); ok {
				lastIndex.Store(ix)
				return ix
			}
		}
		ix := NewIndex(s)
		lastIndex.Store(ix)
		return ix
	}).(*Index)
}

// lastIndex is the index built last, the base of the next (update). It
// may come from another read model (tests run several): update then
// finds different parcels, or reads every row whose feature differs, so
// the result is right either way.
var lastIndex atomic.Pointer[Index]

// Warm builds what matching s needs, the index and the adjacency of its
// parcels for site assembly, so that the first investor to ask does not
// wait for them (a server calls it for each new snapshot, in the
// background).
func Warm(s *readmodel.Snapshot) { adjacencyOf(IndexOf(s)) }

// Cache gives the index of a snapshot (IndexOf). The zero value is ready to
// use; it is safe for concurrent use.
type Cache struct{}

// Index returns the index of s.
func (c *Cache) Index(s *readmodel.Snapshot) *Index { return IndexOf(s) }

// Match matches r against s through the snapshot's index.
func (c *Cache) Match(s *readmodel.Snapshot, r Request) Result { return IndexOf(s).Match(r) }
