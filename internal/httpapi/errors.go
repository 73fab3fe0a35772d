package httpapi

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
)

// problem is an RFC 9457 problem details body.
type problem struct {
	Type     string            `json:"type"`
	Title    string            `json:"title"`
	Status   int               `json:"status"`
	Detail   string            `json:"detail,omitempty"`
	Instance string            `json:"instance,omitempty"`
	Errors   []catalog.Problem `json:"errors,omitempty"`
}

var kindStatus = map[catalog.Kind]int{
	catalog.KindInternal:             http.StatusInternalServerError,
	catalog.KindInvalid:              http.StatusUnprocessableEntity,
	catalog.KindBadRequest:           http.StatusBadRequest,
	catalog.KindNotFound:             http.StatusNotFound,
	catalog.KindConflict:             http.StatusConflict,
	catalog.KindPreconditionFailed:   http.StatusPreconditionFailed,
	catalog.KindPreconditionRequired: http.StatusPreconditionRequired,
	catalog.KindUnauthenticated:      http.StatusUnauthorized,
	catalog.KindForbidden:            http.StatusForbidden,
	catalog.KindUnavailable:          http.StatusServiceUnavailable,
	catalog.KindTooMany:              http.StatusTooManyRequests,
}

var kindSlug = map[catalog.Kind]string{
	catalog.KindInvalid:              "validation",
	catalog.KindBadRequest:           "bad-request",
	catalog.KindNotFound:             "not-found",
	catalog.KindConflict:             "conflict",
	catalog.KindPreconditionFailed:   "stale-etag",
	catalog.KindPreconditionRequired: "if-match-required",
	catalog.KindUnauthenticated:      "unauthenticated",
	catalog.KindForbidden:            "forbidden",
	catalog.KindUnavailable:          "unavailable",
	catalog.KindTooMany:              "rate-limited",
}

// errorHandler is the one place where errors become responses: catalog
// kinds and Echo's own errors map to a status and a problem+json body. For
// 5xx the full chain is logged with the request id and the caller sees a
// generic detail.
func (s *server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	p := problem{Type: "about:blank", Instance: c.Request().URL.RequestURI()}
	var ce *catalog.Error
	var he *echo.HTTPError
	switch {
	case errors.As(err, &ce):
		p.Status, p.Detail, p.Errors = kindStatus[ce.Kind], ce.Message, ce.Problems
		if slug := kindSlug[ce.Kind]; slug != "" {
			p.Type = "urn:landcat:problem:" + slug
		}
	case errors.As(err, &he):
		p.Status = he.Code
		if msg, ok := he.Message.(string); ok {
			p.Detail = msg
		}
	default:
		p.Status = http.StatusInternalServerError
	}
	p.Title = http.StatusText(p.Status)
	if p.Status >= 500 {
		s.log.Error("request failed", "id", c.Response().Header().Get(echo.HeaderXRequestID),
			"method", c.Request().Method, "uri", logURI(c.Request()), "err", err)
		if p.Status == http.StatusInternalServerError {
			p.Detail = "internal error; the request id is in the X-Request-Id header"
		}
		if p.Status == http.StatusServiceUnavailable {
			c.Response().Header().Set("Retry-After", "5")
		}
	}
	if p.Status == http.StatusUnauthorized {
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="landcat"`)
	}
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	c.Response().WriteHeader(p.Status)
	if c.Request().Method != http.MethodHead {
		_ = writeJSON(c.Response(), p)
	}
}

// badRequest returns a 400 naming the query parameter at fault.
func badRequest(param, msg string) error {
	return &catalog.Error{Kind: catalog.KindBadRequest, Message: "query parameter " + param + ": " + msg,
		Problems: []catalog.Problem{{Pointer: param, Message: msg}}}
}
