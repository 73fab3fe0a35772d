package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/demo"
	"github.com/landcat/landcat/internal/httpapi"
	"github.com/landcat/landcat/internal/readmodel"
)

var (
	benchOnce    sync.Once
	benchHandler http.Handler
	benchSnap    *readmodel.Snapshot
)

// benchServer serves the 100,000-parcel generated catalogue from memory
// through the real router (no database: reads never touch it).
func benchServer(b *testing.B) (http.Handler, *readmodel.Snapshot) {
	b.Helper()
	benchOnce.Do(func() {
		var buf bytes.Buffer
		if err := demo.Generate(&buf, demo.GenOptions{Parcels: 100000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		feats, err := catalog.DecodeCollection(&buf, "")
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range feats {
			f.Publication, f.Version, f.Revision, f.UpdatedAt = catalog.Published, 1, 1, time.Now()
		}
		load := func(context.Context, int64) ([]*catalog.Feature, int64, error) { return feats, 1, nil }
		model, err := readmodel.Load(context.Background(), load, time.Now)
		if err != nil {
			b.Fatal(err)
		}
		benchSnap = model.Snapshot()
		if benchHandler, err = httpapi.New(httpapi.Deps{Model: model}); err != nil {
			b.Fatal(err)
		}
	})
	return benchHandler, benchSnap
}

func serveBench(b *testing.B, h http.Handler, path string) {
	b.Helper()
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if w.Code != 200 {
			b.Fatalf("%s: %d %s", path, w.Code, w.Body)
		}
		n = w.Body.Len()
	}
	b.ReportMetric(float64(n)/1e3, "kB/resp")
}

func BenchmarkHTTPFeature(b *testing.B) {
	h, s := benchServer(b)
	ps := s.Collection(catalog.Parcels)
	serveBench(b, h, "/collections/parcels/items/"+ps[len(ps)/2].ID)
}

func BenchmarkHTTPBBox1000(b *testing.B) {
	h, s := benchServer(b)
	ps := s.Collection(catalog.Parcels)
	c := ps[len(ps)/2].Bound.Center()
	for d := 0.002; ; d *= 1.05 {
		path := fmt.Sprintf("/collections/parcels/items?limit=1000&bbox=%f,%f,%f,%f", c[0]-d, c[1]-d, c[0]+d, c[1]+d)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		var fc struct{ NumberReturned int }
		_ = json.Unmarshal(w.Body.Bytes(), &fc)
		if fc.NumberReturned >= 1000 {
			serveBench(b, h, path)
			return
		}
	}
}

func BenchmarkHTTPCQL2(b *testing.B) {
	h, _ := benchServer(b)
	f := "status IN ('available','in_preparation') AND power_capacity_mva >= 60 AND lease_price_usd_m2 < 150"
	serveBench(b, h, "/collections/parcels/items?limit=100&filter="+url.QueryEscape(f))
}

func BenchmarkHTTPCachedTile(b *testing.B) {
	h, s := benchServer(b)
	ps := s.Collection(catalog.Parcels)
	c := ps[len(ps)/2].Bound.Center()
	x, y := tileXY(c[0], c[1], 14)
	serveBench(b, h, fmt.Sprintf("/tiles/WebMercatorQuad/14/%d/%d", y, x))
}

func BenchmarkHTTPItems100(b *testing.B) {
	h, _ := benchServer(b)
	serveBench(b, h, "/collections/parcels/items?limit=100")
}

// tileXY returns the WebMercatorQuad tile column and row holding lon, lat.
func tileXY(lon, lat float64, z int) (int, int) {
	n := math.Exp2(float64(z))
	r := lat * math.Pi / 180
	return int((lon + 180) / 360 * n), int((1 - math.Log(math.Tan(r)+1/math.Cos(r))/math.Pi) / 2 * n)
}
