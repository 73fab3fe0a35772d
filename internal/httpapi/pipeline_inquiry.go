package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/pipeline"
)

// inquiryForm is GET /inquiries/form: a signed form token and the consent
// notice (purpose, text in Vietnamese and English, its version).
func (s *server) inquiryForm(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf()); err != nil {
		return err
	}
	p, err := s.pl()
	if err != nil {
		return err
	}
	form, err := p.NewForm(c.Request().Context())
	if err != nil {
		return err
	}
	return sendPrivate(c, http.StatusOK, form)
}

// inquiry is POST /inquiries (public, rate-limited as public_write): 201
// with the reference to quote, 200 with the first one's reference for the
// same inquiry sent again within a day.
func (s *server) inquiry(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf()); err != nil {
		return err
	}
	p, err := s.pl()
	if err != nil {
		return err
	}
	if c.Request().ContentLength > pipeline.MaxInquiryBytes {
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge, "an inquiry is at most 16 KB")
	}
	body, err := jsonBody(c)
	if err != nil {
		return err
	}
	if len(body) > pipeline.MaxInquiryBytes {
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge, "an inquiry is at most 16 KB")
	}
	ref, created, err := p.Submit(c.Request().Context(), body)
	if err != nil {
		return err
	}
	if !created {
		return sendPrivate(c, http.StatusOK, map[string]any{"reference": ref, "duplicate": true})
	}
	return sendPrivate(c, http.StatusCreated, map[string]any{"reference": ref})
}

// inquiries is GET /inquiries (officers): what investors asked, newest
// last, never who they are.
func (s *server) inquiries(c echo.Context) error {
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
	ls, err := p.Inquiries(c.Request().Context(), actor(c), q)
	if err != nil {
		return err
	}
	return sendList(c, "inquiries", ls, q.Limit, func(l pipeline.Lead) int64 { return l.ID })
}
