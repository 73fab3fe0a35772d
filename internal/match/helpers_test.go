package match_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/demo"
	"github.com/landcat/landcat/internal/readmodel"
)

// now is the day the test snapshots are built on: remaining lease terms
// and available_within_months count from it.
var now = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// decodeAll decodes a FeatureCollection's features as published features
// of collection c, or of each feature's "collection" property when c is "".
func decodeAll(tb testing.TB, c catalog.Collection, data []byte) []*catalog.Feature {
	tb.Helper()
	out, err := catalog.DecodeCollection(bytes.NewReader(data), c)
	if err != nil {
		tb.Fatal(err)
	}
	for i, f := range out {
		f.Publication, f.Version, f.Revision, f.UpdatedAt = catalog.Published, 1, int64(i+1), now
	}
	return out
}

// demoFeatures returns the Hai Phong demo catalogue, published.
func demoFeatures(tb testing.TB) []*catalog.Feature {
	tb.Helper()
	var feats []*catalog.Feature
	for _, file := range demo.Files() {
		feats = append(feats, decodeAll(tb, catalog.Collection(file.Collection), file.Data)...)
	}
	return feats
}

func demoSnapshot(tb testing.TB) *readmodel.Snapshot {
	tb.Helper()
	feats := demoFeatures(tb)
	return readmodel.Build(feats, int64(len(feats)), now)
}

// generatedFeatures returns a synthetic catalogue, published.
func generatedFeatures(tb testing.TB, parcels int, seed int64) []*catalog.Feature {
	tb.Helper()
	var buf bytes.Buffer
	if err := demo.Generate(&buf, demo.GenOptions{Parcels: parcels, Seed: seed}); err != nil {
		tb.Fatal(err)
	}
	return decodeAll(tb, "", buf.Bytes())
}

func generatedSnapshot(tb testing.TB, parcels int, seed int64) *readmodel.Snapshot {
	tb.Helper()
	feats := generatedFeatures(tb, parcels, seed)
	return readmodel.Build(feats, int64(len(feats)), now)
}
