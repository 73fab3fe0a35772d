package httpapi

import (
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/landcat/landcat/internal/catalog"
)

// routes lists the whole HTTP API (the investment pipeline's routes are
// listed in pipelineRoutes).
func (s *server) routes(e *echo.Echo) {
	get(e, "/", s.landing)
	get(e, "/conformance", s.conformance)
	get(e, "/api", s.api)
	get(e, "/collections", s.collections)
	get(e, "/collections/:collectionId", s.collection)
	get(e, "/collections/:collectionId/queryables", s.queryables)
	get(e, "/collections/:collectionId/sortables", s.sortables)
	get(e, "/collections/:collectionId/schema", s.schema)
	get(e, "/collections/:collectionId/items", s.items)
	get(e, "/collections/:collectionId/items/:featureId", s.item)

	editor := require(catalog.RoleEditor)
	e.POST("/collections/:collectionId/items", s.create, editor)
	e.PUT("/collections/:collectionId/items/:featureId", s.replace, editor)
	e.PATCH("/collections/:collectionId/items/:featureId", s.patch, editor)
	e.DELETE("/collections/:collectionId/items/:featureId", s.archive, editor)
	e.POST("/collections/:collectionId/items/:featureId/publication", s.publication, editor)
	get(e, "/collections/:collectionId/items/:featureId/history", s.history, require(catalog.RoleViewer))
	e.POST("/collections/:collectionId/items/:featureId/history/:version/restore", s.restore, editor)
	e.POST("/imports", s.importFile, editor, middleware.BodyLimit(s.maxImportBody))

	get(e, "/me", s.me)
	e.GET("/auth/login", s.login)
	e.GET("/auth/callback", s.callback)
	e.POST("/auth/logout", s.logout)
	get(e, "/audit", s.audit, require(catalog.RolePublisher))

	get(e, "/tiles", s.tilesetList)
	get(e, "/tiles/WebMercatorQuad", s.tilesetMetadata)
	get(e, "/tiles/WebMercatorQuad/:tileMatrix/:tileRow/:tileCol", s.tile)
	get(e, "/collections/:collectionId/tiles", s.tilesetList)
	get(e, "/collections/:collectionId/tiles/WebMercatorQuad", s.tilesetMetadata)
	get(e, "/collections/:collectionId/tiles/WebMercatorQuad/:tileMatrix/:tileRow/:tileCol", s.tile)
	get(e, "/tileMatrixSets", s.tileMatrixSets)
	get(e, "/tileMatrixSets/WebMercatorQuad", s.tileMatrixSet)

	e.POST("/match", s.matchRun, s.limit(s.matchLimit))
	get(e, "/match/profiles", s.matchProfiles)
	get(e, "/match/demand", s.matchDemand, editor)
	get(e, "/reports/land-bank", s.landBank, editor)

	get(e, "/compare", s.compare)
	e.POST("/shortlists", s.shortlistCreate, s.limit(s.writeLimit))
	get(e, "/shortlists", s.shortlistList, editor)
	get(e, "/shortlists/:token", s.shortlistGet)
	get(e, "/shortlists/:token/factsheet", s.shortlistFactsheet)
	get(e, "/collections/:collectionId/items/:featureId/factsheet", s.parcelFactsheet)

	s.pipelineRoutes(e)

	get(e, "/map", s.mapPage)
	get(e, "/map/", s.mapSlash)
	get(e, "/map/assets/:version/*", s.mapAsset)
	get(e, "/map/basemap/WebMercatorQuad", s.basemapMetadata)
	get(e, "/map/basemap/WebMercatorQuad/:tileMatrix/:tileRow/:tileCol", s.basemapTile)

	get(e, "/healthz", s.healthz)
	get(e, "/readyz", s.readyz)
	if !s.metricsElsewhere {
		get(e, "/metrics", s.metrics.handler())
	}
}

// get registers a read for GET and HEAD: the HTTP cache answers HEAD with
// exactly the headers the GET would have (RFC 9110 §9.3.2).
func get(e *echo.Echo, path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	e.GET(path, h, m...)
	e.HEAD(path, h, m...)
}
