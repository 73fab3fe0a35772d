package httpapi

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/dataio"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/paulmach/orb"
)

// Downloads (f=csv, f=xlsx, f=gpkg on /collections/{cid}/items) take the
// same filters as GeoJSON and the same offset, but a larger page: every
// matching feature up to downloadMax unless limit says fewer (limit=all
// is downloadMax). When more remain, a Link header names the next file.
const downloadMax = 200_000

// downloadFormats maps f= to a download's media type and file extension.
var downloadFormats = map[string]struct{ media, ext string }{
	"csv":  {dataio.MediaCSV, "csv"},
	"xlsx": {dataio.MediaXLSX, "xlsx"},
	"gpkg": {dataio.MediaGeoPackage, "gpkg"},
}

// downloadFormat returns f when it asks for a download, else "".
func downloadFormat(c echo.Context) string {
	f := c.QueryParam("f")
	if _, ok := downloadFormats[f]; ok {
		return f
	}
	return ""
}

// parseDownloadLimit reads limit for a download: a whole number ≥ 1
// (clamped to downloadMax) or "all"; absent means all.
func parseDownloadLimit(raw string) (int, error) {
	if raw == "" || raw == "all" {
		return downloadMax, nil
	}
	n, ok := parseCount(raw)
	if !ok || n < 1 {
		return 0, badRequest("limit", fmt.Sprintf("must be all or a whole number from 1 to %d for a download (larger values are clamped), got %q", downloadMax, shorten(raw)))
	}
	return int(min(n, downloadMax)), nil
}

// download writes a query's features as CSV, XLSX or GeoPackage, row by
// row: the page holds pointers into the snapshot, never copies.
func (s *server) download(c echo.Context, format string, snap *readmodel.Snapshot, q readmodel.Query, page readmodel.Page, lang string) error {
	fields := catalog.SchemaOf(q.Collection).Fields
	table := dataio.Table{Name: string(q.Collection), Fields: fields}
	table.Rows = func(fn func(string, orb.Geometry, []any) error) error {
		vals := make([]any, len(fields))
		for _, f := range page.Features {
			for i, fl := range fields {
				if fl.Name == "name" {
					vals[i] = f.Name(lang)
				} else {
					vals[i] = f.At(i)
				}
			}
			if err := fn(f.ID, f.Geometry, vals); err != nil {
				return err
			}
		}
		return nil
	}
	df := downloadFormats[format]
	h := c.Response().Header()
	s.snapshotHeaders(c, snap)
	h.Set("Content-Language", lang)
	h.Set(echo.HeaderContentType, df.media)
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s.%s"`, q.Collection, df.ext))
	h.Set("X-Total-Count", strconv.Itoa(page.Matched))
	if q.Offset+len(page.Features) < page.Matched && len(page.Features) > 0 {
		for _, l := range pageLinks(c, q, page) {
			if l.Rel == "next" {
				h.Set("Link", fmt.Sprintf(`<%s>; rel="next"; type="%s"`, withF(l.Href, format), df.media))
			}
		}
	}
	if c.Request().Method == http.MethodHead {
		return c.NoContent(http.StatusOK)
	}
	c.Response().WriteHeader(http.StatusOK)
	w := c.Response()
	switch format {
	case "csv":
		return dataio.WriteCSV(w, table)
	case "xlsx":
		return dataio.WriteXLSX(w, table)
	}
	return dataio.WriteGeoPackage(c.Request().Context(), w, table)
}
