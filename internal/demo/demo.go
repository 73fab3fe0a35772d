// Package demo holds the embedded Hai Phong demo catalogue and a
// deterministic generator of synthetic catalogues for benchmarks.
//
// The demo files are GeoJSON FeatureCollections (RFC 7946) whose feature
// properties use the names of the landcat contract. Figures are
// approximate and labelled per feature with data_quality and source;
// geometry is schematic. They are written by ./internal/mkdemo.
package demo

import (
	"embed"
	"path"
)

//go:generate go run ./internal/mkdemo -out data

//go:embed data/*.geojson
var data embed.FS

// File is one embedded demo FeatureCollection.
type File struct {
	// Collection is the target collection: "zones", "infrastructure" or "parcels".
	Collection string
	// Name is the file name inside the embedded data directory, e.g. "zones.geojson".
	Name string
	// Data is the GeoJSON FeatureCollection.
	Data []byte
}

// collections lists the demo collections in load order: parcels
// reference zones (zone_id) and infrastructure (power_feed_substations).
var collections = []string{"zones", "infrastructure", "parcels"}

// Files returns the demo catalogue in load order: zones, infrastructure,
// parcels. Each call returns fresh copies the caller may modify.
func Files() []File {
	out := make([]File, 0, len(collections))
	for _, c := range collections {
		name := c + ".geojson"
		b, err := data.ReadFile(path.Join("data", name))
		if err != nil {
			panic("demo: missing embedded file " + name) // guarded by go:embed and tests
		}
		out = append(out, File{Collection: c, Name: name, Data: b})
	}
	return out
}
