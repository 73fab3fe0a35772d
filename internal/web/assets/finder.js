// finder.js: the "find sites" panel. Pick a sector profile (GET
// /match/profiles), adjust the main requirements, run the matcher (POST
// /match) and list the ranked parcels with their scores and per-criterion
// explanations; app.js highlights them on the map.
//
// The request sent is the profile plus only the requirements the form
// changed (null removes a profile requirement), so the URL that records it
// stays short and the profile's other requirements still apply.

import { getJSON, postJSON } from './api.js';
import { t, term, num, lang, propLabel, requirementText, criterionLabel, qty } from './i18n.js';
import { h } from './util.js';

const LIMIT = 20;
const GROUPS = ['max_distance_km', 'min_distance_km'];

// flatten turns {"max_distance_km": {"seaport": 30}} into
// {"max_distance_km.seaport": 30}, as the matcher names criteria.
export function flatten(reqs) {
  const out = {};
  for (const [k, v] of Object.entries(reqs || {})) {
    if (GROUPS.includes(k) && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [m, x] of Object.entries(v)) out[`${k}.${m}`] = x;
    } else {
      out[k] = v;
    }
  }
  return out;
}

export function nest(flat) {
  const out = {};
  for (const [k, v] of Object.entries(flat)) {
    const [g, m] = k.split('.');
    if (m) (out[g] ||= {})[m] = v;
    else out[k] = v;
  }
  return out;
}

function normalizeProfiles(raw) {
  const list = Array.isArray(raw) ? raw : raw?.profiles || raw?.items || [];
  return list.filter((p) => p && typeof p.name === 'string');
}

export async function initFinder(ctx) {
  const panel = document.getElementById('finder');
  const form = document.getElementById('match-form');
  const sector = document.getElementById('f-sector');
  const inputs = [...form.querySelectorAll('[data-req]')];
  const runBtn = document.getElementById('run-match');
  const results = document.getElementById('results');
  const unavailable = panel.querySelector('.finder-unavailable');
  const extra = panel.querySelector('.profile-extra');
  const desc = panel.querySelector('.profile-desc');
  let profiles = [];
  let profilesLang = null; // the language profiles were fetched in
  let busy = false;

  // loadProfiles fetches the profiles, whose titles, descriptions and
  // reasons are written in the page's language.
  async function loadProfiles() {
    const l = lang();
    profiles = normalizeProfiles(await getJSON(`match/profiles?lang=${l}`, { cached: true }));
    profilesLang = l;
  }

  const profile = () => profiles.find((p) => p.name === sector.value);

  function fillOptions() {
    const cur = sector.value;
    sector.replaceChildren(
      h('option', { value: '' }, t('sectorNone')),
      ...profiles.map((p) => h('option', { value: p.name }, term('profile', p.name) === p.name ? p.title || p.name : term('profile', p.name))));
    sector.value = cur;
  }

  // relabel writes the form's language-dependent labels and re-renders
  // what depends on the language.
  function relabel() {
    for (const el of panel.querySelectorAll('[data-prop]')) el.textContent = propLabel(el.dataset.prop);
    for (const el of panel.querySelectorAll('[data-unit]')) el.textContent = term('unit', el.dataset.unit);
    for (const el of panel.querySelectorAll('[data-distance]')) el.textContent = term('distance', el.dataset.distance);
    for (const el of panel.querySelectorAll('[data-flood]')) el.textContent = term('flood', el.dataset.flood);
    fillOptions();
    renderExtra();
    renderResults();
    if (!unavailable.hidden) unavailable.textContent = `${t('matcherUnavailable')}: ${unavailable.dataset.detail}`;
    runBtn.textContent = busy ? t('running') : t('run');
    // The server writes the profiles' and the results' sentences in the
    // page's language: fetch them again when it changes.
    if (profilesLang && profilesLang !== lang()) {
      loadProfiles().then(() => { fillOptions(); renderExtra(); }).catch((err) => ctx.showError(err, t('findSites')));
    }
    const r = ctx.state.result;
    if (r && r.lang && r.lang !== lang() && ctx.state.match && !busy) run(ctx.state.match, { fit: false, push: false });
  }

  // fill sets the form from a profile's defaults overridden by reqs.
  function fill(p, reqs = {}) {
    const values = { ...flatten(p?.requirements), ...flatten(reqs) };
    for (const input of inputs) {
      const v = values[input.dataset.req];
      input.value = v === null || v === undefined ? '' : String(v);
      setInvalid(input, '');
    }
    renderExtra();
  }

  // renderExtra lists the requirements and weights that apply besides
  // the form's: the effective ones of the last result for this sector,
  // else the profile's.
  function renderExtra() {
    const p = profile();
    const r = ctx.state.result;
    const useResult = r && (r.sector || '') === sector.value;
    const reqs = useResult ? flatten(r.requirements) : flatten(p?.requirements);
    const weights = useResult ? r.weights : p?.weights;
    const formKeys = new Set(inputs.map((i) => i.dataset.req));
    const rest = Object.entries(reqs).filter(([k, v]) => !formKeys.has(k) && v !== null && v !== false);
    const ws = Object.entries(weights || {}).filter(([, w]) => w > 0).sort((a, b) => b[1] - a[1]);
    extra.hidden = !rest.length && !ws.length;
    extra.querySelector('.profile-reqs').replaceChildren(...rest.map(([k, v]) => h('li', { 'data-criterion': k }, requirementText(k, v))));
    extra.querySelector('.profile-weights').replaceChildren(...ws.map(([k, w]) => h('li', {}, `${propLabel(k)} × ${num(w)}`)));
    desc.hidden = !p?.description;
    desc.textContent = p?.description || '';
  }

  function setInvalid(input, message) {
    const field = input.closest('.field');
    let msg = field.querySelector('.field-error');
    if (!message) {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
      msg?.remove();
      return;
    }
    if (!msg) {
      msg = h('p', { class: 'field-error', id: `${input.id}-error` });
      field.append(msg);
    }
    msg.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', msg.id);
  }

  // buildRequest turns the form into a POST /match body, or null when a
  // field is invalid (the field says why).
  function buildRequest() {
    const p = profile();
    const defaults = flatten(p?.requirements);
    const reqs = {};
    let ok = true;
    const values = {};
    for (const input of inputs) {
      const key = input.dataset.req;
      setInvalid(input, '');
      let v = null;
      if (input.tagName === 'SELECT') {
        v = input.value || null;
      } else if (input.validity.badInput) {
        setInvalid(input, t('invalidNumber'));
        ok = false;
        continue;
      } else if (input.value.trim() !== '') {
        v = Number(input.value);
        if (!Number.isFinite(v) || v < 0) {
          setInvalid(input, t('invalidNumber'));
          ok = false;
          continue;
        }
      }
      values[key] = v;
      const d = defaults[key] ?? null;
      if (v !== d) reqs[key] = v;
    }
    if (values.min_area_ha != null && values.max_area_ha != null && values.min_area_ha > values.max_area_ha) {
      setInvalid(document.getElementById('f-max_area_ha'), t('minAboveMax'));
      ok = false;
    }
    if (!ok) return null;
    const body = {};
    if (sector.value) body.sector = sector.value;
    // Without a sector, null (nothing to remove) is left out.
    for (const [k, v] of Object.entries(reqs)) if (v === null && !p) delete reqs[k];
    if (Object.keys(reqs).length) body.requirements = nest(reqs);
    body.limit = LIMIT;
    return body;
  }

  async function run(body, { fit = true, push = true } = {}) {
    if (busy) return;
    busy = true;
    runBtn.disabled = true;
    runBtn.textContent = t('running');
    panel.setAttribute('aria-busy', 'true');
    try {
      // Up to 1,000 exclusions come back with their reasons (greyed on the
      // map, explained on hover); the count covers all of them.
      const l = lang();
      const res = await postJSON(`match?lang=${l}&excluded_limit=1000`, body);
      res.lang = l; // the language of its sentences
      ctx.state.match = body;
      await ctx.applyMatch(res, { fit });
      renderResults();
      renderExtra();
      if (push) results.scrollIntoView({ block: 'start', behavior: 'smooth' });
      ctx.writeHash(push);
      if (ctx.state.parcel) ctx.select(ctx.state.parcel, { push: false, focus: false });
    } catch (err) {
      ctx.showError(err, t('findSites'));
    } finally {
      busy = false;
      runBtn.disabled = false;
      runBtn.textContent = t('run');
      panel.removeAttribute('aria-busy');
    }
  }

  function clear({ push = true } = {}) {
    ctx.state.match = null;
    ctx.applyMatch(null);
    renderResults();
    renderExtra();
    ctx.writeHash(push);
    if (ctx.state.parcel) ctx.select(ctx.state.parcel, { push: false, focus: false });
  }

  function zoneName(id) {
    const z = ctx.zones.get(id);
    return z ? z.properties.name : id;
  }

  function renderResults() {
    const r = ctx.state.result;
    results.hidden = !r;
    if (!r) return;
    const shown = r.results.length;
    results.querySelector('.summary').replaceChildren(
      t('resultsSummary', { considered: num(r.considered), matched: num(r.matched) }),
      (r.excluded_total ?? r.excluded?.length) ? h('span', { class: 'excluded-count' }, ` · ${t('excludedCount', { n: num(r.excluded_total ?? r.excluded.length) })}`) : '',
      shown && shown < r.matched ? h('span', {}, `. ${t('resultsShown', { shown })}`) : '',
      shown ? '' : h('span', { class: 'no-results' }, `. ${t('noResults')}`));
    results.querySelector('.ranked').replaceChildren(...r.results.map((x) => h('li', { 'data-id': x.id, 'data-rank': x.rank },
      h('button', {
        type: 'button', class: 'result', 'aria-label': `${x.rank}. ${x.code || x.id}, ${t('score')} ${num(x.score, 2)}`,
        onclick: () => ctx.select(x.id, { fly: true }),
      },
      h('span', { class: 'rank-badge', 'aria-hidden': 'true' }, String(x.rank)),
      h('span', { class: 'r-main' }, h('strong', {}, x.code || x.id), h('span', { class: 'r-zone' }, zoneName(x.zone_id))),
      h('span', { class: 'r-score' }, h('meter', { min: 0, max: 1, value: x.score, 'aria-hidden': 'true' }), num(x.score, 2))),
      x.criteria?.length ? h('details', { class: 'why' },
        h('summary', {}, t('why')),
        h('ul', { class: 'criteria' }, ...x.criteria.map((c) => h('li', {},
          h('div', { class: 'c-head' },
            h('span', { class: 'c-label' }, propLabel(c.criterion)),
            h('span', { class: 'c-val' }, c.value === null || c.value === undefined ? t('notPublished') : typeof c.value === 'number' ? qty(c.value, c.criterion) : String(c.value)),
            h('span', { class: 'c-w' }, `${t('weight')} ${num(c.weight)}`),
            h('span', { class: 'c-score' }, h('meter', { min: 0, max: 1, value: c.score, 'aria-hidden': 'true' }), num(c.score, 2))),
          h('p', { class: 'c-expl', lang: r.lang || lang() }, c.explanation))))) : '')));
    const funnel = results.querySelector('.funnel');
    const steps = (r.funnel || []).filter((s) => s.eliminated > 0);
    funnel.hidden = !steps.length;
    funnel.querySelector('ul').replaceChildren(...steps.map((s) => h('li', {},
      h('span', { class: 'f-label' }, criterionLabel(s.criterion)),
      h('span', { class: 'f-n' }, t('funnelEliminated', { n: num(s.eliminated) })),
      s.only ? h('span', { class: 'f-only' }, t('funnelOnly', { n: num(s.only) })) : '')));
  }

  // restore applies a request from the URL: the form shows it, and it is
  // sent as it is.
  async function restore(req, { fit = true, push = false } = {}) {
    if (!req) {
      clear({ push });
      return;
    }
    sector.value = profiles.some((p) => p.name === req.sector) ? req.sector : '';
    fill(profile(), req.requirements || {});
    ctx.setFinderOpen(true);
    await run(req, { fit, push });
  }

  sector.addEventListener('change', () => fill(profile()));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = buildRequest();
    if (body) run(body);
  });
  document.getElementById('reset-profile').addEventListener('click', () => fill(profile()));
  document.getElementById('clear-match').addEventListener('click', () => clear());

  ctx.finder.relabel = relabel;
  ctx.finder.restore = restore;
  relabel();

  try {
    await loadProfiles();
    unavailable.hidden = true;
  } catch (err) {
    unavailable.dataset.detail = err.detail || err.message;
    unavailable.hidden = false;
    unavailable.textContent = `${t('matcherUnavailable')}: ${unavailable.dataset.detail}`;
    ctx.showError(err, t('findSites'));
  }
  fillOptions();
  if (!ctx.state.match && profiles.length) {
    sector.value = profiles[0].name;
    fill(profile());
  }
}
