package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/web"
)

// The investor map page (internal/web) goes through the same middleware as
// the API: caching, compression, HEAD, security headers, problem+json
// errors and metrics are the same code for every route.

// mapPage is GET /map in Vietnamese or English (?lang=, else
// Accept-Language). Other query parameters belong to the page's script.
func (s *server) mapPage(c echo.Context) error {
	lang := web.PageLang(c.QueryParam("lang"), c.Request().Header.Get("Accept-Language"))
	h := c.Response().Header()
	h.Set("Content-Language", lang)
	h.Add("Vary", "Accept-Language")
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Security-Policy", web.ContentSecurityPolicy)
	return sendResource(c, web.Page(lang))
}

// mapSlash sends /map/ to /map, keeping the query.
func (s *server) mapSlash(c echo.Context) error {
	target := "/map"
	if q := c.Request().URL.RawQuery; q != "" {
		target += "?" + q
	}
	return c.Redirect(http.StatusMovedPermanently, target)
}

// mapAsset is GET /map/assets/{version}/{path}: immutable under this
// build's version, revalidated under any other (a page from an older build
// still loads).
func (s *server) mapAsset(c echo.Context) error {
	a, current, ok := web.Asset(c.Param("version"), c.Param("*"))
	if !ok {
		return echo.NewHTTPError(http.StatusNotFound, "no such map asset")
	}
	cc := "no-cache"
	if current {
		cc = "public, max-age=31536000, immutable"
	}
	c.Response().Header().Set("Cache-Control", cc)
	return sendResource(c, a)
}

// sendResource sends an embedded resource with its own ETag, offering the
// HTTP cache its gzip form compressed once at the best level.
func sendResource(c echo.Context, r *web.Resource) error {
	c.Response().Header().Set("ETag", r.ETag)
	if gz := r.Gzipped(); gz != nil {
		c.Set(precompressedKey, gz)
	}
	return c.Blob(http.StatusOK, r.ContentType, r.Body)
}
