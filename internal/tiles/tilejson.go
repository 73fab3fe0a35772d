package tiles

import (
	"fmt"
	"math"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/paulmach/orb"
)

// TileJSON returns a TileJSON 3.0.0 document for the tiles of layers under
// baseURL: the service root for the dataset tileset ("https://host"), or a
// collection's URL ("https://host/collections/parcels"). Its tile template
// is baseURL + "/tiles/WebMercatorQuad/{z}/{y}/{x}": OGC API - Tiles puts
// the row (y) before the column (x) in the path, unlike the usual XYZ
// z/x/y. bounds is the data extent in lon/lat; minzoom and maxzoom are what
// clients should request (MapLibre over-zooms beyond maxzoom).
func TileJSON(baseURL string, name string, layers []catalog.Collection, bounds orb.Bound, minzoom, maxzoom int) map[string]any {
	baseURL = strings.TrimSuffix(baseURL, "/")
	vls := make([]map[string]any, 0, len(layers))
	for _, c := range layers {
		fields := map[string]any{}
		for _, n := range PropertyNames(c, max(maxzoom, DetailZoom)) {
			fields[n] = tileJSONType(PropertyType(c, n))
		}
		vls = append(vls, map[string]any{
			"id":          string(c),
			"description": layerDescription(c),
			"fields":      fields,
			"minzoom":     min(max(minzoom, MinZoom(c)), maxzoom),
			"maxzoom":     maxzoom,
		})
	}
	center := bounds.Center()
	return map[string]any{
		"tilejson":      "3.0.0",
		"name":          name,
		"scheme":        "xyz",
		"tiles":         []string{baseURL + "/tiles/WebMercatorQuad/{z}/{y}/{x}"},
		"minzoom":       minzoom,
		"maxzoom":       maxzoom,
		"bounds":        []float64{bounds.Min[0], bounds.Min[1], bounds.Max[0], bounds.Max[1]},
		"center":        []float64{center[0], center[1], float64(fitZoom(bounds, minzoom, maxzoom))},
		"vector_layers": vls,
	}
}

// tileJSONType names a JSON type the way TileJSON fields customarily do.
func tileJSONType(t string) string {
	switch t {
	case "number":
		return "Number"
	case "boolean":
		return "Boolean"
	}
	return "String"
}

func layerDescription(c catalog.Collection) string {
	switch c {
	case catalog.Zones:
		return "Industrial zones, parks and economic zones"
	case catalog.Parcels:
		return fmt.Sprintf("Land parcels, from zoom %d; below zoom %d only %s", ParcelMinZoom, DetailZoom,
			strings.Join(PropertyNames(c, ParcelMinZoom), ", "))
	case catalog.Infrastructure:
		return "Ports, airports, expressways, railways, power and hazards"
	}
	return string(c)
}

// fitZoom is the deepest zoom at which bounds fits in one 512-pixel tile
// (MapLibre's view of a tile), kept within [minzoom, maxzoom].
func fitZoom(b orb.Bound, minzoom, maxzoom int) int {
	w := max(b.Max[0]-b.Min[0], (b.Max[1]-b.Min[1])*1.5, 1e-9)
	z := int(math.Floor(math.Log2(360 / w)))
	return min(max(z, minzoom), maxzoom)
}
