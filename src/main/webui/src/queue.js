// The queue view: the table "Pending verdicts" (or the chosen status), filters, paging with the API's
// nextToken, polling with new rows highlighted, counts per severity, the 24-hour chart, the metrics.
import { $, fill, h } from './dom.js';
import { chart } from './chart.js';
import { activityOrder, countBySeverity, duration, hourly, lastActivity, metrics, queueOrder, SEVERITIES, STATUSES } from './stats.js';

const PAGE = 50;

export class QueueView {
  constructor(api, { pollSeconds = 15, onError }) {
    this.api = api;
    this.pollMs = Math.max(3, pollSeconds) * 1000;
    this.onError = onError;
    this.items = [];
    this.nextToken = null;
    this.seen = null; // ids shown before the last refresh; null until the first load
    this.timer = null;
    this.loading = 0;
    $('#filters').addEventListener('change', () => this.load({ reset: true }));
    $('#filters').addEventListener('submit', (e) => e.preventDefault());
    $('#refresh').addEventListener('click', () => this.refresh());
    $('#more').addEventListener('click', () => this.more());
  }

  filters() {
    const f = new FormData($('#filters'));
    return { status: f.get('status') || 'PENDING', severity: f.get('severity') || '', order: f.get('order') || 'severity' };
  }

  /** Shows the view and starts polling. */
  async show() {
    if (this.seen === null) {
      await this.load({ reset: true });
    } else {
      await this.refresh();
    }
    this.stop();
    this.timer = setInterval(() => {
      if (document.visibilityState === 'visible') this.refresh();
    }, this.pollMs);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
  }

  /** The first page for the current filters; rows not shown before are highlighted as new. */
  async load({ reset }) {
    const ticket = ++this.loading;
    const { status, severity, order } = this.filters();
    fill($('#queue-error'));
    try {
      const page = await this.api.list({ status, severity, order, limit: PAGE });
      if (ticket !== this.loading) return; // a newer load superseded this one
      performance.mark('queue-api-answered');
      const before = reset ? null : this.seen;
      this.items = [...page.items].sort(order === 'lastSeen' ? activityOrder : queueOrder);
      this.nextToken = page.nextToken ?? null;
      const fresh = before ? this.items.filter((v) => !before.has(v.id)).map((v) => v.id) : [];
      this.seen = new Set(this.items.map((v) => v.id));
      this.render(new Set(fresh));
      void $('#queue').offsetHeight; // style and layout done: what `make bench` times (bench/console-bench.mjs)
      performance.mark('queue-rendered');
      performance.measure('queue-render', 'queue-api-answered', 'queue-rendered');
      fill($('#refreshed'), `updated ${new Date().toLocaleTimeString()}`);
      fill($('#queue-status'), fresh.length ? `${fresh.length} new verdict${fresh.length > 1 ? 's' : ''} highlighted` : '');
    } catch (e) {
      this.onError(e, $('#queue-error'));
    }
    this.loadSummary();
  }

  refresh() {
    return this.load({ reset: false });
  }

  async more() {
    if (!this.nextToken) return;
    const { status, severity, order } = this.filters();
    const button = $('#more');
    button.disabled = true;
    try {
      const page = await this.api.list({ status, severity, order, limit: PAGE, nextToken: this.nextToken });
      const have = new Set(this.items.map((v) => v.id));
      this.items = [...this.items, ...page.items.filter((v) => !have.has(v.id))];
      this.nextToken = page.nextToken ?? null;
      page.items.forEach((v) => this.seen.add(v.id));
      this.render(new Set());
      fill($('#queue-status'), `${page.items.length} more loaded, ${this.items.length} shown`);
    } catch (e) {
      this.onError(e, $('#queue-error'));
    } finally {
      button.disabled = false;
    }
  }

  render(fresh) {
    const { status } = this.filters();
    fill($('#queue-caption'), status === 'PENDING' ? 'Pending verdicts' : `${status} verdicts`);
    const rows = this.items.map((v) => row(v, fresh.has(v.id)));
    if (rows.length === 0) {
      rows.push(h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'No verdicts match these filters.')));
    }
    $('#queue-rows').replaceChildren(...rows);
    $('#more').hidden = !this.nextToken;
  }

  /**
   * Counts, chart and metrics from every status's recent verdicts (one page of 100 each, newest and
   * most severe first: enough for a day of a small team's queue; the figures say when capped).
   */
  async loadSummary() {
    let all;
    try {
      const pages = await Promise.all(STATUSES.map((s) => this.api.list({ status: s, limit: 100 })));
      all = pages.flatMap((p) => p.items);
      this.capped = pages.some((p) => p.nextToken);
    } catch {
      return; // the queue already shows the error
    }
    const now = Date.now();
    const open = all.filter((v) => v.status === 'PENDING' || v.status === 'DISPATCH_FAILED');
    const c = countBySeverity(open);
    fill($('#counts'), SEVERITIES.map((s) => h('li', {}, h('strong', { class: `sev-${s}` }, String(c[s])), ` ${s}`)));
    fill($('#chart'), chart(hourly(all, now)));
    const m = metrics(all, now);
    const fp = m.falsePositiveRate === null ? 'no decisions' : `${Math.round(m.falsePositiveRate * 100)} %`;
    fill($('#metrics'),
      h('dt', {}, 'First event to verdict (median)'), h('dd', {}, duration(m.eventToVerdictMs)),
      h('dt', {}, 'Verdict to decision (median)'), h('dd', {}, duration(m.verdictToDecisionMs)),
      h('dt', {}, 'Approval to outcome (median)'), h('dd', {}, duration(m.approvalToOutcomeMs)),
      h('dt', {}, 'Approvals / rejections'), h('dd', {}, `${m.approvals} / ${m.rejections}`),
      h('dt', {}, 'False-positive rate'), h('dd', {}, fp),
      this.capped ? [h('dt', {}, 'Note'), h('dd', {}, 'from the latest 100 verdicts of each status')] : null);
  }
}

function row(v, isNew) {
  const when = lastActivity(v);
  return h('tr', { class: isNew ? 'new' : null, 'data-id': v.id },
    h('td', {}, h('span', { class: `badge sev-${v.severity}` }, v.severity)),
    h('th', { scope: 'row' }, h('a', { href: `#/verdicts/${encodeURIComponent(v.id)}` }, v.threatType),
      isNew ? h('span', { class: 'badge' }, ' · new') : null),
    h('td', {}, v.action, v.target ? [' ', h('code', {}, v.target)] : null),
    h('td', {}, String(v.eventCount ?? ''), v.deliveries > 1 ? h('span', { class: 'muted' }, ` (${v.deliveries} deliveries)`) : null),
    h('td', {}, when ? h('time', { datetime: when }, ago(when)) : ''),
    h('td', { class: 'status' }, v.status),
    h('td', { class: 'mono' }, v.source ?? ''));
}

function ago(iso) {
  const ms = Date.now() - Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  if (ms < 0) return iso;
  return `${duration(ms).replace(/ \d+ (s|min)$/, '')} ago`;
}
