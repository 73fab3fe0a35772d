// inquiry.js: "Ask about these sites": a form that sends the investment
// agency an inquiry with the sites attached. Opening it fetches
// GET /inquiries/form: a signed form token, the honeypot field's name and
// the consent notice (its text and version come from the server, so the
// version quoted is always the text shown). Sending is POST /inquiries:
//
//   {form_token, parcels, match, shortlist, contact: {name, email, phone},
//    company, sector, area_ha, timing, consent: {accepted, text_version}}
//   → 201 {"reference": "…"} (200 with the same reference when sent twice)
//
// The server refuses a form sent sooner than min_seconds after it was
// handed out (bots post at once); a person rarely is that fast, and if so
// the page waits the rest. A server without the pipeline answers 404 or
// 503: the form says that sending is not available, keeping what was typed.

import { getJSON, postJSON, ApiError } from './api.js';
import { t, term, lang } from './i18n.js';
import { h } from './util.js';

const SECTORS = ['high_tech', 'green_industry', 'logistics', 'data_center', 'light_industry', 'heavy_industry', 'chemicals', 'services', 'energy'];
const TIMINGS = [['within_6_months', 'timingSoon'], ['within_12_months', 'timingYear'], ['later', 'timingLater'], ['unknown', 'timingUnknown']];

export function initInquiry(ctx) {
  const panel = document.getElementById('inquiry');
  let attached = null;
  let issued = null; // {token, fetched, minSeconds, honeypot, version} of GET /inquiries/form

  // fetchForm gets a fresh form token; null when inquiries are not taken.
  async function fetchForm() {
    try {
      const f = await getJSON('inquiries/form');
      return { token: f.form_token, fetched: Date.now(), minSeconds: f.min_seconds, honeypot: f.honeypot, version: f.consent.version, consent: f.consent };
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 503)) return null;
      throw err;
    }
  }

  function unavailable(status) {
    status.className = 'inq-status unavailable';
    status.textContent = t('inquiryUnavailable');
  }

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
  async function open(what) {
    attached = { parcels: what.parcels || [], match: what.match ?? ctx.state.match ?? null, shortlist: what.shortlist || null };
    const codes = attached.parcels.map((id) => ctx.parcels.get(id)?.properties.code || id.toUpperCase());
    const consent = h('input', { type: 'checkbox', id: 'inq-consent', name: 'consent', required: true });
    const consentText = h('span', { id: 'inq-consent-text' }, '…');
    const status = h('div', { class: 'inq-status', role: 'status', 'aria-live': 'polite' });
    const send = h('button', { type: 'submit', class: 'primary', id: 'inq-send' }, t('inquirySend'));
    const sector = h('select', {}, h('option', { value: '' }, '—'), ...SECTORS.map((s) => h('option', { value: s }, term('sector', s))));
    if (ctx.state.match?.sector && SECTORS.includes(ctx.state.match.sector)) sector.value = ctx.state.match.sector;
    const formEl = h('form', { class: 'inquiry-form', novalidate: true },
      h('p', { class: 'muted' }, t('inquiryIntro')),
      h('p', { class: 'inq-attached' }, t('inquiryAttached', { what: codes.join(', ') || '—' })),
      field('name', t('inquiryName'), h('input', { type: 'text', required: true, autocomplete: 'name', maxlength: '200' })),
      field('email', t('inquiryEmail'), h('input', { type: 'email', required: true, autocomplete: 'email', maxlength: '254' })),
      field('phone', t('inquiryPhone'), h('input', { type: 'tel', autocomplete: 'tel', maxlength: '40' })),
      field('company', t('inquiryCompany'), h('input', { type: 'text', required: true, autocomplete: 'organization', maxlength: '200' })),
      h('div', { class: 'pair' },
        field('sector', t('inquirySector'), sector),
        field('area_ha', t('inquiryArea'), h('input', { type: 'number', min: '0', step: 'any', inputmode: 'decimal' }))),
      field('timing', t('inquiryTiming'), h('select', {}, ...TIMINGS.map(([v, k]) => h('option', { value: v }, t(k))))),
      h('label', { class: 'check consent' }, consent, ' ', consentText),
      // A field people never see nor reach; bots fill it in.
      h('div', { class: 'hp', 'aria-hidden': 'true' }, h('input', { type: 'text', id: 'inq-hp', tabindex: '-1', autocomplete: 'off' })),
      h('div', { class: 'buttons' }, send),
      status);
    formEl.addEventListener('submit', (e) => { e.preventDefault(); submit(formEl, status, send); });
    panel.replaceChildren(
      h('div', { class: 'panel-head' }, h('h2', { id: 'inquiry-title' }, t('inquiryTitle')),
        h('button', { type: 'button', class: 'close', 'aria-label': t('close'), onclick: close }, '×')),
      formEl);
    panel.hidden = false;
    formEl.elements.name.focus();
    try {
      issued = await fetchForm();
    } catch (err) {
      issued = null;
      status.className = 'inq-status error-text';
      status.textContent = err.detail || err.message;
      return;
    }
    if (!issued) {
      unavailable(status);
      return;
    }
    showConsent(consentText);
  }

  // showConsent shows the notice the investor agrees to, in the page's
  // language when the server has it, else in English.
  function showConsent(el) {
    const c = issued.consent;
    el.textContent = c.text[lang()] || c.text.en;
    el.title = c.controller;
    el.dataset.version = c.version;
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
    if (!issued) {
      issued = await fetchForm().catch(() => null);
      if (!issued) {
        unavailable(status);
        return;
      }
    }
    const body = {
      form_token: issued.token,
      parcels: attached.parcels,
      contact: { name: el.name.value.trim(), email: el.email.value.trim(), phone: el.phone.value.trim() || null },
      company: el.company.value.trim() || null,
      sector: el.sector.value || null,
      area_ha: el.area_ha.value === '' ? null : Number(el.area_ha.value),
      timing: el.timing.value,
      consent: { accepted: true, text_version: issued.version },
    };
    const hp = document.getElementById('inq-hp')?.value;
    if (hp) body[issued.honeypot] = hp;
    if (attached.match) body.match = attached.match;
    if (attached.shortlist) body.shortlist = attached.shortlist;
    send.disabled = true;
    try {
      const wait = issued.fetched + issued.minSeconds * 1000 - Date.now();
      if (wait > 0) {
        status.textContent = t('inquirySending');
        await new Promise((r) => setTimeout(r, wait + 100));
      }
      const res = await postJSON('inquiries', body);
      status.textContent = t('inquirySent', { ref: res.reference });
      status.classList.add('ok');
      form.querySelectorAll('input, select, button').forEach((x) => { x.disabled = true; });
    } catch (err) {
      send.disabled = false;
      if (err instanceof ApiError && (err.status === 404 || err.status === 503)) {
        unavailable(status);
        form.dataset.state = 'unavailable';
        return;
      }
      if (err instanceof ApiError && err.problems?.some((p) => p.pointer === '/form_token')) {
        // The form was open too long: take a fresh one; sending again works.
        issued = null;
        status.textContent = t('inquiryStale');
        status.classList.add('error-text');
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
