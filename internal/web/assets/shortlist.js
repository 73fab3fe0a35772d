// shortlist.js: saving the picked sites as a shortlist (POST /shortlists,
// with the current search and a note) and opening one from its link
// (/map#shortlist=TOKEN): the sites are picked again, the search restored
// and the note shown, with the fact sheet and the inquiry form at hand.

import { getJSON, postJSON, base } from './api.js';
import { t, lang, date } from './i18n.js';
import { h } from './util.js';
import './strings-investors.js';

export function initShortlist(ctx) {
  const { state } = ctx;
  state.shortlist = null; // the token of the shortlist shown
  const panel = document.getElementById('shortlist');

  function mapLink(token) {
    return new URL(`map#shortlist=${token}&lang=${lang()}`, base).href;
  }

  function close() {
    panel.hidden = true;
    panel.replaceChildren();
    if (state.shortlist) {
      state.shortlist = null;
      ctx.writeHash(true);
    }
  }

  function head(title) {
    return h('div', { class: 'panel-head' }, h('h2', { id: 'shortlist-title' }, title),
      h('button', { type: 'button', class: 'close', 'aria-label': t('close'), onclick: close }, '×'));
  }

  function sheetLinks(token) {
    return h('p', { class: 'sheet-links' },
      h('a', { class: 'sheet-pdf', href: `shortlists/${token}/factsheet?f=pdf&lang=${lang()}`, download: '' }, t('factsheetPDF')),
      ' · ',
      h('a', { href: `shortlists/${token}/factsheet?f=html&lang=${lang()}`, target: '_blank', rel: 'noopener' }, t('factsheetHTML')));
  }

  // openSave asks for a note and saves the picked sites.
  function openSave() {
    const note = h('textarea', { id: 'shortlist-note', maxlength: '1000', rows: '3' });
    const withSearch = h('input', { type: 'checkbox', id: 'shortlist-search', checked: !!state.match });
    const save = h('button', { type: 'submit', class: 'primary', id: 'shortlist-save' }, t('shortlistSave'));
    const form = h('form', { class: 'shortlist-form' },
      h('p', {}, t('trayTitle', { n: state.picked.length })),
      h('div', { class: 'field' }, h('label', { for: 'shortlist-note' }, t('shortlistNote')), note),
      state.match ? h('label', { class: 'check' }, withSearch, ' ', t('shortlistWithSearch')) : '',
      h('div', { class: 'buttons' }, save));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      save.disabled = true;
      try {
        const body = { parcels: state.picked, note: note.value };
        if (state.match && withSearch.checked) body.match = state.match;
        const sl = await postJSON(`shortlists?lang=${lang()}`, body);
        showSaved(sl);
      } catch (err) {
        save.disabled = false;
        ctx.showError(err, t('shortlistTitle'));
      }
    });
    panel.replaceChildren(head(t('saveShortlist')), form);
    panel.hidden = false;
    note.focus();
  }

  function showSaved(sl) {
    state.shortlist = sl.token;
    ctx.writeHash(true);
    const link = h('input', { type: 'text', readonly: true, id: 'shortlist-link', value: mapLink(sl.token) });
    const copy = h('button', { type: 'button', onclick: async () => {
      link.select();
      try { await navigator.clipboard.writeText(link.value); copy.textContent = t('shortlistCopied'); } catch { /* selected for a manual copy */ }
    } }, t('shortlistCopy'));
    panel.replaceChildren(head(t('shortlistTitle')),
      h('p', { class: 'saved' }, t('shortlistSaved', { date: date(sl.expires_at) })),
      h('div', { class: 'field' }, h('label', { for: 'shortlist-link' }, t('shortlistLink')), h('div', { class: 'copy' }, link, copy)),
      sheetLinks(sl.token),
      h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => ctx.inquiry.open({ parcels: sl.parcels, shortlist: sl.token }) }, t('askAbout'))));
    panel.hidden = false;
  }

  // open shows the shortlist of token: its sites picked, its search
  // restored, its note.
  async function open(token, { push = false } = {}) {
    state.shortlist = token;
    panel.hidden = false;
    panel.replaceChildren(head(t('shortlistTitle')), h('p', { class: 'loading' }, t('loading')));
    let sl;
    try {
      sl = await getJSON(`shortlists/${encodeURIComponent(token)}?lang=${lang()}`);
    } catch (err) {
      panel.replaceChildren(head(t('shortlistTitle')), h('p', { class: 'panel-error' }, err.detail || err.message));
      ctx.showError(err, t('shortlistTitle'));
      return;
    }
    const live = sl.sites.filter((s) => s.published).map((s) => s.id);
    ctx.tray.setPicked(live);
    if (sl.match && JSON.stringify(sl.match) !== JSON.stringify(state.match)) await ctx.finder.restore?.(sl.match, { fit: false, push: false });
    ctx.writeHash(push);
    panel.replaceChildren(head(t('shortlistTitle')),
      h('p', { class: 'muted' }, t('shortlistOpened', { date: date(sl.created_at) })),
      sl.note ? h('blockquote', { class: 'note' }, sl.note) : '',
      h('ul', { class: 'shortlist-sites' }, ...sl.sites.map((s) => h('li', { 'data-id': s.id }, s.published
        ? h('button', { type: 'button', class: 'link', onclick: () => ctx.select(s.id, { fly: true }) }, `${s.code} — ${s.zone || ''}`)
        : h('span', { class: 'muted' }, t('shortlistGone', { id: s.id }))))),
      sheetLinks(token),
      h('div', { class: 'buttons' },
        live.length >= 2 && live.length <= 4 ? h('button', { type: 'button', class: 'primary', onclick: () => ctx.tray.openCompare(live) }, t('compareAction')) : '',
        h('button', { type: 'button', onclick: () => ctx.inquiry.open({ parcels: live, shortlist: token, match: sl.match }) }, t('askAbout'))));
    return sl;
  }

  ctx.shortlist = { openSave, open, close };
}
