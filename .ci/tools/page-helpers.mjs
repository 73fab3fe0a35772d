// page-helpers.mjs: what the browser checks share: watching a page's
// requests and console, opening the map and waiting until it has drawn,
// screenshots, steps and the JSON summary.
import { join } from 'node:path';

// watch records console errors, failed requests (but those expected(method,
// url) says are the answer sought) and aborts requests leaving base's origin.
export async function watch(context, base, summary, expected = () => false) {
  const origin = new URL(base).origin;
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('data:') || u.startsWith('blob:') || new URL(u).origin === origin) return route.continue();
    summary.externalRequests.push(u);
    return route.abort('blockedbyclient');
  });
  summary.cancelledRequests = 0;
  context.on('page', (page) => {
    page.on('console', (m) => { if (m.type() === 'error') summary.consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => summary.consoleErrors.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => {
      const why = r.failure()?.errorText || '';
      if (new URL(r.url()).origin !== origin) return;
      if (why === 'net::ERR_ABORTED') summary.cancelledRequests++;
      else summary.failedRequests.push(`${r.method()} ${r.url()}: ${why}`);
    });
    page.on('response', (r) => {
      if (r.status() < 400) return;
      // Chromium logs every 4xx on the console too: an expected one is
      // forgiven there as well.
      if (expected(r.request().method(), r.url())) summary.expectedErrors = (summary.expectedErrors || 0) + 1;
      else summary.failedRequests.push(`${r.request().method()} ${r.url()}: HTTP ${r.status()}`);
    });
  });
}

// openMap loads url and waits until the page restored its state and the
// map drew everything, plus two frames.
export async function openMap(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
  await page.evaluate(() => window.landcat.idle());
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

export function shotOf(outDir, summary) {
  return async (page, name) => {
    const file = join(outDir, name);
    await page.screenshot({ path: file });
    summary.screenshots.push(file);
  };
}

// stepper runs named steps, recording each one's outcome and time.
export function stepper(summary, failures) {
  return async (name, fn) => {
    const t0 = Date.now();
    const before = failures.length;
    try {
      await fn();
    } catch (err) {
      failures.push(`${name}: ${err.message.split('\n')[0]}`);
    }
    summary.steps.push({ name, ok: failures.length === before, ms: Date.now() - t0 });
  };
}

// finish prints the summary (repeated faults counted once) and exits.
export function finish(summary, failures, outDir, writeFileSync) {
  for (let n = summary.expectedErrors || 0; n > 0; n--) {
    const i = summary.consoleErrors.findIndex((m) => /Failed to load resource: the server responded with a status of 4\d\d/.test(m));
    if (i >= 0) summary.consoleErrors.splice(i, 1);
  }
  for (const k of ['consoleErrors', 'failedRequests', 'externalRequests']) {
    const counts = new Map();
    for (const x of summary[k]) counts.set(x, (counts.get(x) || 0) + 1);
    summary[k] = [...counts].map(([x, n]) => (n > 1 ? `${x} (×${n})` : x));
  }
  if (summary.consoleErrors.length) failures.push(`console errors: ${summary.consoleErrors.join(' | ')}`);
  if (summary.failedRequests.length) failures.push(`failed requests: ${summary.failedRequests.join(' | ')}`);
  if (summary.externalRequests.length) failures.push(`requests leaving landcat: ${summary.externalRequests.join(' | ')}`);
  summary.failures = failures.map((f) => (f.length > 600 ? `${f.slice(0, 600)}…` : f));
  summary.ok = failures.length === 0;
  const out = JSON.stringify(summary, null, 2);
  writeFileSync(join(outDir, 'summary.json'), out);
  console.log(out);
  process.exit(summary.ok ? 0 : 1);
}
