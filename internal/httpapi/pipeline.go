package httpapi

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/match"
	"github.com/landcat/landcat/internal/pipeline"
)

// pipelineRoutes lists the investment pipeline's routes: the public
// inquiry form, then officers' leads, tasks, obstacles, projects,
// targets, officers, routing rules and reports.
func (s *server) pipelineRoutes(e *echo.Echo) {
	viewer, editor, admin := require(catalog.RoleViewer), require(catalog.RoleEditor), require(catalog.RoleAdmin)
	get(e, "/inquiries/form", s.inquiryForm)
	e.POST("/inquiries", s.inquiry, s.limit(s.writeLimit))
	get(e, "/inquiries", s.inquiries, viewer)
	get(e, "/leads", s.leads, viewer)
	e.POST("/leads", s.createLead, editor)
	get(e, "/leads/:id", s.lead, viewer)
	e.PATCH("/leads/:id", s.patchLead, editor)
	e.POST("/leads/:id/stage", s.leadStage, editor)
	e.POST("/leads/:id/reservations", s.reserve, editor)
	e.DELETE("/leads/:id/reservations/:rid", s.release, editor)
	e.DELETE("/leads/:id/contact", s.erase, admin)
	get(e, "/tasks", s.tasks, viewer)
	e.POST("/tasks", s.saveTask, editor)
	get(e, "/tasks/:id", s.task, viewer)
	e.PATCH("/tasks/:id", s.saveTask, editor)
	get(e, "/obstacles", s.obstacles, viewer)
	e.POST("/obstacles", s.saveObstacle, editor)
	e.PATCH("/obstacles/:id", s.saveObstacle, editor)
	get(e, "/projects", s.projects, viewer)
	e.POST("/projects", s.saveProject, editor)
	get(e, "/projects/:id", s.project, viewer)
	e.PATCH("/projects/:id", s.saveProject, editor)
	get(e, "/projects/:id/schedule", s.schedule, viewer)
	get(e, "/targets", s.targets, viewer)
	e.POST("/targets", s.saveTarget, admin)
	get(e, "/officers", s.officers, viewer)
	e.POST("/officers", s.saveOfficer, admin)
	e.PUT("/officers/:id", s.saveOfficer, admin)
	e.POST("/officers/:id/calendar-token", s.calendarToken, viewer)
	get(e, "/officers/:id/calendar.ics", s.calendar)
	get(e, "/routing-rules", s.rules, viewer)
	e.POST("/routing-rules", s.addRule, admin)
	e.DELETE("/routing-rules/:id", s.deleteRule, admin)
	get(e, "/reports/pipeline", s.report, viewer)
}

// withPipeline wires the pipeline's match check to the read model.
func (s *server) withPipeline(p *pipeline.Service) {
	if p != nil && p.CheckMatch == nil {
		p.CheckMatch = func(raw []byte) error {
			_, err := match.ParseRequest(raw, match.PublishedZones(s.model.Snapshot()))
			return err
		}
	}
	s.pipeline = p
}

// pl returns the pipeline, or a 503 when this server runs without one.
func (s *server) pl() (*pipeline.Service, error) {
	if s.pipeline == nil {
		return nil, catalog.Errorf(catalog.KindUnavailable, "the investment pipeline is not served here")
	}
	return s.pipeline, nil
}

// pathID reads a numeric path parameter.
func pathID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, &catalog.Error{Kind: catalog.KindNotFound, Message: fmt.Sprintf("%s must be a positive whole number, got %q", name, shorten(c.Param(name))),
			Problems: []catalog.Problem{{Pointer: name, Message: "not an id"}}}
	}
	return id, nil
}

// listParams reads limit (1–1000, default 100) and cursor (an id).
func listParams(c echo.Context) (limit int, after int64, err error) {
	limit = 100
	if raw := c.QueryParam("limit"); raw != "" {
		if limit, err = strconv.Atoi(raw); err != nil || limit < 1 || limit > 1000 {
			return 0, 0, badRequest("limit", "must be a whole number from 1 to 1000")
		}
	}
	if raw := c.QueryParam("cursor"); raw != "" {
		if after, err = strconv.ParseInt(raw, 10, 64); err != nil || after < 0 {
			return 0, 0, badRequest("cursor", "must be the cursor of a next link")
		}
	}
	return limit, after, nil
}

// sendList writes {name: items, "next": URL} with a next link when the
// page is full.
func sendList[T any](c echo.Context, name string, items []T, limit int, lastID func(T) int64) error {
	if items == nil {
		items = []T{}
	}
	body := map[string]any{name: items}
	if limit > 0 && len(items) == limit {
		q := c.QueryParams()
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("cursor", strconv.FormatInt(lastID(items[len(items)-1]), 10))
		body["next"] = baseURL(c) + c.Request().URL.Path + "?" + v.Encode()
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return sendJSON(c, http.StatusOK, mimeJSON, body)
}

// sendPrivate writes an officers' JSON answer, never cached.
func sendPrivate(c echo.Context, status int, v any) error {
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return sendJSON(c, status, mimeJSON, v)
}

// body reads a JSON request body.
func jsonBody(c echo.Context, types ...string) ([]byte, error) {
	if len(types) == 0 {
		types = []string{mimeJSON}
	}
	return readBody(c, types...)
}
