package tiles

import (
	"slices"

	"github.com/landcat/landcat/internal/basemap"
	"github.com/paulmach/orb"
)

// BasemapSource is what basemap tiles are cut from (*basemap.Data).
type BasemapSource interface {
	Search(layer string, b orb.Bound, fn func(*basemap.Feature) bool)
}

// BasemapMaxZoom is the deepest zoom basemap tiles are cut at; clients
// over-zoom beyond it (the data is accurate to about 60 m, a few pixels at
// zoom 13).
const BasemapMaxZoom = 14

// basemapLayer is one layer of the basemap tileset: its properties and the
// first zoom at which each feature shows.
type basemapLayer struct {
	name  string
	props []string
	// minZoom returns the first zoom at which f is in tiles.
	minZoom func(f *basemap.Feature) int
}

var basemapLayers = []basemapLayer{
	{name: "land", minZoom: func(*basemap.Feature) int { return 0 }},
	{name: "rivers", props: []string{"class"}, minZoom: func(f *basemap.Feature) int {
		if c, _ := f.Props["class"].(float64); c <= 2 {
			return 6
		}
		return 9
	}},
	{name: "boundary", props: []string{"name", "name_en", "approximate"}, minZoom: func(*basemap.Feature) int { return 6 }},
	{name: "places", props: []string{"name", "name_en", "rank", "kind"}, minZoom: func(f *basemap.Feature) int {
		r, _ := f.Props["rank"].(float64)
		return []int{0, 0, 8, 9, 11}[min(max(int(r), 0), 4)]
	}},
}

// BasemapLayerNames returns the layers of the basemap tileset in drawing
// order with their properties, for TileJSON.
func BasemapLayerNames() map[string][]string {
	out := map[string][]string{}
	for _, l := range basemapLayers {
		out[l.name] = l.props
	}
	return out
}

// EncodeBasemap cuts basemap tile z/x/y from src: layers land, rivers,
// boundary and places, clipped and simplified like the catalogue's tiles,
// ordered by feature id so that the same data always gives the same
// bytes. A tile with nothing in it is empty. Deeper than BasemapMaxZoom
// there is nothing to cut: clients over-zoom, and such tiles are empty.
func EncodeBasemap(src BasemapSource, z, x, y uint32) ([]byte, error) {
	if err := CheckTile(z, x, y); err != nil {
		return nil, err
	}
	out := []byte{}
	if z > BasemapMaxZoom {
		return out, nil
	}
	fr := newFrame(z, x, y)
	for _, l := range basemapLayers {
		var feats []*basemap.Feature
		src.Search(l.name, fr.bound, func(f *basemap.Feature) bool {
			if int(z) >= l.minZoom(f) {
				feats = append(feats, f)
			}
			return true
		})
		slices.SortFunc(feats, func(a, b *basemap.Feature) int { return int(a.ID) - int(b.ID) })
		lw := newLayerWriter(l.name, l.props, len(feats))
		for _, f := range feats {
			g := fr.geometry(f.Geometry)
			if g == nil {
				continue
			}
			for i, p := range l.props {
				switch v := f.Props[p].(type) {
				case string, float64, bool:
					lw.tag(i, v)
				}
			}
			lw.feature(f.ID, g)
		}
		if lw.count > 0 {
			out = lw.appendTo(out)
		}
	}
	return out, nil
}

// BasemapTileJSON describes the basemap tileset at tilesURL (its tiles are
// tilesURL/{z}/{y}/{x}, OGC order) as TileJSON 3.0.0 with the attribution
// its sources ask for.
func BasemapTileJSON(tilesURL string, bounds orb.Bound, attribution string) map[string]any {
	vls := []map[string]any{}
	for _, l := range basemapLayers {
		fields := map[string]any{}
		for _, p := range l.props {
			fields[p] = map[string]string{"class": "Number", "rank": "Number", "approximate": "Boolean"}[p]
			if fields[p] == "" {
				fields[p] = "String"
			}
		}
		vls = append(vls, map[string]any{"id": l.name, "fields": fields, "minzoom": 0, "maxzoom": BasemapMaxZoom})
	}
	c := bounds.Center()
	return map[string]any{
		"tilejson":      "3.0.0",
		"name":          "landcat basemap",
		"scheme":        "xyz",
		"tiles":         []string{tilesURL + "/{z}/{y}/{x}"},
		"minzoom":       0,
		"maxzoom":       BasemapMaxZoom,
		"bounds":        []float64{bounds.Min[0], bounds.Min[1], bounds.Max[0], bounds.Max[1]},
		"center":        []float64{c[0], c[1], 9},
		"attribution":   attribution,
		"vector_layers": vls,
	}
}
