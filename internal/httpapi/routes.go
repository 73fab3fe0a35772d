package httpapi

import (
	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
)

// routes lists the whole HTTP API.
func (s *server) routes(e *echo.Echo) {
	e.GET("/", s.landing)
	e.GET("/conformance", s.conformance)
	e.GET("/api", s.api)
	e.GET("/collections", s.collections)
	e.GET("/collections/:collectionId", s.collection)
	e.GET("/collections/:collectionId/queryables", s.queryables)
	e.GET("/collections/:collectionId/sortables", s.sortables)
	e.GET("/collections/:collectionId/schema", s.schema)
	e.GET("/collections/:collectionId/items", s.items)
	e.GET("/collections/:collectionId/items/:featureId", s.item)

	editor := require(catalog.RoleEditor)
	e.POST("/collections/:collectionId/items", s.create, editor)
	e.PUT("/collections/:collectionId/items/:featureId", s.replace, editor)
	e.PATCH("/collections/:collectionId/items/:featureId", s.patch, editor)
	e.DELETE("/collections/:collectionId/items/:featureId", s.archive, editor)
	e.POST("/collections/:collectionId/items/:featureId/publication", s.publication, editor)

	e.GET("/tiles", s.tilesetList)
	e.GET("/tiles/WebMercatorQuad", s.tilesetMetadata)
	e.GET("/tiles/WebMercatorQuad/:tileMatrix/:tileRow/:tileCol", s.tile)
	e.GET("/collections/:collectionId/tiles", s.tilesetList)
	e.GET("/collections/:collectionId/tiles/WebMercatorQuad", s.tilesetMetadata)
	e.GET("/collections/:collectionId/tiles/WebMercatorQuad/:tileMatrix/:tileRow/:tileCol", s.tile)
	e.GET("/tileMatrixSets", s.tileMatrixSets)
	e.GET("/tileMatrixSets/WebMercatorQuad", s.tileMatrixSet)

	e.POST("/match", s.matchRun)
	e.GET("/match/profiles", s.matchProfiles)
	e.GET("/match/demand", s.matchDemand, editor)

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", s.metrics.handler())
}
