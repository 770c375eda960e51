// The console's shell: sign-in, the caller's roles, the navigation and a hash router that hands
// each route to its view. Views get the container, the route's parameters and the caller.
import { api, ApiError, forget, remember, signedIn } from './api.js';
import { show } from './dom.js';
import { jobsView, executionView, startJobView } from './jobs.js';
import { sessionsView, sessionView, reviewView } from './sessions.js';
import { learningView } from './learning.js';

const routes = [
  [/^sessions$/, sessionsView],
  [/^sessions\/(\d+)$/, sessionView],
  [/^review$/, reviewView],
  [/^jobs$/, jobsView],
  [/^jobs\/executions\/(\d+)$/, executionView],
  [/^jobs\/start\/([a-z-]+)$/, startJobView],
  [/^learning$/, learningView],
];

const state = { caller: null, cleanup: null };

/** What the caller may do: a viewer sees no review, start or stop buttons. */
export function can(role) {
  return !!state.caller && state.caller.roles.includes(role);
}

/** A message in the live region (screen readers announce it). */
export function announce(text, kind = 'info') {
  const status = document.getElementById('status');
  status.className = `status status-${kind}`;
  status.textContent = text;
}

async function signIn(event) {
  event.preventDefault();
  const form = event.target;
  const error = document.getElementById('sign-in-error');
  remember(form.user.value, form.password.value);
  try {
    state.caller = await api('/me');
    form.password.value = '';
    error.textContent = '';
    start();
  } catch (e) {
    forget();
    error.textContent = e instanceof ApiError && e.status === 401 ? 'The user name or password is wrong.' : e.message;
  }
}

function signOut() {
  if (state.cleanup) {
    state.cleanup();
    state.cleanup = null;
  }
  forget();
  state.caller = null;
  location.hash = '';
  showSignIn();
}

function showSignIn() {
  document.getElementById('nav').hidden = true;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('who').textContent = '';
  show(document.getElementById('view'));
  const form = document.getElementById('sign-in');
  form.hidden = false;
  form.user.focus();
}

function start() {
  document.getElementById('sign-in').hidden = true;
  const nav = document.getElementById('nav');
  nav.hidden = false;
  for (const link of nav.querySelectorAll('[data-role]')) link.hidden = !can(link.dataset.role);
  document.getElementById('sign-out').hidden = false;
  document.getElementById('who').textContent = `${state.caller.name} (${state.caller.roles.join(', ')})`;
  if (!location.hash) location.hash = '#/sessions';
  else route();
}

async function route() {
  if (!state.caller) return;
  if (state.cleanup) {
    state.cleanup();
    state.cleanup = null;
  }
  const [path, search] = location.hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(search || '');
  const view = document.getElementById('view');
  for (const link of document.querySelectorAll('#nav a')) {
    link.toggleAttribute('aria-current', path.startsWith(link.dataset.route));
  }
  for (const [pattern, render] of routes) {
    const match = path.match(pattern);
    if (match) {
      announce('');
      show(view);
      try {
        state.cleanup = (await render(view, match.slice(1), params)) || null;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          signOut();
          return;
        }
        announce(e.message, 'error');
      }
      return;
    }
  }
  show(view, 'No such page.');
}

/** Draws the current page again (after a change it shows). */
export function refreshView() {
  return route();
}

/** Runs an action, announcing its outcome; returns whether it succeeded. */
export async function act(label, action) {
  try {
    await action();
    announce(`${label}: done`);
    return true;
  } catch (e) {
    announce(`${label}: ${e.message}`, 'error');
    return false;
  }
}

window.addEventListener('hashchange', route);
document.getElementById('sign-in').addEventListener('submit', signIn);
document.getElementById('sign-out').addEventListener('click', signOut);

if (signedIn()) {
  api('/me').then(caller => { state.caller = caller; start(); }).catch(() => { forget(); showSignIn(); });
} else {
  showSignIn();
}
