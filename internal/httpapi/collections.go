package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
)

// Media types (ecosystem.md §4).
const (
	mimeGeoJSON = "application/geo+json"
	mimeJSON    = "application/json"
)

// link is an OGC API link.
type link struct {
	Href  string `json:"href"`
	Rel   string `json:"rel"`
	Type  string `json:"type,omitempty"`
	Title string `json:"title,omitempty"`
}

var collectionTitles = map[catalog.Collection][2]string{
	catalog.Zones:          {"Industrial and economic zones", "Industrial parks, economic zones and the free trade zone, with zone-level utility defaults."},
	catalog.Parcels:        {"Land parcels", "Leasable parcels with technical specifications, computed area, remaining lease term and distances to infrastructure."},
	catalog.Infrastructure: {"Infrastructure", "Seaports, airports, expressway interchanges, substations and hazardous facilities."},
}

// baseURL is the absolute root of this server as the client reached it.
func baseURL(c echo.Context) string {
	return c.Scheme() + "://" + c.Request().Host
}

func (s *server) landing(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	b := baseURL(c)
	return sendJSON(c, http.StatusOK, mimeJSON, map[string]any{
		"title":       "landcat — Hai Phong investment land bank",
		"description": "Industrial zones, land parcels and infrastructure of Hai Phong, as OGC API - Features.",
		"links": []link{
			{Href: b + "/", Rel: "self", Type: mimeJSON, Title: "This document"},
			{Href: b + "/conformance", Rel: "conformance", Type: mimeJSON, Title: "Conformance classes"},
			{Href: b + "/collections", Rel: "data", Type: mimeJSON, Title: "Collections"},
		},
	})
}

// conformanceClasses lists only what landcat passes today.
var conformanceClasses = []string{
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
}

func (s *server) conformance(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, mimeJSON, map[string]any{"conformsTo": conformanceClasses})
}

func (s *server) collections(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	snap := s.model.Snapshot()
	b := baseURL(c)
	var cols []any
	for _, cid := range []catalog.Collection{catalog.Zones, catalog.Parcels, catalog.Infrastructure} {
		cols = append(cols, describe(b, snap, cid))
	}
	s.snapshotHeaders(c, snap)
	return sendJSON(c, http.StatusOK, mimeJSON, map[string]any{
		"links":       []link{{Href: b + "/collections", Rel: "self", Type: mimeJSON}},
		"collections": cols,
	})
}

func (s *server) collection(c echo.Context) error {
	cid, err := collectionParam(c)
	if err != nil {
		return err
	}
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	snap := s.model.Snapshot()
	s.snapshotHeaders(c, snap)
	return sendJSON(c, http.StatusOK, mimeJSON, describe(baseURL(c), snap, cid))
}

func describe(base string, snap *readmodel.Snapshot, cid catalog.Collection) map[string]any {
	href := base + "/collections/" + string(cid)
	d := map[string]any{
		"id":          string(cid),
		"title":       collectionTitles[cid][0],
		"description": collectionTitles[cid][1],
		"itemType":    "feature",
		"crs":         []string{"http://www.opengis.net/def/crs/OGC/1.3/CRS84"},
		"links": []link{
			{Href: href, Rel: "self", Type: mimeJSON},
			{Href: href + "/items", Rel: "items", Type: mimeGeoJSON, Title: collectionTitles[cid][0]},
		},
	}
	if b, ok := snap.Extent(cid); ok {
		d["extent"] = map[string]any{"spatial": map[string]any{
			"bbox": [][4]float64{{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}},
			"crs":  "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
		}}
	}
	return d
}

func collectionParam(c echo.Context) (catalog.Collection, error) {
	cid, ok := catalog.ParseCollection(c.Param("cid"))
	if !ok {
		return "", catalog.Errorf(catalog.KindNotFound, "no collection %q; there are zones, parcels and infrastructure", c.Param("cid"))
	}
	return cid, nil
}
