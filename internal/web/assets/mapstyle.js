// mapstyle.js: the MapLibre style of the map page. Everything comes from
// landcat: the basemap (land and sea, rivers, the provincial boundary,
// places) as vector tiles from /map/basemap, the catalogue's tiles, and
// label glyphs generated from Noto Sans into the page's assets. Labels are
// symbol layers, so MapLibre keeps them from colliding; their text
// follows the page language (labelField).

import { base } from './api.js';

// Where the label glyphs are: this build's versioned assets.
const ASSETS = `${base.href}map/assets/${document.documentElement.dataset.version}/`;
export const FONT = ['NotoSans-Regular'];
export const FONT_BOLD = ['NotoSans-Bold'];
export const BASEMAP_SOURCE = 'basemap';
export const ZONE_LABELS_SOURCE = 'zone-points';
export const BASEMAP_ATTRIBUTION = 'GSHHG (LGPL) · GeoNames (CC BY 4.0)';

// Label layers and the properties their text comes from.
export const LABEL_LAYERS = ['place-labels-major', 'place-labels', 'zone-labels', 'ez-labels', 'infra-labels', 'parcel-codes'];

// labelField is the text of a label in lang: the Vietnamese name, or in
// English the English name where there is one.
export function labelField(lang) {
  return lang === 'en' ? ['coalesce', ['get', 'name_en'], ['get', 'name']] : ['get', 'name'];
}

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
const picked = ['==', state('picked', false), true];
export const PICKED_COLOR = '#e64980';

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

const halo = { 'text-halo-color': 'rgba(255,255,255,0.92)', 'text-halo-width': 1.4, 'text-halo-blur': 0.3 };

// basemapLayers draw land over a sea-coloured background, then rivers and
// the provincial boundary.
function basemapLayers() {
  return [
    { id: 'background', type: 'background', paint: { 'background-color': '#c9dff0' } },
    { id: 'land', type: 'fill', source: BASEMAP_SOURCE, 'source-layer': 'land', paint: { 'fill-color': '#f4f2ec', 'fill-antialias': true } },
    {
      id: 'rivers', type: 'line', source: BASEMAP_SOURCE, 'source-layer': 'rivers',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#a7cbe6', 'line-width': ['interpolate', ['linear'], ['zoom'], 7, ['match', ['get', 'class'], [1, 2], 1.2, 0.6], 13, ['match', ['get', 'class'], [1, 2], 3, 1.6]] },
    },
    {
      id: 'boundary', type: 'line', source: BASEMAP_SOURCE, 'source-layer': 'boundary',
      paint: { 'line-color': '#9a6fa0', 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 1, 12, 2], 'line-dasharray': [4, 2, 1, 2], 'line-opacity': 0.8 },
    },
  ];
}

// labelLayers: places (cities first, then towns as the map zooms in), zone
// names from the overview, infrastructure names and parcel codes closer in.
function labelLayers(lang) {
  const text = labelField(lang);
  return [
    {
      id: 'place-labels', type: 'symbol', source: BASEMAP_SOURCE, 'source-layer': 'places', minzoom: 8,
      filter: ['>', ['get', 'rank'], 1],
      layout: {
        'text-field': text, 'text-font': FONT, 'symbol-sort-key': ['get', 'rank'],
        'text-size': ['interpolate', ['linear'], ['zoom'], 8, ['match', ['get', 'rank'], 2, 12, 10.5], 13, ['match', ['get', 'rank'], 2, 15, 13]],
        'text-padding': 4,
      },
      paint: { 'text-color': '#5c5f66', ...halo },
    },
    {
      id: 'place-labels-major', type: 'symbol', source: BASEMAP_SOURCE, 'source-layer': 'places',
      filter: ['==', ['get', 'rank'], 1],
      layout: { 'text-field': text, 'text-font': FONT_BOLD, 'text-size': ['interpolate', ['linear'], ['zoom'], 7, 13, 12, 18], 'text-padding': 6 },
      paint: { 'text-color': '#3d4047', ...halo },
    },
    {
      id: 'ez-labels', type: 'symbol', source: ZONE_LABELS_SOURCE, maxzoom: 12,
      filter: ['!=', ['get', 'kind'], 'industrial_park'],
      layout: {
        'text-field': text, 'text-font': FONT, 'text-size': 11.5, 'text-max-width': 9, 'text-letter-spacing': 0.04,
        'text-transform': 'uppercase', 'text-padding': 6, 'symbol-sort-key': 3,
      },
      paint: { 'text-color': '#6e7b87', ...halo },
    },
    {
      id: 'zone-labels', type: 'symbol', source: ZONE_LABELS_SOURCE, minzoom: 8.5,
      filter: ['==', ['get', 'kind'], 'industrial_park'],
      layout: {
        'text-field': lang === 'en' ? ['coalesce', ['get', 'short_en'], ['get', 'name_en'], ['get', 'name']] : ['coalesce', ['get', 'short'], ['get', 'name']],
        'text-font': FONT_BOLD, 'text-size': ['interpolate', ['linear'], ['zoom'], 9, 10.5, 13, 13.5],
        'text-max-width': 8, 'text-padding': 3, 'symbol-sort-key': ['get', 'order'],
      },
      paint: { 'text-color': '#24484c', ...halo },
    },
    {
      id: 'infra-labels', type: 'symbol', source: VECTOR_SOURCE, 'source-layer': 'infrastructure', minzoom: 11,
      filter: ['all', isPoint, ['in', ['get', 'kind'], ['literal', ['seaport', 'airport', 'expressway_interchange', 'substation']]]],
      layout: {
        'text-field': text, 'text-font': FONT, 'text-size': 11, 'text-max-width': 10,
        'text-variable-anchor': ['left', 'right', 'top', 'bottom'], 'text-radial-offset': 0.8, 'text-padding': 3,
      },
      paint: { 'text-color': infraColor, ...halo },
    },
    {
      id: 'parcel-codes', type: 'symbol', source: DOTS_SOURCE, minzoom: 14,
      layout: { 'text-field': ['get', 'code'], 'text-font': FONT_BOLD, 'text-size': ['interpolate', ['linear'], ['zoom'], 14, 10, 17, 13], 'text-padding': 2 },
      paint: { 'text-color': '#1d2a33', ...halo },
    },
  ];
}

export function style(lang = 'vi') {
  const empty = { type: 'FeatureCollection', features: [] };
  return {
    version: 8,
    name: 'landcat',
    glyphs: `${ASSETS}glyphs/{fontstack}/{range}.pbf`,
    sources: {
      [BASEMAP_SOURCE]: {
        type: 'vector',
        tiles: [`${base.href}map/basemap/WebMercatorQuad/{z}/{y}/{x}`],
        minzoom: 0,
        maxzoom: 14,
        attribution: BASEMAP_ATTRIBUTION,
      },
      [ZONE_LABELS_SOURCE]: { type: 'geojson', data: empty },
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
      ...basemapLayers(),
      // GSHHG's coastline predates the land reclaimed for Dinh Vu and
      // Lach Huyen: industrial parks are land whatever it says.
      {
        id: 'zones-ground', type: 'fill', source: VECTOR_SOURCE, 'source-layer': 'zones',
        filter: isPark, paint: { 'fill-color': '#f4f2ec' },
      },
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
          'line-color': ['case', selected, SELECTED_COLOR, picked, PICKED_COLOR, ranked, RANKED_COLOR, '#ffffff'],
          'line-width': ['case', selected, 2.5, picked, 2.5, ranked, 2, 0.6],
        },
      },
      {
        id: 'parcels-dots', type: 'circle', source: DOTS_SOURCE, maxzoom: 11,
        paint: {
          'circle-color': ['case', excluded, EXCLUDED_COLOR, statusColor],
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, ['case', ranked, 5, 2.5], 11, ['case', ranked, 7, 4.5]],
          'circle-stroke-color': ['case', selected, SELECTED_COLOR, picked, PICKED_COLOR, ranked, RANKED_COLOR, '#ffffff'],
          'circle-stroke-width': ['case', selected, 2.5, picked, 2.5, ranked, 2, 0.8],
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
          'line-color': ['case', selected, SELECTED_COLOR, picked, PICKED_COLOR, ranked, RANKED_COLOR, '#ffffff'],
          'line-width': ['case', selected, 3.5, picked, 3.5, ranked, 3, hovered, 2, 1],
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
      ...labelLayers(lang),
    ],
  };
}
