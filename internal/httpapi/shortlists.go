package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/match"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/landcat/landcat/internal/sites"
)

// ShortlistStore keeps investors' shortlists (internal/store).
type ShortlistStore interface {
	CreateShortlist(ctx context.Context, sl sites.Shortlist) error
	Shortlist(ctx context.Context, token string) (sites.Shortlist, error)
	Shortlists(ctx context.Context, inquired bool, limit int) ([]sites.Shortlist, error)
}

// A shortlist's link is its only key: it is not cached by shared caches
// and not leaked to other sites through the Referer header.
const shortlistCacheControl = "private, no-cache"

func (s *server) shortlistStore() (ShortlistStore, error) {
	if s.shortlists == nil {
		return nil, catalog.Errorf(catalog.KindUnavailable, "shortlists are not kept by this server")
	}
	return s.shortlists, nil
}

// shortlistCreate is POST /shortlists (public, rate-limited as a public
// write): {"parcels": [...], "match": {...}, "note": "..."} → 201 with the
// shortlist's unguessable link in Location.
func (s *server) shortlistCreate(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("lang")); err != nil {
		return err
	}
	st, err := s.shortlistStore()
	if err != nil {
		return err
	}
	body, err := readBody(c, mimeJSON)
	if err != nil {
		return err
	}
	var req sites.ShortlistRequest
	if err := jsonUnmarshal(body, &req); err != nil {
		return catalog.Errorf(catalog.KindBadRequest, "the body must be {\"parcels\": [...], \"match\": {...}, \"note\": \"...\"}: %v", err)
	}
	snap := s.model.Snapshot()
	published := func(id string) bool {
		f, ok := snap.Get(catalog.Parcels, id)
		return ok && f.Publication == catalog.Published
	}
	checkMatch := func(m []byte) error {
		_, err := match.ParseRequest(m, match.PublishedZones(snap))
		return err
	}
	sl, err := sites.NewShortlist(req, published, checkMatch, time.Now())
	if err != nil {
		return err
	}
	if err := st.CreateShortlist(c.Request().Context(), sl); err != nil {
		return err
	}
	lang, err := negotiateLang(c)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Location", "/shortlists/"+sl.Token)
	h.Set("Cache-Control", "no-store")
	return sendJSON(c, http.StatusCreated, mimeJSON, shortlistView(c, snap, sl, lang))
}

// shortlistGet is GET /shortlists/{token}: the parcels (each with whether
// it is still published), the match request and the note, with links to
// the map, a comparison and the fact sheet.
func (s *server) shortlistGet(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("lang", "f")); err != nil {
		return err
	}
	if f := c.QueryParam("f"); f != "" && f != "json" {
		return echo.NewHTTPError(http.StatusNotAcceptable, fmt.Sprintf("f=%s: a shortlist is JSON (f=json); its fact sheet is HTML or PDF", f))
	}
	sl, err := s.loadShortlist(c)
	if err != nil {
		return err
	}
	lang, err := negotiateLang(c)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", shortlistCacheControl)
	c.Response().Header().Set("Content-Language", lang)
	c.Response().Header().Add("Vary", "Accept-Language")
	return sendJSON(c, http.StatusOK, mimeJSON, shortlistView(c, s.model.Snapshot(), sl, lang))
}

func (s *server) loadShortlist(c echo.Context) (sites.Shortlist, error) {
	st, err := s.shortlistStore()
	if err != nil {
		return sites.Shortlist{}, err
	}
	token := c.Param("token")
	if !sites.ValidToken(token) {
		return sites.Shortlist{}, catalog.Errorf(catalog.KindNotFound, "there is no shortlist at this link (or it expired)")
	}
	return st.Shortlist(c.Request().Context(), token)
}

// shortlistSite is a shortlisted parcel as it is now.
type shortlistSite struct {
	ID        string `json:"id"`
	Published bool   `json:"published"`
	Code      string `json:"code,omitempty"`
	Name      string `json:"name,omitempty"`
	Zone      string `json:"zone,omitempty"`
	Status    any    `json:"status,omitempty"`
	AreaHa    any    `json:"area_ha,omitempty"`
}

func shortlistView(c echo.Context, snap *readmodel.Snapshot, sl sites.Shortlist, lang string) any {
	b := baseURL(c)
	var list []shortlistSite
	var live []string
	for _, id := range sl.Parcels {
		res, err := sites.Resolve(snap, []string{id}, lang)
		if err != nil {
			list = append(list, shortlistSite{ID: id})
			continue
		}
		f, _ := snap.Get(catalog.Parcels, id)
		list = append(list, shortlistSite{ID: id, Published: true, Code: res[0].Code, Name: res[0].Name, Zone: res[0].Zone,
			Status: f.Value("status"), AreaHa: f.Value("area_ha")})
		live = append(live, id)
	}
	self := b + "/shortlists/" + sl.Token
	links := []link{
		{Href: self, Rel: "self", Type: mimeJSON},
		{Href: b + "/map#shortlist=" + sl.Token + "&lang=" + mapLang(lang), Rel: "map", Type: mimeHTML, Title: sites.UI("openMap", lang)},
		{Href: self + "/factsheet?f=pdf&lang=" + lang, Rel: "factsheet", Type: "application/pdf", Title: sites.UI("factsheet", lang)},
		{Href: self + "/factsheet?f=html&lang=" + lang, Rel: "factsheet", Type: mimeHTML, Title: sites.UI("factsheet", lang)},
	}
	if len(live) >= sites.MinCompare && len(live) <= sites.MaxCompare {
		links = append(links, link{Href: b + "/compare?ids=" + url.QueryEscape(strings.Join(live, ",")) + "&lang=" + lang,
			Rel: "compare", Type: mimeJSON, Title: sites.UI("compare", lang)})
	}
	return map[string]any{
		"token": sl.Token, "parcels": sl.Parcels, "sites": list, "match": nullIfEmpty(sl.Match), "note": sl.Note,
		"created_at": sl.CreatedAt, "expires_at": sl.ExpiresAt, "links": links,
	}
}

func nullIfEmpty(m json.RawMessage) any {
	if len(m) == 0 {
		return nil
	}
	return m
}

// shortlistList is GET /shortlists (editors): which shortlists investors
// kept and which led to an inquiry (?inquired=true), newest first, never
// who made them (nothing about them is stored) nor their links or notes.
func (s *server) shortlistList(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("inquired", "limit")); err != nil {
		return err
	}
	st, err := s.shortlistStore()
	if err != nil {
		return err
	}
	inquired := false
	if v := c.QueryParam("inquired"); v != "" {
		if inquired, err = strconv.ParseBool(v); err != nil {
			return badRequest("inquired", "true or false")
		}
	}
	limit := 100
	if v := c.QueryParam("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > 1000 {
			return badRequest("limit", "a whole number from 1 to 1000")
		}
	}
	list, err := st.Shortlists(c.Request().Context(), inquired, limit)
	if err != nil {
		return err
	}
	type row struct {
		ID        int64     `json:"id"`
		Parcels   []string  `json:"parcels"`
		HasMatch  bool      `json:"has_match"`
		Inquiries int       `json:"inquiries"`
		CreatedAt time.Time `json:"created_at"`
		ExpiresAt time.Time `json:"expires_at"`
	}
	out := make([]row, 0, len(list))
	for _, sl := range list {
		out = append(out, row{ID: sl.ID, Parcels: sl.Parcels, HasMatch: len(sl.Match) > 0, Inquiries: sl.Inquiries, CreatedAt: sl.CreatedAt, ExpiresAt: sl.ExpiresAt})
	}
	c.Response().Header().Set("Cache-Control", "private, no-cache")
	return sendJSON(c, http.StatusOK, mimeJSON, map[string]any{"shortlists": out})
}
