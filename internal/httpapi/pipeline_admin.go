package httpapi

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/pipeline"
)

// targets is GET /targets?year=&officer=: targets with attainment.
func (s *server) targets(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("year", "officer")); err != nil {
		return err
	}
	p, err := s.pl()
	if err != nil {
		return err
	}
	year, err := yearParam(c, p)
	if err != nil {
		return err
	}
	rows, err := p.Targets(c.Request().Context(), actor(c), year, c.QueryParam("officer"))
	if err != nil {
		return err
	}
	return sendList(c, "targets", rows, 0, func(pipeline.TargetRow) int64 { return 0 })
}

// yearParam reads ?year= (default: this year in Hai Phong).
func yearParam(c echo.Context, p *pipeline.Service) (int, error) {
	raw := c.QueryParam("year")
	if raw == "" {
		return strconv.Atoi(p.Today()[:4])
	}
	y, err := strconv.Atoi(raw)
	if err != nil || y < 2000 || y > 2100 {
		return 0, badRequest("year", "must be a year from 2000 to 2100")
	}
	return y, nil
}

func (s *server) saveTarget(c echo.Context) error {
	return s.pipelineWrite(c, http.StatusOK, func(p *pipeline.Service, a catalog.Actor, _ int64, body []byte) (any, error) {
		return p.SaveTarget(c.Request().Context(), a, body)
	})
}

func (s *server) officers(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf()); err != nil {
		return err
	}
	p, err := s.pl()
	if err != nil {
		return err
	}
	os, err := p.Officers(c.Request().Context(), actor(c))
	if err != nil {
		return err
	}
	return sendList(c, "officers", os, 0, func(pipeline.Officer) int64 { return 0 })
}

// saveOfficer is POST /officers (201) and PUT /officers/{id} (200).
func (s *server) saveOfficer(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf()); err != nil {
		return err
	}
	p, err := s.pl()
	if err != nil {
		return err
	}
	body, err := jsonBody(c)
	if err != nil {
		return err
	}
	create := c.Request().Method == http.MethodPost
	o, err := p.SaveOfficer(c.Request().Context(), actor(c), body, c.Param("id"), create)
	if err != nil {
		return err
	}
	return sendPrivate(c, map[bool]int{true: http.StatusCreated, false: http.StatusOK}[create], o)
}

// calendarToken is POST /officers/{id}/calendar-token: a new feed URL
// (the officer or an admin); the token is shown once.
func (s *server) calendarToken(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf()); err != nil {
		return err
	}
	p, err := s.pl()
	if err != nil {
		return err
	}
	id := c.Param("id")
	token, err := p.IssueCalendarToken(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	url := baseURL(c) + "/officers/" + id + "/calendar.ics?token=" + token
	return sendPrivate(c, http.StatusCreated, map[string]string{"token": token, "url": url})
}

// calendar is GET /officers/{id}/calendar.ics?token=…: the official's
// deadlines as iCalendar (RFC 5545), for calendar apps to subscribe to.
func (s *server) calendar(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("token")); err != nil {
		return err
	}
	p, err := s.pl()
	if err != nil {
		return err
	}
	feed, err := p.CalendarFeed(c.Request().Context(), actor(c), c.Param("id"), c.QueryParam("token"), baseURL(c))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", feed)
}

func (s *server) rules(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf()); err != nil {
		return err
	}
	p, err := s.pl()
	if err != nil {
		return err
	}
	rs, err := p.Rules(c.Request().Context(), actor(c))
	if err != nil {
		return err
	}
	return sendList(c, "rules", rs, 0, func(pipeline.Rule) int64 { return 0 })
}

func (s *server) addRule(c echo.Context) error {
	return s.pipelineWrite(c, http.StatusCreated, func(p *pipeline.Service, a catalog.Actor, _ int64, body []byte) (any, error) {
		return p.AddRule(c.Request().Context(), a, body)
	})
}

func (s *server) deleteRule(c echo.Context) error {
	p, err := s.pl()
	if err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := p.DeleteRule(c.Request().Context(), actor(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
