// The suppressions view (#/suppressions): what analysts' false-positive rejections keep out of the queue,
// from GET /verdicts/suppressions — the source, signal, template and actor each covers, who rejected and
// when, until when, the events dropped since — and a button to lift each (POST /verdicts/{id}/unsuppress).
// Template, actor and source come from log lines: rendered as text only.
import { $, fill, h } from './dom.js';

export class SuppressionsView {
  constructor(api, { onError }) {
    this.api = api;
    this.onError = onError;
    $('#suppressions-refresh').addEventListener('click', () => this.show());
  }

  async show() {
    fill($('#suppressions-error'));
    fill($('#suppressions-status'), 'Loading…');
    try {
      const { items } = await this.api.suppressions(100);
      this.render(items ?? []);
    } catch (e) {
      fill($('#suppressions-status'));
      this.onError(e, $('#suppressions-error'));
    }
  }

  render(items, said = '') {
    fill($('#suppressions-status'), `${said}${items.length === 0 ? 'No suppression in force: every group is judged.'
      : `${items.length} suppression${items.length === 1 ? '' : 's'} in force: these groups are counted, not judged.`}`);
    fill($('#suppressions-rows'), items.map((s) => this.row(s)));
  }

  async lift(s, button) {
    button.disabled = true;
    fill($('#suppressions-error'));
    try {
      const { lifted } = await this.api.unsuppress(s.verdictId);
      const { items } = await this.api.suppressions(100);
      this.render(items ?? [], `Lifted ${lifted} suppression${lifted === 1 ? '' : 's'} of verdict ${s.verdictId}. `);
    } catch (e) {
      button.disabled = false;
      this.onError(e, $('#suppressions-error'));
    }
  }

  row(s) {
    const actor = [s.actorIp, s.actorUser].filter(Boolean).join(' · ') || 'any (no actor)';
    const button = h('button', { type: 'button', 'aria-label': `Lift suppression of verdict ${s.verdictId}` }, 'Lift');
    button.addEventListener('click', () => this.lift(s, button));
    return h('tr', {},
      h('th', { scope: 'row' }, h('code', {}, s.source ?? '')),
      h('td', {}, s.signal || '—'),
      h('td', {}, h('code', {}, s.template ?? '')),
      h('td', {}, actor),
      h('td', {}, h('a', { href: `#/verdicts/${encodeURIComponent(s.verdictId)}` }, s.threatType || s.verdictId)),
      h('td', {}, `${s.suppressedBy ?? ''}, ${s.recordedAt ?? ''}`),
      h('td', {}, s.suppressedUntil ?? ''),
      h('td', { class: 'num' }, String(s.suppressedEvents ?? 0)),
      h('td', {}, button));
  }
}
