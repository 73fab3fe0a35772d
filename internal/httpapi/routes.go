package httpapi

import (
	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
)

// routes lists the whole HTTP API.
func (s *server) routes(e *echo.Echo) {
	e.GET("/", s.landing)
	e.GET("/conformance", s.conformance)
	e.GET("/collections", s.collections)
	e.GET("/collections/:cid", s.collection)
	e.GET("/collections/:cid/queryables", s.queryables)
	e.GET("/collections/:cid/items", s.items)
	e.GET("/collections/:cid/items/:id", s.item)

	editor := require(catalog.RoleEditor)
	e.POST("/collections/:cid/items", s.create, editor)
	e.PUT("/collections/:cid/items/:id", s.replace, editor)
	e.PATCH("/collections/:cid/items/:id", s.patch, editor)
	e.DELETE("/collections/:cid/items/:id", s.archive, editor)
	e.POST("/collections/:cid/items/:id/publication", s.publication, editor)

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
}
