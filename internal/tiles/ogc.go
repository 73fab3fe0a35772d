package tiles

import (
	"math"
	"strconv"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/paulmach/orb"
)

// OGC identifiers of the one tile matrix set served.
const (
	TileMatrixSetID  = "WebMercatorQuad"
	TileMatrixSetURI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad"
	CRS3857          = "http://www.opengis.net/def/crs/EPSG/0/3857"
	CRS84            = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
	// RelTilingScheme links a tileset to its tile matrix set.
	RelTilingScheme = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme"
	// RelTilesetsVector links a collection or the landing page to its
	// vector tilesets.
	RelTilesetsVector = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"
	relGeodata        = "http://www.opengis.net/def/rel/ogc/1.0/geodata"
	relDataset        = "http://www.opengis.net/def/rel/ogc/1.0/dataset"
)

// Conformance lists the OGC API - Tiles 1.0 and TMS 2.0 conformance
// classes this package implements. The HTTP layer adds
// ".../ogcapi-tiles-1/1.0/conf/oas30" when its OpenAPI document describes
// the tile paths.
func Conformance() []string {
	const t = "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/"
	return []string{
		t + "core", t + "tileset", t + "tilesets-list", t + "dataset-tilesets", t + "geodata-tilesets", t + "mvt",
		"http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
		"http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset",
	}
}

// TileMatrixSet returns the WebMercatorQuad tile matrix set (OGC TMS 2.0
// JSON), zooms 0 to MaxZoom, for /tileMatrixSets/WebMercatorQuad.
func TileMatrixSet() map[string]any {
	const half = math.Pi * 6378137 // half the equator, metres
	matrices := make([]map[string]any, 0, MaxZoom+1)
	for z := 0; z <= MaxZoom; z++ {
		cell := 2 * half / 256 / float64(uint64(1)<<z)
		n := uint64(1) << z
		matrices = append(matrices, map[string]any{
			"id":               strconv.Itoa(z),
			"scaleDenominator": cell / 0.00028,
			"cellSize":         cell,
			"cornerOfOrigin":   "topLeft",
			"pointOfOrigin":    []float64{-half, half},
			"tileWidth":        256,
			"tileHeight":       256,
			"matrixWidth":      n,
			"matrixHeight":     n,
		})
	}
	return map[string]any{
		"id":                TileMatrixSetID,
		"title":             "Google Maps Compatible for the World",
		"uri":               TileMatrixSetURI,
		"crs":               CRS3857,
		"orderedAxes":       []string{"X", "Y"},
		"wellKnownScaleSet": "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible",
		"tileMatrices":      matrices,
	}
}

// TileMatrixSets returns the list of tile matrix sets for /tileMatrixSets;
// rootURL is the service root.
func TileMatrixSets(rootURL string) map[string]any {
	href := strings.TrimSuffix(rootURL, "/") + "/tileMatrixSets"
	return map[string]any{
		"tileMatrixSets": []map[string]any{{
			"id":    TileMatrixSetID,
			"title": "Google Maps Compatible for the World",
			"uri":   TileMatrixSetURI,
			"crs":   CRS3857,
			"links": []Link{{Rel: "self", Type: "application/json", Href: href + "/" + TileMatrixSetID, Title: "WebMercatorQuad"}},
		}},
		"links": []Link{{Rel: "self", Type: "application/json", Href: href}},
	}
}

// Link is an OGC API link.
type Link struct {
	Rel       string `json:"rel"`
	Type      string `json:"type,omitempty"`
	Href      string `json:"href"`
	Title     string `json:"title,omitempty"`
	Templated bool   `json:"templated,omitempty"`
}

// Tileset describes the vector tileset of the dataset (Path "") or of one
// collection (Path "/collections/{cid}").
type Tileset struct {
	RootURL string // the service root, e.g. "https://landcat.example"
	Path    string // "" for the dataset tileset, "/collections/parcels" for a collection's
	Title   string
	Layers  []catalog.Collection
	Bounds  orb.Bound // data extent, lon/lat
	MinZoom int       // zooms clients should request (TileJSON and layer limits)
	MaxZoom int
}

func (t Tileset) base() string { return strings.TrimSuffix(t.RootURL, "/") + t.Path }

// TilesURL returns the URL of the tileset: its metadata, and the prefix
// of its tiles ({TilesURL}/{z}/{y}/{x}).
func (t Tileset) TilesURL() string { return t.base() + "/tiles/" + TileMatrixSetID }

// Metadata returns the tileset description for {Path}/tiles/WebMercatorQuad.
// It is at once OGC tileset metadata (TMS 2.0 / OGC API - Tiles tileset
// class) and a TileJSON 3.0.0 document: the two vocabularies do not
// collide, so MapLibre and OGC clients can both read it from one URL.
func (t Tileset) Metadata() map[string]any {
	doc := TileJSON(t.base(), t.Title, t.Layers, t.Bounds, t.MinZoom, t.MaxZoom)
	doc["title"] = t.Title
	doc["dataType"] = "vector"
	doc["crs"] = CRS3857
	doc["tileMatrixSetURI"] = TileMatrixSetURI
	doc["links"] = t.metadataLinks()
	doc["boundingBox"] = map[string]any{
		"lowerLeft":  []float64{t.Bounds.Min[0], t.Bounds.Min[1]},
		"upperRight": []float64{t.Bounds.Max[0], t.Bounds.Max[1]},
		"crs":        CRS84,
	}
	c := t.Bounds.Center()
	doc["centerPoint"] = map[string]any{
		"coordinates": []float64{c[0], c[1]},
		"crs":         CRS84,
		"tileMatrix":  strconv.Itoa(fitZoom(t.Bounds, t.MinZoom, t.MaxZoom)),
	}
	layers := make([]map[string]any, 0, len(t.Layers))
	for _, c := range t.Layers {
		layers = append(layers, t.layer(c))
	}
	doc["layers"] = layers
	return doc
}

func (t Tileset) metadataLinks() []Link {
	links := []Link{
		{Rel: "self", Type: "application/json", Href: t.TilesURL(), Title: "This tileset"},
		{Rel: RelTilingScheme, Type: "application/json", Href: strings.TrimSuffix(t.RootURL, "/") + "/tileMatrixSets/" + TileMatrixSetID, Title: "WebMercatorQuad"},
		{Rel: "item", Type: ContentType, Href: t.TilesURL() + "/{tileMatrix}/{tileRow}/{tileCol}", Title: "Mapbox vector tiles", Templated: true},
	}
	if t.Path == "" {
		return append(links, Link{Rel: relDataset, Type: "application/json", Href: t.base() + "/collections", Title: "The collections"})
	}
	return append(links, Link{Rel: relGeodata, Type: "application/json", Href: t.base(), Title: "The collection"})
}

// layer describes one layer of the tileset with its properties' schema.
func (t Tileset) layer(c catalog.Collection) map[string]any {
	props := map[string]any{}
	for _, n := range PropertyNames(c, max(t.MaxZoom, DetailZoom)) {
		p := map[string]any{"type": PropertyType(c, n), "title": PropertyTitle(c, n)}
		if fl, ok := catalog.SchemaOf(c).Field(n); ok && fl.Enum != nil && fl.Type == catalog.String {
			p["enum"] = fl.Enum
		}
		props[n] = p
	}
	l := map[string]any{
		"id":               string(c),
		"title":            layerDescription(c),
		"dataType":         "vector",
		"minTileMatrix":    strconv.Itoa(min(max(t.MinZoom, MinZoom(c)), t.MaxZoom)),
		"maxTileMatrix":    strconv.Itoa(t.MaxZoom),
		"propertiesSchema": map[string]any{"type": "object", "properties": props},
	}
	if c != catalog.Infrastructure { // infrastructure mixes points and lines
		l["geometryDimension"] = 2
	}
	return l
}

// List returns the tilesets list for {Path}/tiles: this one tileset.
func (t Tileset) List() map[string]any {
	item := map[string]any{
		"title":            t.Title,
		"dataType":         "vector",
		"crs":              CRS3857,
		"tileMatrixSetURI": TileMatrixSetURI,
		"links": []Link{
			{Rel: "self", Type: "application/json", Href: t.TilesURL(), Title: t.Title},
			{Rel: RelTilingScheme, Type: "application/json", Href: strings.TrimSuffix(t.RootURL, "/") + "/tileMatrixSets/" + TileMatrixSetID, Title: "WebMercatorQuad"},
			{Rel: "item", Type: ContentType, Href: t.TilesURL() + "/{tileMatrix}/{tileRow}/{tileCol}", Title: "Mapbox vector tiles", Templated: true},
		},
	}
	return map[string]any{
		"tilesets": []map[string]any{item},
		"links":    []Link{{Rel: "self", Type: "application/json", Href: t.base() + "/tiles"}},
	}
}
