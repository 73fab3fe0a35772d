package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func get(t *testing.T, h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// assetURLs returns the asset paths the page references.
func assetURLs(t *testing.T, page string) []string {
	t.Helper()
	var out []string
	for _, m := range regexp.MustCompile(`(?:href|src)="(map/assets/[^"]+)"`).FindAllStringSubmatch(page, -1) {
		out = append(out, "/"+m[1])
	}
	if len(out) < 4 {
		t.Fatalf("page references %d assets: %v", len(out), out)
	}
	return out
}

func TestPage(t *testing.T) {
	h := Handler()
	rec := get(t, h, "/map")
	if rec.Code != 200 {
		t.Fatalf("GET /map: %d %s", rec.Code, rec.Body)
	}
	hd := rec.Header()
	for k, want := range map[string]string{
		"Content-Type":     "text/html; charset=utf-8",
		"Content-Language": "vi",
		"Cache-Control":    "no-cache",
		"Vary":             "Accept-Language",
	} {
		if got := hd.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	csp := hd.Get("Content-Security-Policy")
	for _, d := range []string{"default-src 'self'", "connect-src 'self'", "script-src 'self'", "font-src 'self'"} {
		if !strings.Contains(csp, d) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, d)
		}
	}
	etag := hd.Get("ETag")
	if !regexp.MustCompile(`^"[0-9a-f]{24}"$`).MatchString(etag) {
		t.Errorf("ETag %q is not a strong hash", etag)
	}
	body := rec.Body.String()
	if !strings.Contains(body, `<html lang="vi"`) || !strings.Contains(body, `type="module"`) {
		t.Errorf("page: %.300s", body)
	}
	// Nothing outside landcat: no absolute URL in the page.
	if m := regexp.MustCompile(`(?:href|src)="(?:https?:)?//`).FindString(body); m != "" {
		t.Errorf("page references another origin: %s", m)
	}
	if rec := get(t, h, "/map", "If-None-Match", etag); rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", rec.Code)
	}
}

func TestPageLanguage(t *testing.T) {
	h := Handler()
	for _, tc := range []struct{ query, accept, want string }{
		{"", "", "vi"},
		{"", "en-US,en;q=0.9", "en"},
		{"", "vi-VN,vi;q=0.9,en;q=0.8", "vi"},
		{"", "fr-FR,fr;q=0.9", "vi"},
		{"", "fr;q=0.9,en;q=0.5", "en"},
		{"?lang=en", "vi", "en"},
		{"?lang=vi", "en", "vi"},
		{"?lang=xx", "en", "en"},
	} {
		rec := get(t, h, "/map"+tc.query, "Accept-Language", tc.accept)
		if got := rec.Header().Get("Content-Language"); got != tc.want {
			t.Errorf("%s Accept-Language %q: Content-Language %q, want %q", tc.query, tc.accept, got, tc.want)
		}
		if !strings.Contains(rec.Body.String(), `<html lang="`+tc.want+`"`) {
			t.Errorf("%s Accept-Language %q: page not in %s", tc.query, tc.accept, tc.want)
		}
	}
	vi := get(t, h, "/map").Header().Get("ETag")
	en := get(t, h, "/map?lang=en").Header().Get("ETag")
	if vi == en {
		t.Errorf("both languages have ETag %s", vi)
	}
}

func TestAssets(t *testing.T) {
	h := Handler()
	page := get(t, h, "/map").Body.String()
	urls := assetURLs(t, page)
	types := map[string]string{
		".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
		".css": "text/css; charset=utf-8", ".svg": "image/svg+xml",
	}
	// The modules the page loads, and MapLibre's worker, which the main
	// bundle loads relative to itself.
	prefix := urls[0][:strings.LastIndex(urls[0], "/")+1]
	urls = append(urls, prefix+"i18n.js", prefix+"finder.js", prefix+"details.js", prefix+"mapstyle.js",
		prefix+"api.js", prefix+"util.js", prefix+"vendor/maplibre-gl-worker.mjs", prefix+"vendor/LICENSE.txt")
	for _, u := range urls {
		rec := get(t, h, u)
		if rec.Code != 200 {
			t.Errorf("GET %s: %d", u, rec.Code)
			continue
		}
		ext := u[strings.LastIndex(u, "."):]
		if want, ok := types[ext]; ok && rec.Header().Get("Content-Type") != want {
			t.Errorf("GET %s: Content-Type %q, want %q", u, rec.Header().Get("Content-Type"), want)
		}
		if cc := rec.Header().Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
			t.Errorf("GET %s: Cache-Control %q", u, cc)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", u)
		}
		etag := rec.Header().Get("ETag")
		if !regexp.MustCompile(`^"[0-9a-f]{24}"$`).MatchString(etag) {
			t.Errorf("GET %s: ETag %q", u, etag)
		}
		if rec := get(t, h, u, "If-None-Match", etag); rec.Code != http.StatusNotModified {
			t.Errorf("GET %s If-None-Match: %d", u, rec.Code)
		}
	}
	// The vendored bundle is MapLibre GL JS 6 as an ES module.
	rec := get(t, h, prefix+"vendor/maplibre-gl.mjs")
	if b := rec.Body.String(); !strings.Contains(b, "MapLibre GL JS") || !strings.Contains(b, "export{") {
		t.Errorf("maplibre-gl.mjs does not look like the ESM bundle")
	}
}

func TestAssetGzip(t *testing.T) {
	h := Handler()
	u := assetURLs(t, get(t, h, "/map").Body.String())
	var mjs string
	for _, x := range u {
		if strings.HasSuffix(x, "maplibre-gl.mjs") {
			mjs = x
		}
	}
	plain := get(t, h, mjs)
	gz := get(t, h, mjs, "Accept-Encoding", "br, gzip;q=0.8")
	if gz.Header().Get("Content-Encoding") != "gzip" || !strings.Contains(gz.Header().Get("Vary"), "Accept-Encoding") {
		t.Fatalf("gzip: Content-Encoding %q Vary %q", gz.Header().Get("Content-Encoding"), gz.Header().Get("Vary"))
	}
	if gz.Header().Get("ETag") == plain.Header().Get("ETag") {
		t.Errorf("gzip and identity share ETag %s", gz.Header().Get("ETag"))
	}
	if gz.Body.Len() >= plain.Body.Len()/2 {
		t.Errorf("gzip %d bytes for %d", gz.Body.Len(), plain.Body.Len())
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	back, _ := io.ReadAll(zr)
	if !bytes.Equal(back, plain.Body.Bytes()) {
		t.Error("gunzipped body differs")
	}
	if rec := get(t, h, mjs, "Accept-Encoding", "gzip;q=0"); rec.Header().Get("Content-Encoding") != "" {
		t.Error("gzip;q=0 still compressed")
	}
	if rec := get(t, h, mjs, "Accept-Encoding", "gzip", "If-None-Match", gz.Header().Get("ETag")); rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match on the gzip ETag: %d", rec.Code)
	}
}

func TestNotFoundAndMethods(t *testing.T) {
	h := Handler()
	for _, u := range []string{"/map/nope", "/map/assets/", "/map/assets/app.js", "/map/assets/x/nope.js", "/map/assets/x/../web.go", "/mapx"} {
		rec := get(t, h, u)
		if rec.Code != http.StatusNotFound || rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("GET %s: %d %s", u, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
	// An asset under another build's hash is served, but not as immutable.
	rec := get(t, h, "/map/assets/0123456789abcdef/app.js")
	if rec.Code != 200 || rec.Header().Get("Cache-Control") != "no-cache" {
		t.Errorf("old version: %d %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
	rec = get(t, h, "/map/?lang=en")
	if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/map?lang=en" {
		t.Errorf("GET /map/: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	req := httptest.NewRequest(http.MethodPost, "/map", strings.NewReader("{}"))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /map: %d Allow %q", w.Code, w.Header().Get("Allow"))
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	res, err := http.Head(srv.URL + "/map")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if want := int64(len(get(t, h, "/map").Body.Bytes())); res.StatusCode != 200 || len(body) != 0 || res.ContentLength != want {
		t.Errorf("HEAD /map: %d, %d bytes, Content-Length %d, want %d", res.StatusCode, len(body), res.ContentLength, want)
	}
}

// TestNoExternalURLs keeps every request on landcat: the page's own
// scripts name no other origin, and the MapLibre style has no glyphs or
// sprite (they would be fetched).
func TestNoExternalURLs(t *testing.T) {
	for _, name := range []string{"app.js", "api.js", "details.js", "finder.js", "i18n.js", "mapstyle.js", "util.js", "style.css"} {
		b, err := assetFS.ReadFile("assets/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if m := regexp.MustCompile(`https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import`).Find(b); m != nil {
			t.Errorf("%s mentions %q", name, m)
		}
		if name == "style.css" && bytes.Contains(b, []byte("url(")) {
			t.Errorf("style.css loads a url()")
		}
		if name == "mapstyle.js" && regexp.MustCompile(`glyphs\s*:|sprite\s*:|'symbol'`).Match(b) {
			t.Errorf("mapstyle.js uses glyphs, a sprite or symbol layers")
		}
	}
}

// countingWriter counts Write calls and checks that no slice it was given
// changes afterwards (a buffering middleware may keep it).
type countingWriter struct {
	*httptest.ResponseRecorder
	writes int
	kept   [][]byte
	copies [][]byte
}

func (w *countingWriter) Write(b []byte) (int, error) {
	w.writes++
	w.kept = append(w.kept, b)
	w.copies = append(w.copies, bytes.Clone(b))
	return w.ResponseRecorder.Write(b)
}

func TestOneWrite(t *testing.T) {
	h := Handler()
	u := assetURLs(t, get(t, h, "/map").Body.String())
	for _, x := range append(u, "/map") {
		for _, enc := range []string{"", "gzip"} {
			w := &countingWriter{ResponseRecorder: httptest.NewRecorder()}
			req := httptest.NewRequest(http.MethodGet, x, nil)
			req.Header.Set("Accept-Encoding", enc)
			h.ServeHTTP(w, req)
			if w.writes != 1 {
				t.Errorf("GET %s (%s): %d writes, want 1", x, enc, w.writes)
			}
			for i := range w.kept {
				if !bytes.Equal(w.kept[i], w.copies[i]) {
					t.Errorf("GET %s: a written slice changed afterwards", x)
				}
			}
		}
	}
}

func TestIfNoneMatch(t *testing.T) {
	h := Handler()
	etag := get(t, h, "/map").Header().Get("ETag")
	for _, inm := range []string{etag, "*", `"x", ` + etag, "W/" + etag} {
		rec := get(t, h, "/map", "If-None-Match", inm)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag {
			t.Errorf("If-None-Match %s: %d, %d bytes", inm, rec.Code, rec.Body.Len())
		}
	}
	if rec := get(t, h, "/map", "If-None-Match", `"other"`); rec.Code != 200 {
		t.Errorf("If-None-Match other: %d", rec.Code)
	}
}

func TestWrap(t *testing.T) {
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-API", "yes")
		w.WriteHeader(http.StatusTeapot)
	})
	h := Wrap(api)
	for path, want := range map[string]int{
		"/map": 200, "/map/": http.StatusMovedPermanently, "/map/nope": 404,
		"/": http.StatusTeapot, "/mapx": http.StatusTeapot, "/collections/map": http.StatusTeapot, "/match": http.StatusTeapot,
	} {
		rec := get(t, h, path)
		if rec.Code != want {
			t.Errorf("GET %s: %d, want %d", path, rec.Code, want)
		}
		if api := rec.Header().Get("X-API") == "yes"; api != (want == http.StatusTeapot) {
			t.Errorf("GET %s: reached the API: %v", path, api)
		}
	}
}
