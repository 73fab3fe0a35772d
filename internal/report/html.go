package report

import (
	"embed"
	"html/template"
	"io"
	"slices"
	"strconv"
)

//go:embed report.tmpl
var tmplFS embed.FS

var page = template.Must(template.New("report.tmpl").Funcs(template.FuncMap{
	"cell": text,
	"add":  func(a, b int) int { return a + b },
	"mul":  func(a, b int) int { return a * b },
	"barEnd": func(b bar) int { // where the bar's segments end, past the label column
		end := 0.0
		for _, s := range b.Segs {
			end = max(end, s.X+s.W-labelWidth)
		}
		return int(end)
	},
}).ParseFS(tmplFS, "report.tmpl"))

// HTMLLanguages are the languages of the HTML page; the first is the
// default.
var HTMLLanguages = []string{"vi", "en"}

// WriteHTML writes the review as one self-contained page for a meeting
// room projector, in lang ("vi" or "en"; anything else is English):
// headline figures, charts drawn as inline SVG on the server (no script,
// no request leaves the page) and every section as a table.
func (r Report) WriteHTML(w io.Writer, lang string) error {
	if !slices.Contains(HTMLLanguages, lang) {
		lang = "en"
	}
	l := labels[lang]
	t := r.Totals
	data := map[string]any{
		"Lang": lang, "L": l, "R": r, "Sections": r.Sections(),
		"Status":   statusChart(r.Zones, l),
		"Profiles": barChart(profileBars(t), "ha"),
		"Sectors":  barChart(sectorBars(r.Demand), ""),
		"Sizes":    barChart(sizeBars(r.Demand), ""),
	}
	return page.Execute(w, data)
}

// chartStatuses orders the statuses in charts: the land on offer first.
var chartStatuses = []string{"available", "in_preparation", "reserved", "leased"}

// statusColours are the fills of the parcel statuses in charts.
var statusColours = map[string]string{"available": "#2e7d32", "in_preparation": "#9ccc65", "reserved": "#ffb300", "leased": "#9e9e9e"}

// chart is a bar chart laid out in SVG units.
type chart struct {
	Width, Height int
	Bars          []bar
	Legend        []bar
}

// bar is one labelled bar, made of segments.
type bar struct {
	Label string
	Y     int
	Segs  []seg
	Value string
}

type seg struct {
	X, W   float64
	Colour string
}

const chartWidth, labelWidth, barHeight = 900, 260, 18

// statusChart stacks each zone's area by status, the 40 largest zones.
func statusChart(zones []Zone, l map[string]string) chart {
	zs := slices.Clone(zones)
	total := func(z Zone) float64 {
		s := 0.0
		for _, v := range z.AreaHaByStatus {
			s += v
		}
		return s
	}
	slices.SortStableFunc(zs, func(a, b Zone) int { return int(total(b)*100) - int(total(a)*100) })
	zs = zs[:min(len(zs), 40)]
	top := 0.0
	for _, z := range zs {
		top = max(top, total(z))
	}
	c := chart{Width: chartWidth}
	for _, st := range chartStatuses {
		c.Legend = append(c.Legend, bar{Label: l["status_"+st], Segs: []seg{{Colour: statusColours[st]}}})
	}
	for i, z := range zs {
		b := bar{Label: z.Code, Y: 30 + i*(barHeight+4), Value: text(round2(total(z))) + " ha"}
		x := float64(labelWidth)
		for _, st := range chartStatuses {
			w := scale(z.AreaHaByStatus[st], top)
			b.Segs = append(b.Segs, seg{X: x, W: w, Colour: statusColours[st]})
			x += w
		}
		c.Bars = append(c.Bars, b)
	}
	c.Height = 40 + len(zs)*(barHeight+4)
	return c
}

func scale(v, top float64) float64 {
	if top <= 0 {
		return 0
	}
	return v / top * float64(chartWidth-labelWidth-90)
}

type pair struct {
	label string
	v     float64
}

// barChart draws one bar per pair, scaled to the largest.
func barChart(ps []pair, unit string) chart {
	top := 0.0
	for _, p := range ps {
		top = max(top, p.v)
	}
	c := chart{Width: chartWidth, Height: 10 + len(ps)*(barHeight+4)}
	for i, p := range ps {
		v := text(p.v)
		if unit != "" {
			v += " " + unit
		}
		c.Bars = append(c.Bars, bar{Label: p.label, Y: 4 + i*(barHeight+4), Value: v,
			Segs: []seg{{X: labelWidth, W: scale(p.v, top), Colour: "#1565c0"}}})
	}
	return c
}

func profileBars(t Totals) []pair {
	var out []pair
	for _, p := range profileNames() {
		out = append(out, pair{p, t.AvailableHaByProfile[p]})
	}
	return out
}

func sectorBars(d Demand) []pair {
	var out []pair
	for _, s := range d.BySector {
		name := s.Sector
		if name == "" {
			name = "—"
		}
		out = append(out, pair{name + " (" + strconv.Itoa(s.NoSite) + " ∅)", float64(s.Requests)})
	}
	return out
}

func sizeBars(d Demand) []pair {
	var out []pair
	for _, s := range d.BySize {
		name := s.Band + " ha"
		if s.Band == NotStated {
			name = s.Band
		}
		out = append(out, pair{name + " (" + strconv.Itoa(s.NoSite) + " ∅)", float64(s.Requests)})
	}
	return out
}
