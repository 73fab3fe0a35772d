package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// The HTTP behaviour of the page (headers, caching, compression, HEAD,
// errors) is tested through the API's router in internal/httpapi; these
// tests cover what this package provides.

func TestPageResources(t *testing.T) {
	vi, en := Page("vi"), Page("en")
	if !strings.Contains(string(vi.Body), `<html lang="vi"`) || !strings.Contains(string(en.Body), `<html lang="en"`) {
		t.Fatal("pages are not in their language")
	}
	if vi.ETag == en.ETag || !regexp.MustCompile(`^"[0-9a-f]{24}"$`).MatchString(vi.ETag) {
		t.Errorf("ETags %s and %s", vi.ETag, en.ETag)
	}
	if Page("fr") != vi {
		t.Error("an unknown language is not Vietnamese")
	}
	if m := regexp.MustCompile(`(?:href|src)="(?:https?:)?//`).FindString(string(vi.Body)); m != "" {
		t.Errorf("page references another origin: %s", m)
	}
	for _, tc := range []struct{ query, accept, want string }{
		{"", "", "vi"},
		{"", "en-US,en;q=0.9", "en"},
		{"", "vi-VN,vi;q=0.9,en;q=0.8", "vi"},
		{"", "fr-FR,fr;q=0.9", "vi"},
		{"", "fr;q=0.9,en;q=0.5", "en"},
		{"en", "vi", "en"},
		{"vi", "en", "vi"},
		{"xx", "en", "en"},
	} {
		if got := PageLang(tc.query, tc.accept); got != tc.want {
			t.Errorf("PageLang(%q, %q) = %q, want %q", tc.query, tc.accept, got, tc.want)
		}
	}
}

func TestAssetLookup(t *testing.T) {
	version := regexp.MustCompile(`map/assets/([0-9a-f]+)/`).FindStringSubmatch(string(Page("vi").Body))
	if version == nil {
		t.Fatal("the page names no versioned asset prefix")
	}
	a, current, ok := Asset(version[1], "vendor/maplibre-gl.mjs")
	if !ok || !current || a.ContentType != "text/javascript; charset=utf-8" {
		t.Fatalf("maplibre-gl.mjs: ok=%v current=%v type=%q", ok, current, a.ContentType)
	}
	if b := string(a.Body); !strings.Contains(b, "MapLibre GL JS") || !strings.Contains(b, "export{") {
		t.Error("maplibre-gl.mjs does not look like the ESM bundle")
	}
	zr, err := gzip.NewReader(bytes.NewReader(a.Gzipped()))
	if err != nil {
		t.Fatal(err)
	}
	if back, _ := io.ReadAll(zr); !bytes.Equal(back, a.Body) || len(a.Gzipped()) >= len(a.Body)/2 {
		t.Error("the gzip form is wrong or too large")
	}
	if _, current, ok := Asset("0123456789abcdef", "app.js"); !ok || current {
		t.Errorf("an older version: ok=%v current=%v", ok, current)
	}
	for _, name := range []string{"nope.js", "../web.go", ""} {
		if _, _, ok := Asset(version[1], name); ok {
			t.Errorf("asset %q found", name)
		}
	}
	if _, _, ok := Asset("", "app.js"); ok {
		t.Error("an asset without a version is found")
	}
}

// TestNoExternalURLs keeps every request on landcat: the page's own
// scripts name no other origin, the MapLibre style has no sprite, and its
// glyphs are the page's own assets.
func TestNoExternalURLs(t *testing.T) {
	names, err := fs.Glob(assetFS, "assets/*.[jc]s*")
	if err != nil || len(names) < 8 {
		t.Fatalf("assets: %v %v", names, err)
	}
	for _, name := range names {
		name = strings.TrimPrefix(name, "assets/")
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
		if name == "mapstyle.js" && (regexp.MustCompile(`sprite\s*:`).Match(b) || !bytes.Contains(b, []byte("glyphs: `${ASSETS}glyphs/{fontstack}/{range}.pbf`"))) {
			t.Errorf("mapstyle.js uses a sprite, or glyphs from elsewhere than its assets")
		}
	}
}
