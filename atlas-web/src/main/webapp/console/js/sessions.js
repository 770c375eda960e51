// Sessions: the searchable list, one session's whole trace as a tree, the review queue with
// keyboard shortcuts, bulk review over a filter, and feedback with a diff of edited answers.
import { api, query } from './api.js';
import { act, announce, can, refreshView } from './app.js';
import { badge, facts, formatNumber, formatTime, h, json, show, table } from './dom.js';
import { diffView } from './diff.js';
import { pager } from './jobs.js';

const FILTERS = ['q', 'status', 'reviewStatus', 'lane', 'profile', 'learningKey', 'minReward', 'maxReward', 'from', 'to'];
const CHOICES = {
  status: ['running', 'succeeded', 'failed', 'needs_review', 'escalated'],
  reviewStatus: ['pending', 'approved', 'quarantined'],
  lane: ['auto', 'paired', 'coach', 'escalate'],
};
const LABELS = { q: 'Task contains', status: 'Status', reviewStatus: 'Review', lane: 'Lane', profile: 'Profile', learningKey: 'Learning key',
  minReward: 'Reward from', maxReward: 'Reward to', from: 'Created from', to: 'Created before' };
const DECISIONS = [['approved', 'Approve', 'a'], ['quarantined', 'Quarantine', 'q'], ['pending', 'Back to pending', 'p']];

function filterForm(params, base) {
  const form = h('form.filters', { role: 'search', 'aria-label': 'Filter sessions' },
    FILTERS.map(name => {
      const id = `filter-${name}`;
      const value = params.get(name) || '';
      const control = CHOICES[name]
        ? h('select', { id, name }, h('option', { value: '' }, 'any'), CHOICES[name].map(c => h('option', { value: c, selected: c === value }, c)))
        : h('input', { id, name, value, type: name === 'from' || name === 'to' ? 'text' : 'search',
          placeholder: name === 'from' || name === 'to' ? '2026-11-01T00:00:00Z' : '', inputmode: name.includes('Reward') ? 'decimal' : null });
      return h('div.field', h('label', { for: id }, LABELS[name]), control);
    }),
    h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const next = {};
    for (const name of FILTERS) next[name] = form.elements[name].value.trim();
    location.hash = base + query(next);
  });
  return form;
}

function filtersOf(params) {
  return Object.fromEntries(FILTERS.map(name => [name, params.get(name) || '']).filter(([, v]) => v));
}

function sessionRow(s, selectable) {
  return h('tr', { dataset: { session: s.id } },
    selectable ? h('td', h('input', { type: 'checkbox', name: 'selected', value: s.id, 'aria-label': `select session ${s.id}` })) : null,
    h('td', h('a', { href: `#/sessions/${s.id}` }, String(s.id))),
    h('td.task', s.task.length > 90 ? s.task.slice(0, 90) + '…' : s.task),
    h('td', s.profile || ''), h('td', s.learningKey || ''), h('td', s.executionMode || ''),
    h('td', badge(s.status)), h('td', badge(s.reviewStatus)), h('td.number', formatNumber(s.sessionReward)),
    h('td', formatTime(s.createdAt)));
}

export async function sessionsView(view, _, params) {
  const page = Number(params.get('page') || 0);
  const filters = filtersOf(params);
  const found = await api('/sessions' + query({ ...filters, page, size: 25 }));
  const reviewer = can('reviewer');
  const headers = [...(reviewer ? ['Select'] : []), 'Session', 'Task', 'Profile', 'Learning key', 'Lane', 'Status', 'Review', 'Reward', 'Created'];
  const listing = table(`${found.total} sessions`, headers, found.items.map(s => sessionRow(s, reviewer)), { id: 'session-list' });
  show(view,
    h('h1', 'Sessions'),
    can('operator') ? await runForm() : null,
    filterForm(params, '#/sessions'),
    reviewer ? bulkActions(filters, found.total, listing) : null,
    listing,
    pager('#/sessions', filters, page, found.size, found.total));
}

/** An operator runs a task with a profile and lands on the finished session's trace. */
async function runForm() {
  const profiles = await api('/profiles');
  const form = h('form.run', { 'aria-labelledby': 'run-heading' },
    h('h2#run-heading', 'Run a task'),
    h('div.filters',
      h('div.field', h('label', { for: 'run-profile' }, 'Profile'),
        h('select#run-profile', { name: 'profile', required: true }, profiles.map(p => h('option', { value: p.name }, p.name)))),
      h('div.field', h('label', { for: 'run-lane' }, 'Lane'),
        h('select#run-lane', { name: 'lane' }, h('option', { value: '' }, 'as the profile decides'), CHOICES.lane.map(l => h('option', { value: l }, l)))),
      h('div.field.wide', h('label', { for: 'run-task' }, 'Task'), h('textarea#run-task', { name: 'task', rows: 2, cols: 60, required: true })),
      h('button', { type: 'submit' }, 'Run')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    announce('Running…');
    await act('Run', async () => {
      const body = { profile: form.elements.profile.value, task: form.elements.task.value, lane: form.elements.lane.value || undefined };
      const session = await api('/sessions?wait=true', { method: 'POST', body });
      location.hash = `#/sessions/${session.id}`;
    });
  });
  return h('details.run-box', h('summary', 'Run a task'), form);
}

/** Review decisions over the selected rows, or over every session the filter matches. */
function bulkActions(filters, total, listing) {
  const note = h('input#bulk-note', { name: 'note', placeholder: 'note for each decision' });
  const selectedIds = () => [...listing.querySelectorAll('input[name=selected]:checked')].map(c => Number(c.value));
  return h('section.bulk', { 'aria-label': 'Bulk review' },
    h('label', { for: 'bulk-note' }, 'Note '), note,
    DECISIONS.map(([status, label]) => h('span.bulk-group',
      h('button', { type: 'button', dataset: { bulk: status, scope: 'selected' }, on: { click: () => decideMany(selectedIds(), status, note.value) } },
        `${label} selected`),
      h('button', { type: 'button', dataset: { bulk: status, scope: 'filter' }, on: { click: async () => {
        if (!window.confirm(`${label}: all ${total} sessions that match the filter?`)) return;
        decideMany(await matchingIds(filters), status, note.value);
      } } }, `${label} all ${total}`))));
}

async function matchingIds(filters) {
  const ids = [];
  for (let page = 0; ; page++) {
    const found = await api('/sessions' + query({ ...filters, page, size: 200 }));
    ids.push(...found.items.map(s => s.id));
    if (ids.length >= found.total || found.items.length === 0) return ids;
  }
}

async function decideMany(ids, status, note) {
  if (ids.length === 0) {
    announce('Select sessions first.', 'error');
    return;
  }
  let done = 0;
  const failed = [];
  for (const id of ids) {
    try {
      await api(`/sessions/${id}/review`, { method: 'POST', body: { status, note: note || undefined } });
      done++;
      announce(`${status}: ${done} of ${ids.length}`);
    } catch (e) {
      failed.push(`${id} (${e.message})`);
    }
  }
  await refreshView();
  announce(failed.length ? `${status}: ${done} done, failed: ${failed.join(', ')}` : `${status}: ${done} sessions`, failed.length ? 'error' : 'info');
}

export async function sessionView(view, [id]) {
  const session = await api(`/sessions/${id}`);
  show(view, h('p', h('a', { href: '#/sessions' }, '← Sessions')), sessionDetail(session, () => sessionView(view, [id])));
  return keyboard(session, () => sessionView(view, [id]));
}

/** The one set of shortcuts listening: a re-rendered page replaces its predecessor's. */
let activeShortcuts = null;

/** Review shortcuts: a approve, q quarantine, p back to pending, n the note (not while typing). */
function keyboard(session, after, extra = {}) {
  if (activeShortcuts) document.removeEventListener('keydown', activeShortcuts);
  activeShortcuts = null;
  if (!can('reviewer')) return null;
  const handler = event => {
    if (event.target.closest('input, textarea, select') || event.ctrlKey || event.metaKey || event.altKey) return;
    const decision = DECISIONS.find(([, , key]) => key === event.key);
    if (decision) {
      event.preventDefault();
      review(session.id, decision[0], document.getElementById('review-note')?.value, after);
    } else if (event.key === 'n') {
      event.preventDefault();
      document.getElementById('review-note')?.focus();
    } else if (extra[event.key]) {
      event.preventDefault();
      extra[event.key]();
    }
  };
  document.addEventListener('keydown', handler);
  activeShortcuts = handler;
  return () => {
    document.removeEventListener('keydown', handler);
    if (activeShortcuts === handler) activeShortcuts = null;
  };
}

async function review(id, status, note, after) {
  if (await act(`Session ${id} ${status}`, () => api(`/sessions/${id}/review`, { method: 'POST', body: { status, note: note || undefined } }))) {
    await after();
  }
}

function sessionDetail(session, after) {
  const reviewer = can('reviewer');
  return h('article.session', { 'aria-labelledby': 'session-title' },
    h('h1#session-title', `Session ${session.id}`),
    h('p.task', session.task),
    h('p', badge(session.status), ' ', badge(session.reviewStatus), session.driftScore != null ? h('span.badge.badge-drift', `drift ${formatNumber(session.driftScore, 1)}`) : null),
    facts([['Profile', session.profile], ['Learning key', session.learningKey], ['Lane', session.executionMode],
      ['Reward', formatNumber(session.sessionReward)], ['Tokens', session.tokenUsage ? `${session.tokenUsage.promptTokens} in, ${session.tokenUsage.completionTokens} out` : ''],
      ['Cost', session.costUsd != null ? `$${formatNumber(session.costUsd, 4)}` : ''], ['Created', formatTime(session.createdAt)],
      ['Completed', formatTime(session.completedAt)]]),
    reviewer ? reviewControls(session, after) : null,
    h('h2', 'Answer'), h('pre.answer', session.finalAnswer || '(none)'),
    h('h2', 'Trace'), traceTree(session),
    h('h2', 'Review history'),
    table(null, ['When', 'From', 'To', 'Who', 'Note'], session.reviewHistory.map(d => h('tr', h('td', formatTime(d.decidedAt)),
      h('td', d.from), h('td', d.to), h('td', d.actor), h('td', d.note || '')))),
    h('h2', 'Feedback'), feedbackList(session),
    reviewer ? feedbackForm(session, after) : null);
}

function reviewControls(session, after) {
  const note = h('textarea#review-note', { rows: 2, name: 'note' });
  return h('section.review', { 'aria-labelledby': 'review-heading' },
    h('h2#review-heading', 'Review'),
    h('label', { for: 'review-note' }, 'Note (n)'), note,
    h('div.actions', DECISIONS.map(([status, label, key]) => h('button', {
      type: 'button', dataset: { review: status }, 'aria-keyshortcuts': key, disabled: session.reviewStatus === status,
      on: { click: () => review(session.id, status, note.value, after) },
    }, `${label} (${key})`))));
}

/** Plan → steps → attempts (guidance, answer, the teacher's verdict), tool calls, judges, events. */
function traceTree(session) {
  const steps = session.steps.map(step => h('li', h('details', { open: session.steps.length <= 3 },
    h('summary', `Step ${step.index}: ${step.description || ''} `, badge(step.status), step.reward != null ? ` reward ${formatNumber(step.reward)}` : ''),
    step.output ? h('pre', step.output) : null,
    json(step.toolCalls, 'Tool calls'),
    step.attempts.length ? h('ol.attempts', step.attempts.map(a => h('li', h('details',
      h('summary', `Attempt ${a.attempt} `, a.valid == null ? '' : badge(a.valid ? 'valid' : 'invalid')),
      a.guidance ? h('div', h('h4', 'Teacher guidance'), h('pre', a.guidance)) : null,
      h('div', h('h4', 'Answer'), h('pre', a.output || '')),
      a.feedback ? h('div', h('h4', 'Teacher validation'), h('pre', a.feedback)) : null)))) : null)));
  return h('div.trace',
    h('ul.tree', { 'aria-label': 'Trace' },
      h('li', h('details', { open: true }, h('summary', 'Plan'), session.plan ? planView(session.plan) : h('p', 'No plan (single pass).'))),
      h('li', h('details', { open: true }, h('summary', `Steps (${session.steps.length})`), h('ol.steps', steps))),
      h('li', h('details', { open: true }, h('summary', 'Judges'), judgesView(session.rewardStats))),
      h('li', h('details', h('summary', `Events (${session.events.length})`),
        table(null, ['#', 'Type', 'When', 'Payload'], session.events.map(e => h('tr', h('td', String(e.seq)), h('td', e.type),
          h('td', formatTime(e.createdAt)), h('td', json(e.payload, 'payload')))))))));
}

function planView(plan) {
  const steps = Array.isArray(plan.steps) ? plan.steps : null;
  return steps ? h('ol', steps.map(s => h('li', typeof s === 'string' ? s : (s.description || JSON.stringify(s))))) : json(plan, 'Plan');
}

function judgesView(stats) {
  if (!stats) return h('p', 'Not scored.');
  const judges = Array.isArray(stats.judges) ? stats.judges : [];
  return h('div',
    facts([['Score', formatNumber(stats.score)], ['Uncertainty', formatNumber(stats.uncertainty)], ['Rationale', stats.rationale]]),
    judges.length ? table('Each judge', ['Judge', 'Score', 'Uncertainty', 'Rationale'], judges.map(j => h('tr',
      h('th', { scope: 'row' }, j.name || j.judge || ''), h('td.number', formatNumber(j.score)), h('td.number', formatNumber(j.uncertainty)),
      h('td', j.rationale || '')))) : null,
    json(stats, 'All reward details'));
}

function feedbackList(session) {
  if (session.feedback.length === 0) return h('p', 'No feedback yet.');
  return h('ul.feedback', session.feedback.map(f => h('li',
    h('p', h('strong', f.kind), f.rating != null ? ` ${f.rating}` : '', ` by ${f.actor} at ${formatTime(f.givenAt)}`, f.comment ? ` — ${f.comment}` : ''),
    f.editedAnswer ? diffView(session.finalAnswer, f.editedAnswer) : null)));
}

function feedbackForm(session, after) {
  const form = h('form.feedback-form', { 'aria-labelledby': 'feedback-heading' },
    h('h3#feedback-heading', 'Give feedback'),
    h('div.field', h('label', { for: 'feedback-kind' }, 'Kind'),
      h('select#feedback-kind', { name: 'kind' }, ['thumbs', 'rating', 'approve', 'reject', 'edit'].map(k => h('option', { value: k }, k)))),
    h('div.field', h('label', { for: 'feedback-value' }, 'Value (up/down, or a rating 1–5)'), h('input#feedback-value', { name: 'value' })),
    h('div.field', h('label', { for: 'feedback-comment' }, 'Comment'), h('input#feedback-comment', { name: 'comment' })),
    h('div.field', h('label', { for: 'feedback-edit' }, 'Corrected answer (for edit)'),
      h('textarea#feedback-edit', { name: 'edited', rows: 4 }, session.finalAnswer || '')),
    h('button', { type: 'submit' }, 'Send feedback'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const kind = form.elements.kind.value;
    const body = { kind, value: form.elements.value.value || undefined, comment: form.elements.comment.value || undefined,
      edited_answer: kind === 'edit' ? form.elements.edited.value : undefined };
    if (await act('Feedback', () => api(`/sessions/${session.id}/feedback`, { method: 'POST', body }))) await after();
  });
  return form;
}

/** Pending sessions one after another: j/k move, a/q/p decide, the next one comes up. */
export async function reviewView(view, _, params) {
  const filters = { ...filtersOf(params), reviewStatus: params.get('reviewStatus') || 'pending' };
  const found = await api('/sessions' + query({ ...filters, size: 50 }));
  let index = Math.min(Number(params.get('at') || 0), Math.max(0, found.items.length - 1));
  const list = h('ol.queue', { 'aria-label': 'Sessions to review' });
  const detail = h('div.queue-detail');
  let cleanup = null;

  async function select(i) {
    index = i;
    for (const [j, item] of [...list.children].entries()) item.toggleAttribute('aria-current', j === i);
    if (cleanup) cleanup();
    const current = found.items[i];
    if (!current) {
      show(detail, h('p', 'Nothing left to review.'));
      return;
    }
    const session = await api(`/sessions/${current.id}`);
    show(detail, sessionDetail(session, next));
    cleanup = keyboard(session, next, { j: () => select(Math.min(index + 1, found.items.length - 1)), k: () => select(Math.max(index - 1, 0)) });
  }

  async function next() {
    // the decided session leaves the queue; the one after it takes its place
    found.items.splice(index, 1);
    list.children[index]?.remove();
    await select(Math.min(index, found.items.length - 1));
  }

  show(list, found.items.map((s, i) => h('li', h('button.link', { type: 'button', on: { click: () => select(i) } },
    `#${s.id} ${s.task.slice(0, 60)}`))));
  show(view,
    h('h1', 'Review queue'),
    h('p.hint', `${found.total} sessions to review. Keys: j/k next/previous, a approve, q quarantine, p back to pending, n note.`),
    h('div.queue-layout', list, detail));
  await select(index);
  return () => cleanup && cleanup();
}
