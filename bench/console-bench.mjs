// `make bench`, the console's part: the first view's weight (gzip bytes of the page, its stylesheet,
// its modules and config.json, as a browser loads them before the queue shows) and the queue's render
// time after the API answered (performance.measure "queue-render": rows built, style and layout
// done), in headless Chromium against the local stack started as `make run` starts it.
// Budgets (issue 10): ≤ 100 KB gzip, ≤ 300 ms. Exits 1 when over either.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, newPage, ROOT, startStack } from '../src/main/webui/test/harness.mjs';

const RUNS = 15;
const WEIGHT_BUDGET = 100 * 1024;
const RENDER_BUDGET_MS = 300;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A PENDING page of `n` verdicts shaped like the API's, for the full-page render measure. */
function syntheticPage(n, template) {
  const sev = ['critical', 'high', 'medium', 'low'];
  const items = Array.from({ length: n }, (_, i) => ({
    ...template,
    id: `v_${(i + 1).toString(16).padStart(32, '0')}`,
    severity: sev[i % 4],
    target: `203.0.113.${i % 250}`,
    threatType: `${template.threatType} ${i}`,
    createdAt: new Date(Date.now() - i * 60_000).toISOString(),
  }));
  return { items, nextToken: 'eyJwYWdlIjoyfQ' };
}

async function renderTimes(page, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    await page.evaluate(() => performance.clearMeasures('queue-render'));
    await page.getByRole('button', { name: 'Refresh' }).click();
    const ms = await page.waitForFunction(() => performance.getEntriesByName('queue-render')[0]?.duration);
    times.push(await ms.jsonValue());
  }
  return times;
}

const stack = await startStack();
const browser = await launchBrowser();
let over = false;
try {
  const page = await newPage(browser);
  const assets = new Map();
  page.on('response', async (r) => {
    const url = new URL(r.url());
    if (url.origin !== stack.url || url.pathname.startsWith('/verdicts')) return;
    try {
      const body = await r.body();
      assets.set(url.pathname, { raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
    } catch {
      // a redirect has no body
    }
  });
  await page.goto(`${stack.url}/`);
  await page.getByRole('radio', { name: /^Analyst/ }).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('table', { name: 'Pending verdicts' }).locator('tbody tr[data-id]').first().waitFor();
  await page.waitForLoadState('networkidle');
  const gzip = [...assets.values()].reduce((n, a) => n + a.gzip, 0);
  const raw = [...assets.values()].reduce((n, a) => n + a.raw, 0);
  const rows = await page.locator('tbody tr[data-id]').count();
  const sample = await renderTimes(page, RUNS);

  const template = await (await fetch(`${stack.url}/verdicts?limit=1`)).json();
  const full = JSON.stringify(syntheticPage(100, template.items[0]));
  await page.route(/\/verdicts\?status=PENDING&limit=50$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: full }));
  const hundred = await renderTimes(page, RUNS);

  const files = [...assets.entries()].map(([p, a]) => `${p} ${a.gzip} B`).join(', ');
  console.log(`console: first view ${gzip} B gzip (${(gzip / 1024).toFixed(1)} KB; ${raw} B raw; budget 100 KB): ${files}`);
  // in AWS the sign-in loads the OIDC client's chunk as well (not loaded by a local run)
  const webui = join(ROOT, 'target/webui');
  const chunks = readdirSync(webui).filter((f) => f.startsWith('chunk-'))
    .reduce((n, f) => n + gzipSync(readFileSync(join(webui, f)), { level: 9 }).length, 0);
  console.log(`console: first view in AWS (OIDC sign-in) adds the oidc-client-ts chunk: ${chunks} B gzip, ${((gzip + chunks) / 1024).toFixed(1)} KB in all`);
  over = gzip + chunks > WEIGHT_BUDGET;
  console.log(`console: queue render after the API answered, ${rows} sample verdicts: median ${median(sample).toFixed(1)} ms, max ${Math.max(...sample).toFixed(1)} ms (${RUNS} refreshes)`);
  console.log(`console: queue render after the API answered, 100 verdicts: median ${median(hundred).toFixed(1)} ms, max ${Math.max(...hundred).toFixed(1)} ms (${RUNS} refreshes; budget 300 ms)`);
  over = over || gzip > WEIGHT_BUDGET || Math.max(median(sample), median(hundred)) > RENDER_BUDGET_MS;
  if (over) console.log('console: OVER BUDGET');
} finally {
  await browser.close();
  await stack.stop();
}
process.exit(over ? 1 : 0);
