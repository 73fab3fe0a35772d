package httpapi

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/pipeline"
)

// patchTypes are the media types of a PATCH body.
var patchTypes = []string{"application/merge-patch+json", mimeJSON}

// saveTask is POST /tasks (201) and PATCH /tasks/{id} (a merge patch).
func (s *server) saveTask(c echo.Context) error {
	status, types := writeShape(c)
	return s.pipelineWrite(c, status, func(p *pipeline.Service, a catalog.Actor, id int64, body []byte) (any, error) {
		return p.SaveTask(c.Request().Context(), a, id, body)
	}, types...)
}

func (s *server) saveObstacle(c echo.Context) error {
	status, types := writeShape(c)
	return s.pipelineWrite(c, status, func(p *pipeline.Service, a catalog.Actor, id int64, body []byte) (any, error) {
		return p.SaveObstacle(c.Request().Context(), a, id, body)
	}, types...)
}

func (s *server) saveProject(c echo.Context) error {
	status, types := writeShape(c)
	return s.pipelineWrite(c, status, func(p *pipeline.Service, a catalog.Actor, id int64, body []byte) (any, error) {
		return p.SaveProject(c.Request().Context(), a, id, body)
	}, types...)
}

// writeShape: a POST creates (201, JSON), a PATCH merges (200).
func writeShape(c echo.Context) (int, []string) {
	if c.Request().Method == http.MethodPatch {
		return http.StatusOK, patchTypes
	}
	return http.StatusCreated, []string{mimeJSON}
}

// tasks is GET /tasks?assignee=&project_id=&lead_id=&status=&overdue=true.
func (s *server) tasks(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("limit", "cursor", "assignee", "project_id", "lead_id", "status", "overdue")); err != nil {
		return err
	}
	p, err := s.pl()
	if err != nil {
		return err
	}
	limit, after, err := listParams(c)
	if err != nil {
		return err
	}
	q := pipeline.TaskQuery{Assignee: c.QueryParam("assignee"), Status: c.QueryParam("status"), Limit: limit, After: after}
	if q.ProjectID, err = queryID(c, "project_id"); err != nil {
		return err
	}
	if q.LeadID, err = queryID(c, "lead_id"); err != nil {
		return err
	}
	switch c.QueryParam("overdue") {
	case "true":
		q.DueBefore = p.Today()
	case "", "false":
	default:
		return badRequest("overdue", "must be true or false")
	}
	ts, err := p.Tasks(c.Request().Context(), actor(c), q)
	if err != nil {
		return err
	}
	return sendList(c, "tasks", ts, limit, func(t pipeline.Task) int64 { return t.ID })
}

func queryID(c echo.Context, name string) (int64, error) {
	raw := c.QueryParam(name)
	if raw == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, badRequest(name, "must be a positive whole number")
	}
	return id, nil
}

// getOne answers GET /{things}/{id} with what get returns.
func (s *server) getOne(c echo.Context, get func(*pipeline.Service, catalog.Actor, int64) (any, error)) error {
	if err := checkParams(c.QueryParams(), oneOf()); err != nil {
		return err
	}
	p, err := s.pl()
	if err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	out, err := get(p, actor(c), id)
	if err != nil {
		return err
	}
	return sendPrivate(c, http.StatusOK, out)
}

func (s *server) task(c echo.Context) error {
	return s.getOne(c, func(p *pipeline.Service, a catalog.Actor, id int64) (any, error) {
		return p.Task(c.Request().Context(), a, id)
	})
}

func (s *server) project(c echo.Context) error {
	return s.getOne(c, func(p *pipeline.Service, a catalog.Actor, id int64) (any, error) {
		return p.Project(c.Request().Context(), a, id)
	})
}

func (s *server) schedule(c echo.Context) error {
	return s.getOne(c, func(p *pipeline.Service, a catalog.Actor, id int64) (any, error) {
		return p.ProjectSchedule(c.Request().Context(), a, id)
	})
}

// obstacles is GET /obstacles?lead_id=&project_id=&status=.
func (s *server) obstacles(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("limit", "cursor", "lead_id", "project_id", "status")); err != nil {
		return err
	}
	p, err := s.pl()
	if err != nil {
		return err
	}
	limit, after, err := listParams(c)
	if err != nil {
		return err
	}
	q := pipeline.ObstacleQuery{Status: c.QueryParam("status"), Limit: limit, After: after}
	if q.LeadID, err = queryID(c, "lead_id"); err != nil {
		return err
	}
	if q.ProjectID, err = queryID(c, "project_id"); err != nil {
		return err
	}
	os, err := p.Obstacles(c.Request().Context(), actor(c), q)
	if err != nil {
		return err
	}
	return sendList(c, "obstacles", os, limit, func(o pipeline.Obstacle) int64 { return o.ID })
}

func (s *server) projects(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf()); err != nil {
		return err
	}
	p, err := s.pl()
	if err != nil {
		return err
	}
	ps, err := p.Projects(c.Request().Context(), actor(c))
	if err != nil {
		return err
	}
	return sendList(c, "projects", ps, 0, func(p pipeline.Project) int64 { return p.ID })
}
