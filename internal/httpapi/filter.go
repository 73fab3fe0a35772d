package httpapi

import (
	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
)

// parseFilter compiles the CQL2 filter parameter.
func parseFilter(c echo.Context, cid catalog.Collection) (readmodel.Predicate, error) {
	if c.QueryParam("filter") == "" {
		return nil, nil
	}
	return nil, badRequest("filter", "CQL2 filtering is not available yet")
}
