// The console's figures from verdict documents (src/stats.js), without a browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activityOrder, countBySeverity, duration, hourly, median, metrics, queueOrder } from '../src/stats.js';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const at = (minutesAgo) => new Date(NOW - minutesAgo * 60_000).toISOString();

test('queueOrder_isCriticalFirst_thenNewest', () => {
  const vs = [
    { id: 'a', severity: 'high', createdAt: at(10) },
    { id: 'b', severity: 'critical', createdAt: at(50) },
    { id: 'c', severity: 'high', createdAt: at(5) },
    { id: 'd', severity: 'low', createdAt: at(1) },
  ];
  assert.deepEqual(vs.sort(queueOrder).map((v) => v.id), ['b', 'c', 'a', 'd']);
});

test('activityOrder_isLatestLastSeenFirst_fallingBackToFirstSeen', () => {
  const vs = [
    { id: 'a', severity: 'critical', createdAt: at(1), firstSeen: at(90), lastSeen: at(80) },
    { id: 'b', severity: 'low', createdAt: at(2), firstSeen: at(5) },
    { id: 'c', severity: 'high', createdAt: at(3), firstSeen: at(60), lastSeen: at(1) },
  ];
  assert.deepEqual(vs.sort(activityOrder).map((v) => v.id), ['c', 'b', 'a']);
});

test('median_ofOddAndEvenCounts_ignoresMissingAndNegative', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([NaN, -5, 7]), 7);
  assert.equal(median([]), null);
});

test('metrics_overTheLast24h_fromTheVerdictsThemselves', () => {
  const vs = [
    // approved 10 min after creation, remediated 2 min after approval; first event 60 s before the verdict
    { status: 'REMEDIATED', severity: 'high', firstSeen: at(31), createdAt: at(30), decidedAt: at(20), outcomeAt: at(18) },
    // rejected as a false positive 30 min after creation
    { status: 'REJECTED', severity: 'medium', firstSeen: at(63), createdAt: at(60), decidedAt: at(30), comment: 'false_positive' },
    // rejected for another reason
    { status: 'REJECTED', severity: 'low', firstSeen: at(100), createdAt: at(95), decidedAt: at(90), comment: 'duplicate' },
    // pending, and one decided two days ago: outside the window
    { status: 'PENDING', severity: 'critical', firstSeen: at(2), createdAt: at(1) },
    { status: 'APPROVED', severity: 'high', firstSeen: at(3000), createdAt: at(2990), decidedAt: at(2980) },
  ];
  const m = metrics(vs, NOW);
  assert.equal(m.eventToVerdictMs, 2 * 60_000); // median of 1, 3, 5 and 1 min
  assert.equal(m.verdictToDecisionMs, 10 * 60_000); // median of 10, 30 and 5 min
  assert.equal(m.approvalToOutcomeMs, 2 * 60_000);
  assert.equal(m.approvals, 1);
  assert.equal(m.rejections, 2);
  assert.equal(m.falsePositiveRate, 1 / 3);
  assert.equal(metrics([], NOW).falsePositiveRate, null);
});

test('hourly_buckets24Hours_bySeverity_andDropsOlderVerdicts', () => {
  const b = hourly([
    { severity: 'high', createdAt: at(5) },
    { severity: 'high', createdAt: at(10) },
    { severity: 'critical', createdAt: at(23 * 60 + 30) },
    { severity: 'low', createdAt: at(25 * 60) },
  ], NOW);
  assert.equal(b.length, 24);
  assert.deepEqual(b[23].counts, { critical: 0, high: 2, medium: 0, low: 0 });
  assert.equal(b.reduce((n, x) => n + x.counts.critical + x.counts.low, 0), 1);
});

test('countsAndDurations_readAsAnalystsSayThem', () => {
  assert.deepEqual(countBySeverity([{ severity: 'high' }, { severity: 'high' }, { severity: 'low' }]),
    { critical: 0, high: 2, medium: 0, low: 1 });
  assert.equal(duration(95), '95 ms');
  assert.equal(duration(4200), '4.2 s');
  assert.equal(duration(185_000), '3 min 5 s');
  assert.equal(duration(2 * 3600_000 + 10 * 60_000), '2 h 10 min');
  assert.equal(duration(null), 'no data');
});
