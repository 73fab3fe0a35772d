// details.js: the side panel of one parcel: specifications (values
// inherited from the zone marked), distances with the nearest features
// named, the site-search verdict, data quality and source, and links to
// the parcel's GeoJSON.

import { getJSON } from './api.js';
import { t, term, num, qty, date, lang, propLabel, reasonText } from './i18n.js';
import { STATUS_COLORS } from './mapstyle.js';
import { h } from './util.js';
import './strings-investors.js';

const DISTANCE_KINDS = ['seaport', 'deepsea_port', 'airport', 'expressway', 'substation', 'hazard'];

// infraName resolves an infrastructure id to its name in the current
// language (one cached request per id and language).
function infraFeature(id) {
  return getJSON(`collections/infrastructure/items/${encodeURIComponent(id)}?lang=${lang()}`, { cached: true });
}

// nameSlot is a span filled with the feature's name once it is fetched
// (the id until then, or if the request fails).
function nameSlot(id, ctx) {
  const slot = h('span', { class: 'infra-name', 'data-id': id }, id);
  infraFeature(id).then((f) => {
    const name = f.properties.name || f.properties.code || id;
    const btn = h('button', {
      type: 'button', class: 'link', title: t('showOnMap', { name }),
      onclick: () => ctx.flyToGeometry(f.geometry, 14),
    }, name);
    slot.replaceChildren(btn);
    slot.dataset.resolved = 'true';
  }).catch(() => {
    slot.dataset.resolved = 'error';
  });
  return slot;
}

export function renderDetails(panel, f, ctx) {
  const p = f.properties;
  const inherited = new Set(p.inherited || []);
  const zone = ctx.zones.get(p.zone_id);

  const value = (key, text) => {
    const v = p[key];
    const cell = h('dd', { 'data-prop': key });
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0 && key !== 'sectors')) {
      cell.append(h('span', { class: 'muted' }, t('notPublished')));
    } else {
      cell.append(text ?? String(v));
    }
    if (inherited.has(key)) {
      cell.append(' ', h('span', { class: 'inherited', title: t('inheritedTitle') }, t('inherited')));
    }
    return cell;
  };
  const row = (key, text, label) => [h('dt', {}, label ?? propLabel(key)), value(key, text)];
  const yesNo = (v) => (v ? t('yes') : t('no'));
  const numberOf = (key) => (typeof p[key] === 'number' ? qty(p[key], key) : undefined);

  const specs = h('dl', { class: 'specs' },
    row('area_ha', numberOf('area_ha')),
    row('status', h('span', { class: 'status-badge', style: `--c:${STATUS_COLORS[p.status] || '#999'}` }, term('status', p.status))),
    row('available_from', p.available_from ? date(p.available_from) : undefined),
    row('land_use', p.land_use ? term('landUse', p.land_use) : undefined),
    row('lease_price_usd_m2', numberOf('lease_price_usd_m2')),
    row('lease_term_remaining_years', typeof p.lease_term_remaining_years === 'number'
      ? `${qty(p.lease_term_remaining_years, 'lease_term_remaining_years')}${p.lease_until ? ` (${t('until', { date: date(p.lease_until) })})` : ''}`
      : undefined),
    row('management_fee_usd_m2_year', numberOf('management_fee_usd_m2_year')),
    row('power_capacity_mva', numberOf('power_capacity_mva')),
    row('power_voltage_kv', numberOf('power_voltage_kv')),
    row('power_dual_feed', typeof p.power_dual_feed === 'boolean' ? yesNo(p.power_dual_feed) : undefined),
    row('power_feed_substations', p.power_feed_substations?.length
      ? h('ul', { class: 'plain' }, ...p.power_feed_substations.map((id) => h('li', {}, nameSlot(id, ctx))))
      : undefined),
    row('water_m3_day', numberOf('water_m3_day')),
    row('wastewater_m3_day', numberOf('wastewater_m3_day')),
    row('fibre_carriers', typeof p.fibre_carriers === 'number' ? num(p.fibre_carriers) : undefined),
    row('flood_risk', p.flood_risk ? term('flood', p.flood_risk) : undefined),
    row('elevation_m', numberOf('elevation_m')),
    row('ready_built', typeof p.ready_built === 'boolean' ? yesNo(p.ready_built) : undefined),
    row('bonded', typeof p.bonded === 'boolean' ? yesNo(p.bonded) : undefined),
    row('sectors', h('ul', { class: 'chips' }, ...(p.sectors || []).map((s) => h('li', {}, term('sector', s))))),
  );

  const distances = h('table', { class: 'distances' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), h('th', { scope: 'col', class: 'num' }, t('km')), h('th', { scope: 'col' }, t('nearest')))),
    h('tbody', {}, ...DISTANCE_KINDS.map((k) => {
      const d = p[`distance_${k}_km`];
      const near = p[`nearest_${k}`];
      return h('tr', { 'data-distance': k },
        h('th', { scope: 'row' }, term('distance', k)),
        h('td', { class: 'num' }, typeof d === 'number' ? num(d) : '—'),
        h('td', { class: 'nearest' }, near ? nameSlot(near, ctx) : h('span', { class: 'muted' }, t('noNearest'))));
    })));

  const verdict = matchVerdict(f.id, ctx);

  const quality = h('dl', { class: 'specs' },
    h('dt', {}, t('dataQuality')), h('dd', {}, p.data_quality
      ? h('span', { class: `quality q-${p.data_quality}` }, term('quality', p.data_quality))
      : h('span', { class: 'muted' }, t('notPublished'))),
    h('dt', {}, t('source')), h('dd', { class: 'source' }, p.source || h('span', { class: 'muted' }, t('notPublished'))),
    p.verified_at ? [h('dt', {}, t('verifiedAt')), h('dd', {}, date(p.verified_at))] : [],
    p.updated_at ? [h('dt', {}, t('updatedAt')), h('dd', {}, date(p.updated_at))] : [],
    typeof p.revision === 'number' ? [h('dt', {}, t('revision')), h('dd', {}, String(p.revision))] : [],
  );

  const item = `collections/parcels/items/${encodeURIComponent(f.id)}`;
  panel.replaceChildren(
    h('div', { class: 'panel-head' },
      h('div', {},
        h('p', { class: 'eyebrow' }, t('parcel')),
        h('h2', { id: 'details-title', class: 'parcel-code' }, p.code || f.id),
        h('p', { class: 'parcel-name' }, p.name || ''),
        zone ? h('p', { class: 'parcel-zone' }, `${term('zoneKind', zone.properties.kind)}: `, h('button', {
          type: 'button', class: 'link', onclick: () => ctx.flyToGeometry(zone.geometry, 14),
        }, zone.properties.name)) : ''),
      ctx.closeButton()),
    verdict,
    h('h3', {}, t('specifications')),
    specs,
    inherited.size ? h('p', { class: 'note' }, t('inheritedNote')) : '',
    h('h3', {}, t('distances')),
    distances,
    h('h3', {}, t('dataQuality')),
    quality,
    h('p', { class: 'links' },
      h('a', { href: `${item}?f=geojson`, type: 'application/geo+json', class: 'geojson-link' }, t('downloadGeoJSON')),
      ' · ',
      h('a', { href: `${item}?f=html&lang=${lang()}` }, t('openPage'))),
  );
  panel.querySelector('.panel-head').after(investorActions(f, ctx));
}

// matchVerdict says how the parcel fared in the current site search.
function matchVerdict(id, ctx) {
  const r = ctx.state.result;
  if (!r) return '';
  const ranked = r.results.find((x) => x.id === id);
  if (ranked) {
    return h('div', { class: 'verdict ranked' },
      h('span', { class: 'rank-badge', 'aria-hidden': 'true' }, String(ranked.rank)),
      h('span', {}, t('matchRank', { rank: ranked.rank, score: num(ranked.score, 2) })));
  }
  const ex = ctx.excludedById.get(id);
  if (ex) {
    return h('div', { class: 'verdict excluded' },
      h('p', {}, t('matchExcluded')),
      h('ul', {}, ...ex.reasons.map((x) => h('li', { title: x.message }, reasonText(x)))));
  }
  return '';
}

// investorActions: pick the parcel for a comparison or a shortlist, take
// its fact sheet, ask about it.
function investorActions(f, ctx) {
  const item = `collections/parcels/items/${encodeURIComponent(f.id)}`;
  const picked = ctx.tray.isPicked(f.id);
  const pick = h('button', {
    type: 'button', class: `pick${picked ? ' on' : ''}`, 'aria-pressed': String(picked),
    onclick: () => {
      ctx.tray.toggle(f.id);
      const on = ctx.tray.isPicked(f.id);
      pick.classList.toggle('on', on);
      pick.setAttribute('aria-pressed', String(on));
      pick.textContent = on ? `✓ ${t('picked')}` : `+ ${t('pick')}`;
    },
  }, picked ? `✓ ${t('picked')}` : `+ ${t('pick')}`);
  return h('div', { class: 'investor-actions' },
    pick,
    h('a', { class: 'button sheet-pdf', href: `${item}/factsheet?f=pdf&lang=${lang()}`, download: '' }, t('factsheetPDF')),
    h('button', { type: 'button', class: 'ask', onclick: () => ctx.inquiry.open({ parcels: [f.id] }) }, t('askAboutOne')));
}
