// Shared by the browser tests and the bench: the local stack started as `make run` starts it (on a
// free SOC_PORT, stopped afterwards), and Debian's Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const SHOTS = join(ROOT, 'target/console');
const STARTUP_MS = 240_000;
/** The flags that work on these machines (FINDINGS "Browsers"); Playwright adds --headless itself. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * `make run` on a free port, in its own process group; resolves once it printed that it runs (the
 * sample logs are ingested by then) with {url, kestraUrl, stop(), output()}.
 * SOC_TEST_STACK_URL and SOC_TEST_KESTRA_URL reuse a stack already running instead.
 */
export async function startStack() {
  if (process.env.SOC_TEST_STACK_URL) {
    return { url: process.env.SOC_TEST_STACK_URL, kestraUrl: process.env.SOC_TEST_KESTRA_URL, stop: async () => {}, output: () => '' };
  }
  const port = await freePort();
  const child = spawn('make', ['-s', '--no-print-directory', 'run'], {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SOC_PORT: String(port), GROQ_API_KEY: '' },
  });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const exited = new Promise((r) => child.once('exit', r));
  const stop = async () => {
    if (child.exitCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM'); // make and the stack's JVM; its shutdown hook stops the rest
    } catch {
      return;
    }
    const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 20_000);
    await exited;
    clearTimeout(t);
  };
  const started = Date.now();
  while (!out.includes('Ctrl-C stops everything.')) {
    if (child.exitCode !== null) throw new Error(`make run exited with ${child.exitCode}:\n${out}`);
    if (Date.now() - started > STARTUP_MS) {
      await stop();
      throw new Error(`make run was not ready within ${STARTUP_MS / 1000} s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const kestraUrl = /Kestra stand-in at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
  return { url: `http://127.0.0.1:${port}`, kestraUrl, stop, output: () => out };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/lib/chromium/chromium', args: FLAGS });
}

/**
 * A fresh browser context. bypassCSP: the page's Content-Security-Policy would also stop an injected
 * script; the tests must show that rendering alone creates no element from log text (and axe-core is
 * injected as a script).
 */
export async function newPage(browser, viewport = { width: 1366, height: 900 }) {
  const context = await browser.newContext({ viewport, bypassCSP: true });
  return context.newPage();
}

export function shotPath(name) {
  mkdirSync(SHOTS, { recursive: true });
  return join(SHOTS, name);
}
