package httpapi

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/landcat/landcat/internal/tiles"
)

// Media types.
const (
	mimeGeoJSON = "application/geo+json"
	mimeJSON    = "application/json"
	mimeHTML    = "text/html"

	relQueryables = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
	relSortables  = "http://www.opengis.net/def/rel/ogc/1.0/sortables"
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
	html, err := wantsHTML(c)
	if err != nil {
		return err
	}
	b := baseURL(c)
	doc := map[string]any{
		"title":       "landcat — Hai Phong investment land bank",
		"description": "Industrial zones, land parcels and infrastructure of Hai Phong, as OGC API - Features.",
		"links": []link{
			{Href: b + "/", Rel: "self", Type: mimeJSON, Title: "This document"},
			{Href: b + "/?f=html", Rel: "alternate", Type: mimeHTML, Title: "This document as HTML"},
			{Href: b + "/api", Rel: "service-desc", Type: mimeOpenAPIJSON, Title: "The API definition (OpenAPI 3.0)"},
			{Href: b + "/api?f=yaml", Rel: "service-desc", Type: mimeOpenAPIYAML, Title: "The API definition (OpenAPI 3.0, YAML)"},
			{Href: b + "/conformance", Rel: "conformance", Type: mimeJSON, Title: "Conformance classes"},
			{Href: b + "/collections", Rel: "data", Type: mimeJSON, Title: "Collections"},
			{Href: b + "/tiles", Rel: "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector", Type: mimeJSON, Title: "Vector tilesets"},
			{Href: b + "/map", Rel: "alternate", Type: mimeHTML, Title: "Investor map: explore the sites and find the right one"},
			{Href: b + "/tileMatrixSets", Rel: "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes", Type: mimeJSON, Title: "Tiling schemes"},
		},
	}
	if html {
		return s.renderHTML(c, "landing", page{Title: doc["title"].(string), Data: map[string]any{"Description": doc["description"], "Links": doc["links"]},
			Formats: []link{{Href: "/?f=json", Type: mimeJSON, Title: "JSON"}}})
	}
	return sendJSON(c, http.StatusOK, mimeJSON, doc)
}

// conformanceClasses lists only what landcat passes today.
var conformanceClasses = []string{
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
	// CQL2 classes proven on the OGC's own test tables (internal/cql2);
	// array-functions and functions are left out: not verified / not evaluated.
	"http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
	"http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
	"http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
	"http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
	"http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison",
	"http://www.opengis.net/spec/cql2/1.0/conf/accent-insensitive-comparison",
	"http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
	"http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
	"http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
	"http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
	"http://www.opengis.net/spec/cql2/1.0/conf/property-property",
	"http://www.opengis.net/spec/cql2/1.0/conf/arithmetic",
}

func (s *server) conformance(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	classes := append(slices.Clone(conformanceClasses), tiles.Conformance()...)
	classes = append(classes, "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/oas30")
	return sendJSON(c, http.StatusOK, mimeJSON, map[string]any{"conformsTo": classes})
}

func (s *server) collections(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	html, err := wantsHTML(c)
	if err != nil {
		return err
	}
	snap := s.model.Snapshot()
	s.snapshotHeaders(c, snap)
	all := []catalog.Collection{catalog.Zones, catalog.Parcels, catalog.Infrastructure}
	if html {
		return s.collectionsHTML(c, snap, all, "Collections")
	}
	b := baseURL(c)
	var cols []any
	for _, cid := range all {
		cols = append(cols, describe(b, snap, cid))
	}
	return sendJSON(c, http.StatusOK, mimeJSON, map[string]any{
		"links": []link{
			{Href: b + "/collections", Rel: "self", Type: mimeJSON},
			{Href: b + "/collections?f=html", Rel: "alternate", Type: mimeHTML},
		},
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
	html, err := wantsHTML(c)
	if err != nil {
		return err
	}
	snap := s.model.Snapshot()
	s.snapshotHeaders(c, snap)
	if html {
		return s.collectionsHTML(c, snap, []catalog.Collection{cid}, collectionTitles[cid][0])
	}
	return sendJSON(c, http.StatusOK, mimeJSON, describe(baseURL(c), snap, cid))
}

func (s *server) collectionsHTML(c echo.Context, snap *readmodel.Snapshot, cids []catalog.Collection, title string) error {
	type row struct{ ID, Title, Description, Extent string }
	var rows []row
	for _, cid := range cids {
		r := row{ID: string(cid), Title: collectionTitles[cid][0], Description: collectionTitles[cid][1]}
		if b, ok := snap.Extent(cid); ok {
			r.Extent = fmt.Sprintf("%.4f, %.4f – %.4f, %.4f", b.Min[0], b.Min[1], b.Max[0], b.Max[1])
		}
		rows = append(rows, r)
	}
	return s.renderHTML(c, "collections", page{Title: title, Data: rows,
		Crumbs:  []link{{Href: "/collections?f=html", Title: "Collections"}},
		Formats: []link{{Href: withF(c.Request().URL.String(), "json"), Type: mimeJSON, Title: "JSON"}}})
}

func describe(base string, snap *readmodel.Snapshot, cid catalog.Collection) map[string]any {
	href := base + "/collections/" + string(cid)
	d := map[string]any{
		"id":          string(cid),
		"title":       collectionTitles[cid][0],
		"description": collectionTitles[cid][1],
		"itemType":    "feature",
		"crs":         []string{crs84},
		"storageCrs":  crs84,
		"links": []link{
			{Href: href, Rel: "self", Type: mimeJSON},
			{Href: href + "?f=html", Rel: "alternate", Type: mimeHTML, Title: "This collection as HTML"},
			{Href: href + "/items", Rel: "items", Type: mimeGeoJSON, Title: collectionTitles[cid][0]},
			{Href: href + "/items?f=html", Rel: "items", Type: mimeHTML, Title: collectionTitles[cid][0] + " as HTML"},
			{Href: href + "/queryables", Rel: relQueryables, Type: mimeSchema, Title: "Queryable properties"},
			{Href: href + "/sortables", Rel: relSortables, Type: mimeSchema, Title: "Sortable properties (sortby)"},
			{Href: href + "/tiles", Rel: "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector", Type: mimeJSON, Title: "Vector tilesets"},
			// GDAL 3.6 types its fields from a schema linked as
			// "describedBy" (camel case); the standard spelling is lower case.
			{Href: href + "/schema", Rel: "describedby", Type: mimeSchema, Title: "Schema of the features"},
			{Href: href + "/schema", Rel: "describedBy", Type: mimeSchema, Title: "Schema of the features"},
		},
	}
	extent := map[string]any{}
	if b, ok := snap.Extent(cid); ok {
		extent["spatial"] = map[string]any{"bbox": [][4]float64{{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}}, "crs": crs84}
	}
	if first, last, ok := snap.Interval(cid); ok {
		extent["temporal"] = map[string]any{
			"interval": [][2]string{{first.UTC().Format(time.RFC3339), last.UTC().Format(time.RFC3339)}},
			"trs":      "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
		}
	}
	if len(extent) > 0 {
		d["extent"] = extent
	}
	return d
}

func collectionParam(c echo.Context) (catalog.Collection, error) {
	cid, ok := catalog.ParseCollection(c.Param("collectionId"))
	if !ok {
		return "", catalog.Errorf(catalog.KindNotFound, "no collection %q; there are zones, parcels and infrastructure", c.Param("collectionId"))
	}
	return cid, nil
}
