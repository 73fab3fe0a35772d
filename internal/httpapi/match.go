package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/match"
)

// DemandLog keeps what investors asked the matcher (no personal data).
type DemandLog interface {
	Add(at time.Time, sector string, record []byte)
	Records(ctx context.Context, from, to time.Time) ([][]byte, error)
}

// matchRun is POST /match: rank the published parcels against an
// investor's requirements, explaining every score and every exclusion.
// ?excluded_limit=N (default match.DefaultExcludedLimit, at most
// match.MaxExcludedLimit: above it the answer is a 400, not a silently
// shorter list) caps the list of excluded parcels; excluded_total, the
// X-Landcat-Excluded-Total header, the counts and the funnel always cover
// all of them. Zone ids are checked against the published zones of the
// snapshot matched on. Accept: application/geo+json returns the ranked
// parcels as a FeatureCollection for a map (no exclusions are listed).
// Names and every sentence are in the negotiated language (?lang=, then
// Accept-Language, Vietnamese by default), which Content-Language states.
func (s *server) matchRun(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("lang", "excluded_limit")); err != nil {
		return err
	}
	excluded, err := excludedLimit(c.QueryParam("excluded_limit"))
	if err != nil {
		return err
	}
	body, err := readBody(c, mimeJSON)
	if err != nil {
		return err
	}
	snap := s.warmed.Snapshot()
	req, err := match.ParseRequest(body, match.PublishedZones(snap))
	if err != nil {
		return err
	}
	if req.Lang, err = negotiateLang(c); err != nil {
		return err
	}
	geoJSON := strings.Contains(c.Request().Header.Get("Accept"), mimeGeoJSON)
	if req.ExcludedLimit = excluded; geoJSON {
		req.ExcludedLimit = 0
	}
	res := s.matcher.Match(snap, req)
	s.recordDemand(req, res)
	s.snapshotHeaders(c, snap)
	c.Response().Header().Set("Content-Language", req.Lang)
	c.Response().Header().Set("X-Landcat-Excluded-Total", strconv.Itoa(res.ExcludedTotal))
	if geoJSON {
		return c.Blob(http.StatusOK, mimeGeoJSON, res.AppendFeatureCollection(nil, snap, req.Lang))
	}
	return sendJSON(c, http.StatusOK, mimeJSON, res)
}

// excludedLimit reads ?excluded_limit=: match.DefaultExcludedLimit when
// absent, else a whole number from 0 to match.MaxExcludedLimit.
func excludedLimit(raw string) (int, error) {
	if raw == "" {
		return match.DefaultExcludedLimit, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 || n > match.MaxExcludedLimit {
		if len(raw) > 20 {
			raw = raw[:20] + "…"
		}
		return 0, badRequest("excluded_limit", fmt.Sprintf("must be a whole number from 0 to %d, got %q", match.MaxExcludedLimit, raw))
	}
	return n, nil
}

func (s *server) recordDemand(req match.Request, res match.Result) {
	if s.demand == nil {
		return
	}
	rec, err := json.Marshal(match.NewDemandRecord(req, res, time.Now()))
	if err != nil {
		s.log.Error("encode demand record", "err", err)
		return
	}
	s.demand.Add(time.Now(), req.Sector, rec)
}

// matchProfiles is GET /match/profiles: the sector profiles, their
// sentences in the negotiated language (?lang=, then Accept-Language,
// Vietnamese by default), and the requirements and weights a request may
// state.
func (s *server) matchProfiles(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("f", "lang")); err != nil {
		return err
	}
	lang, err := negotiateLang(c)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Language", lang)
	h.Add("Vary", "Accept-Language")
	return sendJSON(c, http.StatusOK, mimeJSON, map[string]any{
		"profiles":     match.ProfilesIn(lang),
		"requirements": match.RequirementCatalogue(),
		"weights":      match.WeightCatalogue(),
	})
}

// matchDemand is GET /match/demand?from=…&to=… (editors): which
// requirements most often eliminated sites, and how many requests found
// none, over a time window (RFC 3339 or dates; default: the last 90 days).
func (s *server) matchDemand(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("from", "to")); err != nil {
		return err
	}
	from, to, err := demandWindow(c)
	if err != nil {
		return err
	}
	if s.demand == nil {
		return catalog.Errorf(catalog.KindUnavailable, "demand statistics are not kept by this server")
	}
	recs, err := s.demandRecords(c.Request().Context(), from, to)
	if err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, mimeJSON, match.Summarize(recs, from, to))
}
