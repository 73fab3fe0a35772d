package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/match"
	"github.com/landcat/landcat/internal/report"
)

const (
	mimeCSV  = "text/csv; charset=utf-8"
	mimeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// landBank is GET /reports/land-bank (editors): the land-bank review of
// the current snapshot with the demand of a window (from, to as for
// /match/demand; default the last 90 days), as JSON (default), CSV, XLSX
// (f=csv|xlsx, as attachments) or an HTML page for a meeting (f=html, in
// lang, then Accept-Language: Vietnamese or English). Without a demand
// log the demand side is empty.
func (s *server) landBank(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("f", "lang", "from", "to")); err != nil {
		return err
	}
	from, to, err := demandWindow(c)
	if err != nil {
		return err
	}
	lang, err := negotiateLang(c)
	if err != nil {
		return err
	}
	f := c.QueryParam("f")
	if f != "" && f != "json" && f != "csv" && f != "xlsx" && f != "html" {
		return echo.NewHTTPError(http.StatusNotAcceptable, fmt.Sprintf("f=%s: the land-bank review comes as f=json, csv, xlsx or html", shorten(f)))
	}
	var recs []match.DemandRecord
	if s.demand != nil {
		if recs, err = s.demandRecords(c.Request().Context(), from, to); err != nil {
			return err
		}
	}
	snap := s.warmed.Snapshot()
	rep := report.Build(snap, recs, from, to, time.Now(), lang)
	s.snapshotHeaders(c, snap)
	c.Response().Header().Add("Vary", "Accept")
	var b bytes.Buffer
	name := fmt.Sprintf("land-bank-r%d", snap.Revision)
	switch f {
	case "csv":
		err = rep.WriteCSV(&b)
		return attachment(c, mimeCSV, name+".csv", b.Bytes(), err)
	case "xlsx":
		err = rep.WriteXLSX(&b)
		return attachment(c, mimeXLSX, name+".xlsx", b.Bytes(), err)
	case "html":
		if lang != "vi" {
			lang = "en"
		}
		if err := rep.WriteHTML(&b, lang); err != nil {
			return err
		}
		c.Response().Header().Set("Content-Language", lang)
		return c.HTMLBlob(http.StatusOK, b.Bytes())
	}
	return sendJSON(c, http.StatusOK, mimeJSON, rep)
}

func attachment(c echo.Context, contentType, name string, body []byte, err error) error {
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, contentType, body)
}

// demandWindow reads from and to (RFC 3339 or dates): the last 90 days by
// default.
func demandWindow(c echo.Context) (from, to time.Time, err error) {
	from = time.Now().AddDate(0, 0, -90)
	for name, dst := range map[string]*time.Time{"from": &from, "to": &to} {
		if raw := c.QueryParam(name); raw != "" {
			t, _, perr := parseInstant(raw)
			if perr != nil {
				return from, to, badRequest(name, perr.Error())
			}
			*dst = t
		}
	}
	return from, to, nil
}

// demandRecords reads and decodes the demand log's records of a window.
func (s *server) demandRecords(ctx context.Context, from, to time.Time) ([]match.DemandRecord, error) {
	raw, err := s.demand.Records(ctx, from, to)
	if err != nil {
		return nil, err
	}
	recs := make([]match.DemandRecord, 0, len(raw))
	for _, r := range raw {
		var rec match.DemandRecord
		if err := json.Unmarshal(r, &rec); err != nil {
			return nil, fmt.Errorf("decode demand record: %w", err)
		}
		recs = append(recs, rec)
	}
	return recs, nil
}
