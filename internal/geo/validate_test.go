package geo_test

import (
	"math"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// square returns a closed counter-clockwise square ring.
func square(x0, y0, side float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x0 + side, y0}, {x0 + side, y0 + side}, {x0, y0 + side}, {x0, y0}}
}

// wantIssue expects an issue at Pointer whose message contains Contains.
type wantIssue struct {
	Pointer  string
	Contains string
}

// validateCase is one Validate input with the issues expected.
type validateCase struct {
	name string
	g    orb.Geometry
	want []wantIssue
}

func runValidateCases(t *testing.T, tests []validateCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkIssues(t, geo.Validate(tt.g), tt.want)
		})
	}
}

func TestValidatePositionsAndLines(t *testing.T) {
	runValidateCases(t, []validateCase{
		{"nil", nil, []wantIssue{{"", "missing"}}},
		{"valid point", orb.Point{106.7, 20.8}, nil},
		{"valid linestring", orb.LineString{{0, 0}, {1, 1}, {0, 1}, {1, 0}}, nil},
		{"point NaN", orb.Point{106.7, math.NaN()}, []wantIssue{{"/coordinates/1", "latitude is not a finite number"}}},
		{"point Inf", orb.Point{math.Inf(1), 20}, []wantIssue{{"/coordinates/0", "longitude is not a finite number"}}},
		{"longitude out of range", orb.Point{181, 20}, []wantIssue{{"/coordinates", "longitude 181 is outside [-180, 180]"}}},
		{"latitude out of range", orb.Point{100, -91}, []wantIssue{{"/coordinates", "latitude -91 is outside [-90, 90]"}}},
		{"swapped axes", orb.Point{20.8, 106.7}, []wantIssue{{"/coordinates", "swapped"}}},
		{"projected metres", orb.Point{584294.07, 2307883.26}, []wantIssue{{"/coordinates", "projected metres"}}},
		{"empty multipoint", orb.MultiPoint{}, []wantIssue{{"/coordinates", "no positions"}}},
		{"multipoint bad member", orb.MultiPoint{{0, 0}, {0, 95}}, []wantIssue{{"/coordinates/1", "latitude 95"}}},
		{"linestring one position", orb.LineString{{0, 0}}, []wantIssue{{"/coordinates", "at least 2"}}},
		{"linestring repeated position", orb.LineString{{1, 2}, {1, 2}}, []wantIssue{{"/coordinates", "2 distinct positions"}}},
		{"multilinestring bad line", orb.MultiLineString{{{0, 0}, {1, 1}}, {{2, 2}}}, []wantIssue{{"/coordinates/1", "at least 2"}}},
	})
}

var bowtie = orb.Ring{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}

func TestValidatePolygonsAndCollections(t *testing.T) {
	runValidateCases(t, []validateCase{
		{"valid polygon with hole", orb.Polygon{square(0, 0, 4), square(1, 1, 1)}, nil},
		{"valid clockwise polygon", orb.Polygon{{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}}, nil},
		{"valid multipolygon touching at a corner", orb.MultiPolygon{{square(0, 0, 1)}, {square(1, 1, 1)}}, nil},
		{"polygon with NaN", orb.Polygon{{{0, 0}, {1, 0}, {1, math.NaN()}, {0, 1}, {0, 0}}},
			[]wantIssue{{"/coordinates/0/2/1", "latitude is not a finite number"}}},
		{"empty polygon", orb.Polygon{}, []wantIssue{{"/coordinates", "the polygon has no rings"}}},
		{"unclosed ring", orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}, []wantIssue{{"/coordinates/0/3", "ring 0 is not closed"}}},
		{"short ring", orb.Polygon{{{0, 0}, {1, 0}, {0, 0}}}, []wantIssue{{"/coordinates/0", "has 3 position(s); a closed ring needs at least 4"}}},
		{"bow-tie", orb.Polygon{bowtie}, []wantIssue{{"/coordinates/0", "ring 0 self-intersects near 0.5, 0.5"}}},
		{"bow-tie in multipolygon", orb.MultiPolygon{{square(5, 5, 1)}, {bowtie}},
			[]wantIssue{{"/coordinates/1/0", "ring 0 of polygon 1 self-intersects near 0.5, 0.5"}}},
		{"spike", orb.Polygon{{{0, 0}, {2, 0}, {2, 2}, {2, 1}, {0, 2}, {0, 0}}}, []wantIssue{{"/coordinates/0", "ring 0 self-intersects near 2, "}}},
		{"self-touching hole", orb.Polygon{square(0, 0, 4), {{1, 1}, {2, 1}, {3, 2}, {2, 1}, {2, 3}, {1, 1}}},
			[]wantIssue{{"/coordinates/1", "ring 1 self-intersects"}}},
		{"hole outside shell", orb.Polygon{square(0, 0, 1), square(3, 3, 1)}, []wantIssue{{"/coordinates/1", "ring 1 is a hole but lies outside"}}},
		{"nested holes", orb.Polygon{square(0, 0, 10), square(1, 1, 5), square(2, 2, 1)}, []wantIssue{{"/coordinates", "hole inside another hole"}}},
		{"hole crossing shell", orb.Polygon{square(0, 0, 2), square(1, 1, 2)}, []wantIssue{{"/coordinates", "cross, share an edge or touch at more than one point near 2, 1"}}},
		{"holes cutting interior", orb.Polygon{square(0, 0, 4), {{0, 0}, {2, 4}, {4, 0}, {0, 0}}}, []wantIssue{{"/coordinates", "near 0, 0"}}},
		{"hole touching shell twice", orb.Polygon{square(0, 0, 4), {{0, 2}, {2, 4}, {4, 2}, {2, 0}, {0, 2}}},
			[]wantIssue{{"/coordinates", "touch at more than one point near 2, 0"}}},
		{"overlapping polygons", orb.MultiPolygon{{square(0, 0, 2)}, {square(1, 1, 2)}}, []wantIssue{{"/coordinates/1", "polygons 0 and 1 overlap"}}},
		{"polygon inside polygon", orb.MultiPolygon{{square(0, 0, 4)}, {square(5, 5, 1)}, {square(1, 1, 1)}}, []wantIssue{{"/coordinates/2", "polygons 0 and 2 overlap"}}},
		{"polygons sharing an edge", orb.MultiPolygon{{square(0, 0, 1)}, {square(1, 0, 1)}}, []wantIssue{{"/coordinates/1", "share an edge"}}},
		{"empty multipolygon", orb.MultiPolygon{}, []wantIssue{{"/coordinates", "no polygons"}}},
		{"several issues collected", orb.MultiPolygon{
			{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}},
			{bowtie},
			{{{190, 0}, {191, 0}, {191, 1}, {190, 0}}},
		}, []wantIssue{
			{"/coordinates/0/0/3", "ring 0 of polygon 0 is not closed"},
			{"/coordinates/1/0", "ring 0 of polygon 1 self-intersects"},
			{"/coordinates/2/0/0", "longitude 190"},
			{"/coordinates/2/0/1", "longitude 191"},
			{"/coordinates/2/0/2", "longitude 191"},
			{"/coordinates/2/0/3", "longitude 190"},
		}},
		{"collection", orb.Collection{orb.Point{0, 0}, orb.LineString{{0, 0}}}, []wantIssue{{"/geometries/1/coordinates", "at least 2"}}},
		{"empty collection", orb.Collection{}, []wantIssue{{"/geometries", "no geometries"}}},
		{"ring is not GeoJSON", square(0, 0, 1), []wantIssue{{"/type", "not a GeoJSON geometry type"}}},
	})
}

// TestValidateDecodedGeoJSON runs Validate on geometries decoded by
// orb/geojson, which accepts unclosed rings.
func TestValidateDecodedGeoJSON(t *testing.T) {
	tests := []struct {
		name string
		json string
		want []wantIssue
	}{
		{"valid", `{"type":"Polygon","coordinates":[[[106.7,20.8],[106.71,20.8],[106.71,20.81],[106.7,20.8]]]}`, nil},
		{"unclosed ring", `{"type":"Polygon","coordinates":[[[106.7,20.8],[106.71,20.8],[106.71,20.81],[106.7,20.81]]]}`,
			[]wantIssue{{"/coordinates/0/3", "not closed"}}},
		{"empty coordinates", `{"type":"MultiPolygon","coordinates":[]}`, []wantIssue{{"/coordinates", "no polygons"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := geojson.UnmarshalGeometry([]byte(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			checkIssues(t, geo.Validate(g.Geometry()), tt.want)
		})
	}
}

func checkIssues(t *testing.T, got []geo.Issue, want []wantIssue) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d issues %+v, want %d %+v", len(got), got, len(want), want)
	}
	for i, w := range want {
		if got[i].Pointer != w.Pointer || !strings.Contains(got[i].Message, w.Contains) {
			t.Errorf("issue %d = %+v, want pointer %q and message containing %q", i, got[i], w.Pointer, w.Contains)
		}
	}
}

func TestValidateCapsIssues(t *testing.T) {
	ring := orb.Ring{}
	for i := range 150 {
		a := 2 * math.Pi * float64(i) / 150
		ring = append(ring, orb.Point{200 + 10*math.Cos(a), 10 * math.Sin(a)})
	}
	ring = append(ring, ring[0])
	got := geo.Validate(orb.Polygon{ring})
	if len(got) != geo.MaxIssues+1 {
		t.Fatalf("got %d issues, want %d", len(got), geo.MaxIssues+1)
	}
	if last := got[len(got)-1]; last.Message != "51 more issues not listed" {
		t.Errorf("last issue = %+v", last)
	}
}
