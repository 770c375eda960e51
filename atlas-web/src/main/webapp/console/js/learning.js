// Learning: per profile and learning key, the reward over time or over runs of ten sessions (a
// demo or a retrained teacher changes it in minutes), the lane mix (less supervision as the agent learns), playbook entries with their lifecycle and measured impact,
// the prompt versions GEPA produced with their scores, and drift alerts.
import { api, query } from './api.js';
import { act, can } from './app.js';
import { badge, formatNumber, formatTime, h, show, table } from './dom.js';
import { lineChart, stackedBars } from './chart.js';

const BUCKETS = { hour: 'hour', day: 'day', sessions: '10 sessions' };

export async function learningView(view, _, params) {
  const profile = params.get('profile') || '';
  const learningKey = params.get('learningKey') || '';
  const bucket = params.get('bucket') || 'day';
  const profiles = await api('/profiles');
  const names = profiles.map(p => p.name);
  const form = h('form.filters', { 'aria-label': 'Choose what to show' },
    h('div.field', h('label', { for: 'learning-profile' }, 'Profile'),
      h('select#learning-profile', { name: 'profile' }, h('option', { value: '' }, 'every profile'),
        names.map(n => h('option', { value: n, selected: n === profile }, n)))),
    h('div.field', h('label', { for: 'learning-key' }, 'Learning key'), h('input#learning-key', { name: 'learningKey', value: learningKey })),
    h('div.field', h('label', { for: 'learning-bucket' }, 'Per'),
      h('select#learning-bucket', { name: 'bucket' }, Object.entries(BUCKETS).map(([b, text]) => h('option', { value: b, selected: b === bucket }, text)))),
    h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = '#/learning' + query({ profile: form.elements.profile.value, learningKey: form.elements.learningKey.value.trim(),
      bucket: form.elements.bucket.value });
  });

  const [timeline, playbook, versions] = await Promise.all([
    api('/learning' + query({ profile, learningKey, bucket })),
    api('/playbooks' + query(learningKey ? { learningKey } : { profile })),
    profile ? api(`/profiles/${encodeURIComponent(profile)}/prompt-versions`) : Promise.resolve(null),
  ]);
  const label = p => bucket === 'sessions' ? `${p.firstSession}–${p.lastSession}`
    : bucket === 'hour' ? p.start.slice(5, 13).replace('T', ' ') + 'h' : p.start.slice(5, 10);
  // a run of sessions is placed at its last session, so the x axis counts sessions, not time
  const x = p => bucket === 'sessions' ? p.lastSession : new Date(p.start);
  show(view,
    h('h1', 'Learning'),
    form,
    h('p', `${timeline.sessions} sessions${profile ? ` of ${profile}` : ''}${learningKey ? `, learning key ${learningKey}` : ''}.`),
    h('section.charts', { 'aria-label': 'Over time' },
      lineChart('Mean reward', [{ name: 'mean reward', points: timeline.points.map(p => [x(p), p.meanReward]) },
        { name: 'sessions (÷ max)', points: normalised(timeline.points, x) }], { xLabel: bucket === 'sessions' ? 'session' : bucket }),
      stackedBars('Lane mix', timeline.points.map(p => ({ label: label(p), parts: p.lanes })))),
    h('h2', 'Drift alerts'),
    table(null, ['Session', 'Learning key', 'Reward', 'Drift score', 'When', 'Review'], timeline.drift.map(d => h('tr',
      h('td', h('a', { href: `#/sessions/${d.sessionId}` }, String(d.sessionId))), h('td', d.learningKey || ''),
      h('td.number', formatNumber(d.reward)), h('td.number', formatNumber(d.driftScore, 1)), h('td', formatTime(d.createdAt)),
      h('td', badge(d.reviewStatus))))),
    h('h2', 'Playbook'),
    table(null, ['Learning key', 'Cue', 'Cue kind', 'For', 'Action', 'Status', 'Uses', 'Adoption', 'Mean reward with it', 'From session', 'Created'],
      playbook.map(e => h('tr',
      h('td', e.learningKey), h('td', e.cue), h('td', e.cueKind), h('td', e.audience), h('td', e.action), h('td', badge(e.status)),
      h('td.number', String(e.uses)), h('td.number', formatNumber(e.adoption)),
      h('td.number', formatNumber(e.meanRewardWith)),
      h('td', e.sourceSessionId ? h('a', { href: `#/sessions/${e.sourceSessionId}` }, String(e.sourceSessionId)) : ''),
      h('td', formatTime(e.createdAt))))),
    h('h2', 'Prompt versions'),
    versions === null ? h('p', 'Choose a profile to see its prompt versions.') : promptVersions(profile, versions, () => learningView(view, _, params)));
}

/** Session counts scaled into the reward's 0..1 range, so both share one chart. */
function normalised(points, x) {
  const max = Math.max(1, ...points.map(p => p.sessions));
  return points.map(p => [x(p), p.sessions / max]);
}

/** A GEPA job's version links to its execution, where every candidate's scores are. */
function sourceOf(source) {
  const job = /^gepa job (\d+)/.exec(source || '');
  return job ? h('a', { href: `#/jobs/executions/${job[1]}` }, source) : (source || '');
}

function promptVersions(profile, versions, after) {
  return table(null, ['Version', 'Active', 'Score', 'Source', 'By', 'Created', ''], versions.map(v => h('tr',
    h('td', String(v.version)), h('td', v.active ? badge('active') : ''), h('td.number', formatNumber(v.score)),
    h('td', sourceOf(v.source)), h('td', v.createdBy || ''),
    h('td', formatTime(v.createdAt)),
    h('td', can('admin') && !v.active ? h('button', { type: 'button', on: { click: async () => {
      if (await act(`Activate version ${v.version}`, () => api(`/profiles/${encodeURIComponent(profile)}/prompt-versions/${v.version}/activate`,
        { method: 'POST' }))) await after();
    } } }, 'Activate') : ''))));
}
