package dataio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// GeoPackage 1.3 (OGC 12-128r18): an SQLite file whose feature tables hold
// geometries as a small header followed by standard WKB.

// The GeoPackage file identity (application_id "GPKG", user_version
// 10300 for version 1.3).
const (
	gpkgApplicationID = 0x47504B47
	gpkgUserVersion   = 10300
)

// envelopeSizes are the bytes of the envelope for each envelope code of
// the header's flags (none, xy, xyz, xym, xyzm).
var envelopeSizes = [...]int{0, 32, 48, 48, 64}

// decodeGeometryBlob reads a GeoPackage geometry: "GP", version, flags,
// srs_id, the envelope, then WKB. An empty geometry is nil.
func decodeGeometryBlob(b []byte) (orb.Geometry, error) {
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' {
		return nil, errors.New("is not a GeoPackage geometry (no GP header)")
	}
	flags := b[3]
	if flags&0x20 != 0 {
		return nil, errors.New("is an extended GeoPackage geometry, which landcat does not read")
	}
	code := int(flags>>1) & 0x7
	if code >= len(envelopeSizes) {
		return nil, fmt.Errorf("has an invalid envelope code %d", code)
	}
	start := 8 + envelopeSizes[code]
	if len(b) < start {
		return nil, errors.New("ends inside its header")
	}
	if flags&0x10 != 0 { // empty
		return nil, nil
	}
	g, err := wkb.Unmarshal(b[start:])
	if err != nil {
		return nil, fmt.Errorf("holds WKB that landcat cannot read (2D points, lines and polygons only): %v", err)
	}
	return g, nil
}

// encodeGeometryBlob writes g as a GeoPackage geometry in srs with an xy
// envelope, little-endian.
func encodeGeometryBlob(g orb.Geometry, srs int32) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(64 + 16*pointCount(g))
	buf.Write([]byte{'G', 'P', 0, 0x03}) // version 1 (0), flags: xy envelope, little-endian
	le := binary.LittleEndian
	var head [4 + 32]byte
	le.PutUint32(head[0:], uint32(srs))
	bd := g.Bound()
	for i, v := range []float64{bd.Min[0], bd.Max[0], bd.Min[1], bd.Max[1]} {
		le.PutUint64(head[4+8*i:], math.Float64bits(v))
	}
	buf.Write(head[:])
	w, err := wkb.Marshal(g, binary.LittleEndian)
	if err != nil {
		return nil, err
	}
	buf.Write(w)
	return buf.Bytes(), nil
}

// pointCount is about how many positions g has, for sizing buffers.
func pointCount(g orb.Geometry) int {
	switch g := g.(type) {
	case orb.Point:
		return 1
	case orb.LineString:
		return len(g)
	case orb.Polygon:
		n := 0
		for _, r := range g {
			n += len(r)
		}
		return n
	case orb.MultiPolygon:
		n := 0
		for _, p := range g {
			n += pointCount(p)
		}
		return n
	}
	return 8
}
