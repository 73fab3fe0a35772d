package httpapi

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
)

// strictQuery refuses query strings that net/url would read differently
// from what the client meant: url.Values silently drops a pair with a raw
// ";" or a malformed %-escape, so "?filter=status='leased';" would lose its
// filter and return the whole catalogue. A parameter given twice is refused
// too (every list parameter takes comma-separated values), as are names and
// values that are not UTF-8 text or hold a NUL character. Each problem names
// the parameter at fault.
func strictQuery(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := checkQueryString(c.Request().URL.RawQuery); err != nil {
			return err
		}
		return next(c)
	}
}

// checkQueryString applies strictQuery's rules to a raw query string.
func checkQueryString(raw string) error {
	if raw == "" {
		return nil
	}
	seen := map[string]bool{}
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		rawName, rawValue, _ := strings.Cut(pair, "=")
		name, err := url.QueryUnescape(rawName)
		if err != nil {
			return badRequest(shorten(rawName), "the parameter name is not valid URL encoding (a % must be followed by two hex digits)")
		}
		if !cleanText(name) {
			return badRequest(shorten(rawName), "the parameter name is not UTF-8 text")
		}
		if name == "" {
			return badRequest("", fmt.Sprintf("%q has no parameter name", shorten(pair)))
		}
		if strings.Contains(rawName, ";") || strings.Contains(rawValue, ";") {
			return badRequest(shorten(name), `holds a raw ";", which separates nothing here; encode it as %3B`)
		}
		value, err := url.QueryUnescape(rawValue)
		if err != nil {
			return badRequest(shorten(name), "the value is not valid URL encoding (a % must be followed by two hex digits)")
		}
		if !cleanText(value) {
			return badRequest(shorten(name), "the value is not UTF-8 text or holds a NUL character")
		}
		if seen[name] {
			return badRequest(shorten(name), "is given more than once; give it once (lists are comma-separated)")
		}
		seen[name] = true
	}
	return nil
}

// cleanText reports whether s is valid UTF-8 without NUL characters.
func cleanText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// shorten keeps names echoed in problems short: a hostile query string
// must not be reflected back at full length.
func shorten(s string) string {
	const max = 64
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
