package readmodel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/demo"
)

// encodeSnapshot is a built snapshot of a generated catalogue with n
// parcels, for the encoding benchmark.
func encodeSnapshot(tb testing.TB, n int) *Snapshot {
	tb.Helper()
	var buf bytes.Buffer
	if err := demo.Generate(&buf, demo.GenOptions{Parcels: n, Seed: 7}); err != nil {
		tb.Fatal(err)
	}
	feats, err := catalog.DecodeCollection(&buf, "")
	if err != nil {
		tb.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	for i, f := range feats {
		f.Publication, f.Version, f.Revision, f.UpdatedAt = catalog.Published, 1, int64(i+1), now
	}
	return Build(feats, int64(len(feats)), now)
}

// BenchmarkEncodeParcels measures the GeoJSON encoding a snapshot build
// does for every parcel (head, names and properties), apart from the
// rest of the build.
func BenchmarkEncodeParcels(b *testing.B) {
	parcels := encodeSnapshot(b, 5000).Collection(catalog.Parcels)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, f := range parcels {
			encode(f)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(parcels)), "ns/parcel")
}

// BenchmarkAppendNumber measures the property number encoder alone on a
// mix of whole and fractional values.
func BenchmarkAppendNumber(b *testing.B) {
	vals := []float64{118.0, 118.75, 0.0, 22.0, 1.5, 250000.0, 0.01, 12.34}
	var buf []byte
	b.ReportAllocs()
	for b.Loop() {
		buf = buf[:0]
		for _, v := range vals {
			buf = AppendReal(buf, v)
			buf = append(buf, ',')
		}
	}
}

func TestAppendReal(t *testing.T) {
	for v, want := range map[float64]string{
		118: "118.0", 118.75: "118.75", 0: "0.0", -3: "-3.0", 0.1: "0.1",
		1e21: "1000000000000000000000.0", 1 << 53: "9007199254740992.0", -2.5e-7: "-0.00000025",
	} {
		if got := string(AppendReal(nil, v)); got != want {
			t.Errorf("AppendReal(%g) = %s, want %s", v, got, want)
		}
	}
}

// TestNumbersEncodeAsReal: a whole Number is written 118.0 in the
// pre-encoded feature; Integer properties (revision, fibre_carriers) stay
// integers.
func TestNumbersEncodeAsReal(t *testing.T) {
	var typed [2]bool
	snap := encodeSnapshot(t, 50)
	for _, c := range catalog.Collections {
		for _, f := range snap.Collection(c) {
			for i, fl := range catalog.SchemaOf(c).Fields {
				v, ok := f.At(i).(float64)
				if !ok || v != float64(int64(v)) {
					continue
				}
				got := string(f.appendField(nil, i, fl))
				tail := appendValues(nil, f.doc[f.tail:], f.Collection)
				if want := fmt.Sprintf(`"%s":%s`, fl.Name, got); !bytes.Contains(tail, []byte(want)) {
					t.Fatalf("%s %s: %s not in %s", c, f.ID, want, tail)
				}
				switch fl.Type {
				case catalog.Number:
					typed[0] = true
					if !strings.HasSuffix(got, ".0") {
						t.Errorf("%s.%s = %s: a whole Number must be written with .0", c, fl.Name, got)
					}
				case catalog.Integer:
					typed[1] = true
					if strings.Contains(got, ".") {
						t.Errorf("%s.%s = %s: an Integer must stay an integer", c, fl.Name, got)
					}
				}
			}
		}
	}
	if !typed[0] || !typed[1] {
		t.Fatalf("the sample lacks whole Number or Integer values: %v", typed)
	}
}

// TestAppendGeoJSONNoGeometry: the same feature as AppendGeoJSON, with a
// null geometry, in fewer bytes than EncodedLenNoGeometry says.
func TestAppendGeoJSONNoGeometry(t *testing.T) {
	snap := encodeSnapshot(t, 20)
	for _, c := range catalog.Collections {
		for _, f := range snap.Collection(c) {
			var full, bare map[string]any
			if err := json.Unmarshal(f.AppendGeoJSON(nil, "en", nil), &full); err != nil {
				t.Fatal(err)
			}
			b := f.AppendGeoJSONNoGeometry(nil, "en")
			if err := json.Unmarshal(b, &bare); err != nil {
				t.Fatalf("%v: %s", err, b)
			}
			if len(b) > f.EncodedLenNoGeometry() {
				t.Errorf("%s: %d bytes, EncodedLenNoGeometry %d", f.ID, len(b), f.EncodedLenNoGeometry())
			}
			if g, ok := bare["geometry"]; !ok || g != nil {
				t.Errorf("%s: geometry %v, want null", f.ID, g)
			}
			full["geometry"] = nil
			if !reflect.DeepEqual(full, bare) {
				t.Errorf("%s: without geometry\n%s\nwith\n%v", f.ID, b, full)
			}
		}
	}
}
