package geo_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
)

func tri(a, b, c orb.Point) orb.Ring { return orb.Ring{a, b, c, a} }

// TestValidateContacts covers the contacts the sweep must tell apart:
// allowed single touches, and the touches, crossings and overlaps that make
// a polygon or multipolygon invalid.
func TestValidateContacts(t *testing.T) {
	runValidateCases(t, []validateCase{
		{"hole touching shell at a vertex", orb.Polygon{square(0, 0, 4), tri(orb.Point{0, 0}, orb.Point{2, 1}, orb.Point{1, 2})}, nil},
		{"hole vertex on a shell edge", orb.Polygon{square(0, 0, 4), tri(orb.Point{2, 0}, orb.Point{3, 1}, orb.Point{1, 1})}, nil},
		{"holes touching once", orb.Polygon{square(0, 0, 6), square(1, 1, 2), square(3, 3, 2)}, nil},
		{"three holes in a loop", orb.Polygon{square(0, 0, 10),
			tri(orb.Point{3, 4}, orb.Point{1, 2}, orb.Point{4, 2}),
			tri(orb.Point{4, 2}, orb.Point{7, 2}, orb.Point{5, 4}),
			tri(orb.Point{5, 4}, orb.Point{4, 6}, orb.Point{3, 4})},
			[]wantIssue{{"/coordinates", "cut its interior into separate pieces"}}},
		{"hole with a vertex on another hole's edge twice", orb.Polygon{square(0, 0, 10), square(2, 2, 4),
			{{2, 3}, {1, 4}, {2, 5}, {0.5, 6}, {0.5, 1}, {2, 3}}},
			[]wantIssue{{"/coordinates", "touch at more than one point near 2, 3"}}},
		{"ring touching itself at a vertex", orb.Polygon{{{0, 0}, {2, 0}, {1, 1}, {2, 2}, {0, 2}, {1, 1}, {0, 0}}},
			[]wantIssue{{"/coordinates/0", "ring 0 self-intersects near 1, 1"}}},
		{"ring vertex on its own edge", orb.Polygon{{{0, 0}, {4, 0}, {4, 4}, {2, 0}, {0, 4}, {0, 0}}},
			[]wantIssue{{"/coordinates/0", "ring 0 self-intersects near 2, 0"}}},
		{"one distinct position", orb.Polygon{{{1, 1}, {1, 1}, {1, 1}, {1, 1}}}, []wantIssue{{"/coordinates/0", "only one distinct position"}}},
		{"repeated positions are fine", orb.Polygon{{{0, 0}, {0, 0}, {1, 0}, {1, 1}, {1, 1}, {0, 0}}}, nil},
		{"fan of triangles sharing a vertex", orb.MultiPolygon{
			{tri(orb.Point{0, 0}, orb.Point{2, 1}, orb.Point{1, 2})},
			{tri(orb.Point{0, 0}, orb.Point{-1, 2}, orb.Point{-2, 1})},
			{tri(orb.Point{0, 0}, orb.Point{-2, -1}, orb.Point{-1, -2})},
			{tri(orb.Point{0, 0}, orb.Point{1, -2}, orb.Point{2, -1})}}, nil},
		{"polygon in another's hole", orb.MultiPolygon{{square(0, 0, 6), square(1, 1, 4)}, {square(2, 2, 1)}}, nil},
		{"polygon in a hole, touching it", orb.MultiPolygon{{square(0, 0, 6), square(1, 1, 4)}, {tri(orb.Point{1, 1}, orb.Point{2, 1.5}, orb.Point{1.5, 2})}}, nil},
		{"polygon on a hole's edge", orb.MultiPolygon{{square(0, 0, 6), square(1, 1, 4)}, {square(1, 1, 1)}},
			[]wantIssue{{"/coordinates/1", "polygons 0 and 1 overlap or share an edge near 1, 1"}}},
		{"polygon overlapping a hole's rim", orb.MultiPolygon{{square(0, 0, 6), square(2, 2, 2)}, {square(1, 1, 2)}},
			[]wantIssue{{"/coordinates/1", "polygons 0 and 1 overlap"}}},
		{"polygons crossing at a vertex", orb.MultiPolygon{{square(0, 0, 2)}, {{{1, 1}, {3, 0}, {3, 3}, {1, 1}}}},
			[]wantIssue{{"/coordinates/1", "polygons 0 and 1 overlap"}}},
	})
}

// TestValidateLongitudeSpan refuses parts wider than 180° of longitude.
func TestValidateLongitudeSpan(t *testing.T) {
	runValidateCases(t, []validateCase{
		{"across the antimeridian", orb.Polygon{{{179.9, 10}, {-179.9, 10}, {-179.9, 11}, {179.9, 11}, {179.9, 10}}},
			[]wantIssue{{"/coordinates", "spans 359.8° of longitude; landcat does not split geometries at the antimeridian — split it into parts on either side of ±180°"}}},
		{"whole world", orb.Polygon{{{-180, -90}, {180, -90}, {180, 90}, {-180, 90}, {-180, -90}}},
			[]wantIssue{{"/coordinates", "covers the whole world"}}},
		{"long line", orb.LineString{{-100, 0}, {100, 0}}, []wantIssue{{"/coordinates", "spans 200° of longitude"}}},
		{"parts on either side", orb.MultiPolygon{{square(179, 10, 0.5)}, {square(-179.5, 10, 0.5)}}, nil},
		{"exactly 180°", orb.Polygon{{{-90, 0}, {90, 0}, {90, 1}, {-90, 1}, {-90, 0}}}, nil},
	})
}

func TestValidateContextVertexCap(t *testing.T) {
	p := zigZag(2000)
	issues, err := geo.ValidateContext(context.Background(), p, 1000)
	if err != nil || len(issues) != 1 || issues[0].Pointer != "" ||
		!strings.Contains(issues[0].Message, "has 2000 positions; landcat accepts at most 1000") {
		t.Fatalf("over the cap: %v %+v", err, issues)
	}
	if issues, err := geo.ValidateContext(context.Background(), p, geo.MaxVertices); err != nil || issues != nil {
		t.Fatalf("under the cap: %v %+v", err, issues)
	}
}

func TestValidateContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, g := range []orb.Geometry{zigZag(50_000), orb.MultiPolygon{zigZag(20_000), {square(0, 0, 1)}}} {
		issues, err := geo.ValidateContext(ctx, g, 0)
		if !errors.Is(err, context.Canceled) || issues != nil {
			t.Errorf("%s: got %v, %+v; want context.Canceled and no issues", g.GeoJSONType(), err, issues)
		}
	}
}

// TestValidateLargeSelfIntersection finds and locates one crossing among
// tens of thousands of edges whose bounding boxes all overlap.
func TestValidateLargeSelfIntersection(t *testing.T) {
	p := zigZag(40_000)
	ring := p[0]
	ring[20001] = orb.Point{ring[20001][0] + 0.01, ring[20001][1]} // an apex pushed right over the next teeth
	issues := geo.Validate(p)
	if len(issues) != 1 || issues[0].Pointer != "/coordinates/0" || !strings.Contains(issues[0].Message, "ring 0 self-intersects near 106.") {
		t.Fatalf("issues = %+v", issues)
	}
}
