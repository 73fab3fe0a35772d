package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/pipeline"
)

func leadQuery(c echo.Context) (pipeline.LeadQuery, error) {
	limit, after, err := listParams(c)
	q := pipeline.LeadQuery{Stage: c.QueryParam("stage"), Sector: c.QueryParam("sector"), Responsible: c.QueryParam("responsible"), Limit: limit, After: after}
	if _, ok := pipeline.ParseStage(q.Stage); q.Stage != "" && !ok {
		return q, badRequest("stage", "is not a stage")
	}
	return q, err
}

// leads is GET /leads: business facts, paged by id.
func (s *server) leads(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("limit", "cursor", "stage", "sector", "responsible")); err != nil {
		return err
	}
	p, err := s.pl()
	if err != nil {
		return err
	}
	q, err := leadQuery(c)
	if err != nil {
		return err
	}
	ls, err := p.Leads(c.Request().Context(), actor(c), q)
	if err != nil {
		return err
	}
	return sendList(c, "leads", ls, q.Limit, func(l pipeline.Lead) int64 { return l.ID })
}

// createLead is POST /leads: an official registers an investor.
func (s *server) createLead(c echo.Context) error {
	return s.pipelineWrite(c, http.StatusCreated, func(p *pipeline.Service, a catalog.Actor, _ int64, body []byte) (any, error) {
		return p.CreateLead(c.Request().Context(), a, body)
	})
}

// lead is GET /leads/{id}: with the investor's contact for its handlers
// (the read is recorded).
func (s *server) lead(c echo.Context) error {
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
	d, err := p.Lead(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return sendPrivate(c, http.StatusOK, d)
}

func (s *server) patchLead(c echo.Context) error {
	return s.pipelineWrite(c, http.StatusOK, func(p *pipeline.Service, a catalog.Actor, id int64, body []byte) (any, error) {
		return p.PatchLead(c.Request().Context(), a, id, body)
	}, "application/merge-patch+json", mimeJSON)
}

func (s *server) leadStage(c echo.Context) error {
	return s.pipelineWrite(c, http.StatusOK, func(p *pipeline.Service, a catalog.Actor, id int64, body []byte) (any, error) {
		return p.MoveStage(c.Request().Context(), a, id, body)
	})
}

func (s *server) reserve(c echo.Context) error {
	return s.pipelineWrite(c, http.StatusCreated, func(p *pipeline.Service, a catalog.Actor, id int64, body []byte) (any, error) {
		return p.Reserve(c.Request().Context(), a, id, body)
	})
}

// release is DELETE /leads/{id}/reservations/{rid}.
func (s *server) release(c echo.Context) error {
	p, err := s.pl()
	if err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	rid, err := pathID(c, "rid")
	if err != nil {
		return err
	}
	if err := p.Release(c.Request().Context(), actor(c), id, rid); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// erase is DELETE /leads/{id}/contact (admins): the investor's personal
// data goes, the lead stays.
func (s *server) erase(c echo.Context) error {
	p, err := s.pl()
	if err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := p.Erase(c.Request().Context(), actor(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// pipelineWrite is the shape of every pipeline write: no query
// parameters, the path id when there is one, a JSON body, the result as
// JSON with status.
func (s *server) pipelineWrite(c echo.Context, status int, do func(*pipeline.Service, catalog.Actor, int64, []byte) (any, error), types ...string) error {
	if err := checkParams(c.QueryParams(), oneOf()); err != nil {
		return err
	}
	p, err := s.pl()
	if err != nil {
		return err
	}
	var id int64
	if c.Param("id") != "" {
		if id, err = pathID(c, "id"); err != nil {
			return err
		}
	}
	body, err := jsonBody(c, types...)
	if err != nil {
		return err
	}
	out, err := do(p, actor(c), id, body)
	if err != nil {
		return err
	}
	return sendPrivate(c, status, out)
}
