package httpapi

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/i18n"
	"github.com/paulmach/orb"
	"golang.org/x/text/language"
)

// Paging limits (the published interface): above the maximum a limit is clamped, not
// refused.
const (
	defaultLimit = 100
	maxLimit     = 10000
)

// checkParams refuses query parameters the endpoint does not know, naming
// them; a typo must not silently widen a query.
func checkParams(q url.Values, known func(string) bool) error {
	for name := range q {
		if !known(name) {
			return badRequest(shorten(name), "unknown query parameter")
		}
	}
	return nil
}

func oneOf(names ...string) func(string) bool {
	return func(n string) bool {
		for _, m := range names {
			if n == m {
				return true
			}
		}
		return false
	}
}

func parseBBox(raw string) (*orb.Bound, error) {
	parts := strings.Split(raw, ",")
	if len(parts) != 4 {
		if len(parts) == 6 {
			return nil, badRequest("bbox", "3D bounding boxes are not supported; give minLon,minLat,maxLon,maxLat")
		}
		return nil, badRequest("bbox", "must be four numbers minLon,minLat,maxLon,maxLat")
	}
	var v [4]float64
	for i, p := range parts {
		n, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			return nil, badRequest("bbox", fmt.Sprintf("%q is not a number", p))
		}
		v[i] = n
	}
	if v[1] < -90 || v[3] > 90 || v[1] > v[3] {
		return nil, badRequest("bbox", "latitudes must satisfy -90 <= minLat <= maxLat <= 90")
	}
	if v[0] < -180 || v[2] > 180 || v[0] > 180 || v[2] < -180 {
		return nil, badRequest("bbox", "longitudes must lie in [-180, 180]")
	}
	if v[0] > v[2] {
		// Crossing the antimeridian: the catalogue is regional, so the
		// eastern part suffices unless the data straddle ±180.
		return &orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{180, v[3]}}, nil
	}
	return &orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}, nil
}

// parseLimit reads limit: a whole number ≥ 1, clamped to maxLimit however
// it is spelled ("20000", "1e12" and a number too large for an int are all
// maxLimit, as documented); anything else is a 400.
func parseLimit(raw string) (int, error) {
	if raw == "" {
		return defaultLimit, nil
	}
	n, ok := parseCount(raw)
	if !ok || n < 1 {
		return 0, badRequest("limit", fmt.Sprintf("must be a whole number from 1 to %d (larger values are clamped to %d), got %q", maxLimit, maxLimit, shorten(raw)))
	}
	return int(min(n, maxLimit)), nil
}

// parseOffset reads offset: a whole number ≥ 0 (beyond the last feature the
// page is empty).
func parseOffset(raw string) (int, error) {
	if raw == "" {
		return 0, nil
	}
	n, ok := parseCount(raw)
	if !ok || n < 0 {
		return 0, badRequest("offset", fmt.Sprintf("must be a whole number ≥ 0, got %q", shorten(raw)))
	}
	return int(min(n, math.MaxInt32)), nil
}

// parseCount reads a whole number written in decimal or exponent notation
// ("100", "1e3", "1.0E4"), saturating at 2^53 so that a huge value stays
// huge instead of failing to parse.
func parseCount(raw string) (float64, bool) {
	if raw == "" || strings.Trim(raw, "0123456789.eE+-") != "" {
		return 0, false // no "Inf", "NaN" or hexadecimal spellings
	}
	n, err := strconv.ParseFloat(raw, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false
	}
	if math.IsNaN(n) || n != math.Trunc(n) {
		return 0, false
	}
	return min(n, 1<<53), true
}

// parsePublication reads ?publication=draft,in_review: officers only.
func parsePublication(c echo.Context) ([]catalog.Publication, error) {
	raw := c.QueryParam("publication")
	if raw == "" {
		return nil, nil
	}
	if err := checkRole(actor(c), catalog.RoleViewer); err != nil {
		return nil, err
	}
	var out []catalog.Publication
	for _, p := range strings.Split(raw, ",") {
		pub, ok := catalog.ParsePublication(p)
		if !ok {
			return nil, badRequest("publication", fmt.Sprintf("%q is not one of %v", p, catalog.PublicationList))
		}
		out = append(out, pub)
	}
	return out, nil
}

var langMatcher = func() language.Matcher {
	tags := make([]language.Tag, len(i18n.Languages))
	for i, l := range i18n.Languages {
		tags[i] = language.Make(l)
	}
	return language.NewMatcher(tags)
}()

// negotiateLang picks the language of names and sentences: ?lang= first, then
// Accept-Language, Vietnamese by default.
func negotiateLang(c echo.Context) (string, error) {
	if l := c.QueryParam("lang"); l != "" {
		for _, known := range i18n.Languages {
			if l == known {
				return l, nil
			}
		}
		return "", badRequest("lang", fmt.Sprintf("%q is not one of %v", l, i18n.Languages))
	}
	tags, _, err := language.ParseAcceptLanguage(c.Request().Header.Get("Accept-Language"))
	if err != nil || len(tags) == 0 {
		return i18n.Languages[0], nil
	}
	_, i, _ := langMatcher.Match(tags...)
	return i18n.Languages[i], nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
