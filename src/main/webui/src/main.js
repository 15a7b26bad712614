// The analyst console's entry point: reads config.json beside the page, signs in, routes between the
// queue (#/), one verdict (#/verdicts/{id}), how the log sources were read (#/sources) and the
// false-positive suppressions in force (#/suppressions).
import { Api } from './api.js';
import { createAuth } from './auth.js';
import { $, fill, h } from './dom.js';
import { QueueView } from './queue.js';
import { SourcesView } from './sources.js';
import { SuppressionsView } from './suppressions.js';
import { VerdictView } from './verdict.js';

const VIEWS = ['#signin-view', '#queue-view', '#verdict-view', '#sources-view', '#suppressions-view'];
let auth;
let queue;
let verdict;
let sources;
let suppressions;

function showView(sel) {
  $('#boot').hidden = true;
  for (const v of VIEWS) $(v).hidden = v !== sel;
  if (sel !== '#queue-view') queue?.stop();
}

/** The approval confirmation: a modal dialog naming the action and target; resolves true on Confirm. */
function confirmDialog(message) {
  const d = $('#confirm');
  fill($('#confirm-text'), message);
  return new Promise((resolve) => {
    d.addEventListener('close', () => resolve(d.returnValue === 'confirm'), { once: true });
    d.returnValue = '';
    d.showModal();
  });
}

/** Shows an API or page error in `where` as plain text; 401 leads to the signed-out state. */
function showError(e, where, specific) {
  if (e.status === 401) {
    signedOut('The API did not accept your sign-in (401). Sign in again.');
    return;
  }
  let msg = specific;
  if (!msg && e.status === 403) {
    const who = auth.user();
    msg = `Not allowed (403): ${who ? `${who.name} is in ${who.groups.length ? who.groups.join(', ') : 'no group'}, ` : ''}`
      + `which may not use the queue. The API said: ${e.message}`;
  }
  if (!msg) msg = e.status ? `Error ${e.status}${e.code ? ` ${e.code}` : ''}: ${e.message}` : String(e.message ?? e);
  fill(where, msg);
}

function signedOut(why) {
  fill($('#signin-state'), why || 'You are signed out.');
  $('#who').hidden = true;
  showView('#signin-view');
}

function signedIn(user) {
  $('#who').hidden = false;
  fill($('#who-name'), `Signed in as ${user.name}`, user.groups.length ? ` (${user.groups.join(', ')})` : ' (no groups)');
  route();
}

function route() {
  if (!auth?.user()) {
    signedOut();
    return;
  }
  const m = /^#\/verdicts\/([^/]+)$/.exec(location.hash);
  if (location.hash === '#/sources') {
    showView('#sources-view');
    sources.show();
  } else if (location.hash === '#/suppressions') {
    showView('#suppressions-view');
    suppressions.show();
  } else if (m) {
    showView('#verdict-view');
    verdict.show(decodeURIComponent(m[1]));
  } else {
    showView('#queue-view');
    queue.show();
  }
}

function localSignInForm(identities) {
  const fs = $('#local-signin fieldset');
  fs.querySelectorAll('label').forEach((l) => l.remove());
  identities.forEach((i, n) => fs.append(h('label', {},
    h('input', { type: 'radio', name: 'persona', value: i.id, checked: n === 0 }), ` ${i.label}`)));
  $('#local-signin').hidden = false;
  $('#local-signin').addEventListener('submit', async (e) => {
    e.preventDefault();
    const id = new FormData(e.target).get('persona');
    signedIn(await auth.signIn(id));
  });
}

async function boot() {
  let config;
  try {
    const res = await fetch('config.json', { cache: 'no-store' });
    if (!res.ok) throw new Error(`config.json answered ${res.status}`);
    config = await res.json();
  } catch (e) {
    fill($('#boot'), `The console cannot start: ${e.message}`);
    return;
  }
  auth = await createAuth(config, signedOut);
  const api = new Api(() => auth.headers(), () => signedOut('Your sign-in is no longer accepted. Sign in again.'));
  queue = new QueueView(api, { pollSeconds: config.pollSeconds ?? 15, onError: showError });
  verdict = new VerdictView(api, { onError: showError, confirm: confirmDialog });
  sources = new SourcesView(api, { onError: showError });
  suppressions = new SuppressionsView(api, { onError: showError });
  $('#sign-out').addEventListener('click', async () => {
    await auth.signOut();
    signedOut('You signed out.');
  });
  if (auth.mode === 'local') {
    localSignInForm(auth.identities);
  } else {
    $('#oidc-signin').hidden = false;
    $('#oidc-signin').addEventListener('click', () => auth.signIn());
  }
  // only #/... is a route; another fragment (the skip link's #main) leaves the view as it is
  window.addEventListener('hashchange', () => {
    if (!location.hash || location.hash.startsWith('#/')) route();
  });
  try {
    const user = await auth.restore();
    if (user) {
      signedIn(user);
      return;
    }
  } catch (e) {
    signedOut(`Sign-in failed: ${e.message}`);
    return;
  }
  signedOut();
}

boot();
