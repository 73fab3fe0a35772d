// inquiry.js: "Ask about these sites": a form that sends the investment
// agency an inquiry with the sites attached (POST /inquiries):
//
//   {parcels, match, shortlist, contact: {name, email, phone}, company,
//    sector, area_ha, timing, consent: {accepted, text_version}}
//   → 201 {"reference": "…"}
//
// Until the agency's endpoint exists the POST answers 404, and the form
// says that sending is not available yet, keeping what was typed.

import { postJSON, ApiError } from './api.js';
import { t, term, lang } from './i18n.js';
import { h } from './util.js';
import { CONSENT_VERSION } from './strings-investors.js';

const SECTORS = ['high_tech', 'green_industry', 'logistics', 'data_center', 'light_industry', 'heavy_industry', 'chemicals', 'services', 'energy'];
const TIMINGS = [['within_6_months', 'timingSoon'], ['within_12_months', 'timingYear'], ['later', 'timingLater'], ['unknown', 'timingUnknown']];

export function initInquiry(ctx) {
  const panel = document.getElementById('inquiry');
  let attached = null;

  function close() {
    panel.hidden = true;
    panel.replaceChildren();
  }

  function field(id, label, input) {
    input.id = `inq-${id}`;
    input.name = id;
    return h('div', { class: 'field' }, h('label', { for: input.id }, label), input);
  }

  // open shows the form for {parcels, match, shortlist}.
  function open(what) {
    attached = { parcels: what.parcels || [], match: what.match ?? ctx.state.match ?? null, shortlist: what.shortlist || null };
    const codes = attached.parcels.map((id) => ctx.parcels.get(id)?.properties.code || id.toUpperCase());
    const consent = h('input', { type: 'checkbox', id: 'inq-consent', name: 'consent', required: true });
    const status = h('div', { class: 'inq-status', role: 'status', 'aria-live': 'polite' });
    const send = h('button', { type: 'submit', class: 'primary', id: 'inq-send' }, t('inquirySend'));
    const sector = h('select', {}, h('option', { value: '' }, '—'), ...SECTORS.map((s) => h('option', { value: s }, term('sector', s))));
    if (ctx.state.match?.sector && SECTORS.includes(ctx.state.match.sector)) sector.value = ctx.state.match.sector;
    const form = h('form', { class: 'inquiry-form', novalidate: true },
      h('p', { class: 'muted' }, t('inquiryIntro')),
      h('p', { class: 'inq-attached' }, t('inquiryAttached', { what: codes.join(', ') || '—' })),
      field('name', t('inquiryName'), h('input', { type: 'text', required: true, autocomplete: 'name', maxlength: '200' })),
      field('email', t('inquiryEmail'), h('input', { type: 'email', required: true, autocomplete: 'email', maxlength: '254' })),
      field('phone', t('inquiryPhone'), h('input', { type: 'tel', autocomplete: 'tel', maxlength: '40' })),
      field('company', t('inquiryCompany'), h('input', { type: 'text', autocomplete: 'organization', maxlength: '200' })),
      h('div', { class: 'pair' },
        field('sector', t('inquirySector'), sector),
        field('area_ha', t('inquiryArea'), h('input', { type: 'number', min: '0', step: 'any', inputmode: 'decimal' }))),
      field('timing', t('inquiryTiming'), h('select', {}, ...TIMINGS.map(([v, k]) => h('option', { value: v }, t(k))))),
      h('label', { class: 'check consent' }, consent, ' ', h('span', { id: 'inq-consent-text' }, t('inquiryConsent'))),
      h('div', { class: 'buttons' }, send),
      status);
    form.addEventListener('submit', (e) => { e.preventDefault(); submit(form, status, send); });
    panel.replaceChildren(
      h('div', { class: 'panel-head' }, h('h2', { id: 'inquiry-title' }, t('inquiryTitle')),
        h('button', { type: 'button', class: 'close', 'aria-label': t('close'), onclick: close }, '×')),
      form);
    panel.hidden = false;
    form.elements.name.focus();
  }

  async function submit(form, status, send) {
    const el = form.elements;
    status.className = 'inq-status';
    if (!el.consent.checked) {
      status.textContent = t('inquiryNeedConsent');
      status.classList.add('error-text');
      return;
    }
    if (!form.checkValidity()) {
      form.reportValidity();
      return;
    }
    const body = {
      parcels: attached.parcels,
      contact: { name: el.name.value.trim(), email: el.email.value.trim(), phone: el.phone.value.trim() || null },
      company: el.company.value.trim() || null,
      sector: el.sector.value || null,
      area_ha: el.area_ha.value === '' ? null : Number(el.area_ha.value),
      timing: el.timing.value,
      consent: { accepted: true, text_version: `${CONSENT_VERSION}/${lang()}` },
    };
    if (attached.match) body.match = attached.match;
    if (attached.shortlist) body.shortlist = attached.shortlist;
    send.disabled = true;
    try {
      const res = await postJSON('inquiries', body);
      status.textContent = t('inquirySent', { ref: res.reference });
      status.classList.add('ok');
      form.querySelectorAll('input, select, button').forEach((x) => { x.disabled = true; });
    } catch (err) {
      send.disabled = false;
      if (err instanceof ApiError && err.status === 404) {
        status.textContent = t('inquiryUnavailable');
        status.classList.add('unavailable');
        form.dataset.state = 'unavailable';
        return;
      }
      status.textContent = `${err.detail || err.message}${err.problems?.length ? `: ${err.problems.map((p) => p.pointer).join(', ')}` : ''}`;
      status.classList.add('error-text');
    }
  }

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden) { e.preventDefault(); close(); }
  });

  ctx.inquiry = { open, close };
}
