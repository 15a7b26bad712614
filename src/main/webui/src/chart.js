// The queue's small chart: verdicts created per hour over the last 24 h, stacked by severity, as
// inline SVG with a text alternative (its title and a summary sentence).
import { h } from './dom.js';
import { SEVERITIES } from './stats.js';

export const COLOURS = { critical: '#8e0b0b', high: '#d4351c', medium: '#e8a33d', low: '#5b9a5b' };

export function chart(buckets) {
  const W = 480;
  const H = 120;
  const pad = 18;
  const bw = (W - pad) / buckets.length;
  const totals = buckets.map((b) => SEVERITIES.reduce((n, s) => n + b.counts[s], 0));
  const max = Math.max(1, ...totals);
  const sum = totals.reduce((a, b) => a + b, 0);
  const bySev = SEVERITIES.map((s) => `${buckets.reduce((n, b) => n + b.counts[s], 0)} ${s}`).join(', ');
  const summary = `${sum} verdicts in the last 24 hours: ${bySev}; at most ${Math.max(0, ...totals)} in one hour.`;
  const bars = [];
  buckets.forEach((b, i) => {
    let y = H - pad;
    for (const s of [...SEVERITIES].reverse()) {
      const n = b.counts[s];
      if (!n) continue;
      const hgt = ((H - pad - 4) * n) / max;
      y -= hgt;
      bars.push(h('svg:rect', { x: (pad + i * bw + 1).toFixed(1), y: y.toFixed(1), width: (bw - 2).toFixed(1),
        height: hgt.toFixed(1), fill: COLOURS[s] }));
    }
  });
  const svg = h('svg:svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'chart-svg-title' },
    h('svg:title', { id: 'chart-svg-title' }, summary),
    h('svg:line', { x1: pad, y1: H - pad, x2: W, y2: H - pad, stroke: '#6e7781' }),
    h('svg:text', { x: 0, y: 10, 'font-size': 10, fill: '#505a66' }, String(max)),
    h('svg:text', { x: pad, y: H - 4, 'font-size': 10, fill: '#505a66' }, '24 h ago'),
    h('svg:text', { x: W - 24, y: H - 4, 'font-size': 10, fill: '#505a66' }, 'now'),
    bars);
  const legend = h('ul', { class: 'legend' },
    SEVERITIES.map((s) => h('li', {}, h('span', { class: 'swatch', 'aria-hidden': 'true', 'data-sev': s }), s)));
  for (const sw of legend.querySelectorAll('.swatch')) sw.style.background = COLOURS[sw.dataset.sev];
  return [svg, legend];
}
