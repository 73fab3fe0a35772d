package httpapi

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/basemap"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/factsheet"
	"github.com/landcat/landcat/internal/sites"
)

const mimePDF = "application/pdf"

// parcelFactsheet is GET /collections/parcels/items/{id}/factsheet
// ?f=pdf|html&lang=…: one published parcel's fact sheet, in Vietnamese and
// the reader's language (lang, else Accept-Language).
func (s *server) parcelFactsheet(c echo.Context) error {
	cid, err := collectionParam(c)
	if err != nil {
		return err
	}
	if cid != catalog.Parcels {
		return catalog.Errorf(catalog.KindNotFound, "only parcels have fact sheets, not %s", cid)
	}
	id := c.Param("featureId")
	f, ok := s.model.Snapshot().Get(catalog.Parcels, id)
	if !ok || f.Publication != catalog.Published {
		return catalog.ErrNotFound(catalog.Parcels, id)
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=0, must-revalidate")
	return s.factsheet(c, []string{id}, sites.Shortlist{}, "landcat-"+f.String("code"))
}

// shortlistFactsheet is GET /shortlists/{token}/factsheet: a cover with the
// note and the search, then a page per parcel.
func (s *server) shortlistFactsheet(c echo.Context) error {
	sl, err := s.loadShortlist(c)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", shortlistCacheControl)
	return s.factsheet(c, sl.Parcels, sl, "landcat-shortlist")
}

// factsheetFormat reads f= (pdf or html), else the Accept header; PDF by
// default.
func factsheetFormat(c echo.Context) (string, error) {
	c.Response().Header().Add("Vary", "Accept")
	switch f := c.QueryParam("f"); f {
	case "pdf", "html":
		return f, nil
	case "":
		if a := c.Request().Header.Get("Accept"); strings.Contains(a, mimeHTML) && !strings.Contains(a, mimePDF) {
			return "html", nil
		}
		return "pdf", nil
	default:
		return "", echo.NewHTTPError(http.StatusNotAcceptable, fmt.Sprintf("f=%s: a fact sheet is f=pdf or f=html", f))
	}
}

func (s *server) factsheet(c echo.Context, ids []string, sl sites.Shortlist, filename string) error {
	if err := checkParams(c.QueryParams(), oneOf("lang", "f")); err != nil {
		return err
	}
	format, err := factsheetFormat(c)
	if err != nil {
		return err
	}
	lang, err := negotiateLang(c)
	if err != nil {
		return err
	}
	bm, err := basemap.Load()
	if err != nil {
		return err
	}
	second, cjk := lang, ""
	if format == "pdf" {
		if second = factsheet.PDFLanguage(lang); second != sites.SecondLanguage(lang) {
			cjk = lang
		}
	}
	snap := s.model.Snapshot()
	sh := sites.NewSheet(snap, bm, ids, second, time.Now())
	sh.Note, sh.Search, sh.Expires = sl.Note, sites.SearchSummary(sl.Match), sl.ExpiresAt
	s.snapshotHeaders(c, snap)
	c.Response().Header().Set("Content-Language", "vi, "+sh.Lang2)
	title := sites.UI("factsheet", "vi") + " / " + sites.UI("factsheet", sh.Lang2)
	if format == "html" {
		return s.factsheetHTML(c, sh, lang, title)
	}
	body, err := factsheet.PDF(sh, title, cjk)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.pdf"`, filename))
	return c.Blob(http.StatusOK, mimePDF, body)
}

// sheetSiteView is a site of the HTML fact sheet with its map.
type sheetSiteView struct {
	sites.SheetSite
	Map template.HTML
}

func (s *server) factsheetHTML(c echo.Context, sh sites.Sheet, lang, title string) error {
	var views []sheetSiteView
	for _, st := range sh.Sites {
		v := sheetSiteView{SheetSite: st}
		if st.Published {
			v.Map = factsheet.SVG(st.Figure, st.Code)
		}
		views = append(views, v)
	}
	words := map[string]string{}
	for _, k := range []string{"factsheet", "shortlist", "specs", "distances", "quality", "note", "search", "expires", "generated",
		"unavailable", "basemap", "disclaimer", "nearest", "legendParcel", "ask", "openMap", "inherited"} {
		words[k] = sites.UI(k, "vi") + " / " + sites.UI(k, sh.Lang2)
	}
	data := map[string]any{"Sheet": sh, "Sites": views, "W": words, "Generated": sh.Generated.Format("2006-01-02"),
		"Expires": "", "MapLang": mapLang(lang)}
	if !sh.Expires.IsZero() {
		data["Expires"] = sh.Expires.Format("2006-01-02")
	}
	return s.renderHTML(c, "factsheet", page{Lang: lang, Title: title, Data: data})
}
