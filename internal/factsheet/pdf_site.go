package factsheet

import (
	"fmt"
	"math"

	"github.com/landcat/landcat/internal/sites"
	"github.com/signintech/gopdf"
)

// site is one parcel's page: title, map, specifications, distances, data
// quality and sources.
func (w *writer) site(sh sites.Sheet, s sites.SheetSite, cjk string) {
	w.newPage(sh)
	w.text(margin, contentW, sites.UI("factsheet", "vi")+" / "+sites.UI("factsheet", sh.Lang2), false, 9, "#66717d")
	w.text(margin, contentW, s.Code+" — "+s.Name, true, 17, "#12385b")
	if s.Name2 != s.Name {
		w.text(margin, contentW, s.Name2, false, 10.5, "#38424c")
	}
	if s.Zone != "" {
		zone := s.Zone
		if s.Zone2 != s.Zone {
			zone += " / " + s.Zone2
		}
		w.text(margin, contentW, zone, false, 10, "#2f5d62")
	}
	if cjk != "" {
		w.text(margin, contentW, sites.CJKNote(cjk), false, 8.5, "#8a5a00")
	}
	w.y += 4
	w.figure(s.Figure, margin, w.y)
	w.y += s.Figure.H + 4
	w.text(margin, contentW, sites.UI("basemap", "vi")+" / "+sites.UI("basemap", sh.Lang2)+": "+sh.Attribution, false, 6.5, "#66717d")
	w.y += 4
	var group string
	inherited := false
	for _, r := range s.Rows {
		inherited = inherited || r.Inherited
		if r.Group != group {
			group = r.Group
			key := map[string]string{"spec": "specs", "distance": "distances", "quality": "quality"}[group]
			w.y += 3
			if w.y > pageH-margin-60 {
				w.newPage(sh)
			}
			w.text(margin, contentW, sites.UI(key, "vi")+" / "+sites.UI(key, sh.Lang2), true, 10, "#12385b")
		}
		w.row(r, sh)
	}
	if inherited {
		w.y += 3
		w.text(margin, contentW, "* "+sites.UI("inherited", "vi")+" / "+sites.UI("inherited", sh.Lang2), false, 7.5, "#66717d")
	}
}

// row is one specification: labels in both languages, the value, and for
// distances the feature it is to.
func (w *writer) row(r sites.SheetRow, sh sites.Sheet) {
	if w.y > pageH-margin-36 {
		w.newPage(sh)
	}
	y := w.y
	w.SetStrokeColor(226, 230, 234)
	w.SetLineWidth(0.4)
	w.Line(margin, y+11.5, margin+contentW, y+11.5)
	w.text(margin, 210, r.Label+" / "+r.Label2, false, 8.5, "#38424c")
	end := w.y
	w.y = y
	value := bi(r)
	if r.Inherited {
		value += " *"
	}
	w.text(margin+215, 150, value, true, 8.5, "#1d2630")
	end = max(end, w.y)
	if r.Nearest != "" {
		w.y = y
		w.text(margin+370, contentW-370, r.Nearest, false, 7.5, "#66717d")
		end = max(end, w.y)
	}
	w.y = end
}

// figure draws a map figure at x, y.
func (w *writer) figure(f sites.Figure, x, y float64) {
	pt := func(p sites.Point) gopdf.Point { return gopdf.Point{X: x + p.X, Y: y + p.Y} }
	for _, s := range f.Shapes {
		switch s.Kind {
		case "area":
			for i, ring := range s.Rings {
				if len(ring) < 3 {
					continue
				}
				pts := make([]gopdf.Point, len(ring))
				for j, p := range ring {
					pts[j] = pt(p)
				}
				fill := s.Fill
				if i > 0 {
					fill = s.HoleFill
				}
				style := ""
				if fill != "" {
					w.SetFillColor(w.colour(fill))
					style = "F"
				}
				if s.Stroke != "" {
					w.SetStrokeColor(w.colour(s.Stroke))
					w.SetLineWidth(s.Width)
					style += "D"
				}
				if style != "" {
					w.Polygon(pts, style)
				}
			}
		case "line":
			w.SetStrokeColor(w.colour(s.Stroke))
			w.SetLineWidth(s.Width)
			if s.Dash {
				w.SetLineType("dashed")
			}
			for i := 1; i < len(s.Line); i++ {
				a, b := pt(s.Line[i-1]), pt(s.Line[i])
				w.Line(a.X, a.Y, b.X, b.Y)
			}
			w.SetLineType("")
		case "dot":
			w.SetFillColor(w.colour(s.Fill))
			w.SetStrokeColor(w.colour(s.Stroke))
			w.SetLineWidth(0.8)
			r := s.Width
			w.Polygon(circle(pt(s.At), r), "FD")
		case "label":
			if s.At.X < 2 || s.At.X > f.W-2 || s.At.Y < 8 || s.At.Y > f.H-2 {
				continue
			}
			w.font(s.Bold, s.Size)
			w.SetTextColor(w.colour(s.Fill))
			tw, _ := w.MeasureTextWidth(s.Text)
			at := pt(s.At)
			if s.Bold {
				at.X -= tw / 2
			}
			if s.End {
				at.X -= tw
			}
			w.SetXY(at.X, at.Y-s.Size)
			_ = w.Cell(nil, s.Text)
		}
	}
	// Frame and scale bar.
	w.SetStrokeColor(160, 170, 180)
	w.SetLineWidth(0.6)
	w.RectFromUpperLeftWithStyle(x, y, f.W, f.H, "D")
	if f.ScaleLen > 0 {
		bx, by := x+f.W-f.ScaleLen-10, y+f.H-10
		w.SetStrokeColor(29, 38, 48)
		w.SetLineWidth(1.5)
		w.Line(bx, by, bx+f.ScaleLen, by)
		w.font(false, 7)
		w.SetTextColor(29, 38, 48)
		w.SetXY(bx, by-9)
		_ = w.Cell(nil, fmt.Sprintf("%g km", f.ScaleKm))
	}
}

// circle approximates a circle of radius r at c with a polygon.
func circle(c gopdf.Point, r float64) []gopdf.Point {
	const n = 12
	out := make([]gopdf.Point, n)
	for i := range out {
		a := float64(i) / n * 2 * math.Pi
		out[i] = gopdf.Point{X: c.X + r*math.Cos(a), Y: c.Y + r*math.Sin(a)}
	}
	return out
}
