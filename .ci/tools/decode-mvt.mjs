// decode-mvt.mjs prints a JSON summary of a Mapbox Vector Tile as
// @mapbox/vector-tile reads it, for landcat's tile tests.
//
//   node tools/decode-mvt.mjs FILE [Z X Y]
//
// Per layer: name, version, extent, feature count, geometry types, feature
// ids, the first feature's id, type and properties, and whether every
// polygon's exterior ring has a positive surveyor's-formula area (MVT 2.1
// §4.3.4.4). With Z X Y, the first feature's lon/lat bounding box too.
import { readFileSync } from 'node:fs';
import { PbfReader } from 'pbf';
import { VectorTile, VectorTileFeature, classifyRings } from '@mapbox/vector-tile';

const [file, z, x, y] = process.argv.slice(2);
if (!file) {
  console.error('usage: node decode-mvt.mjs FILE [Z X Y]');
  process.exit(2);
}

const tile = new VectorTile(new PbfReader(readFileSync(file)));

// area is the surveyor's formula in tile coordinates (y down): positive for
// a ring that runs clockwise on screen, as MVT exterior rings must.
function area(ring) {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    sum += a.x * b.y - b.x * a.y;
  }
  return sum / 2;
}

function bbox(coords, acc = [Infinity, Infinity, -Infinity, -Infinity]) {
  if (typeof coords[0] === 'number') {
    acc[0] = Math.min(acc[0], coords[0]);
    acc[1] = Math.min(acc[1], coords[1]);
    acc[2] = Math.max(acc[2], coords[0]);
    acc[3] = Math.max(acc[3], coords[1]);
    return acc;
  }
  for (const c of coords) bbox(c, acc);
  return acc;
}

function summarise(layer) {
  const out = {
    name: layer.name,
    version: layer.version,
    extent: layer.extent,
    length: layer.length,
    types: {},
    ids: [],
    exteriorsPositive: true,
  };
  for (let i = 0; i < layer.length; i++) {
    const f = layer.feature(i);
    const type = VectorTileFeature.types[f.type];
    out.types[type] = (out.types[type] || 0) + 1;
    out.ids.push(f.id);
    if (f.type === 3) {
      for (const polygon of classifyRings(f.loadGeometry())) {
        if (area(polygon[0]) <= 0) out.exteriorsPositive = false;
      }
    }
  }
  if (layer.length > 0) {
    const f = layer.feature(0);
    out.first = { id: f.id, type: VectorTileFeature.types[f.type], properties: f.properties };
    if (z !== undefined) {
      out.first.bbox = bbox(f.toGeoJSON(Number(x), Number(y), Number(z)).geometry.coordinates);
    }
  }
  return out;
}

const layers = Object.values(tile.layers).map(summarise);
console.log(JSON.stringify({ layers }, null, 1));
