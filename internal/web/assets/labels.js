// labels.js: the map's labels in the page language. Zone names come from
// the zones' items (one point per zone, at the centroid of its largest
// polygon) rather than from the tiles, where a zone cut by tile edges
// would be labelled once per tile; places and infrastructure come from the
// tiles. MapLibre's symbol layers keep labels from colliding.

import { ZONE_LABELS_SOURCE, labelField } from './mapstyle.js';
import { labelPoint } from './util.js';

// shortZoneName abbreviates "Khu công nghiệp X" to "KCN X" and
// "X Industrial Park" to "X IP", the way people in Hai Phong say them.
export function shortZoneName(name) {
  return String(name || '')
    .replace(/^Khu công nghiệp\s+/i, 'KCN ')
    .replace(/\s+Industrial Park\b/i, ' IP')
    .replace(/\s*\((?:[^()]*)\)\s*$/, '');
}

// setZoneLabels gives the label source one point per zone, larger zones
// first when labels compete for room.
export function setZoneLabels(map, features) {
  const points = features.map((f) => {
    const at = labelPoint(f.geometry);
    if (!at) return null;
    const p = f.properties;
    const vi = p.name_vi || p.name;
    const en = p.name_en || vi;
    return {
      type: 'Feature',
      id: f.id,
      geometry: { type: 'Point', coordinates: at },
      properties: {
        id: f.id, kind: p.kind, name: vi, name_en: en, short: shortZoneName(vi), short_en: shortZoneName(en),
        order: -(p.area_ha || p.official_area_ha || 0),
      },
    };
  }).filter(Boolean);
  map.getSource(ZONE_LABELS_SOURCE).setData({ type: 'FeatureCollection', features: points });
}

// relabel switches every label layer to lang.
export function relabel(map, lang) {
  const text = labelField(lang);
  for (const id of ['place-labels', 'place-labels-major', 'ez-labels', 'infra-labels']) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'text-field', text);
  }
  if (map.getLayer('zone-labels')) {
    map.setLayoutProperty('zone-labels', 'text-field', lang === 'en'
      ? ['coalesce', ['get', 'short_en'], ['get', 'name_en'], ['get', 'name']]
      : ['coalesce', ['get', 'short'], ['get', 'name']]);
  }
}
