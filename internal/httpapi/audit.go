package httpapi

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
)

// maxAuditLimit bounds a page of the audit log; larger limits are clamped.
const maxAuditLimit = 1000

// auditEntry is one entry of GET /audit and of a feature's history.
type auditEntry struct {
	ID         int64              `json:"id"`
	Revision   int64              `json:"revision"`
	At         string             `json:"at"`
	Actor      catalog.AuditActor `json:"actor"`
	Action     string             `json:"action"`
	Collection catalog.Collection `json:"collection"`
	FeatureID  string             `json:"feature_id"`
	Version    int64              `json:"version"`
	Changes    []catalog.PatchOp  `json:"changes"`
}

type auditPage struct {
	Entries        []auditEntry `json:"entries"`
	NumberReturned int          `json:"numberReturned"`
	Links          []link       `json:"links"`
}

// audit is GET /audit: the audit log, newest first, publishers and above
// (each reads the entries of features in their scope).
func (s *server) audit(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("collection", "feature", "actor", "action", "datetime", "limit", "cursor")); err != nil {
		return err
	}
	q, err := auditQuery(c)
	if err != nil {
		return err
	}
	qp := c.QueryParams()
	if raw := qp.Get("collection"); raw != "" {
		coll, ok := catalog.ParseCollection(raw)
		if !ok {
			return badRequest("collection", fmt.Sprintf("%q is not zones, parcels or infrastructure", shorten(raw)))
		}
		q.Collection = coll
	}
	q.FeatureID, q.Actor, q.Action = qp.Get("feature"), qp.Get("actor"), qp.Get("action")
	entries, err := s.service.Audit(c.Request().Context(), actor(c), q)
	if err != nil {
		return err
	}
	return sendAuditPage(c, q, entries)
}

// history is GET /collections/{cid}/items/{id}/history: every version of
// one feature, newest first, with what each change did.
func (s *server) history(c echo.Context) error {
	cid, err := collectionParam(c)
	if err != nil {
		return err
	}
	if err := checkParams(c.QueryParams(), oneOf("datetime", "limit", "cursor")); err != nil {
		return err
	}
	q, err := auditQuery(c)
	if err != nil {
		return err
	}
	entries, err := s.service.History(c.Request().Context(), actor(c), cid, c.Param("featureId"), q)
	if err != nil {
		return err
	}
	return sendAuditPage(c, q, entries)
}

// restore is POST /collections/{cid}/items/{id}/history/{version}/restore:
// version's properties and geometry become the next version, with
// If-Match naming the current one.
func (s *server) restore(c echo.Context) error {
	cid, err := collectionParam(c)
	if err != nil {
		return err
	}
	v, err := strconv.ParseInt(c.Param("version"), 10, 64)
	if err != nil || v < 1 {
		return catalog.Errorf(catalog.KindBadRequest, "%q is not a version number", shorten(c.Param("version")))
	}
	pre, err := precondition(c)
	if err != nil {
		return err
	}
	stored, err := s.service.Restore(c.Request().Context(), actor(c), cid, c.Param("featureId"), v, pre)
	if err != nil {
		return err
	}
	return s.written(c, stored, http.StatusOK)
}

// auditQuery reads the paging and time parameters shared by /audit and
// history.
func auditQuery(c echo.Context) (catalog.AuditQuery, error) {
	qp := c.QueryParams()
	q := catalog.AuditQuery{Limit: defaultLimit}
	if raw := qp.Get("limit"); raw != "" {
		n, ok := parseCount(raw)
		if !ok || n < 1 {
			return q, badRequest("limit", fmt.Sprintf("must be a whole number from 1 to %d (larger values are clamped), got %q", maxAuditLimit, shorten(raw)))
		}
		q.Limit = int(min(n, maxAuditLimit))
	}
	if raw := qp.Get("cursor"); raw != "" {
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n < 1 {
			return q, badRequest("cursor", "must be the cursor of a next link")
		}
		q.Before = n
	}
	if raw := qp.Get("datetime"); raw != "" {
		r, err := parseDatetime(raw)
		if err != nil {
			return q, err
		}
		q.From, q.To = r.Start, r.End
	}
	return q, nil
}

// sendAuditPage writes entries with their JSON Patch changes and a next
// link (while the page is full) that keeps every other parameter.
func sendAuditPage(c echo.Context, q catalog.AuditQuery, entries []catalog.AuditEntry) error {
	page := auditPage{Entries: make([]auditEntry, len(entries)), NumberReturned: len(entries)}
	for i, e := range entries {
		ops, err := catalog.Changes(e.Before, e.After)
		if err != nil {
			return fmt.Errorf("audit entry %d: %w", e.ID, err)
		}
		page.Entries[i] = auditEntry{ID: e.ID, Revision: e.Revision, At: e.At.Format(time.RFC3339Nano), Actor: e.Actor,
			Action: e.Action, Collection: e.Collection, FeatureID: e.FeatureID, Version: e.Version, Changes: ops}
	}
	self := baseURL(c) + c.Request().URL.Path
	page.Links = []link{{Href: self + "?" + c.QueryParams().Encode(), Rel: "self", Type: mimeJSON}}
	if len(entries) == q.Limit && len(entries) > 0 {
		v := url.Values{}
		for k, vs := range c.QueryParams() {
			v[k] = vs
		}
		v.Set("cursor", strconv.FormatInt(entries[len(entries)-1].ID, 10))
		page.Links = append(page.Links, link{Href: self + "?" + v.Encode(), Rel: "next", Type: mimeJSON, Title: "Older entries"})
	}
	return sendJSON(c, http.StatusOK, mimeJSON, page)
}
