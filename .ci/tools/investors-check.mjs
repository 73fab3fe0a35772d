// investors-check.mjs drives what a foreign investor does on landcat's map
// page beyond finding sites, in Debian's chromium through playwright-core.
// Run by cmd/landcat/investors_test.go:
//
//   node .ci/tools/investors-check.mjs BASE_URL OUT_DIR
//
// Steps (a PNG screenshot of each in OUT_DIR):
//   1. The overview draws the basemap (land, rivers, places) and zone
//      names, from landcat only (glyphs included).
//   2. Switching to English changes the labels; zoomed in, parcel codes.
//   3. Two parcels picked from their panels are compared side by side
//      (better values marked); the comparison's link reopens it.
//   4. The picked parcels are saved as a shortlist with a note; its link
//      reopens them with the note in a fresh page.
//   5. The shortlist's and a parcel's fact sheets download as PDFs.
//   6. The inquiry form shows the server's consent notice; sent at once,
//      it waits out the form's minimum fill time, POST /inquiries answers
//      201 and the page shows the reference.
// Prints a JSON summary; exits 1 on any failure.
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { watch, openMap, shotOf, stepper, finish } from './page-helpers.mjs';

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: node investors-check.mjs BASE_URL OUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const A = { id: 'hp-dc2-01', code: 'HP-DC2-01', lngLat: [106.79, 20.815] };
const B = { id: 'hp-dc2-02', code: 'HP-DC2-02' };
const summary = { base, steps: [], consoleErrors: [], failedRequests: [], externalRequests: [], screenshots: [], ok: false };
const failures = [];
const check = (cond, msg) => { if (!cond) failures.push(msg); return !!cond; };
// No 4xx is expected.
const expected = () => false;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN', deviceScaleFactor: 1, acceptDownloads: true });
  await watch(context, base, summary, expected);
  let page = await context.newPage();
  const shot = shotOf(outDir, summary);
  const step = stepper(summary, failures);

  await step('basemap and labels', async () => {
    await openMap(page, `${base}/map`);
    const r = await page.evaluate(() => {
      const m = window.landcat.map;
      const q = (layers) => m.queryRenderedFeatures({ layers });
      return {
        land: q(['land']).length, rivers: q(['rivers']).length, boundary: q(['boundary']).length,
        places: [...new Set(q(['place-labels-major', 'place-labels']).map((f) => f.properties.name))],
        zones: [...new Set(q(['zone-labels']).map((f) => f.properties.short))],
        attribution: document.querySelector('.maplibregl-ctrl-attrib')?.textContent || '',
      };
    });
    summary.basemap = r;
    check(r.land > 0 && r.rivers > 0 && r.boundary > 0, `basemap layers drawn: land ${r.land}, rivers ${r.rivers}, boundary ${r.boundary}`);
    check(r.places.includes('Hải Phòng'), `place labels ${r.places.join(', ')} lack Hải Phòng`);
    check(r.zones.length >= 5 && r.zones.some((z) => /^KCN /.test(z)), `zone labels at the overview: ${r.zones.join(', ')}`);
    check(/GSHHG/.test(r.attribution) && /GeoNames/.test(r.attribution), `attribution "${r.attribution}"`);
    await shot(page, '01-basemap-overview.png');
  });

  await step('language and parcel codes', async () => {
    await page.click('button[data-lang="en"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.evaluate(() => window.landcat.idle());
    const field = await page.evaluate(() => JSON.stringify(window.landcat.map.getLayoutProperty('zone-labels', 'text-field')));
    check(field.includes('short_en'), `zone labels in English use ${field}`);
    await shot(page, '02-overview-english.png');
    await page.evaluate(([lng, lat]) => window.landcat.map.jumpTo({ center: [lng, lat], zoom: 15 }), A.lngLat);
    await page.evaluate(() => window.landcat.idle());
    const codes = await page.evaluate(() => window.landcat.map.queryRenderedFeatures({ layers: ['parcel-codes'] }).map((f) => f.properties.code));
    check(codes.includes(A.code), `parcel codes at z15: ${codes.join(', ')}`);
    await shot(page, '03-parcel-codes-z15.png');
  });

  await step('pick and compare', async () => {
    for (const p of [A, B]) {
      await page.evaluate((id) => window.landcat.select(id, { fly: true }), p.id);
      await page.waitForSelector(`#details:not([hidden]) .parcel-code:text-is("${p.code}")`);
      await page.click('#details button.pick');
    }
    check(await page.locator('#tray .tray-list li').count() === 2, 'the tray does not hold the two picked parcels');
    await page.click('#tray-compare');
    await page.waitForSelector('#compare:not([hidden]) .compare-table tbody tr');
    const r = await page.evaluate(() => ({
      heads: [...document.querySelectorAll('#compare thead th button')].map((b) => b.textContent),
      rows: document.querySelectorAll('#compare tbody tr').length,
      best: document.querySelectorAll('#compare td.best').length,
      hash: window.location.hash,
    }));
    summary.compare = r;
    check(r.heads.join() === `${A.code},${B.code}`, `compared ${r.heads.join()}`);
    check(r.rows >= 20 && r.best > 0, `${r.rows} rows, ${r.best} better values marked`);
    check(r.hash.includes(`compare=${A.id},${B.id}`), `the URL ${r.hash} does not hold the comparison`);
    await page.evaluate(() => window.landcat.idle());
    await shot(page, '04-compare.png');
    const p2 = await context.newPage();
    await openMap(p2, page.url());
    const again = await p2.evaluate(() => [...document.querySelectorAll('#compare:not([hidden]) thead th button')].map((b) => b.textContent));
    check(again.join() === `${A.code},${B.code}`, `the comparison's link reopens ${again.join() || 'nothing'}`);
    await p2.close();
  });

  let shortlistURL = '';
  await step('shortlist', async () => {
    await page.click('#compare .close');
    await page.click('#tray-save');
    await page.fill('#shortlist-note', 'Gần cảng Nam Đình Vũ — cho hội đồng quản trị');
    await page.click('#shortlist-save');
    await page.waitForSelector('#shortlist-link');
    shortlistURL = await page.inputValue('#shortlist-link');
    check(/#shortlist=[A-Za-z0-9_-]{24}/.test(shortlistURL), `shortlist link ${shortlistURL}`);
    await shot(page, '05-shortlist-saved.png');
    page = await context.newPage();
    await openMap(page, shortlistURL);
    const r = await page.evaluate(() => ({
      note: document.querySelector('#shortlist blockquote.note')?.textContent,
      sites: [...document.querySelectorAll('#shortlist .shortlist-sites li')].map((li) => li.dataset.id),
      picked: window.landcat.state.picked,
    }));
    summary.shortlist = { url: shortlistURL, ...r };
    check(r.note?.includes('Nam Đình Vũ'), `the reopened shortlist's note: ${r.note}`);
    check(r.sites.join() === `${A.id},${B.id}` && r.picked.join() === `${A.id},${B.id}`, `reopened shortlist ${JSON.stringify(r)}`);
    await page.evaluate(() => window.landcat.idle());
    await shot(page, '06-shortlist-opened.png');
  });

  await step('fact sheets', async () => {
    for (const [sel, name] of [['#shortlist a.sheet-pdf', 'shortlist-factsheet.pdf'], ['#details a.sheet-pdf', 'parcel-factsheet.pdf']]) {
      if (name === 'parcel-factsheet.pdf') {
        await page.evaluate((id) => window.landcat.select(id), A.id);
        await page.waitForSelector('#details:not([hidden]) a.sheet-pdf');
      }
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click(sel)]);
      const file = join(outDir, name);
      await dl.saveAs(file);
      const head = readFileSync(file).subarray(0, 5).toString();
      summary[name] = { suggested: dl.suggestedFilename(), bytes: readFileSync(file).length };
      check(head === '%PDF-' && summary[name].bytes > 10000, `${name}: ${head}, ${summary[name].bytes} bytes`);
    }
  });

  await step('inquiry', async () => {
    await page.click('#details button.ask');
    await page.waitForFunction(() => document.querySelector('#inq-consent-text')?.dataset.version);
    const consent = await page.textContent('#inq-consent-text');
    check(/Nghị định 13\/2023|Decree 13\/2023/.test(consent), `the consent notice shown: ${consent}`);
    await page.fill('#inq-name', 'Nguyễn Văn A');
    await page.fill('#inq-email', 'a@example.com');
    await page.fill('#inq-company', 'Công ty TNHH Dữ liệu Xanh');
    await page.check('#inq-consent');
    // Sent at once: the page waits out the form's minimum fill time.
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/inquiries') && r.request().method() === 'POST', { timeout: 15000 }),
      page.click('#inq-send')]);
    const sent = res.request().postDataJSON();
    await page.waitForSelector('#inquiry .inq-status.ok');
    const text = await page.textContent('#inquiry .inq-status');
    summary.inquiry = { status: res.status(), body: { ...sent, form_token: sent.form_token ? '(set)' : null }, text };
    check(res.status() === 201, `POST /inquiries answered ${res.status()}`);
    check(sent.parcels?.[0] === A.id && sent.contact?.email === 'a@example.com' && sent.consent?.accepted === true &&
      sent.consent?.text_version === await page.getAttribute('#inq-consent-text', 'data-version') && !('website' in sent),
      `inquiry body ${JSON.stringify(sent)}`);
    check(/[0-9A-Z]{4,}/.test(text), `no reference shown: ${text}`);
    await shot(page, '07-inquiry-sent.png');
  });
} catch (err) {
  failures.push(`unexpected: ${err.stack || err}`);
} finally {
  await browser.close();
}
finish(summary, failures, outDir, writeFileSync);
