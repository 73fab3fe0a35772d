package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/landcat/landcat/internal/httpapi"
	"github.com/landcat/landcat/internal/testdb"
)

var (
	specOnce   sync.Once
	specDoc    *openapi3.T
	specRouter routers.Router
	specErr    error
)

func spec(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	specOnce.Do(func() {
		if specDoc, specErr = httpapi.Spec(); specErr == nil {
			specRouter, specErr = gorillamux.NewRouter(specDoc)
		}
		text := func(_ io.Reader, _ http.Header, _ *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
			return "", nil
		}
		openapi3filter.RegisterBodyDecoder("text/html", text)
		openapi3filter.RegisterBodyDecoder("application/vnd.oai.openapi", text)
		for _, mt := range []string{"application/vnd.mapbox-vector-tile", "text/javascript", "text/css", "image/svg+xml", "text/plain",
			"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/x-protobuf", "application/pdf",
			"text/calendar", "application/geopackage+sqlite3"} {
			openapi3filter.RegisterBodyDecoder(mt, text)
		}
	})
	if specErr != nil {
		t.Fatal(specErr)
	}
	return specDoc, specRouter
}

// checkResponse validates a real response against the OpenAPI document:
// the route and the status must be documented, and the body must match the
// schema of its media type.
func checkResponse(t *testing.T, r *http.Request, w *httptest.ResponseRecorder) {
	t.Helper()
	if r.Method == http.MethodOptions {
		return // answered on every path by the CORS middleware (Allow, preflight)
	}
	_, router := spec(t)
	r.URL.Scheme, r.URL.Host = "", ""
	body := w.Body.Bytes()
	if w.Header().Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Errorf("gzip: %v", err)
			return
		}
		body, _ = io.ReadAll(zr)
	}
	if r.Method == http.MethodHead {
		checkHead(t, router, r, w)
		return
	}
	route, params, err := router.FindRoute(r)
	if err != nil && (w.Code == http.StatusNotFound || w.Code == http.StatusMethodNotAllowed) {
		// No such route (TestOpenAPICoversRoutes checks the other way round).
		if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("%s %s → %d with Content-Type %q, want a problem", r.Method, r.URL.Path, w.Code, ct)
		}
		return
	}
	if err != nil {
		t.Errorf("%s %s is not in the OpenAPI document: %v", r.Method, r.URL.Path, err)
		return
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route,
			Options: &openapi3filter.Options{ExcludeRequestBody: true}},
		Status:  w.Code,
		Header:  w.Header(),
		Body:    io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		msg := err.Error()
		if len(msg) > 1500 {
			msg = msg[:1500] + "…"
		}
		t.Errorf("%s %s → %d does not match the OpenAPI document: %s", r.Method, r.URL, w.Code, msg)
	}
}

// checkHead checks a HEAD response against the GET operation it mirrors:
// the status must be documented there, and the body empty.
func checkHead(t *testing.T, router routers.Router, r *http.Request, w *httptest.ResponseRecorder) {
	t.Helper()
	get := r.Clone(r.Context())
	get.Method = http.MethodGet
	route, _, err := router.FindRoute(get)
	if err != nil {
		t.Errorf("HEAD %s: no GET in the OpenAPI document: %v", r.URL.Path, err)
		return
	}
	if route.Operation.Responses.Status(w.Code) == nil && route.Operation.Responses.Default() == nil {
		t.Errorf("HEAD %s → %d: status not documented for GET", r.URL.Path, w.Code)
	}
	if w.Body.Len() != 0 {
		t.Errorf("HEAD %s sent a body of %d bytes", r.URL.Path, w.Body.Len())
	}
}

// TestOpenAPICoversRoutes walks every route of the real router and fails
// if the document lacks it.
func TestOpenAPICoversRoutes(t *testing.T) {
	doc, _ := spec(t)
	e := newEnv(t, testdb.SQLite(t))
	n := 0
	for _, r := range e.h.Routes() {
		method, path := r[0], r[1]
		if strings.HasPrefix(path, "/*") {
			continue
		}
		if method == http.MethodHead {
			method = http.MethodGet // HEAD mirrors GET everywhere (see routes.go)
		}
		if path == "/map/assets/:version/*" {
			path = "/map/assets/:version/:asset" // documented as {asset} and vendor/{asset}
		}
		for _, seg := range strings.Split(path, "/") {
			if strings.HasPrefix(seg, ":") {
				path = strings.Replace(path, seg, "{"+seg[1:]+"}", 1)
			}
		}
		item := doc.Paths.Find(path)
		if item == nil || item.GetOperation(method) == nil {
			t.Errorf("route %s %s is not in openapi/openapi.yaml", method, path)
		}
		n++
	}
	if n < 10 {
		t.Fatalf("only %d routes found", n)
	}
}

func TestAPIDocument(t *testing.T) {
	e := newEnv(t, testdb.SQLite(t))
	w := e.req(t, "GET", "/api", 0, "")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/vnd.oai.openapi+json;version=3.0" {
		t.Fatalf("/api: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	doc, err := openapi3.NewLoader().LoadFromData(w.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	op := doc.Paths.Find("/collections/parcels/items").Get
	if op.Parameters.GetByInAndName("query", "power_capacity_mva") == nil || op.Parameters.GetByInAndName("query", "limit") == nil {
		t.Errorf("per-collection parameters missing")
	}
	y := e.req(t, "GET", "/api?f=yaml", 0, "")
	if y.Code != 200 || !strings.Contains(y.Body.String(), "openapi: 3.0.3") {
		t.Errorf("/api?f=yaml: %d %.200s", y.Code, y.Body)
	}
	problemOf(t, e.req(t, "GET", "/api?f=xml", 0, ""), 406)
}
