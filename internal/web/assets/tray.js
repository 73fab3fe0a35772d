// tray.js: the sites an investor picks (feature state "picked" on the
// map, a tray at the bottom of the map) and the comparison of two to four
// of them side by side (GET /compare), the better value of each row
// marked by the server.

import { getJSON } from './api.js';
import { t, term, num, date, lang } from './i18n.js';
import { h } from './util.js';
import './strings-investors.js';

const MAX_COMPARE = 4;
const MAX_PICKED = 20; // a shortlist's limit

export function initTray(ctx) {
  const { state } = ctx;
  state.picked = [];
  state.compare = null; // the ids compared while the panel is open
  const tray = document.getElementById('tray');
  const panel = document.getElementById('compare');
  let seq = 0;

  function isPicked(id) { return state.picked.includes(id); }

  // setPicked replaces the picked sites (a deep link, a shortlist).
  function setPicked(ids) {
    for (const id of state.picked) ctx.removeParcelState(id, 'picked');
    state.picked = ids.slice(0, MAX_PICKED);
    for (const id of state.picked) ctx.setParcelState(id, { picked: true });
    render();
  }

  function toggle(id) {
    if (isPicked(id)) {
      state.picked = state.picked.filter((x) => x !== id);
      ctx.removeParcelState(id, 'picked');
    } else if (state.picked.length < MAX_PICKED) {
      state.picked.push(id);
      ctx.setParcelState(id, { picked: true });
    }
    render();
    ctx.writeHash(true);
    ctx.onPickedChange?.();
  }

  function codeOf(id) { return ctx.parcels.get(id)?.properties.code || id.toUpperCase(); }

  function render() {
    tray.hidden = state.picked.length === 0;
    tray.querySelector('.tray-title').textContent = t('trayTitle', { n: state.picked.length });
    tray.querySelector('.tray-list').replaceChildren(...state.picked.map((id) => h('li', { 'data-id': id },
      h('button', { type: 'button', class: 'link', onclick: () => ctx.select(id, { fly: true }) }, codeOf(id)),
      h('button', { type: 'button', class: 'chip-x', 'aria-label': `${t('unpick')} ${codeOf(id)}`, onclick: () => toggle(id) }, '×'))));
    const n = state.picked.length;
    const cmp = document.getElementById('tray-compare');
    cmp.disabled = n < 2 || n > MAX_COMPARE;
    cmp.title = cmp.disabled ? t('compareNeed') : '';
  }

  document.getElementById('tray-compare').addEventListener('click', () => openCompare(state.picked));
  document.getElementById('tray-clear').addEventListener('click', () => { setPicked([]); ctx.writeHash(true); });
  document.getElementById('tray-save').addEventListener('click', () => ctx.shortlist.openSave());
  document.getElementById('tray-ask').addEventListener('click', () => ctx.inquiry.open({ parcels: state.picked }));

  // openCompare shows the comparison of ids (2 to 4 parcels).
  async function openCompare(ids, { push = true } = {}) {
    state.compare = ids.slice(0, MAX_COMPARE);
    ctx.writeHash(push);
    const mine = ++seq;
    panel.hidden = false;
    panel.replaceChildren(h('p', { class: 'loading' }, t('loading')));
    try {
      const cmp = await getJSON(`compare?ids=${encodeURIComponent(state.compare.join(','))}&lang=${lang()}`);
      if (mine !== seq) return;
      renderCompare(cmp);
      panel.focus({ preventScroll: true });
    } catch (err) {
      if (mine !== seq) return;
      panel.replaceChildren(closeButton(), h('p', { class: 'panel-error' }, err.detail || err.message));
      ctx.showError(err, t('compareTitle'));
    }
  }

  function closeCompare() {
    seq++;
    state.compare = null;
    panel.hidden = true;
    panel.replaceChildren();
    ctx.writeHash(true);
  }

  function closeButton() {
    return h('button', { type: 'button', class: 'close', 'aria-label': t('close'), onclick: closeCompare }, '×');
  }

  function cellText(row, v) {
    if (v === null || v === undefined) return h('span', { class: 'muted' }, t('notPublished'));
    if (typeof v === 'boolean') return v ? t('yes') : t('no');
    if (typeof v === 'number') return row.unit ? `${num(v)} ${row.unit}` : num(v);
    if (Array.isArray(v)) return v.map((s) => term('sector', s)).join(', ');
    if (row.property === 'status') return term('status', v);
    if (row.property === 'flood_risk') return term('flood', v);
    if (row.property === 'data_quality') return term('quality', v);
    if (row.property === 'available_from' || row.property === 'verified_at') return date(v);
    return String(v);
  }

  function renderCompare(cmp) {
    const ids = cmp.sites.map((s) => s.id).join(',');
    const head = h('tr', {}, h('th', { scope: 'col' }, ''), ...cmp.sites.map((s) => h('th', { scope: 'col' },
      h('button', { type: 'button', class: 'link', onclick: () => ctx.select(s.id, { fly: true }) }, s.code),
      h('span', { class: 'c-zone' }, s.zone || ''),
      h('a', { class: 'c-sheet', href: `collections/parcels/items/${encodeURIComponent(s.id)}/factsheet?f=pdf&lang=${lang()}`, download: '' }, 'PDF'))));
    const body = cmp.rows.map((r) => h('tr', { 'data-property': r.property },
      h('th', { scope: 'row' }, r.label, r.better ? h('span', { class: 'c-rule' }, t(r.better)) : ''),
      ...r.values.map((v, i) => h('td', { class: r.best.includes(i) ? 'best' : '' }, cellText(r, v),
        r.nearest?.[i] ? h('span', { class: 'c-near' }, r.nearest[i]) : ''))));
    panel.replaceChildren(
      h('div', { class: 'panel-head' },
        h('div', {}, h('h2', { id: 'compare-title' }, t('compareTitle')), h('p', { class: 'muted c-legend' }, t('compareLegend'))),
        closeButton()),
      h('div', { class: 'c-scroll' }, h('table', { class: 'compare-table' }, h('thead', {}, head), h('tbody', {}, ...body))),
      h('p', { class: 'buttons' },
        h('a', { href: `compare?ids=${encodeURIComponent(ids)}&lang=${lang()}&f=html`, target: '_blank', rel: 'noopener' }, t('compareOpenPage')),
        h('button', { type: 'button', onclick: () => ctx.inquiry.open({ parcels: cmp.sites.map((s) => s.id) }) }, t('askAbout'))));
  }

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden) { e.preventDefault(); closeCompare(); }
  });

  ctx.tray = {
    isPicked, toggle, setPicked, openCompare, closeCompare, render,
    relabel: () => { render(); if (state.compare) openCompare(state.compare, { push: false }); },
  };
}
