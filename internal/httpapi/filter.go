package httpapi

import (
	"errors"
	"fmt"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/cql2"
)

// parseFilter parses the filter parameter (OGC API - Features Part 3);
// the read model compiles it together with the other filters.
// filter-lang is cql2-text (default) or cql2-json; "cql-text", the draft
// name GDAL 3.6 sends, is accepted as cql2-text.
func parseFilter(c echo.Context, cid catalog.Collection) (cql2.Expr, error) {
	raw := c.QueryParam("filter")
	lang := c.QueryParam("filter-lang")
	if crs := c.QueryParam("filter-crs"); crs != "" && crs != crs84 {
		return nil, badRequest("filter-crs", "only "+crs84+" is supported")
	}
	if raw == "" {
		if lang != "" {
			return nil, badRequest("filter-lang", "given without a filter")
		}
		return nil, nil
	}
	var (
		e   cql2.Expr
		err error
	)
	switch lang {
	case "", "cql2-text", "cql-text":
		e, err = cql2.ParseText(raw)
	case "cql2-json":
		e, err = cql2.ParseJSON([]byte(raw))
	default:
		return nil, badRequest("filter-lang", fmt.Sprintf("%q is not cql2-text or cql2-json", lang))
	}
	if err != nil {
		return nil, filterError(err, cid)
	}
	return e, nil
}

// filterError is the 400 for a filter that does not parse or type-check.
func filterError(err error, cid catalog.Collection) error {
	msg := err.Error()
	var ce *cql2.Error
	if errors.As(err, &ce) && ce.NotSupported {
		msg += " (see /conformance for what this server evaluates)"
	}
	return badRequest("filter", msg+"; queryables: /collections/"+string(cid)+"/queryables")
}
