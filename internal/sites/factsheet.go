package sites

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/basemap"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
)

// Figure size on a fact sheet, in PDF points (A4 less its margins).
const (
	FigureW = 523
	FigureH = 270
)

// SheetRow is one line of a fact sheet in both languages.
type SheetRow struct {
	Group                        string
	Label, Label2, Value, Value2 string
	Nearest                      string
	Inherited                    bool
}

// SheetSite is one parcel of a fact sheet.
type SheetSite struct {
	ID, Code, Name, Name2, Zone, Zone2 string
	Published                          bool
	Rows                               []SheetRow
	Figure                             Figure
}

// Sheet is a fact sheet: Vietnamese and the reader's language (English
// for a Vietnamese reader), one page per site.
type Sheet struct {
	Lang, Lang2 string
	Generated   time.Time
	Sites       []SheetSite
	// For a shortlist: its note, the search that found the sites, when
	// the link expires.
	Note, Search string
	Expires      time.Time
	Attribution  string
}

// SecondLanguage is the language a fact sheet pairs with Vietnamese.
func SecondLanguage(lang string) string {
	if lang == "vi" || lang == "" {
		return "en"
	}
	return lang
}

// NewSheet makes the fact sheet of the parcels ids (published ones get a
// full page; others are listed as no longer published).
func NewSheet(snap *readmodel.Snapshot, bm *basemap.Data, ids []string, lang string, now time.Time) Sheet {
	sh := Sheet{Lang: "vi", Lang2: SecondLanguage(lang), Generated: now.UTC(), Attribution: basemap.Attribution}
	for _, id := range ids {
		f, ok := snap.Get(catalog.Parcels, id)
		if !ok || f.Publication != catalog.Published {
			sh.Sites = append(sh.Sites, SheetSite{ID: id})
			continue
		}
		sh.Sites = append(sh.Sites, sheetSite(snap, bm, f, sh.Lang2))
	}
	return sh
}

func sheetSite(snap *readmodel.Snapshot, bm *basemap.Data, f *readmodel.Feature, lang2 string) SheetSite {
	s := SheetSite{ID: f.ID, Code: f.String("code"), Name: f.Name("vi"), Name2: f.Name(lang2), Published: true}
	if z, ok := snap.Get(catalog.Zones, f.String("zone_id")); ok {
		s.Zone, s.Zone2 = z.Name("vi"), z.Name(lang2)
	}
	inherited := map[string]bool{}
	if l, ok := f.Value("inherited").([]string); ok {
		for _, n := range l {
			inherited[n] = true
		}
	}
	for _, p := range Properties {
		v := f.Value(p.Name)
		row := SheetRow{Group: p.Group, Label: Label(p.Name, "vi"), Label2: Label(p.Name, lang2),
			Value: Text(p, v, "vi"), Value2: Text(p, v, lang2), Inherited: inherited[p.Name]}
		if p.Group == "distance" {
			row.Nearest = nearestName(snap, f, p.Name, "vi")
			if n2 := nearestName(snap, f, p.Name, lang2); n2 != row.Nearest {
				row.Nearest += " / " + n2
			}
		}
		s.Rows = append(s.Rows, row)
	}
	s.Figure = MapFigure(snap, bm, f, FigureW, FigureH)
	return s
}

// SearchSummary says a stored match request in one line: the sector and
// each requirement as name = value.
func SearchSummary(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var req struct {
		Sector       string         `json:"sector"`
		Requirements map[string]any `json:"requirements"`
	}
	if err := json.Unmarshal(raw, &req); err != nil {
		return ""
	}
	var parts []string
	if req.Sector != "" {
		parts = append(parts, "sector = "+req.Sector)
	}
	keys := make([]string, 0, len(req.Requirements))
	for k := range req.Requirements {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b, _ := json.Marshal(req.Requirements[k])
		parts = append(parts, fmt.Sprintf("%s = %s", k, b))
	}
	return strings.Join(parts, "; ")
}
