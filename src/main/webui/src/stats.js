// Pure figures from verdict documents: queue order, counts, the 24-hour chart's buckets, the triage
// metrics. No DOM here.
export const SEVERITIES = ['critical', 'high', 'medium', 'low'];
export const STATUSES = ['PENDING', 'DISPATCH_FAILED', 'APPROVED', 'REJECTED', 'REMEDIATED', 'REMEDIATION_FAILED'];
export const DAY_MS = 24 * 3600 * 1000;
const RANK = { critical: 0, high: 1, medium: 2, low: 3 };

const t = (iso) => (iso ? Date.parse(iso) : NaN);

/** The API's order: critical first, then newest first (kept when pages are appended). */
export function queueOrder(a, b) {
  return (RANK[a.severity] ?? 9) - (RANK[b.severity] ?? 9) || (t(b.createdAt) || 0) - (t(a.createdAt) || 0);
}

/** The latest activity of a verdict: lastSeen when the document has it, else firstSeen or createdAt. */
export function lastActivity(v) {
  return v.lastSeen || v.firstSeen || v.createdAt;
}

/** GET /verdicts?order=lastSeen: latest activity first (kept when the API predates that order). */
export function activityOrder(a, b) {
  return (t(lastActivity(b)) || 0) - (t(lastActivity(a)) || 0) || queueOrder(a, b);
}

export function countBySeverity(verdicts) {
  const c = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  for (const v of verdicts) if (v.severity in c) c[v.severity] += 1;
  return c;
}

/** 24 hourly buckets ending at `now`: [{start, counts: {critical, high, medium, low}}], oldest first. */
export function hourly(verdicts, now) {
  const end = Math.ceil(now / 3600000) * 3600000;
  const buckets = Array.from({ length: 24 }, (_, i) => ({
    start: end - (24 - i) * 3600000,
    counts: Object.fromEntries(SEVERITIES.map((s) => [s, 0])),
  }));
  for (const v of verdicts) {
    const at = t(v.createdAt);
    if (!(at > end - DAY_MS && at <= end)) continue;
    const i = Math.min(23, Math.floor((at - (end - DAY_MS)) / 3600000));
    if (v.severity in buckets[i].counts) buckets[i].counts[v.severity] += 1;
  }
  return buckets;
}

export function median(values) {
  const xs = values.filter((x) => Number.isFinite(x) && x >= 0).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
}

/**
 * The triage metrics over the last 24 h, from the verdicts themselves (docs/contract.md's fields):
 * first event → verdict (createdAt − firstSeen, verdicts created in the window), verdict → decision
 * (decidedAt − createdAt, decisions in the window), approval → outcome (outcomeAt − decidedAt,
 * outcomes in the window); approvals and rejections decided in the window; the share of rejections
 * whose reason is false_positive among all decisions.
 */
export function metrics(verdicts, now) {
  const since = now - DAY_MS;
  const inWindow = (iso) => t(iso) > since && t(iso) <= now;
  const created = verdicts.filter((v) => inWindow(v.createdAt));
  const decided = verdicts.filter((v) => v.decidedAt && inWindow(v.decidedAt) && v.status !== 'PENDING');
  const rejected = decided.filter((v) => v.status === 'REJECTED');
  const approved = decided.filter((v) => v.status !== 'REJECTED');
  const falsePositives = rejected.filter((v) => (v.comment ?? '').trim() === 'false_positive');
  const outcomes = verdicts.filter((v) => v.outcomeAt && inWindow(v.outcomeAt));
  return {
    eventToVerdictMs: median(created.map((v) => t(v.createdAt) - t(v.firstSeen))),
    verdictToDecisionMs: median(decided.map((v) => t(v.decidedAt) - t(v.createdAt))),
    approvalToOutcomeMs: median(outcomes.map((v) => t(v.outcomeAt) - t(v.decidedAt))),
    approvals: approved.length,
    rejections: rejected.length,
    falsePositiveRate: decided.length ? falsePositives.length / decided.length : null,
  };
}

/** 95 ms, 4.2 s, 3 min 5 s, 2 h 10 min; "no data" for null. */
export function duration(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return 'no data';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s - m * 60)} s`;
  const hr = Math.floor(m / 60);
  if (hr < 48) return `${hr} h ${m - hr * 60} min`;
  return `${Math.floor(hr / 24)} d ${hr % 24} h`;
}

/** The time span of a verdict's events, as text. */
export function span(v) {
  const a = t(v.firstSeen);
  const b = t(v.lastSeen);
  if (!Number.isFinite(a)) return 'unknown';
  if (!Number.isFinite(b) || b <= a) return `${v.firstSeen}`;
  return `${v.firstSeen} to ${v.lastSeen} (${duration(b - a)})`;
}
