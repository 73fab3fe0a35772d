package httpapi

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/dataio"
)

// maxImportBody is the default limit of an upload to POST /imports (other
// bodies keep Deps.MaxBody): a GeoPackage of 100,000 parcels is about
// 60 MB.
const maxImportBody = "256M"

// importParams are the query parameters of POST /imports.
var importParams = oneOf("format", "collection", "publish", "dry_run", "crs")

// importMedia maps the Content-Type of a raw upload to its format.
var importMedia = map[string]string{
	mimeGeoJSON: dataio.FormatGeoJSON, "application/json": dataio.FormatGeoJSON,
	dataio.MediaGeoPackage: dataio.FormatGeoPackage, "application/zip": dataio.FormatShapefile,
	"text/csv": dataio.FormatCSV, dataio.MediaXLSX: dataio.FormatXLSX,
}

// importFile is POST /imports: an officer's upload of a GeoJSON,
// GeoPackage, zipped Shapefile, or CSV/XLSX sheet of parcels, as the raw
// body (the format from ?format= or the Content-Type) or as the "file"
// part of a multipart form (the format from ?format= or the file name),
// run exactly as landcat import runs it: all or nothing, the same report
// (200; 422 with the report when rows or features are rejected).
func (s *server) importFile(c echo.Context) error {
	qp := c.QueryParams()
	if err := checkParams(qp, importParams); err != nil {
		return err
	}
	var opt catalog.ImportOptions
	var err error
	if opt.Publish, err = boolParam(qp.Get("publish"), "publish"); err != nil {
		return err
	}
	if opt.DryRun, err = boolParam(qp.Get("dry_run"), "dry_run"); err != nil {
		return err
	}
	if raw := qp.Get("collection"); raw != "" {
		cid, ok := catalog.ParseCollection(raw)
		if !ok {
			return badRequest("collection", fmt.Sprintf("must be zones, parcels or infrastructure, got %q", shorten(raw)))
		}
		opt.Collection = cid
	}
	if raw := qp.Get("crs"); raw != "" {
		if opt.CRS, err = strconv.Atoi(strings.TrimPrefix(strings.ToUpper(raw), "EPSG:")); err != nil {
			return badRequest("crs", fmt.Sprintf("must look like EPSG:9210, got %q", shorten(raw)))
		}
	}
	body, name, err := uploadBody(c)
	if err != nil {
		return err
	}
	format, err := dataio.Detect(name, qp.Get("format"))
	if err != nil {
		return &catalog.Error{Kind: catalog.KindBadRequest, Message: err.Error(), Problems: []catalog.Problem{{Pointer: "format", Message: err.Error()}}}
	}
	rep, err := dataio.Import(c.Request().Context(), s.service, actor(c), body, format, opt)
	if rep != nil && len(rep.Rejected) > 0 {
		return sendJSON(c, http.StatusUnprocessableEntity, echo.MIMEApplicationJSON, rep)
	}
	if err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, echo.MIMEApplicationJSON, rep)
}

// uploadBody returns the uploaded file and a name to detect its format
// by: the multipart part "file" (read as a stream, not buffered), or the
// raw body, named after its Content-Type.
func uploadBody(c echo.Context) (io.Reader, string, error) {
	r := c.Request()
	mt, _, _ := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType))
	if mt != echo.MIMEMultipartForm {
		format, ok := importMedia[mt]
		if !ok && c.QueryParam("format") == "" {
			return nil, "", echo.NewHTTPError(http.StatusUnsupportedMediaType,
				fmt.Sprintf("Content-Type %q: send multipart/form-data with a file part, or a raw body of a type landcat imports (GeoJSON, GeoPackage, zip, CSV, XLSX), or say format=", mt))
		}
		return r.Body, "upload." + extension(format), nil
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, "", &catalog.Error{Kind: catalog.KindBadRequest, Message: "the multipart form cannot be read: " + err.Error()}
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, "", &catalog.Error{Kind: catalog.KindBadRequest, Message: `the form has no "file" part`}
		}
		if err != nil {
			return nil, "", &catalog.Error{Kind: catalog.KindBadRequest, Message: "the multipart form cannot be read: " + err.Error()}
		}
		if part.FormName() == "file" {
			return part, part.FileName(), nil
		}
	}
}

// extension is the file extension of a format, for Detect.
func extension(format string) string {
	if format == dataio.FormatShapefile {
		return "zip"
	}
	return format
}

func boolParam(raw, name string) (bool, error) {
	switch raw {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	}
	return false, badRequest(name, fmt.Sprintf("must be true or false, got %q", shorten(raw)))
}
