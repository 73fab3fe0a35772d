package sites

import (
	"math"
	"unicode/utf8"

	"github.com/landcat/landcat/internal/basemap"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
)

// Point is a position on a figure, y down.
type Point struct{ X, Y float64 }

// Shape is one thing drawn on a figure: an area (rings, the first outer,
// the others holes painted with HoleFill), a line, a dot or a label.
type Shape struct {
	Kind     string // "area", "line", "dot", "label"
	Rings    [][]Point
	Line     []Point
	At       Point
	Fill     string // "#rrggbb", "" for none
	HoleFill string
	Stroke   string
	Width    float64
	Dash     bool
	Text     string
	Size     float64
	Bold     bool
	// End puts a label's end, not its start, at At (it would leave the
	// figure otherwise).
	End bool
}

// Figure is a map drawn from the read model and the basemap, in figure
// units (w by h), ready for SVG or PDF.
type Figure struct {
	W, H   float64
	Shapes []Shape
	// ScaleKm is the length of the scale bar, ScaleLen its length on the figure.
	ScaleKm, ScaleLen float64
	Bound             orb.Bound
}

// Colours shared with the map page.
const (
	seaColour    = "#c9dff0"
	landColour   = "#f4f2ec"
	riverColour  = "#a7cbe6"
	zoneColour   = "#2f5d62"
	parcelColour = "#0a2a66"
)

var statusColours = map[string]string{"available": "#2e9e5b", "in_preparation": "#3b7dd8", "reserved": "#e6a23c", "leased": "#8e6cc0"}

// InfraColours are the infrastructure kinds' colours on the map page.
var InfraColours = map[string]string{"seaport": "#0b4f8a", "airport": "#c2185b", "expressway_interchange": "#e8590c",
	"railway_station": "#6d4c41", "substation": "#d4a000", "power_plant": "#7b3fa0", "hazard": "#d62828",
	"expressway": "#e8590c", "railway": "#5d4037", "transmission_line": "#d4a000", "road": "#9aa3ab"}

// frame projects lon/lat onto the figure (equirectangular at the frame's
// latitude, which at this scale is Web Mercator to within a pixel).
type frame struct {
	b       orb.Bound
	k, s, h float64
}

func (fr frame) pt(p orb.Point) Point {
	return Point{(p[0] - fr.b.Min[0]) * fr.k * fr.s, fr.h - (p[1]-fr.b.Min[1])*fr.s}
}

func (fr frame) ring(r orb.Ring) []Point {
	out := make([]Point, len(r))
	for i, p := range r {
		out[i] = fr.pt(p)
	}
	return out
}

// MapFigure draws parcel f in its setting, w by h: land and water, rivers,
// its zone, the parcels around it, infrastructure and places in view, the
// parcel itself highlighted with its code.
func MapFigure(snap *readmodel.Snapshot, bm *basemap.Data, f *readmodel.Feature, w, h float64) Figure {
	b := f.Bound
	if z, ok := snap.Get(catalog.Zones, f.String("zone_id")); ok && z.Bound.Max[0]-z.Bound.Min[0] < 0.08 {
		b = b.Union(z.Bound)
	}
	k := math.Cos(b.Center()[1] * math.Pi / 180)
	c := b.Center()
	// At least 7 km across (the nearest port or interchange is often in
	// view), the zone with a margin, and the figure's aspect.
	wd := math.Max((b.Max[0]-b.Min[0])*k*1.3, 7/111.32)
	ht := math.Max((b.Max[1]-b.Min[1])*1.3, wd*h/w)
	wd = math.Max(wd, ht*w/h)
	b = orb.Bound{Min: orb.Point{c[0] - wd/k/2, c[1] - ht/2}, Max: orb.Point{c[0] + wd/k/2, c[1] + ht/2}}
	fr := frame{b: b, k: k, s: w / wd, h: h}
	fig := Figure{W: w, H: h, Bound: b}
	add := func(s Shape) { fig.Shapes = append(fig.Shapes, s) }
	area := func(g orb.Geometry, fill, hole, stroke string, width float64) {
		g = clip.Geometry(b, orb.Clone(g))
		var mp orb.MultiPolygon
		switch g := g.(type) {
		case orb.Polygon:
			mp = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			mp = g
		}
		for _, p := range mp {
			s := Shape{Kind: "area", Fill: fill, HoleFill: hole, Stroke: stroke, Width: width}
			for _, r := range p {
				s.Rings = append(s.Rings, fr.ring(r))
			}
			add(s)
		}
	}
	line := func(g orb.Geometry, stroke string, width float64, dash bool) {
		g = clip.Geometry(b, orb.Clone(g))
		var ml orb.MultiLineString
		switch g := g.(type) {
		case orb.LineString:
			ml = orb.MultiLineString{g}
		case orb.MultiLineString:
			ml = g
		}
		for _, ls := range ml {
			add(Shape{Kind: "line", Line: fr.ring(orb.Ring(ls)), Stroke: stroke, Width: width, Dash: dash})
		}
	}
	add(Shape{Kind: "area", Rings: [][]Point{{{0, 0}, {w, 0}, {w, h}, {0, h}}}, Fill: seaColour})
	if bm != nil {
		bm.Search("land", b, func(l *basemap.Feature) bool { area(l.Geometry, landColour, seaColour, "", 0); return true })
		bm.Search("rivers", b, func(r *basemap.Feature) bool { line(r.Geometry, riverColour, 1.2, false); return true })
	}
	if z, ok := snap.Get(catalog.Zones, f.String("zone_id")); ok {
		area(z.Geometry, "#dde8e6", "", zoneColour, 1.2)
	}
	for _, p := range snap.Find(readmodel.Query{Collection: catalog.Parcels, BBox: &b, Publications: []catalog.Publication{catalog.Published}, Limit: 500}).Features {
		if p.ID != f.ID {
			area(p.Geometry, statusColours[p.String("status")], "", "#ffffff", 0.6)
		}
	}
	area(f.Geometry, parcelColour, "", "#111111", 1.6)
	var labels []Shape
	for _, inf := range snap.Find(readmodel.Query{Collection: catalog.Infrastructure, BBox: &b, Publications: []catalog.Publication{catalog.Published}, Limit: 200}).Features {
		col := InfraColours[inf.String("kind")]
		if pt, ok := inf.Geometry.(orb.Point); ok {
			at := fr.pt(pt)
			add(Shape{Kind: "dot", At: at, Fill: col, Stroke: "#ffffff", Width: 3.2})
			labels = append(labels, Shape{Kind: "label", At: Point{at.X + 5, at.Y + 3}, Text: inf.Name("vi"), Size: 7, Fill: col})
			continue
		}
		line(inf.Geometry, col, 1.8, inf.String("status") != "operational")
	}
	if bm != nil {
		bm.Search("places", b, func(p *basemap.Feature) bool {
			name, _ := p.Props["name"].(string)
			labels = append(labels, Shape{Kind: "label", At: fr.pt(p.Geometry.(orb.Point)), Text: name, Size: 8, Fill: "#4a4d55"})
			return true
		})
	}
	for _, l := range labels {
		// About 0.55 em a character: enough to keep labels inside.
		if est := 0.55 * l.Size * float64(utf8.RuneCountInString(l.Text)); l.At.X+est > w-4 {
			l.End, l.At.X = true, l.At.X-10
		}
		add(l)
	}
	top := fr.pt(orb.Point{f.Bound.Center()[0], f.Bound.Max[1]})
	add(Shape{Kind: "label", At: Point{top.X, top.Y - 5}, Text: f.String("code"), Size: 10, Bold: true, Fill: "#0a2a66"})
	// A scale bar of a round length about a fifth of the width.
	km := wd * 111.32 / 5
	for _, s := range []float64{0.1, 0.2, 0.5, 1, 2, 5, 10} {
		if s <= km {
			fig.ScaleKm = s
		}
	}
	fig.ScaleLen = fig.ScaleKm / 111.32 * fr.s
	return fig
}
