package httpapi

import (
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"
)

// CORS: public reads from any origin, so that a map app
// on another host can fetch tiles and GeoJSON; anything that carries
// credentials or changes data only from the configured origins (officers'
// tools), since "*" cannot be combined with credentials.

var (
	exposedHeaders = "ETag, Link, Location, Content-Crs, Content-Language, X-Landcat-Revision, Retry-After"
	allowedHeaders = "Authorization, Content-Type, If-Match, If-None-Match, Accept, Accept-Language, X-CSRF-Token"
	writeMethods   = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"
)

func (s *server) cors(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req, h := c.Request(), c.Response().Header()
		origin := req.Header.Get("Origin")
		if req.Method == http.MethodOptions {
			return s.preflight(c, origin)
		}
		if origin == "" {
			return next(c)
		}
		h.Add("Vary", "Origin")
		public := (req.Method == http.MethodGet || req.Method == http.MethodHead) && req.Header.Get(echo.HeaderAuthorization) == ""
		switch {
		case public:
			h.Set("Access-Control-Allow-Origin", "*")
			h.Set("Access-Control-Expose-Headers", exposedHeaders)
		case slices.Contains(s.origins, origin):
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Allow-Credentials", "true")
			h.Set("Access-Control-Expose-Headers", exposedHeaders)
		}
		return next(c)
	}
}

// preflight answers OPTIONS: the CORS preflight when the browser asks, and
// the plain "which methods?" question (Allow) otherwise.
func (s *server) preflight(c echo.Context, origin string) error {
	req, h := c.Request(), c.Response().Header()
	allow := s.allowedMethods(c)
	if allow == "" {
		return echo.NewHTTPError(http.StatusNotFound, "no such resource")
	}
	h.Set("Allow", allow)
	method := req.Header.Get("Access-Control-Request-Method")
	if origin == "" || method == "" {
		return c.NoContent(http.StatusNoContent)
	}
	h.Add("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
	asked := strings.ToLower(req.Header.Get("Access-Control-Request-Headers"))
	public := (method == http.MethodGet || method == http.MethodHead) && !strings.Contains(asked, "authorization")
	switch {
	case public:
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Accept, Accept-Language, If-None-Match")
	case slices.Contains(s.origins, origin):
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Credentials", "true")
		h.Set("Access-Control-Allow-Methods", writeMethods)
		h.Set("Access-Control-Allow-Headers", allowedHeaders)
	default:
		// No CORS headers: the browser refuses, as it should.
		return c.NoContent(http.StatusNoContent)
	}
	h.Set("Access-Control-Max-Age", "600")
	return c.NoContent(http.StatusNoContent)
}

// allowedMethods looks the request path up in the route table.
func (s *server) allowedMethods(c echo.Context) string {
	ctx := s.echo.NewContext(c.Request(), nil)
	s.echo.Router().Find(http.MethodGet, c.Request().URL.Path, ctx)
	methods := s.methods[ctx.Path()]
	if len(methods) == 0 {
		return ""
	}
	return strings.Join(methods, ", ")
}

// methodTable maps each route pattern to its methods (with HEAD for GET,
// and OPTIONS), for the Allow header.
func methodTable(e *echo.Echo) map[string][]string {
	t := map[string][]string{}
	for _, r := range e.Routes() {
		if strings.HasPrefix(r.Method, "echo_") {
			continue
		}
		t[r.Path] = append(t[r.Path], r.Method)
	}
	for p := range t {
		t[p] = append(t[p], http.MethodOptions)
	}
	return t
}
