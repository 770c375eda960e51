// The batch job console, after Liberty's own batch tooling: job instances, their executions, each
// execution's steps with their counts and times, training metrics as charts; start, stop, restart.
import { api, query } from './api.js';
import { act, announce, can } from './app.js';
import { badge, duration, facts, formatTime, h, json, show, table } from './dom.js';
import { lineChart } from './chart.js';

// The start forms are built from each job's schema (GET /jobs/definitions): its parameters' types,
// defaults, choices, which are required, which the server computes, and the role that may start it.
const RUNNING = new Set(['STARTING', 'STARTED', 'STOPPING']);
const POLL_MS = 2000;

function mayStart(definition) {
  return can(definition.role);
}

export async function jobsView(view, _, params) {
  const name = params.get('name') || '';
  const page = Number(params.get('page') || 0);
  const definitions = await api('/jobs/definitions');
  const starters = definitions.filter(mayStart);
  const filter = h('select#job-filter', { on: { change: e => { location.hash = '#/jobs' + query({ name: e.target.value }); } } },
    h('option', { value: '' }, 'every job'), definitions.map(d => h('option', { value: d.name, selected: d.name === name }, d.name)));
  const list = h('div#job-instances');
  show(view,
    h('h1', 'Jobs'),
    starters.length ? h('section.start', { 'aria-labelledby': 'start-heading' }, h('h2#start-heading', 'Start a job'),
      h('ul.buttons', starters.map(d => h('li', h('a.button', { href: `#/jobs/start/${d.name}` }, d.name))))) : null,
    h('section', { 'aria-labelledby': 'instances-heading' }, h('h2#instances-heading', 'Job instances'),
      h('p', h('label', { for: 'job-filter' }, 'Show '), filter), list));

  let timer = null;
  async function refresh() {
    const instances = await api('/jobs' + query({ name, page, size: 20 }));
    clearTimeout(timer);
    const rows = instances.items.map(instance => {
      const latest = instance.executions.at(-1);
      return h('tr', { dataset: { instance: instance.instanceId } },
        h('td', String(instance.instanceId)),
        h('td', instance.jobName),
        h('td', h('ul.inline', instance.executions.map(e => h('li',
          h('a', { href: `#/jobs/executions/${e.executionId}`, 'aria-label': `execution ${e.executionId}, ${e.batchStatus}` },
            `#${e.executionId} `, badge(e.batchStatus)))))),
        h('td', latest ? formatTime(latest.createTime) : ''),
        h('td', latest ? duration(latest.startTime, latest.endTime) : ''),
        can('operator') ? h('td', instance.executions.some(e => RUNNING.has(e.batchStatus)) ? '' : h('button', {
          type: 'button', dataset: { purge: instance.instanceId }, 'aria-label': `purge instance ${instance.instanceId}`,
          on: { click: () => purge(instance) } }, 'Purge')) : null);
    });
    const headers = ['Instance', 'Job', 'Executions', 'Latest created', 'Latest ran', ...(can('operator') ? [''] : [])];
    keepingFocus(() => show(list, table(`${instances.total} instances`, headers, rows),
      pager('#/jobs', { name }, page, instances.size, instances.total)));
    const running = instances.items.some(i => i.executions.some(e => RUNNING.has(e.batchStatus)));
    timer = running ? setTimeout(() => refresh().catch(e => announce(e.message, 'error')), POLL_MS) : null;
  }
  async function purge(instance) {
    if (!window.confirm(`Purge ${instance.jobName} instance ${instance.instanceId} with its ${instance.executions.length} executions,`
      + ' metrics and logs? This cannot be undone.')) return;
    if (await act(`Purge instance ${instance.instanceId}`, () => api(`/jobs/instances/${instance.instanceId}`, { method: 'DELETE' }))) {
      clearTimeout(timer);
      await refresh();
    }
  }

  await refresh();
  return () => clearTimeout(timer);
}

/** Previous and next links for a paged listing. */
export function pager(base, params, page, size, total) {
  const last = Math.max(0, Math.ceil(total / size) - 1);
  return h('nav.pager', { 'aria-label': 'Pages' },
    page > 0 ? h('a', { href: base + query({ ...params, page: page - 1 }), rel: 'prev' }, '← Newer') : null,
    h('span', ` page ${page + 1} of ${last + 1} `),
    page < last ? h('a', { href: base + query({ ...params, page: page + 1 }), rel: 'next' }, 'Older →') : null);
}

export async function startJobView(view, [job]) {
  const definitions = await api('/jobs/definitions');
  const definition = definitions.find(d => d.name === job);
  if (!definition) {
    show(view, h('p', `There is no job named ${job}.`));
    return;
  }
  const fields = definition.parameters.filter(p => !p.computed);
  const form = h('form.job-form', { 'aria-labelledby': 'start-title' },
    h('p.hint', 'Empty fields take the default shown.'),
    fields.map(p => h('div.field',
      h('label', { for: `param-${p.name}`, title: p.description }, p.name),
      field(p))),
    h('button', { type: 'submit' }, `Start ${job}`));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {};
    for (const p of fields) {
      const raw = form.elements[p.name].value.trim();
      if (raw !== '') body[p.name] = typed(p, raw);
    }
    await act(`Start ${job}`, async () => {
      const execution = await api(`/jobs/${job}`, { method: 'POST', body });
      location.hash = `#/jobs/executions/${execution.executionId}`;
    });
  });
  show(view, h('h1#start-title', `Start ${job}`), mayStart(definition) ? form : h('p', 'Your role cannot start this job.'));
}

/** A parameter's input: a list for choices and booleans (empty: the default), else a text or number field. */
function field(p) {
  const id = `param-${p.name}`;
  const options = p.type === 'choice' ? p.choices : p.type === 'boolean' ? ['true', 'false'] : null;
  if (options) {
    return h('select', { id, name: p.name }, h('option', { value: '' }, `default (${p.defaultValue})`),
      options.map(o => h('option', { value: o }, o)));
  }
  const number = p.type === 'integer' || p.type === 'number';
  return h('input', { id, name: p.name, type: number ? 'number' : 'text', step: p.type === 'integer' ? '1' : 'any',
    min: p.min ?? undefined, max: p.max ?? undefined,
    placeholder: p.type === 'list' ? 'names, separated by commas' : p.defaultValue ?? '', required: p.required });
}

/** Form text to the JSON the API expects, by the parameter's type. */
function typed(p, raw) {
  if (p.type === 'integer' || p.type === 'number') return Number(raw);
  if (p.type === 'boolean') return raw === 'true';
  if (p.type === 'list') return raw.split(',').map(name => name.trim()).filter(name => name !== '');
  return raw;
}

const METRIC_CHARTS = [
  ['Loss', ['loss']],
  ['Reward', ['rewardMean']],
  ['KL', ['kl']],
  ['Clip fraction', ['clipFraction']],
  ['Gradient norm', ['gradNorm']],
];

export async function executionView(view, [id]) {
  let timer = null;
  async function refresh() {
    clearTimeout(timer);
    const [execution, metrics] = await Promise.all([api(`/jobs/${id}`), api(`/jobs/${id}/metrics`).catch(() => []), refreshLog()]);
    keepingFocus(() => render(execution, metrics));
    timer = RUNNING.has(execution.batchStatus) ? setTimeout(() => refresh().catch(e => announce(e.message, 'error')), POLL_MS) : null;
  }

  function render(execution, metrics) {
    const running = RUNNING.has(execution.batchStatus);
    const controls = can('operator') ? h('div.actions',
      running ? h('button#stop-job', { type: 'button', on: { click: () => act('Stop', async () => {
        await api(`/jobs/${id}/stop`, { method: 'POST' });
        await refresh();
      }) } }, 'Stop') : null,
      ['STOPPED', 'FAILED'].includes(execution.batchStatus) ? h('button#restart-job', { type: 'button', on: { click: () => act('Restart',
        async () => {
          const next = await api(`/jobs/${id}/restart`, { method: 'POST' });
          location.hash = `#/jobs/executions/${next.executionId}`;
        }) } }, 'Restart') : null) : null;
    const steps = execution.steps.map(s => h('tr',
      h('th', { scope: 'row' }, s.name), h('td', badge(s.batchStatus)), h('td', s.exitStatus || ''),
      h('td', String(s.metrics.READ_COUNT ?? '')), h('td', String(s.metrics.WRITE_COUNT ?? '')),
      h('td', String(s.metrics.COMMIT_COUNT ?? '')), h('td', String(s.metrics.ROLLBACK_COUNT ?? '')),
      h('td', formatTime(s.startTime)), h('td', duration(s.startTime, s.endTime))));
    const parameters = Object.entries(execution.parameters || {}).sort().map(([k, v]) => h('tr', h('th', { scope: 'row' }, k), h('td', v)));
    const charts = METRIC_CHARTS.map(([title, keys]) => {
      const series = keys.map(k => ({ name: k, points: metrics.filter(m => metricValue(m, k) !== null).map(m => [m.step, metricValue(m, k)]) }));
      return series.some(s => s.points.length) ? lineChart(title, series) : null;
    }).filter(Boolean);
    show(view,
      h('p', h('a', { href: '#/jobs' }, '← Jobs')),
      h('h1', `${execution.jobName} execution ${execution.executionId}`),
      h('p', badge(execution.batchStatus), running ? ' live: refreshing every 2 s' : ''),
      controls,
      facts([['Instance', String(execution.instanceId)], ['Exit status', execution.exitStatus], ['Created', formatTime(execution.createTime)],
        ['Started', formatTime(execution.startTime)], ['Ended', formatTime(execution.endTime)],
        ['Ran', duration(execution.startTime, execution.endTime)],
        ['Steps trained', metrics.length ? String(metrics.length) : '']]),
      h('h2', 'Step executions'),
      table(null, ['Step', 'Status', 'Exit status', 'Read', 'Written', 'Checkpoints', 'Rollbacks', 'Started', 'Ran'], steps),
      charts.length ? h('section', { 'aria-labelledby': 'metrics-heading' }, h('h2#metrics-heading', 'Training metrics'),
        h('div.charts', charts)) : null,
      execution.jobName === 'pipeline' ? pipelineView(execution) : null,
      h('h2', 'Parameters'), table(null, ['Parameter', 'Value'], parameters),
      json(execution.result, 'Result'),
      h('h2', 'Log'), log);
  }

  // the log keeps its place (and its scroll) across refreshes; it is fetched again with them
  const log = h('pre.log#job-log', { tabindex: 0, 'aria-label': 'Job log' }, 'Loading…');
  async function refreshLog() {
    try {
      log.textContent = await api(`/jobs/${id}/log`);
    } catch (e) {
      log.textContent = e.status === 404 ? 'No log yet.' : e.message;
    }
  }

  await refresh();
  return () => clearTimeout(timer);
}

/**
 * Redraws without losing the keyboard's place: a live page is drawn again every few seconds, and
 * the element that had focus (found again by its id, or its data-purge instance) gets it back.
 */
function keepingFocus(redraw) {
  const active = document.activeElement;
  const selector = active && active.id ? `#${CSS.escape(active.id)}`
    : active && active.dataset && active.dataset.purge ? `[data-purge="${active.dataset.purge}"]` : null;
  redraw();
  if (selector) document.querySelector(selector)?.focus();
}

/** The pipeline job's stages in order, each with what it reported; a stage not reached yet says so. */
const PIPELINE_STAGES = [
  ['sessions', 'Run sessions', s => `${s.ran} run, ${s.succeeded} succeeded` + (s.meanReward !== undefined ? `, mean reward ${s.meanReward.toFixed(2)}` : '')],
  ['review', 'Review by rule', s => `${s.approvedNow} approved now (${s.rule}); ${s.approved} approved, ${s.pending} pending of ${s.sessions}`],
  ['export', 'Export', s => `${s.lines} training prompts in ${s.dataset}`],
  ['train', 'Train the teacher (GRPO)', s => `${s.steps} steps` + (s.firstRewardMean !== undefined
    ? `, reward ${s.firstRewardMean.toFixed(3)} → ${s.finalRewardMean.toFixed(3)}` : '')],
  ['measure', 'Measure on held-out tasks', s => `${s.new.tasks} tasks of ${s.heldOut}`],
  ['switch', 'Switch the profile', s => (s.switched ? `switched to ${s.to}` : `kept ${s.from}`) + ` (${s.reason})`],
];

function pipelineView(execution) {
  const stages = (execution.result && execution.result.stages) || {};
  const running = RUNNING.has(execution.batchStatus);
  const rows = PIPELINE_STAGES.map(([key, label, describe]) => h('tr', { 'data-stage': key },
    h('th', { scope: 'row' }, label),
    h('td', badge(stages[key] ? 'done' : running ? 'waiting' : 'not run')),
    h('td', stages[key] ? describe(stages[key]) : '')));
  const measured = stages.measure;
  const percent = v => v === null || v === undefined ? '—' : `${(100 * v).toFixed(1)} %`;
  const points = v => `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)} points`;
  const teacherRow = (label, row) => h('tr', h('th', { scope: 'row' }, `${label} (${row.teacher})`), h('td', percent(row.withTeacher)),
    h('td', points(row.lift)), h('td', percent(row.nonDegradation)), h('td', row.tokensPerTask.toFixed(0)));
  return h('section#pipeline', { 'aria-labelledby': 'pipeline-heading' },
    h('h2#pipeline-heading', 'Closed loop'),
    table(null, ['Stage', 'State', 'What it did'], rows),
    measured ? table(`Held-out tasks: ${measured.new.tasks}`, ['Configuration', 'Accuracy', 'Lift', 'Non-degradation', 'Tokens per task'], [
      h('tr', h('th', { scope: 'row' }, 'Student alone'), h('td', percent(measured.previous.studentAlone)), h('td', '—'), h('td', '—'),
        h('td', '')),
      teacherRow('Student + previous teacher', measured.previous),
      teacherRow('Student + new teacher', measured.new),
    ], { id: 'pipeline-table' }) : null);
}

function metricValue(step, key) {
  const value = step[key] ?? (step.grpo ? step.grpo[key] : undefined);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

