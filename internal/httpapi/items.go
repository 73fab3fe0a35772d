package httpapi

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
)

func (s *server) items(c echo.Context) error {
	cid, err := collectionParam(c)
	if err != nil {
		return err
	}
	format := downloadFormat(c)
	q, err := itemsQuery(c, cid, format != "")
	if err != nil {
		return err
	}
	q.Scope = actor(c).Scope
	skipGeometry, err := parseSkipGeometry(c)
	if err != nil {
		return err
	}
	lang, err := negotiateLang(c)
	if err != nil {
		return err
	}
	if format != "" {
		snap := s.model.Snapshot()
		return s.download(c, format, snap, q, snap.Find(q), lang)
	}
	html, err := wantsHTML(c)
	if err != nil {
		return err
	}
	snap := s.model.Snapshot()
	page := snap.Find(q)
	if html {
		s.snapshotHeaders(c, snap)
		return s.itemsHTML(c, q, page, lang)
	}
	return s.sendPage(c, snap, q, page, lang, skipGeometry)
}

// sendPage writes a page of features as a GeoJSON FeatureCollection; with
// skipGeometry every geometry is null.
func (s *server) sendPage(c echo.Context, snap *readmodel.Snapshot, q readmodel.Query, page readmodel.Page, lang string, skipGeometry bool) error {
	size := 1024
	for _, f := range page.Features {
		if skipGeometry {
			size += f.EncodedLenNoGeometry() + 64
		} else {
			size += f.EncodedLen() + 64
		}
	}
	buf := getBuffer(size)
	defer func() { putBuffer(buf) }() // the HTTP cache has copied it by then
	buf = append(buf, `{"type":"FeatureCollection","features":[`...)
	for i, f := range page.Features {
		if i > 0 {
			buf = append(buf, ',')
		}
		if skipGeometry {
			buf = f.AppendGeoJSONNoGeometry(buf, lang)
		} else {
			buf = f.AppendGeoJSON(buf, lang, nil)
		}
	}
	buf = append(buf, `],"numberMatched":`...)
	buf = strconv.AppendInt(buf, int64(page.Matched), 10)
	buf = append(buf, `,"numberReturned":`...)
	buf = strconv.AppendInt(buf, int64(len(page.Features)), 10)
	buf = append(buf, `,"timeStamp":"`...)
	// The time the data were read at (the snapshot), not the wall clock:
	// the same page of the same revision is then byte-identical, so its
	// strong ETag lets clients revalidate with a 304.
	buf = snap.Built.UTC().AppendFormat(buf, time.RFC3339)
	buf = append(buf, `","links":`...)
	lb, _ := jsonBytes(pageLinks(c, q, page))
	buf = append(buf, lb...)
	buf = append(buf, '}')
	s.snapshotHeaders(c, snap)
	c.Response().Header().Set("Content-Language", lang)
	return c.Blob(http.StatusOK, mimeGeoJSON, buf)
}

// pageLinks are self, next (while more remain), prev and collection, with
// absolute hrefs that keep every other parameter.
func pageLinks(c echo.Context, q readmodel.Query, page readmodel.Page) []link {
	b := baseURL(c)
	path := c.Request().URL.Path
	at := func(offset int) string {
		v := url.Values{}
		for k, vs := range c.QueryParams() {
			v[k] = vs
		}
		v.Set("limit", strconv.Itoa(q.Limit))
		v.Set("offset", strconv.Itoa(offset))
		return b + path + "?" + v.Encode()
	}
	links := []link{
		{Href: at(q.Offset), Rel: "self", Type: mimeGeoJSON, Title: "This page"},
		{Href: withF(at(q.Offset), "html"), Rel: "alternate", Type: mimeHTML, Title: "This page as HTML"},
	}
	if q.Offset+len(page.Features) < page.Matched && len(page.Features) > 0 {
		links = append(links, link{Href: at(q.Offset + q.Limit), Rel: "next", Type: mimeGeoJSON, Title: "Next page"})
	}
	if q.Offset > 0 {
		links = append(links, link{Href: at(max(0, q.Offset-q.Limit)), Rel: "prev", Type: mimeGeoJSON, Title: "Previous page"})
	}
	links = append(links, link{Href: b + "/collections/" + string(q.Collection), Rel: "collection", Type: mimeJSON})
	return links
}

func (s *server) item(c echo.Context) error {
	cid, err := collectionParam(c)
	if err != nil {
		return err
	}
	if err := checkParams(c.QueryParams(), oneOf("lang", "f")); err != nil {
		return err
	}
	lang, err := negotiateLang(c)
	if err != nil {
		return err
	}
	snap := s.model.Snapshot()
	f, ok := snap.Get(cid, c.Param("featureId"))
	if !ok || !f.VisibleTo(actor(c)) {
		return catalog.ErrNotFound(cid, c.Param("featureId"))
	}
	if html, err := wantsHTML(c); err != nil || html {
		if err != nil {
			return err
		}
		return s.itemHTML(c, f, lang)
	}
	return s.sendFeature(c, snap, f, lang, http.StatusOK)
}

// sendFeature writes one feature with its links and ETag.
func (s *server) sendFeature(c echo.Context, snap *readmodel.Snapshot, f *readmodel.Feature, lang string, status int) error {
	b := baseURL(c)
	href := b + "/collections/" + string(f.Collection) + "/items/" + url.PathEscape(f.ID)
	links, _ := jsonBytes([]link{
		{Href: href, Rel: "self", Type: mimeGeoJSON},
		{Href: b + "/collections/" + string(f.Collection), Rel: "collection", Type: mimeJSON},
	})
	body := f.AppendGeoJSON(make([]byte, 0, f.EncodedLen()+len(links)+64), lang, append([]byte(`"links":`), links...))
	h := c.Response().Header()
	h.Set("ETag", featureETag(f.Version, body))
	h.Set("Content-Language", lang)
	s.snapshotHeaders(c, snap)
	return c.Blob(status, mimeGeoJSON, body)
}

func jsonBytes(v any) ([]byte, error) {
	var b bytesBuffer
	err := writeJSON(&b, v)
	return trimNL(b), err
}

type bytesBuffer []byte

func (b *bytesBuffer) Write(p []byte) (int, error) { *b = append(*b, p...); return len(p), nil }

func trimNL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		return b[:n-1]
	}
	return b
}
