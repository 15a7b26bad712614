// The log sources view (#/sources): how each source's lines were read, from GET /verdicts/sources. A source
// whose lines are of no known format is being read as noise: the view says so in words, beside the counts
// per format and a few of those lines (log text, rendered as text only).
import { $, fill, h } from './dom.js';

/** Above this share of unknown lines a source is flagged: the issue's goal is 99 % read as a known format. */
export const UNKNOWN_WARN = 0.01;

/** "sshd 900 · syslog 100": lines per format, most first. */
export function formatList(formats) {
  return Object.entries(formats ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([f, n]) => `${f} ${n.toLocaleString('en')}`).join(' · ');
}

/** The share of unknown lines in words: "none", or "2 of 4 lines (50 %)". */
export function unknownText(r) {
  if (!r.unknownLines) return 'none';
  const pct = r.lines ? (100 * r.unknownLines) / r.lines : 0;
  return `${r.unknownLines.toLocaleString('en')} of ${r.lines.toLocaleString('en')} lines (${pct < 1 ? pct.toFixed(1) : Math.round(pct)} %)`;
}

export class SourcesView {
  constructor(api, { onError }) {
    this.api = api;
    this.onError = onError;
    $('#sources-refresh').addEventListener('click', () => this.show());
  }

  async show() {
    fill($('#sources-error'));
    fill($('#sources-status'), 'Loading…');
    try {
      const { items } = await this.api.sources(100);
      this.render(items ?? []);
    } catch (e) {
      fill($('#sources-status'));
      this.onError(e, $('#sources-error'));
    }
  }

  render(items) {
    const noisy = items.filter((r) => r.lines && r.unknownLines / r.lines > UNKNOWN_WARN);
    fill($('#sources-status'), items.length === 0 ? 'No delivery read yet.'
      : `${items.length} source${items.length === 1 ? '' : 's'}; ${noisy.length ? `${noisy.length} read partly as noise (over 1 % of lines of no known format)` : 'each read as known formats'}.`);
    fill($('#sources-rows'), items.map((r) => this.row(r)));
  }

  row(r) {
    const noisy = r.lines && r.unknownLines / r.lines > UNKNOWN_WARN;
    const samples = (r.unknownSamples ?? []).length
      ? h('details', {}, h('summary', {}, `${r.unknownSamples.length} unread line${r.unknownSamples.length === 1 ? '' : 's'}`),
        h('ul', { class: 'samples' }, r.unknownSamples.map((s) => h('li', {}, h('code', {}, s)))))
      : '—';
    return h('tr', { class: noisy ? 'noisy' : null },
      h('th', { scope: 'row' }, h('code', {}, r.source ?? '')),
      h('td', {}, r.lastDelivery ?? ''),
      h('td', { class: 'num' }, String(r.deliveries ?? 0)),
      h('td', { class: 'num' }, (r.lines ?? 0).toLocaleString('en')),
      h('td', {}, formatList(r.formats)),
      h('td', {}, noisy ? h('strong', {}, `Read as noise: ${unknownText(r)}`) : unknownText(r)),
      h('td', {}, samples));
  }
}
