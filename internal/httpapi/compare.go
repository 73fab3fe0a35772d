package httpapi

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/sites"
)

// compare is GET /compare?ids=a,b[,c[,d]]: two to four published parcels
// side by side, every specification and computed distance, the better
// value of each row marked by its rule (sites.Properties). JSON by
// default, HTML with f=html or a browser's Accept (no scripts, like every
// API page).
func (s *server) compare(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("ids", "lang", "f")); err != nil {
		return err
	}
	ids, err := sites.ParseIDs(c.QueryParam("ids"))
	if err != nil {
		return badRequest("ids", err.Error())
	}
	lang, err := negotiateLang(c)
	if err != nil {
		return err
	}
	snap := s.model.Snapshot()
	cmp, err := sites.Compare(snap, ids, lang)
	if err != nil {
		return err
	}
	s.snapshotHeaders(c, snap)
	c.Response().Header().Set("Content-Language", lang)
	joined := strings.Join(ids, ",")
	self := baseURL(c) + "/compare?ids=" + url.QueryEscape(joined) + "&lang=" + lang
	if html, err := wantsHTML(c); err != nil || html {
		if err != nil {
			return err
		}
		return s.compareHTML(c, cmp, joined)
	}
	links := []link{
		{Href: self, Rel: "self", Type: mimeJSON},
		{Href: self + "&f=html", Rel: "alternate", Type: mimeHTML, Title: sites.UI("compare", lang)},
		{Href: baseURL(c) + "/map#compare=" + url.QueryEscape(joined) + "&lang=" + mapLang(lang), Rel: "map", Type: mimeHTML, Title: sites.UI("openMap", lang)},
	}
	for _, st := range cmp.Sites {
		links = append(links, link{Href: baseURL(c) + "/collections/parcels/items/" + url.PathEscape(st.ID) + "/factsheet?f=pdf&lang=" + lang,
			Rel: "factsheet", Type: "application/pdf", Title: st.Code})
	}
	return sendJSON(c, http.StatusOK, mimeJSON, struct {
		sites.Comparison
		Links []link `json:"links"`
	}{cmp, links})
}

// mapLang is the map page's language closest to lang (vi or en).
func mapLang(lang string) string {
	if lang == "vi" {
		return "vi"
	}
	return "en"
}

type compareCell struct {
	Text, Nearest string
	Best          bool
}

type compareRow struct {
	Label, Rule, Group string
	Cells              []compareCell
}

func (s *server) compareHTML(c echo.Context, cmp sites.Comparison, joined string) error {
	lang := cmp.Lang
	var rows []compareRow
	for i, r := range cmp.Rows {
		row := compareRow{Label: r.Label, Rule: sites.RuleText(r.Better, lang), Group: r.Group}
		for j, v := range r.Values {
			cell := compareCell{Text: sites.Text(sites.Properties[i], v, lang)}
			for _, b := range r.Best {
				cell.Best = cell.Best || b == j
			}
			if r.Nearest != nil && r.Nearest[j] != "" {
				cell.Nearest = r.Nearest[j]
			}
			row.Cells = append(row.Cells, cell)
		}
		rows = append(rows, row)
	}
	data := map[string]any{"Sites": cmp.Sites, "Rows": rows, "Legend": sites.UI("legend", lang), "Lang": lang,
		"Map": "/map#compare=" + url.QueryEscape(joined) + "&lang=" + mapLang(lang), "OpenMap": sites.UI("openMap", lang),
		"Factsheet": sites.UI("factsheet", lang), "Nearest": sites.UI("nearest", lang)}
	return s.renderHTML(c, "compare", page{Lang: lang, Title: sites.UI("compare", lang), Data: data,
		Formats: []link{{Href: "/compare?ids=" + url.QueryEscape(joined) + "&lang=" + lang + "&f=json", Type: mimeJSON, Title: "JSON"}}})
}
