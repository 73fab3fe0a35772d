package factsheet

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/landcat/landcat/internal/sites"
)

// SVG draws a map figure as inline SVG for the HTML fact sheet: the same
// shapes as the PDF's, so the two always agree.
func SVG(f sites.Figure, title string) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s" class="map">`, f.W, f.H, html.EscapeString(title))
	path := func(rings [][]sites.Point) string {
		var p strings.Builder
		for _, r := range rings {
			for i, pt := range r {
				if i == 0 {
					p.WriteString("M")
				} else {
					p.WriteString("L")
				}
				fmt.Fprintf(&p, "%.1f %.1f", pt.X, pt.Y)
			}
			p.WriteString("Z")
		}
		return p.String()
	}
	for _, s := range f.Shapes {
		switch s.Kind {
		case "area":
			fill := s.Fill
			if fill == "" {
				fill = "none"
			}
			stroke := ""
			if s.Stroke != "" {
				stroke = fmt.Sprintf(` stroke="%s" stroke-width="%.1f"`, s.Stroke, s.Width)
			}
			if len(s.Rings) > 1 && s.HoleFill != "" {
				fmt.Fprintf(&b, `<path d="%s" fill="%s"%s/><path d="%s" fill="%s"/>`, path(s.Rings[:1]), fill, stroke, path(s.Rings[1:]), s.HoleFill)
			} else {
				fmt.Fprintf(&b, `<path d="%s" fill="%s" fill-rule="evenodd"%s/>`, path(s.Rings), fill, stroke)
			}
		case "line":
			p := path([][]sites.Point{s.Line})
			dash := ""
			if s.Dash {
				dash = ` stroke-dasharray="5 3"`
			}
			fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="%.1f"%s/>`, strings.TrimSuffix(p, "Z"), s.Stroke, s.Width, dash)
		case "dot":
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s" stroke="%s" stroke-width="0.8"/>`, s.At.X, s.At.Y, s.Width, s.Fill, s.Stroke)
		case "label":
			anchor, weight := "start", "400"
			if s.Bold {
				anchor, weight = "middle", "700"
			} else if s.End {
				anchor = "end"
			}
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="%.1f" font-weight="%s" text-anchor="%s" fill="%s" stroke="#fff" stroke-width="2.5" paint-order="stroke">%s</text>`,
				s.At.X, s.At.Y, s.Size, weight, anchor, s.Fill, html.EscapeString(s.Text))
		}
	}
	if f.ScaleLen > 0 {
		x, y := f.W-f.ScaleLen-10, f.H-10
		fmt.Fprintf(&b, `<path d="M%.1f %.1fH%.1f" stroke="#1d2630" stroke-width="1.5"/><text x="%.1f" y="%.1f" font-size="7">%g km</text>`, x, y, x+f.ScaleLen, x, y-4, f.ScaleKm)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text above is escaped
}
