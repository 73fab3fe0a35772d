// Package web serves landcat's investor map page: GET /map and its
// static assets under /map/assets/. Everything the page needs (its
// scripts and styles and MapLibre GL JS, vendored under assets/vendor by
// .ci/tools/vendor-maplibre.sh) is embedded in the binary; the page makes
// no request that leaves landcat (no basemap, fonts, sprites or glyphs),
// and its Content-Security-Policy says so to the browser as well.
//
// Asset URLs carry a hash of every embedded asset
// (/map/assets/<hash>/app.js), so that relative ES module imports and
// MapLibre's worker (loaded relative to its module URL) all share one
// versioned prefix and can be cached as immutable. An asset asked for
// under another hash (a page from an older build) is still served, but
// must be revalidated.
//
// The handler is plain net/http; it expects to see every request whose
// path is /map or starts with /map/.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/language"
)

//go:embed assets
var assetFS embed.FS

//go:embed page.html
var pageSource string

// Paths the handler answers.
const (
	PagePath   = "/map"
	AssetsPath = "/map/assets/"
)

// contentSecurityPolicy keeps every request on landcat's origin. MapLibre
// needs blob: workers in some browsers and data: images (its CSS icons);
// inline style attributes are set by MapLibre and the page.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; worker-src 'self' blob:; child-src 'self' blob:; " +
	"img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self'; connect-src 'self'; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

// Languages the page is written in; the first is the default.
var languages = []language.Tag{language.Vietnamese, language.English}

var langMatcher = language.NewMatcher(languages)

type asset struct {
	name        string // path below assets/
	body        []byte
	contentType string
	etag        string // strong, quoted
	compress    bool

	gzOnce sync.Once
	gz     []byte // gzip of body, when smaller
}

func (a *asset) gzipped() []byte {
	a.gzOnce.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(a.body)
		_ = zw.Close()
		if buf.Len() < len(a.body) {
			a.gz = buf.Bytes()
		}
	})
	return a.gz
}

// page is the map page rendered in one language.
type page struct {
	body []byte
	etag string
}

type handler struct {
	assets  map[string]*asset
	version string // hash of every asset, the versioned URL prefix
	pages   map[string]*page
}

var (
	defaultOnce    sync.Once
	defaultHandler *handler
)

// Handler returns the handler of GET /map and /map/assets/…. Mount it for
// "/map" and every path below "/map/".
func Handler() http.Handler {
	defaultOnce.Do(func() {
		h, err := newHandler()
		if err != nil {
			panic("web: " + err.Error()) // the embedded files are part of the build
		}
		defaultHandler = h
	})
	return defaultHandler
}

// Wrap returns a handler that serves /map and everything below /map/
// with Handler and passes every other request to next. It keeps the page
// out of the API's router and middleware (its own caching and compression
// apply, and the OpenAPI route checks do not see it).
func Wrap(next http.Handler) http.Handler {
	page := Handler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; p == PagePath || strings.HasPrefix(p, PagePath+"/") {
			page.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// contentTypes lists the types of the embedded files by extension. The
// list is explicit so that the system's MIME tables cannot change it
// (.mjs must be JavaScript for module scripts to load).
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".txt":  "text/plain; charset=utf-8",
	"":      "text/plain; charset=utf-8", // LICENSE, VERSION
}

func newHandler() (*handler, error) {
	h := &handler{assets: map[string]*asset{}, pages: map[string]*page{}}
	all := sha256.New()
	var names []string
	err := fs.WalkDir(assetFS, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		names = append(names, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, p := range names {
		body, err := assetFS.ReadFile(p)
		if err != nil {
			return nil, err
		}
		name := strings.TrimPrefix(p, "assets/")
		ext := path.Ext(name)
		ct, ok := contentTypes[ext]
		if !ok {
			ct = "application/octet-stream"
		}
		sum := sha256.Sum256(body)
		all.Write([]byte(name))
		all.Write(sum[:])
		h.assets[name] = &asset{name: name, body: body, contentType: ct,
			etag:     `"` + hex.EncodeToString(sum[:12]) + `"`,
			compress: strings.HasPrefix(ct, "text/") || ct == "application/json" || ct == "image/svg+xml"}
	}
	h.version = hex.EncodeToString(all.Sum(nil)[:8])

	tmpl, err := template.New("page").Parse(pageSource)
	if err != nil {
		return nil, err
	}
	for _, tag := range languages {
		lang, _ := tag.Base()
		var buf bytes.Buffer
		data := struct {
			Lang, Assets, Version string
		}{Lang: lang.String(), Assets: "map/assets/" + h.version + "/", Version: h.version}
		if err := tmpl.Execute(&buf, data); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(buf.Bytes())
		h.pages[lang.String()] = &page{body: buf.Bytes(), etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
	}
	return h, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case p == PagePath:
		if !allowRead(w, r) {
			return
		}
		h.servePage(w, r)
	case p == PagePath+"/":
		target := PagePath
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	case strings.HasPrefix(p, AssetsPath):
		if !allowRead(w, r) {
			return
		}
		h.serveAsset(w, r, strings.TrimPrefix(p, AssetsPath))
	default:
		problem(w, r, http.StatusNotFound, "no such page below /map")
	}
}

func allowRead(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	problem(w, r, http.StatusMethodNotAllowed, r.Method+" is not allowed here")
	return false
}

// pageLang picks the page's language: ?lang=vi|en, else Accept-Language
// (Vietnamese when nothing matches). The page itself prefers the language
// of its URL fragment, which a deep link carries.
func pageLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "vi" || l == "en" {
		return l
	}
	_, i := language.MatchStrings(langMatcher, r.Header.Get("Accept-Language"))
	b, _ := languages[i].Base()
	return b.String()
}

func (h *handler) servePage(w http.ResponseWriter, r *http.Request) {
	lang := pageLang(r)
	pg := h.pages[lang]
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Language", lang)
	hd.Add("Vary", "Accept-Language")
	hd.Set("Cache-Control", "no-cache")
	hd.Set("ETag", pg.etag)
	hd.Set("Content-Security-Policy", contentSecurityPolicy)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "same-origin")
	send(w, r, pg.body, pg.etag)
}

func (h *handler) serveAsset(w http.ResponseWriter, r *http.Request, rest string) {
	version, name, ok := strings.Cut(rest, "/")
	a := h.assets[name]
	if !ok || version == "" || a == nil {
		problem(w, r, http.StatusNotFound, "no such map asset")
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", a.contentType)
	hd.Set("X-Content-Type-Options", "nosniff")
	if version == h.version {
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		// An older or made-up version: the content is this build's, so
		// it must not be cached as that version's.
		hd.Set("Cache-Control", "no-cache")
	}
	body, etag := a.body, a.etag
	if a.compress {
		hd.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			if gz := a.gzipped(); gz != nil {
				body, etag = gz, strings.TrimSuffix(a.etag, `"`)+`.gz"`
				hd.Set("Content-Encoding", "gzip")
			}
		}
	}
	send(w, r, body, etag)
}

// send answers a conditional GET or HEAD with body. The body goes out in
// one Write: middleware that buffers responses may keep the slice it is
// given (landcat's HTTP cache does), and one call keeps that safe.
func send(w http.ResponseWriter, r *http.Request, body []byte, etag string) {
	hd := w.Header()
	hd.Set("ETag", etag)
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		// RFC 9110 §15.4.5: a 304 repeats ETag, Cache-Control and Vary.
		hd.Del("Content-Type")
		hd.Del("Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	// Also for HEAD: net/http drops the bytes, and a middleware that
	// measures the body (landcat's HTTP cache) still sees its length.
	_, _ = w.Write(body)
}

// etagMatches applies If-None-Match (weak comparison, RFC 9110 §13.1.2).
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether Accept-Encoding lists gzip without q=0.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// problem writes an RFC 9457 body, as the rest of landcat does.
func problem(w http.ResponseWriter, r *http.Request, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{
		"type": "about:blank", "title": http.StatusText(status), "status": status,
		"detail": detail, "instance": r.URL.RequestURI(),
	})
}
