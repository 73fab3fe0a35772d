// util.js: DOM building and small geometry helpers.

// h creates an element: attributes (on* are listeners, class, style and
// booleans handled) and children (strings become text, never HTML).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false || c === '') continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

function polygons(g) {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

// ringCentroid returns the planar area and centroid of a lon/lat ring.
function ringCentroid(ring) {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (a === 0) return { area: 0, at: ring[0] };
  return { area: Math.abs(a / 2), at: [cx / (3 * a), cy / (3 * a)] };
}

// labelPoint returns where to put a label or marker for a geometry: the
// centroid of the largest polygon's outer ring, a point itself, or the
// middle vertex of a line.
export function labelPoint(g) {
  if (!g) return null;
  if (g.type === 'Point') return g.coordinates;
  if (g.type === 'LineString') return g.coordinates[Math.floor(g.coordinates.length / 2)];
  if (g.type === 'MultiLineString') return labelPoint({ type: 'LineString', coordinates: g.coordinates[0] });
  let best = null;
  for (const poly of polygons(g)) {
    const c = ringCentroid(poly[0]);
    if (!best || c.area > best.area) best = c;
  }
  return best ? best.at : null;
}

// bboxOf returns [west, south, east, north] of any GeoJSON geometry.
export function bboxOf(g) {
  if (!g) return null;
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1]);
    } else c.forEach(walk);
  };
  if (g.type === 'GeometryCollection') g.geometries.forEach((x) => walk(x.coordinates));
  else walk(g.coordinates);
  return Number.isFinite(b[0]) ? b : null;
}
