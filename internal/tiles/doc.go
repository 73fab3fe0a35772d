// Package tiles cuts Mapbox Vector Tiles (MVT 2.1) from the read model and
// describes them for map clients: TileJSON 3.0.0 and the OGC API - Tiles
// metadata (the WebMercatorQuad tile matrix set, tileset descriptions and
// lists).
//
// # Tiles
//
// Encode makes one tile: one layer per requested collection, named after it
// ("zones", "parcels", "infrastructure"), layer version 2, extent 4096, with
// geometry clipped to a 64-unit buffer around the tile. Only published
// features are included. Tile addresses are checked: a zoom outside 0–24 or
// a column or row outside 0…2^z−1 is a catalog.KindBadRequest error naming
// the bad value.
//
// Feature ids are FeatureID(string id): FNV-1a 64 of the id, cut to 53 bits
// so that JavaScript (MapLibre feature-state, @mapbox/vector-tile) reads it
// exactly. The id depends on nothing but the string id, so it is the same at
// every zoom, in every revision and on every server. The string id is kept
// as the property "id", which is the authority (MapLibre promoteId: "id"
// works as well).
//
// # Empty tiles
//
// A tile with no feature is returned as a zero-length (non-nil) byte slice:
// an MVT message with no layers, which is a valid, empty tile. Layers with no
// features are left out of non-empty tiles too (MVT 2.1 §4.1: a layer SHOULD
// contain at least one feature). HTTP answers an empty tile with 204 No
// Content, which OGC API - Tiles allows and map clients treat as empty.
//
// # Simplification and the low-zoom policy
//
// Geometry is projected to tile units (4096 per tile side, so one CSS pixel
// of a 512-pixel MapLibre tile is 8 units), clipped, then simplified with
// Douglas-Peucker at half a pixel (4 units) below zoom 14 and at an eighth of
// a pixel (1 unit) from zoom 14, where neighbouring parcels must meet without
// visible cracks. Coordinates are then snapped to the integer grid, repeated
// vertices removed, rings re-oriented as MVT requires (exterior clockwise on
// screen, holes anticlockwise) and polygons under one square pixel (64
// square units) dropped: they would not show, and at tile seams they are
// only slivers of the buffer.
//
// Zones and infrastructure appear at every zoom (a few hundred features).
// Parcels appear from ParcelMinZoom (12). Below it a parcel of a few
// hectares is a few pixels wide and a dense park puts thousands of them in
// one tile: with the 100,000-parcel generated catalogue the busiest zoom-11
// tile holds 7,200 parcels (438 KB and 160 ms to cut, even with the short
// property set) and the busiest zoom-10 tile 28,000 (1.6 MB), while the
// zones layer already shows where the land is. At
// zoom 12 parcels carry a short property set for styling, filtering and
// highlighting (id, status, sectors, area_ha); from DetailZoom (13) they
// carry every property a popup needs. The largest tile of that catalogue
// is then about 125 KB at any zoom. A client needing more than a tile holds
// fetches the feature by its id.
//
// # Cache
//
// Cache keeps encoded tiles keyed by (layers, z, x, y, revision), evicting the
// least recently used beyond a byte budget. Keying on the revision means a
// write can never leave a stale tile behind; when a newer revision shows up,
// the entries of older revisions are dropped at once. Invalidating only the
// tiles around the changed features would not be correct here: a changed
// port or substation changes the computed distances of every parcel, and a
// changed zone the inherited values of all its parcels. Concurrent requests
// for the same missing tile encode it once.
//
// # Basemap tiles
//
// EncodeBasemap cuts the embedded basemap (internal/basemap: land, rivers,
// the provincial boundary, places) with the same frame, clipping,
// simplification and writer, each feature from its layer's minimum zoom,
// up to BasemapMaxZoom (clients over-zoom beyond it). Cache.Basemap keeps
// those tiles in the same cache under a layers key of their own; the
// basemap never changes while the process runs.
//
// # Encoding
//
// Geometry goes through orb (maptile, project on a clone, clip, simplify);
// the protobuf is written by hand (mvtwriter.go) rather than by orb's
// mvt.Marshal, whose per-feature property maps and interface-keyed value
// dictionary took more than half the time of a dense tile. orb's decoder,
// GDAL and @mapbox/vector-tile check the output in the tests.
package tiles
