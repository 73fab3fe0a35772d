package catalog

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// TestAppendJSONMatchesEncodingJSON: the hand-written encoders write what
// encoding/json writes, byte for byte, on awkward values.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	strs := []string{"", "plain", "Khu công nghiệp", "<a&b>", "q\"uo\\te", "\x00\x01\b\f\n\r\t\x1f", "bad \xff utf8", "line\u2028sep\u2029", "日本"}
	floats := []float64{0, -0.0, 1, -1, 0.1, 1e-7, 1.5e-7, 1e20, 1e21, 1.23e22, 123456789.125, math.MaxFloat64, math.SmallestNonzeroFloat64, 106.1234567, 20.7654321}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		floats = append(floats, math.Float64frombits(r.Uint64()&^(0x7ff<<52)|uint64(r.IntN(2046)+1)<<52))
	}
	props := map[string]any{"list": []string{"a", "<b>"}, "empty": []string{}, "flag": true, "off": false}
	for i, s := range strs {
		props["s"+string(rune('a'+i))] = s
		props[s] = float64(i)
	}
	for i, f := range floats {
		props["f"+string(rune(0x100+i))] = f
	}
	f := &Feature{Props: props}
	want, err := json.Marshal(props)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.AppendPropsJSON(nil); string(got) != string(want) {
		t.Fatalf("props:\n got %s\nwant %s", got, want)
	}
	var pts []orb.Point
	for i := 0; i+1 < len(floats); i += 2 {
		pts = append(pts, orb.Point{floats[i], floats[i+1]})
	}
	for _, g := range []orb.Geometry{orb.Point{106.5, 20.25}, orb.LineString(pts), orb.Polygon{pts, pts[:4]},
		orb.MultiPolygon{{pts[:5]}, {pts[5:9], pts[9:12]}}, orb.MultiPoint(pts[:3]), nil} {
		want, err := json.Marshal(geojson.NewGeometry(g))
		if g == nil {
			want, err = []byte("null"), nil
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendGeometryJSON(nil, g); string(got) != string(want) {
			t.Fatalf("%T:\n got %s\nwant %s", g, got, want)
		}
	}
}
