// Package factsheet renders fact sheets (internal/sites) for investors'
// boards: a PDF, with Noto Sans embedded (subset by gopdf to the glyphs
// used, so Vietnamese diacritics print anywhere), and the SVG map of the
// printable HTML page. The map is drawn as vector paths from the read
// model and the basemap: no browser, no raster, no outside tiles.
//
// Korean, Japanese and Chinese: a CJK font is 20 MB, too big to embed, so
// a PDF for those readers is in Vietnamese and English and says so; the
// HTML fact sheet is in their language (the reader's own fonts draw it).
package factsheet

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/landcat/landcat/internal/sites"
	"github.com/signintech/gopdf"
)

//go:embed fonts/NotoSans-Regular.ttf
var regular []byte

//go:embed fonts/NotoSans-Bold.ttf
var bold []byte

// Page geometry, in points (A4).
const (
	pageW, pageH = 595.28, 841.89
	margin       = 36.0
	contentW     = pageW - 2*margin
)

// PDFLanguage is the second language a PDF can print for lang: CJK readers
// get English (see the package documentation).
func PDFLanguage(lang string) string {
	switch l := sites.SecondLanguage(lang); l {
	case "ko", "ja", "zh":
		return "en"
	default:
		return l
	}
}

// PDF renders sh, which must have been made for PDFLanguage(reader); cjk
// names the reader's language when it is one the PDF cannot print, so the
// first page says why it is in English.
func PDF(sh sites.Sheet, title, cjk string) ([]byte, error) {
	w := &writer{}
	w.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	w.SetInfo(gopdf.PdfInfo{Title: title, Creator: "landcat", Producer: "landcat", CreationDate: sh.Generated})
	if err := w.AddTTFFontData("sans", regular); err != nil {
		return nil, err
	}
	if err := w.AddTTFFontData("sans-bold", bold); err != nil {
		return nil, err
	}
	if len(sh.Sites) > 1 || sh.Note != "" || sh.Search != "" {
		w.cover(sh, cjk)
		cjk = ""
	}
	for _, s := range sh.Sites {
		if s.Published {
			w.site(sh, s, cjk)
			cjk = ""
		}
	}
	if w.err != nil {
		return nil, w.err
	}
	return w.GetBytesPdf(), nil
}

// writer is gopdf with the first error kept, so that drawing code stays flat.
type writer struct {
	gopdf.GoPdf
	err  error
	y    float64
	page int
}

func (w *writer) font(boldFace bool, size float64) {
	name := "sans"
	if boldFace {
		name = "sans-bold"
	}
	if err := w.SetFont(name, "", size); err != nil && w.err == nil {
		w.err = err
	}
}

func (w *writer) colour(hex string) (uint8, uint8, uint8) {
	var r, g, b uint8
	if _, err := fmt.Sscanf(strings.TrimPrefix(hex, "#"), "%02x%02x%02x", &r, &g, &b); err != nil {
		return 0, 0, 0
	}
	return r, g, b
}

// text writes s at x, w.y in the given face and colour, wrapped to width,
// and moves w.y below it.
func (w *writer) text(x, width float64, s string, boldFace bool, size float64, hex string) {
	if s == "" {
		return
	}
	w.font(boldFace, size)
	w.SetTextColor(w.colour(hex))
	lines, err := w.SplitTextWithWordWrap(s, width)
	if err != nil {
		lines = []string{s}
	}
	for _, l := range lines {
		w.SetXY(x, w.y)
		if err := w.Cell(nil, l); err != nil && w.err == nil {
			w.err = err
		}
		w.y += size * 1.3
	}
}

func (w *writer) newPage(sh sites.Sheet) {
	w.AddPage()
	w.page++
	w.y = margin
	// Footer: date, disclaimer, page.
	saved := w.y
	w.y = pageH - margin + 6
	w.text(margin, contentW, fmt.Sprintf("landcat · %s %s · %s · %d",
		sites.UI("generated", sh.Lang), sh.Generated.Format("2006-01-02"), sites.UI("disclaimer", sh.Lang2), w.page), false, 6.5, "#66717d")
	w.y = saved
}

// cover is a shortlist's (or several parcels') first page: the note, the
// search, when the link expires and the list of sites.
func (w *writer) cover(sh sites.Sheet, cjk string) {
	w.newPage(sh)
	w.text(margin, contentW, sites.UI("shortlist", "vi")+" / "+sites.UI("shortlist", sh.Lang2), true, 18, "#12385b")
	w.y += 6
	if cjk != "" {
		w.text(margin, contentW, sites.CJKNote(cjk), false, 9, "#8a5a00")
	}
	for _, kv := range [][2]string{
		{sites.UI("note", "vi") + " / " + sites.UI("note", sh.Lang2), sh.Note},
		{sites.UI("search", "vi") + " / " + sites.UI("search", sh.Lang2), sh.Search},
	} {
		if kv[1] != "" {
			w.text(margin, contentW, kv[0], true, 9.5, "#1d2630")
			w.text(margin, contentW, kv[1], false, 9.5, "#1d2630")
			w.y += 4
		}
	}
	if !sh.Expires.IsZero() {
		w.text(margin, contentW, sites.UI("expires", "vi")+" / "+sites.UI("expires", sh.Lang2)+": "+sh.Expires.Format("2006-01-02"), false, 9, "#66717d")
	}
	w.y += 10
	for i, s := range sh.Sites {
		line := fmt.Sprintf("%d. %s", i+1, s.ID)
		if s.Published {
			line = fmt.Sprintf("%d. %s — %s (%s)", i+1, s.Code, s.Zone, s.Zone2)
		}
		w.text(margin, contentW, line, s.Published, 10.5, "#1d2630")
		if !s.Published {
			w.text(margin+14, contentW-14, sites.UI("unavailable", "vi")+" / "+sites.UI("unavailable", sh.Lang2), false, 9, "#a33")
		}
		for _, r := range s.Rows {
			if r.Group == "spec" && (r.Label == sites.Label("area_ha", "vi") || r.Label == sites.Label("lease_price_usd_m2", "vi") || r.Label == sites.Label("status", "vi")) {
				w.text(margin+14, contentW-14, r.Label+" / "+r.Label2+": "+bi(r), false, 9, "#38424c")
			}
		}
		w.y += 4
	}
}

// bi is a value in both languages, once when they are the same.
func bi(r sites.SheetRow) string {
	if r.Value == r.Value2 {
		return r.Value
	}
	return r.Value + " / " + r.Value2
}
