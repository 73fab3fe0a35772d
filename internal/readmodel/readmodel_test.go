package readmodel_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/demo"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/paulmach/orb"
)

var now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// generated decodes a synthetic catalogue, published, with revisions 1…n.
func generated(t testing.TB, parcels int) []*catalog.Feature {
	t.Helper()
	var buf bytes.Buffer
	if err := demo.Generate(&buf, demo.GenOptions{Parcels: parcels, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	out, err := catalog.DecodeCollection(&buf, "")
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range out {
		f.Publication, f.Version, f.Revision, f.UpdatedAt = catalog.Published, 1, int64(i+1), now
	}
	return out
}

func encodeAll(s *readmodel.Snapshot) string {
	var b []byte
	for _, c := range catalog.Collections {
		for _, f := range s.Collection(c) {
			b = f.AppendGeoJSON(b, "en", nil)
			b = append(b, '\n')
		}
	}
	return string(b)
}

// TestApplyEqualsBuild: a snapshot reached by applying changes one commit at
// a time is the same as one built from scratch, including the parcels whose
// inherited values and distances depend on changed zones and infrastructure.
func TestApplyEqualsBuild(t *testing.T) {
	feats := generated(t, 300)
	n := len(feats)
	half := readmodel.Build(feats[:n/2], int64(n/2), now)
	s := half
	for i := n / 2; i < n; i++ {
		s = s.Apply(feats[i:i+1], int64(i+1), now)
	}
	full := readmodel.Build(feats, int64(n), now)
	if encodeAll(s) != encodeAll(full) {
		t.Fatal("incremental snapshot differs from a full build")
	}
	// Change a zone and an infrastructure feature: dependants must follow.
	var zone, infra *catalog.Feature
	for _, f := range feats {
		if f.Collection == catalog.Zones && zone == nil {
			zone = f.Clone()
		}
		if f.Collection == catalog.Infrastructure && infra == nil {
			infra = f.Clone()
		}
	}
	zone.Props["power_capacity_mva"], zone.Props["fibre_carriers"] = 777.0, 9.0
	infra.Props["status"] = "planned"
	changed := []*catalog.Feature{zone, infra}
	next := full.Apply(changed, int64(n+1), now)
	merged := append([]*catalog.Feature{}, feats...)
	for i, f := range merged {
		for _, c := range changed {
			if f.Collection == c.Collection && f.ID == c.ID {
				merged[i] = c
			}
		}
	}
	if encodeAll(next) != encodeAll(readmodel.Build(merged, int64(n+1), now)) {
		t.Fatal("after changing a zone and a port, the incremental snapshot differs from a full build")
	}
	if encodeAll(full) == encodeAll(next) {
		t.Fatal("the change did not show")
	}
	if encodeAll(full) != encodeAll(readmodel.Build(feats, int64(n), now)) {
		t.Fatal("Apply modified the snapshot it started from")
	}
}

func TestFind(t *testing.T) {
	feats := generated(t, 200)
	s := readmodel.Build(feats, int64(len(feats)), now)
	all := s.Find(readmodel.Query{Collection: catalog.Parcels, Limit: 1000})
	if all.Matched != 200 || len(all.Features) != 200 {
		t.Fatalf("all parcels: %d", all.Matched)
	}
	b := all.Features[0].Bound
	box := orb.Bound{Min: b.Center(), Max: b.Center()}
	hit := s.Find(readmodel.Query{Collection: catalog.Parcels, BBox: &box, Limit: 10})
	if hit.Matched < 1 || hit.Features[0].ID != all.Features[0].ID {
		t.Fatalf("bbox at a parcel's centre: %+v", hit)
	}
	pred, err := readmodel.EqualsFilter(catalog.Parcels, map[string]string{"status": "available"})
	if err != nil {
		t.Fatal(err)
	}
	filter, err := readmodel.CompileFilter(catalog.Parcels, pred)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range all.Features {
		if f.Value("status") == "available" {
			n++
		}
	}
	if got := s.Find(readmodel.Query{Collection: catalog.Parcels, Limit: 5, Filter: filter}); got.Matched != n || len(got.Features) != min(5, n) {
		t.Errorf("status=available: matched %d, want %d", got.Matched, n)
	}
	if _, err := readmodel.EqualsFilter(catalog.Parcels, map[string]string{"colour": "red"}); catalog.KindOf(err) != catalog.KindBadRequest {
		t.Errorf("unknown property: %v", err)
	}
}

// TestModelCatchesUp: a commit that skips revisions makes the model read
// the missing ones from the store instead of losing them.
func TestModelCatchesUp(t *testing.T) {
	feats := generated(t, 20)
	stored := feats[:10]
	load := func(_ context.Context, since int64) ([]*catalog.Feature, int64, error) {
		var out []*catalog.Feature
		for _, f := range stored {
			if f.Revision > since {
				out = append(out, f)
			}
		}
		return out, stored[len(stored)-1].Revision, nil
	}
	m, err := readmodel.Load(context.Background(), load, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	stored = feats[:12] // revisions 11 and 12 were written
	if err := m.Apply(context.Background(), catalog.Commit{Revision: 12, Features: feats[11:12]}); err != nil {
		t.Fatal(err)
	}
	s := m.Snapshot()
	if s.Revision != 12 {
		t.Fatalf("revision %d", s.Revision)
	}
	if _, ok := s.Get(feats[10].Collection, feats[10].ID); !ok {
		t.Fatalf("revision 11 (%s) was lost", feats[10].ID)
	}
	if err := m.Apply(context.Background(), catalog.Commit{Revision: 5}); err != nil || m.Snapshot() != s {
		t.Errorf("an old commit must be ignored: %v", err)
	}
}

func BenchmarkBuild(b *testing.B) {
	feats := generated(b, 10000)
	b.ReportAllocs()
	for b.Loop() {
		readmodel.Build(feats, int64(len(feats)), now)
	}
}

func TestJSONEncoding(t *testing.T) {
	feats := generated(t, 50)
	weird := feats[len(feats)-1].Clone()
	weird.Props["land_use"] = "quote \" backslash \\ tab \t nl \n ctl \x01 vi Lô đất 日本 \u2028 bad \xff end"
	feats[len(feats)-1] = weird
	s := readmodel.Build(feats, int64(len(feats)), now)
	for _, c := range catalog.Collections {
		for _, f := range s.Collection(c) {
			b := f.AppendGeoJSON(nil, "vi", []byte(`"links":[]`))
			var v struct {
				ID         string
				Geometry   map[string]any
				Properties map[string]any
			}
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatalf("%s: %v\n%s", f.ID, err, b)
			}
			if v.ID != f.ID || v.Geometry["type"] == nil {
				t.Fatalf("%s: %s", f.ID, b)
			}
			if f.ID == weird.ID && v.Properties["land_use"] != "quote \" backslash \\ tab \t nl \n ctl \x01 vi Lô đất 日本 \u2028 bad \ufffd end" {
				t.Errorf("escaping: %q", v.Properties["land_use"])
			}
		}
	}
}
