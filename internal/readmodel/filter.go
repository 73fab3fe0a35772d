package readmodel

import (
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/cql2"
	"github.com/paulmach/orb"
)

// CompileCQL2 binds a parsed CQL2 filter to a collection's properties and
// returns it as a predicate. The queryables are the collection's schema
// fields, plus "id" and "geometry".
func CompileCQL2(c catalog.Collection, e cql2.Expr) (Predicate, error) {
	s := cqlSchema{catalog.SchemaOf(c)}
	match, err := cql2.Compile(e, s)
	if err != nil {
		return nil, err
	}
	// One record per compiled filter, re-pointed at each feature: a
	// predicate serves one request, on one goroutine.
	rec := &cqlRecord{dates: s.dateFields()}
	return func(f *Feature) bool {
		rec.f = f
		return match(rec)
	}, nil
}

// cqlSchema resolves queryable names against a catalogue schema; "id" gets
// the index after the last field.
type cqlSchema struct{ s *catalog.Schema }

func (q cqlSchema) Lookup(name string) (int, cql2.Type, bool) {
	switch name {
	case "geometry":
		return -1, cql2.Geometry, true
	case "id":
		return len(q.s.Fields), cql2.String, true
	}
	fl, ok := q.s.Field(name)
	if !ok {
		return 0, 0, false
	}
	t := map[catalog.Type]cql2.Type{
		catalog.String: cql2.String, catalog.Number: cql2.Number, catalog.Integer: cql2.Number,
		catalog.Bool: cql2.Bool, catalog.Date: cql2.Date, catalog.StringList: cql2.StringList,
		catalog.Timestamp: cql2.Timestamp,
	}[fl.Type]
	return q.s.Index(name), t, true
}

func (q cqlSchema) dateFields() []bool {
	d := make([]bool, len(q.s.Fields))
	for i, fl := range q.s.Fields {
		d[i] = fl.Type == catalog.Date
	}
	return d
}

// cqlRecord shows a feature to a compiled filter. Dates are kept as
// "YYYY-MM-DD" strings in Values (that is how they are published) and
// parsed here only when a filter reads them.
type cqlRecord struct {
	f     *Feature
	dates []bool // by field index: a Date, kept as a string in Values
}

func (r *cqlRecord) Value(i int) any {
	if i == len(r.f.Values) {
		return r.f.ID
	}
	v := r.f.Values[i]
	if s, ok := v.(string); ok && r.dates[i] {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil
		}
		return t
	}
	return v
}

func (r *cqlRecord) Geometry() orb.Geometry   { return r.f.Geometry }
func (r *cqlRecord) GeometryBound() orb.Bound { return r.f.Bound }
