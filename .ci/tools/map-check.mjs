// map-check.mjs drives landcat's investor map page in a real browser
// (Debian's chromium through playwright-core) and checks what an investor
// does with it. Run by cmd/landcat/map_test.go:
//
//   node .ci/tools/map-check.mjs BASE_URL OUT_DIR
//
// Steps (a PNG screenshot of each in OUT_DIR):
//   1. /map loads: legend drawn, no console errors, no failed requests,
//      and no request leaves BASE_URL's origin (such requests are aborted
//      and reported).
//   2. At z13.5 over HP-DC2-01, queryRenderedFeatures finds parcels drawn
//      from the vector-tile source (layer "parcels").
//   3. Clicking HP-DC2-01 opens its panel with its code and the name of
//      its nearest seaport.
//   4. A data-centre search from the panel lists ranked sites with rank
//      markers; the ranked parcels carry feature state "rank" on the tile
//      source; at z13 the vector-tile parcels are drawn with that state
//      (highlighted) and excluded ones greyed, with reasons on hover.
//   5. Switching to English changes the UI strings.
//   6. Reloading the page's URL restores the view, language, parcel and
//      search (deep link).
//   7. An API error (a link to a parcel that does not exist) shows its
//      problem+json detail in the alert banner.
//   8. On a phone-sized window nothing overflows and the panel overlays
//      the map.
// Prints a JSON summary; exits 1 on any failure.
//
// CHROMIUM overrides the browser path (default /usr/bin/chromium).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: node map-check.mjs BASE_URL OUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const origin = new URL(base).origin;
const ANCHOR = { id: 'hp-dc2-01', code: 'HP-DC2-01', lngLat: [106.79, 20.815] };

const summary = { base, steps: [], consoleErrors: [], failedRequests: [], externalRequests: [], screenshots: [], ok: false };
const failures = [];
const fail = (msg) => failures.push(msg);
const check = (cond, msg) => { if (!cond) fail(msg); return !!cond; };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  ],
});

let page;
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN', deviceScaleFactor: 1 });
  // Nothing may leave landcat: abort and record any other origin.
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('data:') || u.startsWith('blob:') || new URL(u).origin === origin) return route.continue();
    summary.externalRequests.push(u);
    return route.abort('blockedbyclient');
  });
  page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') summary.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => summary.consoleErrors.push(`pageerror: ${e.message}`));
  // MapLibre cancels the tile requests a view change makes useless
  // (net::ERR_ABORTED); those are counted, not failures. Requests to other
  // origins are aborted by the route above and reported there.
  summary.cancelledRequests = 0;
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText || '';
    if (why === 'net::ERR_ABORTED' && new URL(r.url()).origin === origin) summary.cancelledRequests++;
    else if (new URL(r.url()).origin === origin) summary.failedRequests.push(`${r.method()} ${r.url()}: ${why}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) summary.failedRequests.push(`${r.request().method()} ${r.url()}: HTTP ${r.status()}`); });

  const shot = async (name) => {
    const file = join(outDir, name);
    await page.screenshot({ path: file });
    summary.screenshots.push(file);
  };
  // idle waits until the map has drawn everything it has to (headless
  // screenshots are blank otherwise) and two more frames have painted.
  const idle = async () => {
    await page.evaluate(() => window.landcat.idle());
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  };
  let loaded = false;
  const step = async (name, fn) => {
    if (name !== 'load' && !loaded) {
      summary.steps.push({ name, ok: false, skipped: 'the page did not load' });
      return;
    }
    const t0 = Date.now();
    const before = failures.length;
    try {
      await fn();
    } catch (err) {
      fail(`${name}: ${err.message.split('\n')[0]}`);
    }
    summary.steps.push({ name, ok: failures.length === before, ms: Date.now() - t0 });
  };

  await step('load', async () => {
    const res = await page.goto(`${base}/map`, { waitUntil: 'load' });
    if (!check(res.ok(), `GET /map: HTTP ${res.status()}${res.status() === 404 ? ' (is web.Handler() mounted at /map and /map/?)' : ''}`)) return;
    check(res.headers()['content-security-policy']?.includes("default-src 'self'"), 'GET /map: no Content-Security-Policy');
    const t0 = Date.now();
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
    summary.readyMs = Date.now() - t0;
    await idle();
    summary.idleMs = Date.now() - t0;
    const info = await page.evaluate(() => ({
      webgl2: !!document.createElement('canvas').getContext('webgl2'),
      lang: document.documentElement.lang,
      legend: document.querySelectorAll('#legend-body li').length,
      title: document.querySelector('#finder-title')?.textContent,
      sectors: [...document.querySelectorAll('#f-sector option')].map((o) => o.value).filter(Boolean),
    }));
    summary.webgl2 = info.webgl2;
    check(info.lang === 'vi', `default language ${info.lang}, want vi (browser locale vi-VN)`);
    check(info.legend >= 10, `legend has ${info.legend} entries`);
    check(info.sectors.includes('data_center'), `sector profiles: ${info.sectors.join(',') || 'none'}`);
    summary.titleVi = info.title;
    loaded = true;
    await shot('01-overview.png');
  });

  await step('tiles', async () => {
    await page.evaluate(([lng, lat]) => window.landcat.map.jumpTo({ center: [lng, lat], zoom: 13.5 }), ANCHOR.lngLat);
    await idle();
    const r = await page.evaluate(() => {
      const m = window.landcat.map;
      const fs = m.queryRenderedFeatures({ layers: ['parcels-fill'] });
      return { n: fs.length, ids: [...new Set(fs.map((f) => f.properties.id))], sources: [...new Set(fs.map((f) => `${f.source}/${f.sourceLayer}`))] };
    });
    summary.renderedParcels = r.n;
    check(r.n > 0, 'queryRenderedFeatures found no parcels from the vector tiles');
    check(r.sources.length === 1 && r.sources[0] === 'landcat/parcels', `parcel features came from ${r.sources.join(', ')}`);
    check(r.ids.includes(ANCHOR.id), `${ANCHOR.id} not among the rendered parcels (${r.ids.join(', ')})`);
    await shot('02-tiles-z13.png');
  });

  await step('click parcel', async () => {
    const pt = await page.evaluate((ll) => {
      const p = window.landcat.map.project(ll);
      const r = window.landcat.map.getCanvas().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    }, ANCHOR.lngLat);
    await page.mouse.click(pt.x, pt.y);
    await page.waitForSelector('#details:not([hidden]) .parcel-code', { timeout: 10000 });
    await page.waitForFunction(() => document.querySelector('#details tr[data-distance="seaport"] .infra-name')?.dataset.resolved === 'true', null, { timeout: 10000 });
    const d = await page.evaluate(() => ({
      code: document.querySelector('#details .parcel-code')?.textContent,
      port: document.querySelector('#details tr[data-distance="seaport"] .infra-name')?.textContent,
      km: document.querySelector('#details tr[data-distance="seaport"] .num')?.textContent,
      geojson: document.querySelector('#details a.geojson-link')?.href,
      hash: window.location.hash,
      selected: window.landcat.map.getFeatureState({ source: 'landcat', sourceLayer: 'parcels', id: 'hp-dc2-01' }).selected,
    }));
    summary.parcelPanel = d;
    check(d.code === ANCHOR.code, `panel code ${d.code}`);
    check(/Nam Đình Vũ/.test(d.port || ''), `nearest seaport named "${d.port}", want Cảng Nam Đình Vũ`);
    check(d.selected === true, 'the clicked parcel has no "selected" feature state');
    check(d.hash.includes(`parcel=${ANCHOR.id}`), `URL ${d.hash} does not record the parcel`);
    const gj = await page.evaluate(async (u) => { const r = await fetch(u); return { ct: r.headers.get('content-type'), body: await r.json() }; }, d.geojson);
    check(gj.ct?.startsWith('application/geo+json') && gj.body.id === ANCHOR.id, `GeoJSON link ${d.geojson}: ${gj.ct}`);
    await idle();
    await shot('03-parcel-panel.png');
  });

  await step('data-centre match', async () => {
    await page.selectOption('#f-sector', 'data_center');
    await page.click('#run-match');
    await page.waitForSelector('#results:not([hidden]) .ranked > li', { timeout: 15000 });
    await idle();
    const r = await page.evaluate(() => {
      const m = window.landcat.map;
      const res = window.landcat.state.result;
      const rankedIds = res.results.map((x) => x.id);
      const states = rankedIds.map((id) => m.getFeatureState({ source: 'landcat', sourceLayer: 'parcels', id }).rank);
      const exId = res.excluded[0]?.id;
      const rendered = [...m.queryRenderedFeatures({ layers: ['parcels-fill', 'parcels-geo-fill', 'parcels-dots'] })];
      return {
        listed: document.querySelectorAll('#results .ranked > li').length,
        first: document.querySelector('#results .ranked > li strong')?.textContent,
        matched: res.matched,
        rankedIds,
        states,
        markers: document.querySelectorAll('.rank-marker').length,
        excludedState: exId ? m.getFeatureState({ source: 'landcat', sourceLayer: 'parcels', id: exId }).excluded : null,
        renderedRanked: rendered.filter((f) => f.state?.rank > 0).length,
        hash: window.location.hash,
      };
    });
    summary.match = { listed: r.listed, first: r.first, matched: r.matched, ranked: r.rankedIds, markers: r.markers, renderedRanked: r.renderedRanked };
    check(r.listed > 0, 'the data-centre search listed no sites');
    check(r.states.every((s, i) => s === i + 1), `feature state rank on the tile source: ${JSON.stringify(r.states)}`);
    check(r.markers === r.rankedIds.length, `${r.markers} rank markers for ${r.rankedIds.length} ranked parcels`);
    check(r.excludedState === true, 'excluded parcels are not marked "excluded"');
    check(r.renderedRanked > 0, 'no highlighted (ranked) parcel is drawn after fitting the results');
    check(r.hash.includes('match='), 'the URL does not record the search');
    await shot('04-match-results.png');

    // Closer in, on the vector tiles: ranked parcels drawn with their
    // rank in feature state, excluded ones greyed with reasons on hover.
    await page.evaluate(([lng, lat]) => window.landcat.map.jumpTo({ center: [lng - 0.01, lat + 0.005], zoom: 13 }), ANCHOR.lngLat);
    await idle();
    const z = await page.evaluate(() => {
      const m = window.landcat.map;
      const fs = m.queryRenderedFeatures({ layers: ['parcels-fill'] });
      const rect = m.getCanvas().getBoundingClientRect();
      const centre = (f) => {
        const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0];
        const c = ring.slice(1).reduce((a, p) => [a[0] + p[0] / (ring.length - 1), a[1] + p[1] / (ring.length - 1)], [0, 0]);
        const p = m.project(c);
        return { x: rect.left + p.x, y: rect.top + p.y };
      };
      const ranked = fs.filter((f) => f.state?.rank > 0);
      const excluded = fs.filter((f) => f.state?.excluded);
      // An excluded parcel not covered by a panel, the legend or a marker.
      const canvas = m.getCanvas();
      const ex = excluded.map((f) => ({ id: f.properties.id, at: centre(f) }))
        .find((e) => document.elementFromPoint(e.at.x, e.at.y) === canvas);
      return {
        source: [...new Set(fs.map((f) => f.source))],
        ranked: ranked.map((f) => [f.properties.id, f.state.rank]),
        excluded: excluded.length,
        hover: ex,
      };
    });
    summary.matchOnTiles = { ranked: z.ranked, excluded: z.excluded };
    check(z.source.length === 1 && z.source[0] === 'landcat', `z13 parcels drawn from ${z.source.join(', ')}`);
    check(z.ranked.length > 0, 'no ranked parcel drawn from the vector tiles at z13');
    check(z.ranked.every(([id, rank]) => r.rankedIds[rank - 1] === id), `ranks on the tiles ${JSON.stringify(z.ranked)} differ from the list`);
    check(z.excluded > 0, 'no excluded (greyed) parcel drawn from the vector tiles at z13');
    if (check(z.hover, 'no excluded parcel to hover in view')) {
      await page.mouse.move(z.hover.at.x, z.hover.at.y);
      await page.waitForSelector('#tooltip:not([hidden]) .tt-reasons li', { timeout: 5000 });
      summary.excludedTooltip = { id: z.hover.id, text: await page.textContent('#tooltip') };
      check(summary.excludedTooltip.text.includes(z.hover.id.toUpperCase()), `tooltip "${summary.excludedTooltip.text}" is not about ${z.hover.id}`);
    }
    await shot('05-match-z13-excluded-tooltip.png');
    await page.mouse.move(5, 300);
  });

  await step('language', async () => {
    await page.click('button[data-lang="en"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    // The panel is re-rendered in English once the zone names are in.
    await page.waitForFunction(() => /Nam Dinh Vu/.test(document.querySelector('#details tr[data-distance="seaport"] .infra-name')?.textContent || ''), null, { timeout: 10000 })
      .catch(() => {});
    const r = await page.evaluate(() => ({
      title: document.querySelector('#finder-title').textContent,
      run: document.querySelector('#run-match').textContent,
      legend: document.querySelector('#legend-title').textContent,
      port: document.querySelector('#details tr[data-distance="seaport"] .infra-name')?.textContent,
      hash: window.location.hash,
    }));
    summary.language = r;
    check(r.title === 'Find sites' && r.title !== summary.titleVi, `finder title after switching: "${r.title}" (was "${summary.titleVi}")`);
    check(r.legend === 'Legend', `legend title "${r.legend}"`);
    check(/Nam Dinh Vu/.test(r.port || ''), `nearest seaport in English: "${r.port}"`);
    check(r.hash.includes('lang=en'), 'the URL does not record the language');
    await idle();
    await shot('06-english.png');
  });

  await step('deep link', async () => {
    const link = page.url();
    summary.deepLink = link;
    const p2 = await page.context().newPage();
    p2.on('console', (m) => { if (m.type() === 'error') summary.consoleErrors.push(`deep link: ${m.text()}`); });
    p2.on('pageerror', (e) => summary.consoleErrors.push(`deep link pageerror: ${e.message}`));
    await p2.goto(link, { waitUntil: 'load' });
    const t0 = Date.now();
    await p2.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
    summary.deepLinkReadyMs = Date.now() - t0;
    await p2.evaluate(() => window.landcat.idle());
    summary.deepLinkIdleMs = Date.now() - t0;
    const r = await p2.evaluate(() => ({
      lang: document.documentElement.lang,
      code: document.querySelector('#details:not([hidden]) .parcel-code')?.textContent,
      listed: document.querySelectorAll('#results:not([hidden]) .ranked > li').length,
      sector: document.querySelector('#f-sector').value,
      zoom: window.landcat.map.getZoom(),
    }));
    const want = await page.evaluate(() => window.landcat.map.getZoom());
    summary.deepLinkRestored = r;
    check(r.lang === 'en', `deep link language ${r.lang}`);
    check(r.code === ANCHOR.code, `deep link parcel ${r.code}`);
    check(r.listed === summary.match?.listed, `deep link lists ${r.listed} sites, want ${summary.match?.listed}`);
    check(r.sector === 'data_center', `deep link sector ${r.sector}`);
    check(Math.abs(r.zoom - want) < 0.05, `deep link zoom ${r.zoom}, want ${want}`);
    page = p2;
    await idle();
    await shot('07-deep-link.png');
  });

  await step('api error', async () => {
    // A deep link to a parcel that does not exist: the problem+json
    // detail shows in the alert banner (the 404 is expected here, so this
    // page's console and requests are not counted above).
    const p3 = await page.context().newPage();
    const seen = [];
    p3.on('response', (r) => { if (r.status() >= 400) seen.push(`${r.status()} ${new URL(r.url()).pathname}`); });
    p3.on('pageerror', (e) => summary.consoleErrors.push(`api error pageerror: ${e.message}`));
    await p3.goto(`${base}/map#lang=en&parcel=no-such-parcel`, { waitUntil: 'load' });
    await p3.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
    await p3.waitForSelector('#error:not([hidden])', { timeout: 10000 });
    const text = await p3.textContent('#error');
    summary.apiError = { banner: text.trim(), responses: seen };
    check(/no-such-parcel/.test(text) && /404/.test(text), `error banner "${text.trim()}" does not show the 404 problem detail`);
    check(seen.length === 1 && seen[0] === '404 /collections/parcels/items/no-such-parcel', `unexpected error responses: ${seen.join(', ')}`);
    await p3.evaluate(() => window.landcat.idle());
    const file = join(outDir, '08-api-error.png');
    await p3.screenshot({ path: file });
    summary.screenshots.push(file);
    await p3.close();
  });

  await step('narrow screen', async () => {
    // A phone-sized window: the panels overlay the map, nothing overflows.
    const p4 = await page.context().newPage();
    p4.on('console', (m) => { if (m.type() === 'error') summary.consoleErrors.push(`narrow: ${m.text()}`); });
    p4.on('pageerror', (e) => summary.consoleErrors.push(`narrow pageerror: ${e.message}`));
    await p4.setViewportSize({ width: 390, height: 844 });
    await p4.goto(`${base}/map#map=13.00/106.78500/20.81200&lang=vi&parcel=${ANCHOR.id}`, { waitUntil: 'load' });
    await p4.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
    await p4.evaluate(() => window.landcat.idle());
    const r = await p4.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      map: document.getElementById('map').getBoundingClientRect().height,
      details: !document.getElementById('details').hidden,
      finderHidden: document.getElementById('finder').hidden,
    }));
    summary.narrow = r;
    check(r.overflow <= 0, `narrow screen overflows by ${r.overflow}px`);
    check(r.map > 400, `narrow screen map height ${r.map}`);
    check(r.details && r.finderHidden, 'narrow screen: parcel panel shown and finder closed expected');
    const file = join(outDir, '09-narrow.png');
    await p4.screenshot({ path: file });
    summary.screenshots.push(file);
    await p4.close();
  });
} catch (err) {
  fail(`unexpected: ${err.stack || err}`);
} finally {
  await browser.close();
}

// Keep the summary readable when one fault repeats (e.g. every tile).
for (const k of ['consoleErrors', 'failedRequests', 'externalRequests']) {
  const counts = new Map();
  for (const x of summary[k]) counts.set(x, (counts.get(x) || 0) + 1);
  summary[k] = [...counts].map(([x, n]) => (n > 1 ? `${x} (×${n})` : x));
}
check(summary.consoleErrors.length === 0, `console errors: ${summary.consoleErrors.join(' | ')}`);
check(summary.failedRequests.length === 0, `failed requests: ${summary.failedRequests.join(' | ')}`);
check(summary.externalRequests.length === 0, `requests leaving landcat: ${summary.externalRequests.join(' | ')}`);
summary.failures = failures.map((f) => (f.length > 600 ? `${f.slice(0, 600)}…` : f));
summary.ok = failures.length === 0;
const out = JSON.stringify(summary, null, 2);
writeFileSync(join(outDir, 'summary.json'), out);
console.log(out);
process.exit(summary.ok ? 0 : 1);
