package httpapi

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/tiles"
	"github.com/paulmach/orb"
)

// Vector tiles (OGC API - Tiles, MVT): per collection and for the whole
// dataset, cut from the read model and cached by (tile, revision).

// tileCacheControl: tiles change with any write, so clients revalidate
// every time; the ETag makes that a 304.
const tileCacheControl = "public, max-age=0, must-revalidate"

func (s *server) tileset(c echo.Context, cid catalog.Collection) tiles.Tileset {
	snap := s.model.Snapshot()
	ts := tiles.Tileset{RootURL: baseURL(c), Title: "landcat", Layers: tiles.DatasetLayers(), MinZoom: 0, MaxZoom: 16}
	var b orb.Bound
	found := false
	for _, l := range ts.Layers {
		if cid != "" && l != cid {
			continue
		}
		if e, ok := snap.Extent(l); ok {
			if !found {
				b, found = e, true
			} else {
				b = b.Union(e)
			}
		}
	}
	if found {
		ts.Bounds = b
	}
	if cid != "" {
		ts.Path, ts.Title, ts.Layers = "/collections/"+string(cid), collectionTitles[cid][0], []catalog.Collection{cid}
	}
	return ts
}

// tilesetParam returns the collection of a /collections/{cid}/tiles route
// ("" for the dataset routes).
func tilesetParam(c echo.Context) (catalog.Collection, error) {
	if c.Param("collectionId") == "" {
		return "", nil
	}
	return collectionParam(c)
}

func (s *server) tilesetList(c echo.Context) error {
	cid, err := tilesetParam(c)
	if err != nil {
		return err
	}
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, mimeJSON, s.tileset(c, cid).List())
}

// tilesetMetadata is both the OGC tileset description and TileJSON 3.0.
func (s *server) tilesetMetadata(c echo.Context) error {
	cid, err := tilesetParam(c)
	if err != nil {
		return err
	}
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, mimeJSON, s.tileset(c, cid).Metadata())
}

func (s *server) tile(c echo.Context) error {
	cid, err := tilesetParam(c)
	if err != nil {
		return err
	}
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	z, x, y, err := tiles.ParseTile(c.Param("tileMatrix"), c.Param("tileRow"), c.Param("tileCol"))
	if err != nil {
		return err
	}
	layers := tiles.DatasetLayers()
	if cid != "" {
		layers = []catalog.Collection{cid}
	}
	snap := s.model.Snapshot()
	t, err := s.tiles.Tile(tiles.FromSnapshot(snap), layers, z, x, y)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Cache-Control", tileCacheControl)
	// The tile is the same at every revision since its area last changed
	// (t.Revision); it is served as of the current one.
	h.Set("X-Landcat-Revision", itoa(snap.Revision))
	h.Set("ETag", t.ETag) // If-None-Match is answered by httpCache
	if len(t.Data) == 0 {
		return c.NoContent(http.StatusNoContent)
	}
	return c.Blob(http.StatusOK, tiles.ContentType, t.Data)
}

func (s *server) tileMatrixSets(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, mimeJSON, tiles.TileMatrixSets(baseURL(c)))
}

func (s *server) tileMatrixSet(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, mimeJSON, tiles.TileMatrixSet())
}

// etagMatches implements If-None-Match (weak comparison, "*" included).
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}
