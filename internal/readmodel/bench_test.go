package readmodel_test

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/cql2"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/paulmach/orb"
)

var (
	bigOnce  sync.Once
	bigFeats []*catalog.Feature
	bigSnap  *readmodel.Snapshot
)

// big is the 100,000-parcel generated catalogue of the README's
// Performance section, decoded and built once per test binary.
func big(b *testing.B) ([]*catalog.Feature, *readmodel.Snapshot) {
	b.Helper()
	bigOnce.Do(func() {
		bigFeats = generated(b, 100000)
		bigSnap = readmodel.Build(bigFeats, int64(len(bigFeats)), now)
	})
	runtime.GC()
	return bigFeats, bigSnap
}

// thousandBox returns a box around the first parcel holding about n parcels.
func thousandBox(s *readmodel.Snapshot, n int) orb.Bound {
	c := s.Collection(catalog.Parcels)[len(s.Collection(catalog.Parcels))/2].Bound.Center()
	d := 0.001
	for {
		box := orb.Bound{Min: orb.Point{c[0] - d, c[1] - d}, Max: orb.Point{c[0] + d, c[1] + d}}
		if s.Find(readmodel.Query{Collection: catalog.Parcels, BBox: &box, Limit: 1}).Matched >= n {
			return box
		}
		d *= 1.05
	}
}

func BenchmarkBBox1000(b *testing.B) {
	_, s := big(b)
	box := thousandBox(s, 1000)
	q := readmodel.Query{Collection: catalog.Parcels, BBox: &box, Limit: 1000}
	b.ReportAllocs()
	b.ResetTimer()
	var buf []byte
	for b.Loop() {
		page := s.Find(q)
		buf = buf[:0]
		for _, f := range page.Features {
			buf = f.AppendGeoJSON(buf, "vi", nil)
		}
	}
	b.ReportMetric(float64(len(buf))/1e6, "MB/page")
}

func BenchmarkGetByID(b *testing.B) {
	feats, s := big(b)
	id := feats[len(feats)/2].ID
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f, _ := s.Get(catalog.Parcels, id)
		_ = f.AppendGeoJSON(nil, "en", nil)
	}
}

func BenchmarkApplyOneWrite(b *testing.B) {
	feats, s := big(b)
	var p *catalog.Feature
	for _, f := range feats {
		if f.Collection == catalog.Parcels {
			p = f.Clone()
			break
		}
	}
	p.Props["lease_price_usd_m2"] = 123.0
	b.ReportAllocs()
	b.ResetTimer()
	rev := s.Revision
	for b.Loop() {
		rev++
		s.Apply([]*catalog.Feature{p}, rev, now)
	}
}

func BenchmarkColdBuild(b *testing.B) {
	feats, _ := big(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		readmodel.Build(feats, int64(len(feats)), now)
	}
}

// BenchmarkColdLoadStream builds the first snapshot as landcat serve does:
// collection by collection, in the store's batches of 4,096 features.
func BenchmarkColdLoadStream(b *testing.B) {
	feats, _ := big(b)
	stream := batched(feats, 4096)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := readmodel.LoadStream(context.Background(), stream, nil, func() time.Time { return now }); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCQL2AllParcels(b *testing.B) {
	benchFilter(b, "status IN ('available','in_preparation') AND power_capacity_mva >= 60 AND lease_price_usd_m2 < 150 AND S_INTERSECTS(geometry, BBOX(106.3,20.6,106.9,21.0))")
}

// BenchmarkCQL2ThreeTerms is the loadtest's cql2 scenario: parse, compile
// and find, as one request does.
func BenchmarkCQL2ThreeTerms(b *testing.B) {
	benchFilter(b, "status IN ('available','in_preparation') AND power_capacity_mva >= 60 AND lease_price_usd_m2 < 150")
}

func benchFilter(b *testing.B, text string) {
	_, s := big(b)
	b.ReportAllocs()
	b.ResetTimer()
	var matched int
	for b.Loop() {
		e, err := cql2.ParseText(text)
		if err != nil {
			b.Fatal(err)
		}
		pred, err := readmodel.CompileFilter(catalog.Parcels, e)
		if err != nil {
			b.Fatal(err)
		}
		matched = s.Find(readmodel.Query{Collection: catalog.Parcels, Limit: 100, Filter: pred}).Matched
	}
	b.ReportMetric(float64(matched), "matched")
}
