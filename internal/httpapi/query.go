package httpapi

import (
	"fmt"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
)

// crs84 is the only CRS landcat serves and accepts (OGC API - Features
// Part 1); Part 2 (other CRSs) is not offered.
const crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"

// itemsParams are the fixed parameters of /items; every schema property is
// also accepted as an equality filter.
var itemsParams = oneOf("bbox", "bbox-crs", "datetime", "limit", "offset", "sortby", "skipGeometry", "lang", "publication", "f", "filter", "filter-lang", "filter-crs")

// itemsQuery reads every parameter of /collections/{cid}/items into one
// query: the property equality filters and the CQL2 filter become one CQL2
// expression, compiled once into the read model's filter. A download
// (CSV, XLSX, GeoPackage) reads limit as parseDownloadLimit does.
func itemsQuery(c echo.Context, cid catalog.Collection, download bool) (readmodel.Query, error) {
	schema := catalog.SchemaOf(cid)
	qp := c.QueryParams()
	q := readmodel.Query{Collection: cid}
	if err := checkParams(qp, func(n string) bool { return itemsParams(n) || schema.Index(n) >= 0 }); err != nil {
		return q, err
	}
	var err error
	if raw := qp.Get("bbox"); raw != "" {
		if q.BBox, err = parseBBox(raw); err != nil {
			return q, err
		}
	}
	if crs := qp.Get("bbox-crs"); crs != "" && crs != crs84 {
		return q, badRequest("bbox-crs", fmt.Sprintf("only %s is supported", crs84))
	}
	limit := parseLimit
	if download {
		limit = parseDownloadLimit
	}
	if q.Limit, err = limit(qp.Get("limit")); err != nil {
		return q, err
	}
	if q.Offset, err = parseOffset(qp.Get("offset")); err != nil {
		return q, err
	}
	if q.Publications, err = parsePublication(c); err != nil {
		return q, err
	}
	if raw := qp.Get("datetime"); raw != "" {
		if q.Updated, err = parseDatetime(raw); err != nil {
			return q, err
		}
	}
	if q.Sort, err = parseSortBy(schema, qp.Get("sortby")); err != nil {
		return q, err
	}
	equals := map[string]string{}
	for name := range qp {
		if schema.Index(name) >= 0 {
			equals[name] = qp.Get(name)
		}
	}
	eq, err := readmodel.EqualsFilter(cid, equals)
	if err != nil {
		return q, err
	}
	filter, err := parseFilter(c, cid)
	if err != nil {
		return q, err
	}
	if e := readmodel.And(eq, filter); e != nil {
		if q.Filter, err = readmodel.CompileFilter(cid, e); err != nil {
			return q, filterError(err, cid)
		}
	}
	return q, nil
}

// parseSkipGeometry reads skipGeometry=true|false (OGC API - Features
// Part 1, optional; @camptocamp/ogc-client sends skipGeometry=false). true
// writes every feature with "geometry": null.
func parseSkipGeometry(c echo.Context) (bool, error) {
	qp := c.QueryParams()
	if !qp.Has("skipGeometry") {
		return false, nil
	}
	switch raw := qp.Get("skipGeometry"); raw {
	case "false":
		return false, nil
	case "true":
		return true, nil
	default:
		return false, badRequest("skipGeometry", fmt.Sprintf("must be true or false, got %q", raw))
	}
}

// parseDatetime reads an OGC datetime: an instant, or an interval
// "start/end" where either end may be ".." or empty (open). A date alone
// means the whole day (UTC).
func parseDatetime(raw string) (*readmodel.TimeRange, error) {
	bad := func(msg string) error { return badRequest("datetime", msg) }
	start, end, interval := strings.Cut(raw, "/")
	if !interval {
		from, to, err := parseInstant(raw)
		if err != nil {
			return nil, bad(err.Error())
		}
		return &readmodel.TimeRange{Start: from, End: to}, nil
	}
	r := &readmodel.TimeRange{}
	if start != "" && start != ".." {
		from, _, err := parseInstant(start)
		if err != nil {
			return nil, bad(err.Error())
		}
		r.Start = from
	}
	if end != "" && end != ".." {
		_, to, err := parseInstant(end)
		if err != nil {
			return nil, bad(err.Error())
		}
		r.End = to
	}
	if !r.Start.IsZero() && !r.End.IsZero() && r.End.Before(r.Start) {
		return nil, bad("the interval ends before it starts")
	}
	return r, nil
}

// parseInstant returns the span an RFC 3339 timestamp or a date covers.
func parseInstant(s string) (time.Time, time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, t, nil
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d, d.Add(24*time.Hour - time.Nanosecond), nil
	}
	return time.Time{}, time.Time{}, fmt.Errorf("%q is not an RFC 3339 timestamp (2026-01-31T12:00:00Z) or a date (2026-01-31), nor an interval of them with /", s)
}

// parseSortBy reads "sortby=+area_ha,-lease_price_usd_m2" (a bare name
// sorts ascending).
func parseSortBy(s *catalog.Schema, raw string) ([]readmodel.SortKey, error) {
	if raw == "" {
		return nil, nil
	}
	var keys []readmodel.SortKey
	for _, part := range strings.Split(raw, ",") {
		part = strings.TrimSpace(part)
		k := readmodel.SortKey{Field: strings.TrimLeft(part, "+-")}
		k.Desc = strings.HasPrefix(part, "-")
		if fl, ok := s.Field(k.Field); k.Field != "id" && (!ok || !sortable(fl)) {
			return nil, badRequest("sortby", fmt.Sprintf("%q is not a sortable property of %s (see /collections/%s/sortables)", k.Field, s.Collection, s.Collection))
		}
		keys = append(keys, k)
	}
	return keys, nil
}
