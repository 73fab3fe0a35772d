package tiles

import (
	"slices"
	"strconv"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
)

// ContentType is the media type of an encoded tile.
const ContentType = "application/vnd.mapbox-vector-tile"

// Encode cuts tile z/x/y (XYZ numbering: x is the column, y the row from
// the north) from src with one layer per collection of layers, in that order.
// It returns a zero-length slice when no feature falls in the tile.
//
// Errors: catalog.KindBadRequest when z, x or y is out of range or layers is
// empty or names a collection twice; catalog.KindNotFound when layers names
// an unknown collection.
func Encode(src Source, layers []catalog.Collection, z, x, y uint32) ([]byte, error) {
	if err := CheckTile(z, x, y); err != nil {
		return nil, err
	}
	if err := checkLayers(layers); err != nil {
		return nil, err
	}
	fr := newFrame(z, x, y)
	out := []byte{}
	for _, c := range layers {
		if lw := fr.layer(src, c); lw.count > 0 {
			out = lw.appendTo(out)
		}
	}
	return out, nil
}

// DatasetLayers returns the layers of the dataset tileset (/tiles), in
// drawing order: zones under parcels under infrastructure.
func DatasetLayers() []catalog.Collection {
	return []catalog.Collection{catalog.Zones, catalog.Parcels, catalog.Infrastructure}
}

// ParseTile reads the path segments of an OGC API - Tiles request,
// .../{tileMatrix}/{tileRow}/{tileCol} (z/y/x: the row comes first), and
// checks the tile with CheckTile. Errors are catalog.KindBadRequest and
// name the bad segment.
func ParseTile(tileMatrix, tileRow, tileCol string) (z, x, y uint32, err error) {
	var v [3]uint32
	for i, seg := range [3]struct{ name, s string }{{"tile matrix (zoom)", tileMatrix}, {"tile row (y)", tileRow}, {"tile column (x)", tileCol}} {
		n, err := strconv.ParseUint(seg.s, 10, 32)
		if err != nil {
			return 0, 0, 0, catalog.Errorf(catalog.KindBadRequest, "%s %q is not a non-negative integer", seg.name, seg.s)
		}
		v[i] = uint32(n)
	}
	z, y, x = v[0], v[1], v[2]
	return z, x, y, CheckTile(z, x, y)
}

// CheckTile reports a catalog.KindBadRequest error when z/x/y is not a
// WebMercatorQuad tile: z in 0…MaxZoom, x and y in 0…2^z−1.
func CheckTile(z, x, y uint32) error {
	if z > MaxZoom {
		return catalog.Errorf(catalog.KindBadRequest, "tile matrix (zoom) %d is out of range 0–%d", z, MaxZoom)
	}
	n := uint32(1) << z
	if x >= n {
		return catalog.Errorf(catalog.KindBadRequest, "tile column (x) %d is out of range 0–%d at zoom %d", x, n-1, z)
	}
	if y >= n {
		return catalog.Errorf(catalog.KindBadRequest, "tile row (y) %d is out of range 0–%d at zoom %d", y, n-1, z)
	}
	return nil
}

func checkLayers(layers []catalog.Collection) error {
	if len(layers) == 0 {
		return catalog.Errorf(catalog.KindBadRequest, "a tile needs at least one layer")
	}
	for i, c := range layers {
		if _, ok := catalog.ParseCollection(string(c)); !ok {
			return catalog.Errorf(catalog.KindNotFound, "there is no collection %q", c)
		}
		if slices.Contains(layers[:i], c) {
			return catalog.Errorf(catalog.KindBadRequest, "layer %q is requested twice", c)
		}
	}
	return nil
}

// layer cuts the published features of c that show in the tile, ordered by
// id so that a revision always gives the same bytes.
func (fr *frame) layer(src Source, c catalog.Collection) *layerWriter {
	props := newPropSet(c, int(fr.z))
	if int(fr.z) < MinZoom(c) {
		return newLayerWriter(string(c), props.names(), 0)
	}
	var feats []*readmodel.Feature
	src.Search(c, fr.bound, func(f *readmodel.Feature) bool {
		if f.Publication == catalog.Published && f.Bound.Intersects(fr.bound) {
			feats = append(feats, f)
		}
		return true
	})
	slices.SortFunc(feats, func(a, b *readmodel.Feature) int { return strings.Compare(a.ID, b.ID) })
	lw := newLayerWriter(string(c), props.names(), len(feats))
	for _, f := range feats {
		g := fr.geometry(f.Geometry)
		if g == nil {
			continue
		}
		for i := range props.fields {
			if v := props.value(i, f); v != nil {
				lw.tag(i, v)
			}
		}
		lw.feature(FeatureID(f.ID), g)
	}
	return lw
}
