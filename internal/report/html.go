package report

import (
	"embed"
	"html/template"
	"io"
	"slices"
	"strconv"

	"github.com/landcat/landcat/internal/sheet"
)

//go:embed report.tmpl
var tmplFS embed.FS

var page = template.Must(template.New("report.tmpl").Funcs(template.FuncMap{
	"cell": sheet.Text,
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
		b := bar{Label: z.Code, Y: 30 + i*(barHeight+4), Value: sheet.Text(round2(total(z))) + " ha"}
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
		v := sheet.Text(p.v)
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

// labels are the HTML page's words in each of HTMLLanguages.
var labels = map[string]map[string]string{
	"en": {
		"title": "Land-bank review", "generated": "Generated", "revision": "catalogue revision",
		"zones": "Zones", "on_offer": "On offer", "ready": "Ready now (dual feed ≥ 110 kV, water, handed over)",
		"largest_parcel": "Largest available parcel", "largest_block": "Largest assemblable block",
		"never_verified": "Features never verified", "by_status": "Area by status, largest zones (ha)",
		"by_profile": "Area on offer meeting each sector profile (ha)", "demand": "Demand",
		"requests": "match requests", "no_site": "found no site", "by_sector": "Requests by sector (∅ = found no site)",
		"by_size": "Requests by minimum area (∅ = found no site)", "tables": "Tables",
		"block_note":       "Blocks: up to %d adjacent parcels on offer of one zone, across roads of up to %s m.",
		"status_available": "available", "status_reserved": "reserved", "status_leased": "leased", "status_in_preparation": "in preparation",
		"section_zones": "Zones", "section_totals": "Totals", "section_demand": "Demand window",
		"section_demand_by_sector": "Demand by sector", "section_demand_by_size": "Demand by size",
		"section_demand_requirements": "Requirements that eliminated sites", "section_demand_relax_one": "Relaxing one requirement would have helped",
	},
	"vi": {
		"title": "Rà soát quỹ đất", "generated": "Lập lúc", "revision": "phiên bản dữ liệu",
		"zones": "Khu", "on_offer": "Đang chào thuê", "ready": "Sẵn sàng ngay (hai nguồn ≥ 110 kV, có nước, đã bàn giao)",
		"largest_parcel": "Lô sẵn sàng lớn nhất", "largest_block": "Khối ghép lớn nhất",
		"never_verified": "Đối tượng chưa từng xác minh", "by_status": "Diện tích theo tình trạng, các khu lớn nhất (ha)",
		"by_profile": "Diện tích đang chào thuê đáp ứng từng nhóm ngành (ha)", "demand": "Nhu cầu",
		"requests": "yêu cầu tìm địa điểm", "no_site": "không tìm được địa điểm", "by_sector": "Yêu cầu theo ngành (∅ = không tìm được)",
		"by_size": "Yêu cầu theo diện tích tối thiểu (∅ = không tìm được)", "tables": "Bảng số liệu",
		"block_note":       "Khối ghép: tối đa %d lô liền kề đang chào thuê của cùng một khu, cách nhau không quá %s m.",
		"status_available": "sẵn sàng", "status_reserved": "đã giữ chỗ", "status_leased": "đã cho thuê", "status_in_preparation": "đang chuẩn bị",
		"section_zones": "Các khu", "section_totals": "Tổng hợp", "section_demand": "Khoảng thời gian",
		"section_demand_by_sector": "Nhu cầu theo ngành", "section_demand_by_size": "Nhu cầu theo quy mô",
		"section_demand_requirements": "Yêu cầu loại bỏ nhiều địa điểm nhất", "section_demand_relax_one": "Nới một yêu cầu thì đã có địa điểm",
	},
}
