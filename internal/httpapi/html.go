package httpapi

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/dataio"
	"github.com/landcat/landcat/internal/readmodel"
)

//go:embed html/*.tmpl
var htmlFS embed.FS

// pages holds one parsed template set per page (layout + content).
type pages map[string]*template.Template

func parsePages() pages {
	p := pages{}
	funcs := template.FuncMap{"cell": func(v any) string {
		if v == nil {
			return "—"
		}
		return fmt.Sprint(v)
	}}
	for _, name := range []string{"landing", "collections", "items", "item", "compare", "factsheet", "report"} {
		p[name] = template.Must(template.New(name).Funcs(funcs).ParseFS(htmlFS, "html/layout.tmpl", "html/"+name+".tmpl"))
	}
	return p
}

// page is what the layout renders.
type page struct {
	Lang, Title, Tagline string
	Crumbs, Formats      []link
	Data                 any
}

func (s *server) renderHTML(c echo.Context, name string, p page) error {
	p.Tagline = "investment land bank"
	if p.Lang == "" {
		p.Lang = "en"
	}
	var b bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&b, "layout", p); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	return c.HTMLBlob(http.StatusOK, b.Bytes())
}

// wantsHTML decides between JSON and HTML: f= first (json, geojson, html),
// else the Accept header (a browser's text/html wins over */*). An unknown
// f is a 406.
func wantsHTML(c echo.Context) (bool, error) {
	c.Response().Header().Add("Vary", "Accept")
	switch f := c.QueryParam("f"); f {
	case "json", "geojson":
		return false, nil
	case "html":
		return true, nil
	case "":
	default:
		return false, echo.NewHTTPError(http.StatusNotAcceptable, fmt.Sprintf("f=%s: landcat serves f=json, f=geojson and f=html", f))
	}
	best, bestQ := "", -1.0
	for _, part := range strings.Split(c.Request().Header.Get("Accept"), ",") {
		mt, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			q, _ = strconv.ParseFloat(v, 64)
		}
		if (mt == mimeHTML || strings.HasSuffix(mt, "json")) && q > bestQ {
			best, bestQ = mt, q
		}
	}
	return best == mimeHTML, nil
}

func itemsColumns(cid catalog.Collection) []string {
	switch cid {
	case catalog.Parcels:
		return []string{"code", "name", "zone_id", "status", "area_ha", "lease_price_usd_m2", "power_capacity_mva", "water_m3_day", "distance_seaport_km"}
	case catalog.Zones:
		return []string{"code", "name", "kind", "planning_stage", "official_area_ha", "area_ha", "developer"}
	}
	return []string{"code", "name", "kind", "status", "operator"}
}

type cell struct {
	Text string
	Num  bool
}

func cellOf(v any) cell {
	switch v := v.(type) {
	case nil:
		return cell{Text: "—"}
	case float64:
		return cell{Text: strconv.FormatFloat(v, 'f', -1, 64), Num: true}
	case []string:
		return cell{Text: strings.Join(v, ", ")}
	}
	return cell{Text: fmt.Sprint(v)}
}

func (s *server) itemsHTML(c echo.Context, q readmodel.Query, pg readmodel.Page, lang string) error {
	type row struct {
		ID, Href string
		Cells    []cell
	}
	cols := itemsColumns(q.Collection)
	var rows []row
	for _, f := range pg.Features {
		r := row{ID: f.ID, Href: "/collections/" + string(q.Collection) + "/items/" + url.PathEscape(f.ID) + "?f=html"}
		for _, col := range cols {
			v := f.Value(col)
			if col == "name" {
				v = f.Name(lang)
			}
			r.Cells = append(r.Cells, cellOf(v))
		}
		rows = append(rows, r)
	}
	var pager []link
	for _, l := range pageLinks(c, q, pg) {
		if l.Rel == "next" || l.Rel == "prev" {
			pager = append(pager, link{Href: withF(l.Href, "html"), Rel: l.Rel, Title: map[string]string{"next": "Next page →", "prev": "← Previous page"}[l.Rel]})
		}
	}
	data := map[string]any{"Matched": pg.Matched, "From": min(q.Offset+1, pg.Matched), "To": q.Offset + len(pg.Features), "Columns": cols, "Rows": rows, "Pager": pager}
	return s.renderHTML(c, "items", page{Lang: lang, Title: collectionTitles[q.Collection][0], Data: data,
		Crumbs: []link{{Href: "/collections?f=html", Title: "Collections"}, {Href: "/collections/" + string(q.Collection) + "?f=html", Title: string(q.Collection)}},
		Formats: []link{{Href: withF(c.Request().URL.String(), "geojson"), Type: mimeGeoJSON, Title: "GeoJSON"},
			{Href: downloadLink(c.Request().URL.String(), "csv"), Type: dataio.MediaCSV, Title: "CSV (all matches)"},
			{Href: downloadLink(c.Request().URL.String(), "xlsx"), Type: dataio.MediaXLSX, Title: "XLSX (all matches)"},
			{Href: downloadLink(c.Request().URL.String(), "gpkg"), Type: dataio.MediaGeoPackage, Title: "GeoPackage (all matches)"}}})
}

func (s *server) itemHTML(c echo.Context, f *readmodel.Feature, lang string) error {
	type prop struct{ Name, Text string }
	props := []prop{{"id", f.ID}}
	for i, fl := range catalog.SchemaOf(f.Collection).Fields {
		v := f.At(i)
		if fl.Name == "name" {
			v = f.Name(lang)
		}
		props = append(props, prop{fl.Name, cellOf(v).Text})
	}
	cid := string(f.Collection)
	return s.renderHTML(c, "item", page{Lang: lang, Title: f.Name(lang), Data: props,
		Crumbs:  []link{{Href: "/collections?f=html", Title: "Collections"}, {Href: "/collections/" + cid + "/items?f=html", Title: cid}},
		Formats: []link{{Href: "/collections/" + cid + "/items/" + url.PathEscape(f.ID) + "?f=geojson", Type: mimeGeoJSON, Title: "GeoJSON"}}})
}

// withF returns href with f set to format.
// downloadLink is href as a download of every match (no limit or offset)
// in format.
func downloadLink(href, format string) string {
	if u, err := url.Parse(href); err == nil {
		q := u.Query()
		q.Del("limit")
		q.Del("offset")
		u.RawQuery = q.Encode()
		href = u.String()
	}
	return withF(href, format)
}

func withF(href, format string) string {
	u, err := url.Parse(href)
	if err != nil {
		return href
	}
	q := u.Query()
	q.Set("f", format)
	u.RawQuery = q.Encode()
	return u.String()
}
