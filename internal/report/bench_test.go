package report_test

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/demo"
	"github.com/landcat/landcat/internal/match"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/landcat/landcat/internal/report"
)

// BenchmarkLandBank100k builds the review of the 100,000-parcel generated
// catalogue (the matcher's index and adjacency, built once per snapshot,
// are built before the timing) and writes it as XLSX.
func BenchmarkLandBank100k(b *testing.B) {
	var buf bytes.Buffer
	if err := demo.Generate(&buf, demo.GenOptions{Parcels: 100000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	feats, err := catalog.DecodeCollection(&buf, "")
	if err != nil {
		b.Fatal(err)
	}
	for i, f := range feats {
		f.Publication, f.Version, f.Revision, f.UpdatedAt = catalog.Published, 1, int64(i+1), now
	}
	s := readmodel.Build(feats, int64(len(feats)), now)
	match.Warm(s)
	b.ReportAllocs()
	for b.Loop() {
		rep := report.Build(s, nil, time.Time{}, time.Time{}, now, "en")
		if err := rep.WriteXLSX(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
