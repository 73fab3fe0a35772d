package cql2_test

import (
	"math/rand/v2"
	"testing"

	"github.com/landcat/landcat/internal/cql2"
	"github.com/paulmach/orb"
)

// syntheticParcels returns n landcat-like records around Hai Phong: small
// square parcels (or points) with random status and area.
func syntheticParcels(n int, points, bounded bool) []cql2.Record {
	rng := rand.New(rand.NewPCG(7, 11))
	statuses := []string{"available", "reserved", "leased", "sold", "planned"}
	recs := make([]cql2.Record, n)
	store := make([]benchRecord, n)
	for i := range recs {
		x, y := 106.3+0.8*rng.Float64(), 20.5+0.6*rng.Float64()
		var g orb.Geometry = orb.Point{x, y}
		if !points {
			d := 0.001 + 0.004*rng.Float64()
			g = orb.Polygon{{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}}
		}
		r := newRecord(statuses[rng.IntN(len(statuses))], rng.IntN(120), []string{"logistics"},
			rng.IntN(2) == 0, "2024-01-01", "2025-06-01T00:00:00Z", g)
		store[i] = benchRecord{geom: g, bound: g.Bound()}
		copy(store[i].vals[:], r.vals)
		recs[i] = &store[i]
		if bounded {
			recs[i] = &boundedBenchRecord{&store[i]}
		}
	}
	return recs
}

// benchRecord keeps a record's values in one block, as a read model
// would; the records themselves are contiguous.
type benchRecord struct {
	vals  [7]any
	geom  orb.Geometry
	bound orb.Bound
}

// boundedBenchRecord also gives its precomputed bounding box
// (cql2.BoundedRecord), as a read model with a spatial index can.
type boundedBenchRecord struct{ *benchRecord }

func (r *boundedBenchRecord) GeometryBound() orb.Bound { return r.bound }

func (r *benchRecord) Value(i int) any        { return r.vals[i] }
func (r *benchRecord) Geometry() orb.Geometry { return r.geom }

// BenchmarkCompiledFilter evaluates the typical landcat filter over
// 100,000 records per iteration (so ns/op is the time per 100k records).
func BenchmarkCompiledFilter(b *testing.B) {
	const filter = `status IN ('available','reserved') AND area_ha BETWEEN 5 AND 50 AND S_INTERSECTS(geometry, BBOX(106.5,20.7,106.9,20.95))`
	for _, c := range []struct {
		name            string
		points, bounded bool
	}{{"polygons", false, false}, {"polygons+bounds", false, true}, {"points", true, false}} {
		b.Run(c.name, func(b *testing.B) {
			recs := syntheticParcels(100_000, c.points, c.bounded)
			e, err := cql2.ParseText(filter)
			if err != nil {
				b.Fatal(err)
			}
			match, err := cql2.Compile(e, landcatSchema())
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			n := 0
			for b.Loop() {
				n = 0
				for _, r := range recs {
					if match(r) {
						n++
					}
				}
			}
			if n == 0 {
				b.Fatal("the filter selected nothing")
			}
		})
	}
}
