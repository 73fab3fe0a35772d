// mapstyle.js: the MapLibre style of the map page. No basemap, no sprite,
// no glyphs; a neutral background, zones, parcels and infrastructure drawn
// with fills, lines and circles only, so that nothing is fetched from
// outside landcat. Labels are HTML markers (app.js).

import { base } from './api.js';

export const STATUS_COLORS = {
  available: '#2e9e5b',
  in_preparation: '#3b7dd8',
  reserved: '#e6a23c',
  leased: '#8e6cc0',
};

export const INFRA_COLORS = {
  seaport: '#0b4f8a',
  airport: '#c2185b',
  expressway_interchange: '#e8590c',
  railway_station: '#6d4c41',
  substation: '#d4a000',
  power_plant: '#7b3fa0',
  hazard: '#d62828',
  road: '#7d8790',
};

export const LINE_STYLES = {
  expressway: { color: '#e8590c', width: 3 },
  railway: { color: '#5d4037', width: 2 },
  transmission_line: { color: '#d4a000', width: 1.5 },
  road: { color: '#9aa3ab', width: 1.5 },
};

export const EXCLUDED_COLOR = '#b9bfc6';
export const RANKED_COLOR = '#0a2a66';
export const SELECTED_COLOR = '#111111';
export const ZONE_COLOR = '#2f5d62';
export const EZ_COLOR = '#7d8a96';

// Layers that show parcels, by source. The vector-tile layers draw
// parcels from z12 (where the tiles have them); the GeoJSON layers draw
// the items below that.
export const PARCEL_LAYERS = ['parcels-fill', 'parcels-geo-fill', 'parcels-dots'];
export const INFRA_LAYERS = ['infra-points', 'infra-lines-operational', 'infra-lines-other'];
export const TILE_MINZOOM_PARCELS = 12;

export const VECTOR_SOURCE = 'landcat';
export const GEO_SOURCE = 'parcels-geo';
export const DOTS_SOURCE = 'parcels-dots';

const state = (k, d) => ['coalesce', ['feature-state', k], d];
const ranked = ['>', state('rank', 0), 0];
const excluded = ['==', state('excluded', false), true];
const selected = ['==', state('selected', false), true];
const hovered = ['==', state('hover', false), true];

const statusColor = ['match', ['get', 'status'],
  'available', STATUS_COLORS.available,
  'in_preparation', STATUS_COLORS.in_preparation,
  'reserved', STATUS_COLORS.reserved,
  'leased', STATUS_COLORS.leased,
  '#999999'];

const parcelFillPaint = {
  'fill-color': ['case', excluded, EXCLUDED_COLOR, statusColor],
  'fill-opacity': ['case', selected, 0.92, ranked, 0.88, hovered, 0.8, excluded, 0.5, 0.62],
};

const infraColor = ['match', ['get', 'kind'],
  ...Object.entries(INFRA_COLORS).flat(),
  '#555555'];

const lineColor = ['match', ['get', 'kind'],
  ...Object.entries(LINE_STYLES).flatMap(([k, v]) => [k, v.color]),
  '#555555'];

const lineWidth = ['match', ['get', 'kind'],
  ...Object.entries(LINE_STYLES).flatMap(([k, v]) => [k, v.width]),
  1.5];

const operational = ['==', ['get', 'status'], 'operational'];
const isLine = ['==', ['geometry-type'], 'LineString'];
const isPoint = ['==', ['geometry-type'], 'Point'];
const isPark = ['==', ['get', 'kind'], 'industrial_park'];

export function style() {
  const empty = { type: 'FeatureCollection', features: [] };
  return {
    version: 8,
    name: 'landcat',
    sources: {
      [VECTOR_SOURCE]: {
        type: 'vector',
        // OGC API - Tiles order: z/y/x (row before column).
        tiles: [`${base.href}tiles/WebMercatorQuad/{z}/{y}/{x}`], // not new URL(): it would escape the braces
        minzoom: 0,
        maxzoom: 16,
        // The string id, so that feature state can be keyed by it.
        promoteId: 'id',
        attribution: 'landcat — Hai Phong demo data',
      },
      [GEO_SOURCE]: { type: 'geojson', data: empty, promoteId: 'id' },
      [DOTS_SOURCE]: { type: 'geojson', data: empty, promoteId: 'id' },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } },
      {
        id: 'ez-fill', type: 'fill', source: VECTOR_SOURCE, 'source-layer': 'zones',
        filter: ['!', isPark],
        paint: { 'fill-color': EZ_COLOR, 'fill-opacity': 0.04 },
      },
      {
        id: 'ez-outline', type: 'line', source: VECTOR_SOURCE, 'source-layer': 'zones',
        filter: ['!', isPark],
        paint: { 'line-color': EZ_COLOR, 'line-width': 1.2, 'line-dasharray': [4, 3] },
      },
      {
        id: 'zones-fill', type: 'fill', source: VECTOR_SOURCE, 'source-layer': 'zones',
        filter: isPark,
        paint: { 'fill-color': ZONE_COLOR, 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 8, 0.18, 12, 0.07] },
      },
      {
        id: 'zones-outline', type: 'line', source: VECTOR_SOURCE, 'source-layer': 'zones',
        filter: isPark,
        paint: { 'line-color': ZONE_COLOR, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.8, 14, 2.2] },
      },
      {
        id: 'infra-lines-other', type: 'line', source: VECTOR_SOURCE, 'source-layer': 'infrastructure',
        filter: ['all', isLine, ['!', operational]],
        layout: { 'line-cap': 'butt' },
        paint: { 'line-color': lineColor, 'line-width': lineWidth, 'line-opacity': 0.75, 'line-dasharray': [3, 2] },
      },
      {
        id: 'infra-lines-operational', type: 'line', source: VECTOR_SOURCE, 'source-layer': 'infrastructure',
        filter: ['all', isLine, operational],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': lineColor, 'line-width': lineWidth },
      },
      // Parcels below z12, from the GeoJSON items: fills from z10, dots
      // (at the centroid) below, so that small parcels stay visible.
      {
        id: 'parcels-geo-fill', type: 'fill', source: GEO_SOURCE, minzoom: 10, maxzoom: TILE_MINZOOM_PARCELS,
        paint: parcelFillPaint,
      },
      {
        id: 'parcels-geo-line', type: 'line', source: GEO_SOURCE, minzoom: 10, maxzoom: TILE_MINZOOM_PARCELS,
        paint: {
          'line-color': ['case', selected, SELECTED_COLOR, ranked, RANKED_COLOR, '#ffffff'],
          'line-width': ['case', selected, 2.5, ranked, 2, 0.6],
        },
      },
      {
        id: 'parcels-dots', type: 'circle', source: DOTS_SOURCE, maxzoom: 11,
        paint: {
          'circle-color': ['case', excluded, EXCLUDED_COLOR, statusColor],
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, ['case', ranked, 5, 2.5], 11, ['case', ranked, 7, 4.5]],
          'circle-stroke-color': ['case', selected, SELECTED_COLOR, ranked, RANKED_COLOR, '#ffffff'],
          'circle-stroke-width': ['case', selected, 2.5, ranked, 2, 0.8],
          'circle-opacity': ['case', excluded, 0.6, 1],
        },
      },
      // Parcels from the vector tiles.
      {
        id: 'parcels-fill', type: 'fill', source: VECTOR_SOURCE, 'source-layer': 'parcels', minzoom: TILE_MINZOOM_PARCELS,
        paint: parcelFillPaint,
      },
      {
        id: 'parcels-line', type: 'line', source: VECTOR_SOURCE, 'source-layer': 'parcels', minzoom: TILE_MINZOOM_PARCELS,
        paint: {
          'line-color': ['case', selected, SELECTED_COLOR, ranked, RANKED_COLOR, '#ffffff'],
          'line-width': ['case', selected, 3.5, ranked, 3, hovered, 2, 1],
        },
      },
      {
        id: 'infra-points', type: 'circle', source: VECTOR_SOURCE, 'source-layer': 'infrastructure',
        filter: isPoint,
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 3.5, 12, 6, 16, 8],
          'circle-color': ['case', operational, infraColor, '#ffffff'],
          'circle-stroke-color': ['case', operational, '#ffffff', infraColor],
          'circle-stroke-width': ['case', operational, 1.2, 2],
        },
      },
    ],
  };
}
