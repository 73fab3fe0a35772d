package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// feature is one basemap feature of a layer.
type feature struct {
	layer string
	geom  orb.Geometry
	props map[string]any
}

var layerOrder = map[string]int{"land": 0, "rivers": 1, "boundary": 2, "places": 3}

// write stores the features as one gzip-compressed GeoJSON
// FeatureCollection, coordinates rounded to 1e-5° (about 1 m), each
// feature's layer in its "layer" property, in a fixed order so that a run
// on the same inputs writes the same bytes. It returns the file's size.
func write(path string, feats []feature) (int, error) {
	sort.SliceStable(feats, func(i, j int) bool { return layerOrder[feats[i].layer] < layerOrder[feats[j].layer] })
	fc := geojson.NewFeatureCollection()
	for _, f := range feats {
		gf := geojson.NewFeature(orb.Round(f.geom, 1e5))
		gf.Properties = geojson.Properties{"layer": f.layer}
		for k, v := range f.props {
			gf.Properties[k] = v
		}
		fc.Append(gf)
	}
	body, err := json.Marshal(fc)
	if err != nil {
		return 0, err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	if _, err := zw.Write(body); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return buf.Len(), os.WriteFile(path, buf.Bytes(), 0o644)
}
