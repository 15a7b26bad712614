// One verdict: every field of the document (docs/contract.md, "The verdict document") and the
// decision. Everything from the document is set as text: threat type, reasoning, evidence, source,
// comments are attacker-influenced (log lines, or a model that read them).
import { $, fill, h } from './dom.js';
import { span } from './stats.js';

const MITRE = /^T(\d{4})(?:\.(\d{3}))?$/;
const DECIDABLE = new Set(['PENDING', 'DISPATCH_FAILED']);
/** Fields shown in their own place; any other non-empty field is listed under "Other fields". */
const SHOWN = new Set(['id', 'status', 'severity', 'threatType', 'action', 'target', 'targetType', 'reasoning',
  'mitre', 'engine', 'model', 'evidence', 'eventCount', 'firstSeen', 'lastSeen', 'source', 'sources', 'createdAt',
  'decidedBy', 'decidedAt', 'comment', 'kestraExecutionId', 'guard', 'crossCheck', 'groupKey', 'dispatchError',
  'outcomeDetail', 'outcomeAt', 'expiresAt', 'suppressedEvents', 'deliveries', 'previousVerdictId',
  'threatTypes', 'threatTypesSeen', 'timeline', 'deliveryTimeline', 'history', 'actorReason', 'targetReason',
  'previousDecision', 'recurrence', 'detections', 'rememberedFrom']);

/** attack.mitre.org's page of a technique id (T1110 or T1110.001), or null for anything else. */
export function mitreUrl(id) {
  const m = MITRE.exec(String(id));
  return m ? `https://attack.mitre.org/techniques/T${m[1]}/${m[2] ? `${m[2]}/` : ''}` : null;
}

export class VerdictView {
  constructor(api, { onError, confirm }) {
    this.api = api;
    this.onError = onError;
    this.confirm = confirm;
    this.verdict = null;
    this.decideArea = $('#decide-area'); // moved into each rendered verdict; kept here while detached
    $('#approve-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.approve();
    });
    $('#reject-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.reject();
    });
  }

  async show(id) {
    this.verdict = null;
    fill($('#verdict-title'), 'Verdict');
    $('#verdict-view').append(this.decideArea); // out of the old body before it is replaced
    fill($('#verdict-body'), h('p', { role: 'status' }, 'Loading…'));
    fill($('#decide-status'));
    fill($('#decide-error'));
    $('#decide').hidden = true;
    $('#approve-comment').value = '';
    try {
      this.render(await this.api.get(id));
    } catch (e) {
      fill($('#verdict-body'));
      this.onError(e, $('#verdict-error'));
    }
    $('#verdict-title').focus();
  }

  render(v) {
    this.verdict = v;
    fill($('#verdict-error'));
    fill($('#verdict-title'), v.threatType ?? 'Verdict');
    $('#verdict-view').append(this.decideArea); // out of the old body before it is replaced
    fill($('#verdict-body'), body(v));
    // the decision sits at the top of the side column, beside the facts it is about
    $('#verdict-body .side').prepend(this.decideArea);
    const open = DECIDABLE.has(v.status);
    $('#decide').hidden = !open;
    $('#reject-form').hidden = v.status !== 'PENDING';
    fill($('#decide-hint'), v.status === 'DISPATCH_FAILED'
      ? 'Approved before, but Kestra could not be reached: approve again to retry the dispatch.'
      : open ? 'Approve to run the remediation through Kestra, or reject with a reason.' : '');
  }

  async approve() {
    const v = this.verdict;
    if (!v) return;
    const what = v.target ? `${v.action} on ${v.targetType ?? 'target'} ${v.target}` : `${v.action} (${v.threatType}, ${v.source})`;
    const ok = await this.confirm(`Approve ${what}? This starts the Kestra flow for ${v.action} with target ${v.target ?? 'none'} (verdict ${v.id}).`);
    if (!ok) {
      fill($('#decide-status'), 'Approval cancelled: nothing was sent.');
      return;
    }
    await this.decide('approve', () => this.api.approve(v.id, $('#approve-comment').value.trim()));
  }

  async reject() {
    const v = this.verdict;
    if (!v) return;
    const reason = $('#reject-reason').value;
    await this.decide('reject', () => this.api.reject(v.id, reason));
  }

  /** Runs one decision call with both buttons disabled; shows the new status or the API's error. */
  async decide(kind, call) {
    const buttons = [$('#approve'), $('#reject')];
    buttons.forEach((b) => {
      b.disabled = true;
    });
    fill($('#decide-error'));
    fill($('#decide-status'), kind === 'approve' ? 'Approving…' : 'Rejecting…');
    try {
      const v = await call();
      this.render(v);
      fill($('#decide-status'), `Verdict is now ${v.status}`,
        v.kestraExecutionId ? `; Kestra execution ${v.kestraExecutionId}` : '', '.');
    } catch (e) {
      fill($('#decide-status'));
      this.onError(e, $('#decide-error'), decisionMessage(e));
      if (e.status === 409 || e.status === 502) this.reload();
    } finally {
      buttons.forEach((b) => {
        b.disabled = false;
      });
    }
  }

  async reload() {
    if (!this.verdict) return;
    try {
      this.render(await this.api.get(this.verdict.id));
    } catch {
      // the error already shown is the one that matters
    }
  }
}

/** What an analyst should read for a failed decision, by the API's status and error code. */
export function decisionMessage(e) {
  const said = e.message ? ` The API said: ${e.message}` : '';
  if (e.status === 409 && e.code === 'target_not_blockable') {
    return `Not approved: this target cannot be blocked (409 target_not_blockable).${said}`;
  }
  if (e.status === 409 && e.code === 'dispatch_unsettled') {
    return 'Not approved yet: the last approval could not reach Kestra and may still start its flow '
      + `(409 dispatch_unsettled). Nothing was sent again; approve again at the time the API gives.${said}`;
  }
  if (e.status === 409) {
    return `Not decided: someone already decided this verdict (409). It is shown as it is now.${said}`;
  }
  if (e.status === 403) return `Not allowed: your account may not decide verdicts (403).${said}`;
  if (e.status === 502 && e.code === 'kestra_unavailable') {
    return 'Kestra is unavailable (502 kestra_unavailable): the verdict is DISPATCH_FAILED and nothing was '
      + `remediated. Approve again when Kestra is back.${said}`;
  }
  if (e.status === 502) return `Kestra refused the execution (502 ${e.code}).${said}`;
  return null;
}

function body(v) {
  const facts = (pairs) => h('dl', { class: 'facts' },
    pairs.filter(([, val]) => val !== null && val !== undefined && val !== '')
      .map(([k, val]) => [h('dt', {}, k), h('dd', {}, val)]));
  const actorLines = actorEvidence(v);
  const main = h('div', {},
    h('p', {}, 'Status ', h('strong', { class: 'status', id: 'verdict-status' }, v.status), ' · severity ',
      h('strong', { class: `badge sev-${v.severity}` }, v.severity)),
    facts([
      ['Action', v.action],
      ['Target', v.target ? h('code', {}, v.target) : 'none (monitor)'],
      ['Target type', v.targetType],
      ['Why the target is the actor', whyActor(v, actorLines)],
      ['Reasoning', v.reasoning],
      ['MITRE ATT&CK', mitreLinks(v.mitre)],
    ]),
    detections(v.detections),
    h('h2', {}, `Evidence (${(v.evidence ?? []).length} line${(v.evidence ?? []).length === 1 ? '' : 's'})`),
    h('ol', { class: 'evidence', 'aria-label': 'Evidence lines' },
      (v.evidence ?? []).map((line, i) => h('li', { class: actorLines.includes(i) ? 'actor' : null }, line))));
  const side = h('div', { class: 'side' },
    h('h2', {}, 'Events'),
    facts([
      ['Events', String(v.eventCount ?? '')],
      ['Deliveries', v.deliveries != null ? String(v.deliveries) : null],
      ['Time span', span(v)],
      ['Sources', list(v.sources ?? [v.source])],
      ['Threat types seen', (v.threatTypesSeen ?? v.threatTypes ?? []).length > 1 ? list(v.threatTypesSeen ?? v.threatTypes) : null],
      ['Suppressed events', v.suppressedEvents ? `${v.suppressedEvents} (dropped while a false-positive suppression held)` : null],
      ['Previous verdict', v.previousVerdictId ? previous(v) : null],
    ]),
    h('h2', {}, 'Triage'),
    facts([
      ['Engine', v.engine],
      ['Model', v.model],
      ['Guard', v.guard],
      ['Cross-check', v.crossCheck],
      ['Remembered from', v.rememberedFrom ? remembered(v) : null],
      ['Verdict id', h('code', { id: 'verdict-id' }, v.id)],
      ['Created', v.createdAt],
    ]),
    h('h2', {}, 'Decision and remediation'),
    history(v),
    timeline(v.timeline ?? v.deliveryTimeline ?? v.history),
    others(v));
  return h('div', { class: 'verdict-grid' }, main, side);
}

/** Evidence line indexes naming the target (the guard admits a target only as an evidence line's actor). */
function actorEvidence(v) {
  if (!v.target) return [];
  return (v.evidence ?? []).flatMap((line, i) => (String(line).includes(v.target) ? [i] : []));
}

function whyActor(v, lines) {
  const stated = v.actorReason ?? v.targetReason;
  if (stated) return stated;
  if (!v.target) return null;
  if (lines.length === 0) return 'The guard checked it against the full group of events; no evidence line shown names it.';
  const n = ranges(lines.map((i) => i + 1));
  return `It is the ${v.targetType === 'user' ? 'user acting' : 'client, source or remote address'} in evidence line${lines.length > 1 ? 's' : ''} ${n} (highlighted); the guard accepts a target only as the actor of an evidence line, never an address or name merely mentioned in a message.`;
}

/** The decided verdict this one follows (invariant 6): its link, what was decided, and a recurrence note. */
function previous(v) {
  const d = v.previousDecision;
  const decided = d ? ` (${[d.status, d.decidedBy && `by ${d.decidedBy}`, d.decidedAt, d.comment && `"${d.comment}"`]
    .filter(Boolean).join(', ')})` : '';
  return [h('a', { href: `#/verdicts/${encodeURIComponent(v.previousVerdictId)}` }, h('code', {}, v.previousVerdictId)),
    decided, v.recurrence ? h('strong', {}, ` · ${v.recurrence}`) : null];
}

/** The verdict whose model judgement this one repeats (docs/contract.md, rememberedFrom): no model call was made. */
function remembered(v) {
  return [h('a', { href: `#/verdicts/${encodeURIComponent(v.rememberedFrom)}` }, h('code', {}, v.rememberedFrom)),
    ' (the model\'s judgement of the same pattern, not asked again)'];
}

/** 1, 2, 3, 5 -> "1-3, 5" */
function ranges(ns) {
  const out = [];
  for (let i = 0; i < ns.length; i++) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j] + 1) j++;
    out.push(j > i + 1 ? `${ns[i]}–${ns[j]}` : j === i + 1 ? `${ns[i]}, ${ns[j]}` : `${ns[i]}`);
    i = j;
  }
  return out.join(', ');
}

/**
 * The Sigma rules behind the verdict: title, level, pack, description, references. Rule text comes
 * from rule files (the built-in pack, or an operator's folder): text only; a reference is a link only
 * when it is an http(s) URL.
 */
function detections(rules) {
  if (!rules?.length) return null;
  return [h('h2', { id: 'detections-heading' }, `Detection rules (${rules.length})`),
    h('ul', { class: 'detections', 'aria-labelledby': 'detections-heading' }, rules.map((r) => h('li', {},
      h('p', {}, h('strong', {}, String(r.title ?? r.id)), ' · ', h('span', { class: `badge level-${r.level}` }, String(r.level)),
        ' · ', h('span', { class: 'pack' }, String(r.pack ?? ''))),
      r.description ? h('p', { class: 'rule-description' }, String(r.description)) : null,
      r.references?.length ? h('ul', { class: 'plain', 'aria-label': 'References' },
        r.references.map((ref) => h('li', {}, httpUrl(ref)
          ? h('a', { href: String(ref), target: '_blank', rel: 'noopener noreferrer' }, String(ref)) : String(ref)))) : null)))];
}

/** Whether a rule's reference is a plain http(s) URL (anything else is shown as text, never as a link). */
export function httpUrl(ref) {
  try {
    const u = new URL(String(ref));
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function mitreLinks(ids) {
  if (!ids?.length) return null;
  return h('ul', { class: 'legend' }, ids.map((id) => {
    const url = mitreUrl(id);
    return h('li', {}, url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, id) : String(id));
  }));
}

function list(values) {
  const xs = (Array.isArray(values) ? values : values ? [values] : []).filter((x) => x !== null && x !== undefined);
  if (xs.length === 0) return null;
  return xs.length === 1 ? h('span', { class: 'mono' }, String(xs[0]))
    : h('ul', { class: 'plain' }, xs.map((x) => h('li', { class: 'mono' }, String(x))));
}

function history(v) {
  const rows = [['Created (pending)', v.createdAt, 'soc-triage', `${v.engine ?? ''} ${v.model ?? ''}`.trim()]];
  if (v.decidedAt || v.decidedBy) {
    const what = v.status === 'REJECTED' ? 'Rejected' : 'Approved';
    rows.push([what, v.decidedAt, v.decidedBy, v.comment]);
  }
  if (v.kestraExecutionId) rows.push(['Kestra execution created', v.decidedAt, 'approve', h('code', { id: 'kestra-execution' }, v.kestraExecutionId)]);
  if (v.dispatchError) rows.push(['Dispatch failed', v.decidedAt, 'approve', v.dispatchError]);
  if (v.outcomeAt || v.outcomeDetail) rows.push([`Outcome: ${v.status}`, v.outcomeAt, 'Kestra flow', v.outcomeDetail]);
  return h('table', { class: 'history' },
    h('caption', {}, 'Decision history'),
    h('thead', {}, h('tr', {}, ['Step', 'When', 'Who', 'Detail'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c ?? ''))))));
}

/** Column names of the per-delivery timeline's known fields; others show under their own name. */
const TIMELINE_COLUMNS = { at: 'Written', events: 'Events', firstSeen: 'First event', lastSeen: 'Last event' };

/** A per-delivery timeline when the document has one: an array of objects, shown as a table of text. */
function timeline(entries) {
  if (!Array.isArray(entries) || entries.length === 0) return null;
  const keys = [...new Set(entries.flatMap((e) => (e && typeof e === 'object' ? Object.keys(e) : ['value'])))];
  return h('table', { class: 'history' },
    h('caption', {}, `Deliveries (${entries.length})`),
    h('thead', {}, h('tr', {}, keys.map((k) => h('th', { scope: 'col' }, TIMELINE_COLUMNS[k] ?? k)))),
    h('tbody', {}, entries.map((e) => h('tr', {}, keys.map((k) => h('td', {}, text(e && typeof e === 'object' ? e[k] : e)))))));
}

function others(v) {
  const rest = Object.entries(v).filter(([k, val]) => !SHOWN.has(k) && val !== null && val !== undefined && val !== '');
  if (rest.length === 0) return null;
  return [h('h2', {}, 'Other fields'), h('dl', { class: 'facts' }, rest.map(([k, val]) => [h('dt', {}, k), h('dd', { class: 'mono' }, text(val))]))];
}

const text = (x) => (x === null || x === undefined ? '' : typeof x === 'object' ? JSON.stringify(x) : String(x));
