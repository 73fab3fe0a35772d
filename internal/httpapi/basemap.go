package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/basemap"
	"github.com/landcat/landcat/internal/tiles"
)

// The map page's basemap (internal/basemap): land and sea, rivers, the
// provincial boundary and places, as vector tiles cut by the same code and
// held in the same cache as the catalogue's. It never changes while the
// process runs, so tiles may be cached for a day.
const basemapCacheControl = "public, max-age=86400"

func (s *server) basemapMetadata(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	bm, err := basemap.Load()
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	doc := tiles.BasemapTileJSON(baseURL(c)+"/map/basemap/WebMercatorQuad", bm.Bounds(), basemap.Attribution)
	doc["sources"] = basemap.Sources
	return sendJSON(c, http.StatusOK, mimeJSON, doc)
}

func (s *server) basemapTile(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	z, x, y, err := tiles.ParseTile(c.Param("tileMatrix"), c.Param("tileRow"), c.Param("tileCol"))
	if err != nil {
		return err
	}
	bm, err := basemap.Load()
	if err != nil {
		return err
	}
	t, err := s.tiles.Basemap(bm, z, x, y)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Cache-Control", basemapCacheControl)
	h.Set("ETag", t.ETag)
	if len(t.Data) == 0 {
		return c.NoContent(http.StatusNoContent)
	}
	return c.Blob(http.StatusOK, tiles.ContentType, t.Data)
}
