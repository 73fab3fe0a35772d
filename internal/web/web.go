// Package web holds landcat's investor map page, GET /map, and its static
// assets under /map/assets/. Everything the page needs (its scripts and
// styles, MapLibre GL JS, vendored under assets/vendor by
// .ci/tools/vendor-maplibre.sh, and the label glyphs under assets/glyphs,
// written by ./internal/mkglyphs) is embedded in the binary; the basemap
// is served as vector tiles by landcat itself (internal/basemap). The
// page makes no request that leaves landcat, and its
// Content-Security-Policy says so to the browser as well.
//
// Asset URLs carry a hash of every embedded asset
// (/map/assets/<hash>/app.js), so that relative ES module imports and
// MapLibre's worker (loaded relative to its module URL) all share one
// versioned prefix and can be cached as immutable. An asset asked for
// under another hash (a page from an older build) is still served, but
// must be revalidated.
//
// The package only provides the bytes, their types, validators and
// compressed forms; the HTTP API (internal/httpapi) serves them through the
// same stack as every other route: caching, compression, HEAD, security
// headers and errors live in one place there.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/language"
)

//go:embed assets
var assetFS embed.FS

//go:embed page.html
var pageSource string

// ContentSecurityPolicy keeps every request on landcat's origin. MapLibre
// needs blob: workers in some browsers and data: images (its CSS icons);
// inline style attributes are set by MapLibre and the page.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; worker-src 'self' blob:; child-src 'self' blob:; " +
	"img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self'; connect-src 'self'; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

// Languages the page is written in; the first is the default.
var languages = []language.Tag{language.Vietnamese, language.English}

var langMatcher = language.NewMatcher(languages)

// Resource is one embedded response body with its metadata.
type Resource struct {
	Body        []byte
	ContentType string
	ETag        string // strong, quoted: a hash of Body
	compress    bool

	gzOnce sync.Once
	gz     []byte // gzip of Body at best compression, when smaller
}

// Gzipped returns the body gzip-compressed once at the best level (assets
// never change, so it is computed on first use and kept), or nil when
// compression does not pay.
func (r *Resource) Gzipped() []byte {
	if !r.compress {
		return nil
	}
	r.gzOnce.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(r.Body)
		_ = zw.Close()
		if buf.Len() < len(r.Body) {
			r.gz = buf.Bytes()
		}
	})
	return r.gz
}

type site struct {
	assets  map[string]*Resource
	version string // hash of every asset, the versioned URL prefix
	pages   map[string]*Resource
}

var (
	siteOnce sync.Once
	theSite  *site
)

func load() *site {
	siteOnce.Do(func() {
		s, err := newSite()
		if err != nil {
			panic("web: " + err.Error()) // the embedded files are part of the build
		}
		theSite = s
	})
	return theSite
}

// Page returns the map page in lang ("vi" or "en"; anything else is
// Vietnamese).
func Page(lang string) *Resource {
	s := load()
	if p, ok := s.pages[lang]; ok {
		return p
	}
	return s.pages["vi"]
}

// Asset returns the asset name (a path below assets/, e.g. "app.js" or
// "vendor/maplibre-gl.mjs") asked for under version. current reports
// whether version is this build's: only then may the asset be cached as
// immutable.
func Asset(version, name string) (a *Resource, current, ok bool) {
	s := load()
	a, ok = s.assets[name]
	if !ok && glyphRange.MatchString(name) {
		// A label with characters of a range that was not generated:
		// an empty range draws them as nothing, where a 404 would stop
		// MapLibre from drawing the whole label.
		a, ok = emptyGlyphs, true
	}
	return a, version == s.version, ok && version != ""
}

// glyphRange matches MapLibre's glyph requests: glyphs/{fontstack}/{start}-{end}.pbf.
var glyphRange = regexp.MustCompile(`^glyphs/NotoSans-(Regular|Bold)/[0-9]{1,5}-[0-9]{1,5}\.pbf$`)

// emptyGlyphs is a glyphs message with no font stack: a valid, empty range.
var emptyGlyphs = &Resource{Body: []byte{}, ContentType: "application/x-protobuf", ETag: `"empty-glyphs"`}

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
	".pbf":  "application/x-protobuf",
	"":      "text/plain; charset=utf-8", // LICENSE, VERSION
}

func newSite() (*site, error) {
	h := &site{assets: map[string]*Resource{}, pages: map[string]*Resource{}}
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
		h.assets[name] = &Resource{Body: body, ContentType: ct,
			ETag:     `"` + hex.EncodeToString(sum[:12]) + `"`,
			compress: strings.HasPrefix(ct, "text/") || ct == "application/json" || ct == "image/svg+xml" || ct == "application/x-protobuf"}
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
		h.pages[lang.String()] = &Resource{Body: buf.Bytes(), ContentType: contentTypes[".html"],
			ETag: `"` + hex.EncodeToString(sum[:12]) + `"`, compress: true}
	}
	return h, nil
}

// PageLang picks the page's language from ?lang= (vi or en; anything else
// is ignored) and then Accept-Language, Vietnamese when nothing matches.
// The page itself prefers the language of its URL fragment, which a deep
// link carries.
func PageLang(query, acceptLanguage string) string {
	if query == "vi" || query == "en" {
		return query
	}
	_, i := language.MatchStrings(langMatcher, acceptLanguage)
	b, _ := languages[i].Base()
	return b.String()
}
