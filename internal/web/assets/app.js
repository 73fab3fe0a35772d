// app.js: landcat's investor map page. Plain ES modules, no build step.
//
// The URL fragment holds the page state, so any view can be shared:
//   #map=Z/LON/LAT&lang=vi|en&parcel=ID&match=JSON&picked=A,B&compare=A,B&shortlist=TOKEN
// (match is the body of POST /match, URL-encoded). Loading such a URL
// restores the view, the language, the open parcel, the site search, the
// picked sites, the comparison and the shortlist.
//
// window.landcat exposes the map and a few hooks for the browser test
// (.ci/tools/map-check.mjs).

import * as maplibregl from './vendor/maplibre-gl.mjs';
import { getJSON, ApiError } from './api.js';
import { LANGS, setLang, lang, t, term, applyStatic, reasonText } from './i18n.js';
import {
  style, STATUS_COLORS, INFRA_COLORS, LINE_STYLES, EXCLUDED_COLOR, RANKED_COLOR, ZONE_COLOR, EZ_COLOR,
  PARCEL_LAYERS, INFRA_LAYERS, VECTOR_SOURCE, GEO_SOURCE, DOTS_SOURCE, TILE_MINZOOM_PARCELS, PICKED_COLOR,
} from './mapstyle.js';
import { renderDetails } from './details.js';
import { initFinder } from './finder.js';
import { h, labelPoint, bboxOf } from './util.js';
import { setZoneLabels, relabel } from './labels.js';
import { initTray } from './tray.js';
import { initShortlist } from './shortlist.js';
import { initInquiry } from './inquiry.js';

const DEFAULT_VIEW = { zoom: 9.3, lon: 106.62, lat: 20.84 };
const LOW_ZOOM_PARCEL_LIMIT = 1000;

// ---- state -------------------------------------------------------------

const fromURL = readHash();
const state = {
  lang: fromURL.lang || initialLang(),
  parcel: null, // selected parcel id
  match: null, // the last match request (POST /match body)
  result: null, // its result
};
setLang(state.lang);
applyStatic();

function initialLang() {
  // The server picked the page language from Accept-Language (or ?lang=).
  const served = document.documentElement.lang;
  if (LANGS.includes(served)) return served;
  for (const l of navigator.languages || [navigator.language || '']) {
    const base = l.toLowerCase().split('-')[0];
    if (LANGS.includes(base)) return base;
  }
  return 'vi';
}

function readHash() {
  const p = new URLSearchParams(window.location.hash.slice(1));
  const out = {};
  const m = /^(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(p.get('map') || '');
  if (m) out.view = { zoom: +m[1], lon: +m[2], lat: +m[3] };
  if (LANGS.includes(p.get('lang'))) out.lang = p.get('lang');
  if (p.get('parcel')) out.parcel = p.get('parcel');
  const list = (k) => (p.get(k) || '').split(',').map((x) => x.trim()).filter(Boolean);
  if (list('picked').length) out.picked = list('picked');
  if (list('compare').length) out.compare = list('compare');
  if (/^[A-Za-z0-9_-]{24}$/.test(p.get('shortlist') || '')) out.shortlist = p.get('shortlist');
  if (p.get('match')) {
    try {
      const req = JSON.parse(p.get('match'));
      if (req && typeof req === 'object' && !Array.isArray(req)) out.match = req;
    } catch {
      // a mangled link: ignore the search
    }
  }
  return out;
}

let writingHash = false;

// writeHash records the state in the URL; push adds a history entry (a
// new parcel, search or language), otherwise the entry is replaced (map
// moves).
function writeHash(push = false) {
  const c = map.getCenter();
  const parts = [`map=${map.getZoom().toFixed(2)}/${c.lng.toFixed(5)}/${c.lat.toFixed(5)}`, `lang=${state.lang}`];
  if (state.parcel) parts.push(`parcel=${encodeURIComponent(state.parcel)}`);
  if (state.match) parts.push(`match=${encodeURIComponent(JSON.stringify(state.match))}`);
  if (state.shortlist) parts.push(`shortlist=${state.shortlist}`);
  else if (state.picked?.length) parts.push(`picked=${state.picked.map(encodeURIComponent).join(',')}`);
  if (state.compare) parts.push(`compare=${state.compare.map(encodeURIComponent).join(',')}`);
  const next = `#${parts.join('&')}`;
  if (next === window.location.hash) return;
  writingHash = true;
  if (push) window.history.pushState(null, '', next);
  else window.history.replaceState(null, '', next);
  writingHash = false;
}

// ---- errors --------------------------------------------------------------

const errorBox = document.getElementById('error');
errorBox.querySelector('.error-close').addEventListener('click', () => { errorBox.hidden = true; });

// showError shows an API error (problem+json detail and the pointers of
// its problems) or any other error in the banner at the top.
function showError(err, context) {
  const body = errorBox.querySelector('.error-body');
  body.replaceChildren();
  const title = err instanceof ApiError
    ? `${context ? `${context}: ` : ''}${err.title || t('error')} (${err.status || '—'})`
    : `${context ? `${context}: ` : ''}${t('error')}`;
  body.append(h('strong', {}, title), ' ', h('span', {}, err.detail || err.message || String(err)));
  if (err.problems?.length) {
    body.append(h('ul', {}, ...err.problems.map((p) => h('li', {}, `${p.pointer ?? ''} ${p.message ?? ''}`.trim()))));
  }
  errorBox.hidden = false;
}

// ---- map -----------------------------------------------------------------

const view = fromURL.view || DEFAULT_VIEW;
const map = new maplibregl.Map({
  container: 'map',
  style: style(state.lang),
  center: [view.lon, view.lat],
  zoom: view.zoom,
  minZoom: 6,
  maxZoom: 18,
  dragRotate: false,
  pitchWithRotate: false,
  touchPitch: false,
  attributionControl: { compact: true },
  fadeDuration: 0,
});
map.touchZoomRotate.disableRotation();
map.keyboard.disableRotation();
map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
map.on('error', (e) => showError(e.error || e, 'Map'));

const loaded = new Promise((resolve) => map.once('load', resolve));

// ---- data: zones (labels), parcels (low zoom, codes) ----------------------

const zones = new Map(); // id -> feature in the current language
const parcels = new Map(); // id -> feature (GeoJSON items)

async function loadZones() {
  const fc = await getJSON(`collections/zones/items?limit=1000&lang=${state.lang}`, { cached: true });
  zones.clear();
  for (const f of fc.features) zones.set(f.id, f);
  await loaded;
  setZoneLabels(map, fc.features);
  return fc;
}

async function loadParcels() {
  const fc = await getJSON(`collections/parcels/items?limit=${LOW_ZOOM_PARCEL_LIMIT}`);
  for (const f of fc.features) {
    f.properties.id = f.id;
    parcels.set(f.id, f);
  }
  const list = document.getElementById('parcel-codes');
  list.replaceChildren(...[...parcels.values()]
    .sort((a, b) => a.properties.code.localeCompare(b.properties.code))
    .map((f) => h('option', { value: f.properties.code })));
  const complete = fc.features.length >= (fc.numberMatched ?? fc.features.length);
  await loaded;
  if (complete) {
    map.getSource(GEO_SOURCE).setData(fc);
    const dots = fc.features.map((f) => ({
      type: 'Feature', id: f.id, properties: f.properties, geometry: { type: 'Point', coordinates: labelPoint(f.geometry) },
    })).filter((f) => f.geometry.coordinates);
    map.getSource(DOTS_SOURCE).setData({ type: 'FeatureCollection', features: dots });
  }
  lowZoomParcels = complete;
  updateZoomClasses();
  return fc;
}

let lowZoomParcels = true;

function updateZoomClasses() {
  const z = map.getZoom();
  document.getElementById('zoom-hint').hidden = lowZoomParcels || z >= TILE_MINZOOM_PARCELS;
}

map.on('zoom', updateZoomClasses);
map.on('moveend', () => writeHash(false));

// ---- feature state ------------------------------------------------------

// setParcelState sets feature state on every source that draws parcels.
function setParcelState(id, st) {
  map.setFeatureState({ source: VECTOR_SOURCE, sourceLayer: 'parcels', id }, st);
  map.setFeatureState({ source: GEO_SOURCE, id }, st);
  map.setFeatureState({ source: DOTS_SOURCE, id }, st);
}

function removeParcelState(id, key) {
  map.removeFeatureState({ source: VECTOR_SOURCE, sourceLayer: 'parcels', id }, key);
  map.removeFeatureState({ source: GEO_SOURCE, id }, key);
  map.removeFeatureState({ source: DOTS_SOURCE, id }, key);
}

// ---- selection and the details panel ------------------------------------

const details = document.getElementById('details');
let detailsSeq = 0;

async function select(id, { fly = false, push = true, focus = true } = {}) {
  await loaded;
  if (state.parcel && state.parcel !== id) removeParcelState(state.parcel, 'selected');
  state.parcel = id;
  if (!id) {
    details.hidden = true;
    details.replaceChildren();
    writeHash(push);
    return;
  }
  setParcelState(id, { selected: true });
  writeHash(push);
  const seq = ++detailsSeq;
  details.hidden = false;
  details.replaceChildren(h('p', { class: 'loading' }, t('loading')));
  try {
    const f = await getJSON(`collections/parcels/items/${encodeURIComponent(id)}?lang=${state.lang}`);
    if (seq !== detailsSeq) return;
    renderDetails(details, f, ctx);
    if (focus) details.focus({ preventScroll: true });
    if (fly) flyToGeometry(f.geometry);
  } catch (err) {
    if (seq !== detailsSeq) return;
    details.replaceChildren(closeButton(), h('p', { class: 'panel-error' }, err.detail || err.message));
    showError(err, t('parcel'));
  }
}

function closeButton() {
  return h('button', { type: 'button', class: 'close', 'aria-label': t('close'), onclick: () => select(null) }, '×');
}

function flyToGeometry(geometry, maxZoom = 15) {
  const b = bboxOf(geometry);
  if (!b) return;
  const pad = panelPadding();
  map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: pad, maxZoom, duration: 600 });
}

// panelPadding keeps fitted features clear of the panels over the map.
function panelPadding() {
  const pad = { top: 50, bottom: 50, left: 50, right: 50 };
  if (window.innerWidth <= 800) return pad;
  if (!details.hidden) pad.right += details.offsetWidth;
  const legend = document.getElementById('legend');
  if (!legendBody.hidden) pad.left += legend.offsetWidth;
  return pad;
}

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !details.hidden && !e.defaultPrevented) select(null);
});

// "Go to parcel" by code.
document.getElementById('goto').addEventListener('submit', (e) => {
  e.preventDefault();
  const code = e.target.elements.code.value.trim().toUpperCase();
  if (!code) return;
  const f = [...parcels.values()].find((p) => p.properties.code.toUpperCase() === code) || parcels.get(code.toLowerCase());
  if (f) select(f.id, { fly: true });
  else showError(new Error(t('unknownParcel', { code })));
});

// ---- map interaction: click, hover, tooltip ----------------------------

const tooltip = document.getElementById('tooltip');
let hovered = null;

function parcelAt(point) {
  const layers = PARCEL_LAYERS.filter((l) => map.getLayer(l));
  const fs = map.queryRenderedFeatures(point, { layers });
  return fs[0];
}

map.on('click', (e) => {
  const f = parcelAt(e.point);
  if (f) select(String(f.id ?? f.properties.id), { fly: false });
});

map.on('mousemove', (e) => {
  const f = parcelAt(e.point);
  const id = f ? String(f.id ?? f.properties.id) : null;
  if (id !== hovered) {
    if (hovered) removeParcelState(hovered, 'hover');
    hovered = id;
    if (id) setParcelState(id, { hover: true });
  }
  map.getCanvas().style.cursor = f ? 'pointer' : '';
  if (f) {
    showTooltip(e.originalEvent, parcelTooltip(id, f.properties));
    return;
  }
  const infra = map.queryRenderedFeatures(e.point, { layers: INFRA_LAYERS.filter((l) => map.getLayer(l)) })[0];
  if (infra) showTooltip(e.originalEvent, infraTooltip(infra.properties));
  else hideTooltip();
});

map.getCanvas().addEventListener('mouseleave', () => {
  if (hovered) removeParcelState(hovered, 'hover');
  hovered = null;
  hideTooltip();
});

function parcelTooltip(id, props) {
  const p = parcels.get(id)?.properties || props;
  const out = [h('strong', {}, p.code || id)];
  if (p.status) out.push(h('span', { class: 'tt-status', style: `--c:${STATUS_COLORS[p.status] || '#999'}` }, term('status', p.status)));
  if (typeof p.area_ha === 'number') out.push(h('span', {}, `${p.area_ha.toLocaleString(lang() === 'vi' ? 'vi-VN' : 'en-GB')} ha`));
  const r = state.result;
  if (r) {
    const ranked = r.results.find((x) => x.id === id);
    const ex = excludedById.get(id);
    if (ranked) out.push(h('p', { class: 'tt-rank' }, t('matchRank', { rank: ranked.rank, score: ranked.score.toFixed(2) })));
    else if (ex) {
      out.push(h('p', { class: 'tt-excluded' }, t('matchExcluded')));
      out.push(h('ul', { class: 'tt-reasons' }, ...ex.reasons.map((x) => h('li', {}, reasonText(x)))));
    }
  }
  return out;
}

function infraTooltip(p) {
  const name = lang() === 'en' ? p.name_en || p.name : p.name;
  return [h('strong', {}, name || p.code), h('span', {}, term('infra', p.kind)),
    p.status && p.status !== 'operational' ? h('span', { class: 'muted' }, term('infraStatus', p.status)) : ''];
}

function showTooltip(ev, content) {
  tooltip.replaceChildren(...content.filter(Boolean));
  tooltip.hidden = false;
  const pad = 14;
  const w = tooltip.offsetWidth;
  const hgt = tooltip.offsetHeight;
  let x = ev.clientX + pad;
  let y = ev.clientY + pad;
  if (x + w > window.innerWidth - 4) x = ev.clientX - w - pad;
  if (y + hgt > window.innerHeight - 4) y = ev.clientY - hgt - pad;
  tooltip.style.transform = `translate(${Math.max(4, x)}px, ${Math.max(4, y)}px)`;
}

function hideTooltip() {
  tooltip.hidden = true;
}

// ---- match results on the map ------------------------------------------

let matchedIds = [];
let rankMarkers = [];
const excludedById = new Map();

// applyMatch shows a match result on the map: ranked parcels highlighted
// (feature state "rank", numbered markers), excluded ones greyed
// (feature state "excluded", reasons in the tooltip).
async function applyMatch(result, { fit = false } = {}) {
  await loaded;
  for (const id of matchedIds) {
    removeParcelState(id, 'rank');
    removeParcelState(id, 'excluded');
  }
  for (const m of rankMarkers) m.remove();
  matchedIds = [];
  rankMarkers = [];
  excludedById.clear();
  state.result = result;
  document.body.classList.toggle('has-match', !!result);
  renderLegend();
  if (!result) return;
  for (const r of result.results) {
    setParcelState(r.id, { rank: r.rank });
    matchedIds.push(r.id);
  }
  for (const x of result.excluded || []) {
    setParcelState(x.id, { excluded: true });
    excludedById.set(x.id, x);
    matchedIds.push(x.id);
  }
  const bounds = [];
  for (const r of result.results) {
    let f = parcels.get(r.id);
    if (!f) {
      try {
        f = await getJSON(`collections/parcels/items/${encodeURIComponent(r.id)}`, { cached: true });
      } catch {
        continue;
      }
    }
    const at = labelPoint(f.geometry);
    if (!at) continue;
    bounds.push(bboxOf(f.geometry));
    const el = h('button', {
      type: 'button', class: 'rank-marker', 'aria-label': t('selectResult', { code: r.code || r.id }),
      onclick: (e) => { e.stopPropagation(); select(r.id, { fly: true }); },
    }, String(r.rank));
    rankMarkers.push(new maplibregl.Marker({ element: el, anchor: 'bottom', offset: [0, -4] }).setLngLat(at).addTo(map));
  }
  if (fit && bounds.length) {
    const b = bounds.reduce((a, c) => [Math.min(a[0], c[0]), Math.min(a[1], c[1]), Math.max(a[2], c[2]), Math.max(a[3], c[3])]);
    map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: panelPadding(), maxZoom: 14, duration: 600 });
  }
}

// ---- legend --------------------------------------------------------------

const legendBody = document.getElementById('legend-body');
const legendToggle = document.getElementById('legend-toggle');
legendToggle.addEventListener('click', () => {
  const open = legendToggle.getAttribute('aria-expanded') !== 'true';
  legendToggle.setAttribute('aria-expanded', String(open));
  legendBody.hidden = !open;
});

function swatch(kind, color, extra = '') {
  return h('span', { class: `sw sw-${kind} ${extra}`, style: `--c:${color}`, 'aria-hidden': 'true' });
}

function renderLegend() {
  const item = (sw, label) => h('li', {}, sw, h('span', {}, label));
  const groups = [];
  if (state.result) {
    groups.push(h('h3', {}, t('legendMatch')), h('ul', { class: 'wide' },
      item(h('span', { class: 'sw sw-rank', 'aria-hidden': 'true' }, '1'), t('legendRanked')),
      item(swatch('fill', EXCLUDED_COLOR), t('legendExcluded'))));
  }
  groups.push(h('h3', {}, t('legendParcels')), h('ul', {},
    ...Object.entries(STATUS_COLORS).map(([k, c]) => item(swatch('fill', c), term('status', k)))));
  groups.push(h('h3', {}, t('legendInfra')), h('ul', {},
    ...Object.entries(INFRA_COLORS).filter(([k]) => k !== 'road').map(([k, c]) => item(swatch('dot', c), term('infra', k)))));
  groups.push(h('h3', {}, t('legendLines')), h('ul', {},
    ...['expressway', 'railway', 'transmission_line'].map((k) => item(swatch('line', LINE_STYLES[k].color), term('infra', k)))));
  groups.push(h('h3', {}, t('legendZones')), h('ul', { class: 'wide' },
    item(swatch('zone', ZONE_COLOR), t('legendIndustrialPark')),
    item(swatch('zone', EZ_COLOR, 'dashed'), t('legendEconomicZone'))));
  groups.push(h('h3', {}, t('legendBasemap')), h('ul', { class: 'wide' },
    item(swatch('line', '#9a6fa0', 'dashed'), t('legendBoundary')),
    item(swatch('fill', '#f4f2ec', 'bordered'), t('legendLand')),
    item(swatch('line', PICKED_COLOR), t('picked'))));
  groups.push(h('p', { class: 'legend-note' }, t('legendPlanned')));
  legendBody.replaceChildren(...groups);
}

// ---- language -------------------------------------------------------------

const finderCtx = {};

async function switchLang(next, { push = true } = {}) {
  if (!LANGS.includes(next)) return;
  const changed = next !== state.lang;
  state.lang = next;
  setLang(next);
  applyStatic();
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === next));
  renderLegend();
  finderCtx.relabel?.();
  if (!changed) return;
  relabel(map, next);
  writeHash(push);
  // Zone names first: the panel and the result list show them.
  await loadZones().catch((err) => showError(err, t('zone')));
  finderCtx.relabel?.();
  ctx.tray.relabel();
  if (state.parcel) await select(state.parcel, { push: false, focus: false });
}

for (const b of document.querySelectorAll('[data-lang]')) {
  b.addEventListener('click', () => switchLang(b.dataset.lang));
}

// ---- finder panel toggle -----------------------------------------------

const finder = document.getElementById('finder');
const finderToggle = document.getElementById('toggle-finder');

function setFinderOpen(open) {
  finder.hidden = !open;
  finderToggle.setAttribute('aria-expanded', String(open));
  finderToggle.classList.toggle('active', open);
}

finderToggle.addEventListener('click', () => {
  const open = finder.hidden;
  setFinderOpen(open);
  if (open) finder.focus();
});

// ---- the context shared with details.js and finder.js --------------------

const ctx = {
  map, state, zones, parcels, select, showError, flyToGeometry, closeButton, writeHash,
  applyMatch, excludedById, finder: finderCtx, setFinderOpen, setParcelState, removeParcelState,
};
initTray(ctx);
initShortlist(ctx);
initInquiry(ctx);

// ---- history: back/forward and edited fragments --------------------------

async function applyURL() {
  if (writingHash) return;
  const u = readHash();
  if (u.lang && u.lang !== state.lang) await switchLang(u.lang, { push: false });
  if (u.view) map.jumpTo({ center: [u.view.lon, u.view.lat], zoom: u.view.zoom });
  if ((u.parcel || null) !== state.parcel) select(u.parcel || null, { push: false, fly: !u.view, focus: false });
  const before = JSON.stringify(state.match);
  if (JSON.stringify(u.match || null) !== (before ?? 'null')) finderCtx.restore?.(u.match || null, { fit: !u.view });
  if (u.shortlist && u.shortlist !== state.shortlist) await ctx.shortlist.open(u.shortlist);
  else if (!u.shortlist && (u.picked || []).join() !== state.picked.join()) ctx.tray.setPicked(u.picked || []);
  if ((u.compare || []).join() !== (state.compare || []).join()) {
    if (u.compare) ctx.tray.openCompare(u.compare, { push: false });
    else ctx.tray.closeCompare();
  }
}

window.addEventListener('popstate', applyURL);
window.addEventListener('hashchange', applyURL);

// ---- start -----------------------------------------------------------------

for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
renderLegend();
if (window.innerWidth <= 800) {
  // Small screens: the legend starts folded, the map needs the room.
  legendToggle.setAttribute('aria-expanded', 'false');
  legendBody.hidden = true;
}
setFinderOpen(window.innerWidth > 800 || !!fromURL.match);
updateZoomClasses();

window.landcat = {
  map,
  state,
  select,
  version: document.documentElement.dataset.version,
  // ready resolves once the map, its data and any state of the URL are
  // restored (the browser test waits for it).
  ready: null,
  // idle resolves when the map has rendered everything it has to.
  idle: () => new Promise((resolve) => {
    if (map.loaded() && !map.isMoving() && map.areTilesLoaded()) {
      map.once('idle', resolve);
      map.triggerRepaint();
    } else {
      map.once('idle', resolve);
    }
  }),
};

window.landcat.ready = (async () => {
  const zonesLoad = loadZones().catch((err) => { showError(err, t('zone')); return null; });
  const parcelsLoad = loadParcels().catch((err) => { showError(err, t('parcel')); return null; });
  const finderLoad = initFinder(ctx).catch((err) => { showError(err, t('findSites')); });
  await loaded;
  const fc = await zonesLoad;
  if (!fromURL.view && fc?.features?.length) {
    const b = fc.features.map((f) => bboxOf(f.geometry)).filter(Boolean)
      .reduce((a, c) => [Math.min(a[0], c[0]), Math.min(a[1], c[1]), Math.max(a[2], c[2]), Math.max(a[3], c[3])]);
    const pad = panelPadding();
    map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: { ...pad, top: 20, bottom: 20, right: 20 }, animate: false });
  }
  await parcelsLoad;
  await finderLoad;
  if (fromURL.match) await finderCtx.restore?.(fromURL.match, { fit: !fromURL.view, push: false });
  if (fromURL.shortlist) await ctx.shortlist.open(fromURL.shortlist);
  else if (fromURL.picked) ctx.tray.setPicked(fromURL.picked);
  if (fromURL.parcel) await select(fromURL.parcel, { fly: !fromURL.view, push: false, focus: false });
  if (fromURL.compare) {
    if (!state.picked.length) ctx.tray.setPicked(fromURL.compare);
    await ctx.tray.openCompare(fromURL.compare, { push: false });
  }
  writeHash(false);
  document.body.dataset.ready = 'true';
})();
