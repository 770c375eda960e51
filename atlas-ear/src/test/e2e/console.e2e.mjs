// End-to-end test of the ATLAS console in a real headless Chromium against a running server:
// sign in, run a session, review it (keyboard), use the review queue, start a training job from
// its form and watch it complete with its loss chart, see the learning charts, check that a
// viewer gets no review or start controls, and that every form control has a label. Screenshots
// of the main pages go to $SCREENSHOTS. Run by ConsoleE2EIT with the server's address and the
// administrator's password; exits non-zero on the first failure.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = process.env.ATLAS_URL || 'http://localhost:9080';
const adminPassword = process.env.ATLAS_ADMIN_PASSWORD;
const screenshots = process.env.SCREENSHOTS || 'target/e2e-screenshots';
const dataset = process.env.E2E_DATASET;
const run = process.env.E2E_RUN || String(Date.now());
assert.ok(adminPassword, 'ATLAS_ADMIN_PASSWORD is not set');
assert.ok(dataset, 'E2E_DATASET is not set');
mkdirSync(screenshots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
const page = await context.newPage();
const consoleErrors = [];
page.on('pageerror', e => consoleErrors.push(String(e)));
// failed requests, except the refusals the test provokes (a wrong password: 401) and a log not yet written
page.on('response', r => {
  if (r.status() >= 400 && r.status() !== 401 && !(r.status() === 404 && r.url().endsWith('/log'))) consoleErrors.push(`${r.status()} ${r.url()}`);
});
page.setDefaultTimeout(30000);

async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    await page.screenshot({ path: `${screenshots}/failed-${name.replace(/\W+/g, '-')}.png`, fullPage: true }).catch(() => {});
    console.log(`FAIL ${name}: ${e.stack || e}`);
    await browser.close();
    process.exit(1);
  }
}

async function signIn(user, password) {
  await page.goto(`${base}/console/`);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function api(method, path, body, auth) {
  const response = await fetch(`${base}/api${path}`, {
    method,
    headers: { Authorization: 'Basic ' + Buffer.from(auth).toString('base64'), 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Every input, select and textarea on the page has an accessible name. */
async function everyControlIsLabelled(where) {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter(e => e.offsetParent !== null && e.type !== 'hidden')
    .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
    .map(e => e.outerHTML.slice(0, 80)));
  assert.deepEqual(unlabelled, [], `unlabelled controls on ${where}`);
}

await step('a wrong password is refused with a message', async () => {
  await signIn('admin', 'not-the-password');
  await page.getByText('The user name or password is wrong.').waitFor();
});

await step('the administrator signs in and sees every section', async () => {
  await signIn('admin', adminPassword);
  await page.getByRole('heading', { name: 'Sessions' }).waitFor();
  for (const link of ['Sessions', 'Review queue', 'Jobs', 'Learning']) {
    assert.ok(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).isVisible(), link);
  }
  await everyControlIsLabelled('the sessions page');
});

let sessionId;
let secondId;
await step('run a session from the console and see its trace', async () => {
  await page.getByText('Run a task').first().click();
  await page.getByRole('combobox', { name: 'Profile', exact: true }).first().selectOption('demo-local');
  await page.getByRole('textbox', { name: 'Task', exact: true }).fill(`What is 3 + 4? (${run})`);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForURL(/#\/sessions\/\d+$/);
  sessionId = Number(page.url().match(/sessions\/(\d+)$/)[1]);
  await page.getByRole('heading', { name: `Session ${sessionId}` }).waitFor();
  await page.getByRole('list', { name: 'Trace' }).waitFor();
  assert.ok(await page.getByText(/Steps \(\d+\)/).isVisible());
  await page.screenshot({ path: `${screenshots}/session-trace.png`, fullPage: true });
});

await step('review the session with the keyboard and a note', async () => {
  await page.getByLabel('Note (n)').fill('checked by the e2e test');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('a');
  await page.locator('[data-review=approved][disabled]').waitFor();
  const detail = await api('GET', `/sessions/${sessionId}`, null, `admin:${adminPassword}`);
  assert.equal(detail.reviewStatus, 'approved');
  assert.equal(detail.reviewHistory.at(-1).note, 'checked by the e2e test');
  await page.getByRole('cell', { name: 'checked by the e2e test' }).waitFor();
});

await step('give an edited answer and see its diff', async () => {
  await page.getByLabel('Kind').selectOption('edit');
  await page.getByLabel('Corrected answer (for edit)').fill('7');
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await page.locator('pre.diff .diff-added').first().waitFor();
});

await step('the review queue decides the next pending session by keyboard', async () => {
  const second = await api('POST', '/sessions?wait=true', { profile: 'demo-local', task: `What is 5 + 6? (${run})` }, `admin:${adminPassword}`);
  secondId = second.id;
  await page.goto(`${base}/console/#/review`);
  await page.getByRole('heading', { name: 'Review queue' }).waitFor();
  const queued = page.getByRole('button', { name: new RegExp(`#${second.id} `) });
  await queued.click();
  await page.getByRole('heading', { name: `Session ${second.id}` }).waitFor();
  await page.screenshot({ path: `${screenshots}/review-queue.png`, fullPage: true });
  await page.locator('body').press('q');
  await queued.waitFor({ state: 'detached' });
  const detail = await api('GET', `/sessions/${second.id}`, null, `admin:${adminPassword}`);
  assert.equal(detail.reviewStatus, 'quarantined');
});

await step('the session list filters by review status', async () => {
  await page.goto(`${base}/console/#/sessions?reviewStatus=quarantined`);
  await page.locator('#session-list').waitFor();
  const reviews = await page.locator('#session-list tbody tr td:nth-child(8)').allTextContents();
  assert.ok(reviews.length > 0 && reviews.every(r => r === 'quarantined'), reviews.join(','));
  await page.screenshot({ path: `${screenshots}/sessions.png`, fullPage: true });
});

await step('the session list searches the task text', async () => {
  await page.getByLabel('Task contains').fill(`(${run})`);
  await page.getByLabel('Review', { exact: true }).selectOption('');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/q=/);
  await page.getByText('2 sessions', { exact: true }).waitFor();
  const tasks = await page.locator('#session-list tbody td.task').allTextContents();
  assert.equal(tasks.length, 2);
  assert.ok(tasks.every(t => t.includes(run)), tasks.join(' | '));
  await page.goto(`${base}/console/#/sessions?reviewStatus=quarantined`);
  await page.locator('#session-list').waitFor();
});

await step('bulk review puts the selected sessions back to pending', async () => {
  await page.getByRole('checkbox', { name: `select session ${secondId}` }).check();
  await page.locator('#bulk-note').fill('bulk from the e2e test');
  await page.locator('[data-bulk=pending][data-scope=selected]').click();
  await page.getByRole('status').getByText('pending: 1 sessions').waitFor();
  const detail = await api('GET', `/sessions/${secondId}`, null, `admin:${adminPassword}`);
  assert.equal(detail.reviewStatus, 'pending');
  assert.equal(detail.reviewHistory.at(-1).note, 'bulk from the e2e test');
});

let executionId;
await step('start an sft job from its form and watch it complete', async () => {
  await page.goto(`${base}/console/#/jobs`);
  await page.getByRole('heading', { name: 'Start a job' }).waitFor();
  await page.getByRole('link', { name: 'sft', exact: true }).click();
  await page.getByRole('heading', { name: 'Start sft' }).waitFor();
  await everyControlIsLabelled('the sft form');
  await page.getByLabel('dataset', { exact: true }).fill(dataset);
  await page.getByLabel('base', { exact: true }).fill('demo-arithmetic');
  await page.getByLabel('output', { exact: true }).fill(`e2e-sft-${run}`);
  await page.getByLabel('batchSize', { exact: true }).fill('4');
  await page.getByLabel('learningRate', { exact: true }).fill('0.001');
  await page.getByRole('button', { name: 'Start sft' }).click();
  await page.waitForURL(/#\/jobs\/executions\/\d+$/);
  executionId = Number(page.url().match(/executions\/(\d+)$/)[1]);
  await page.getByRole('heading', { name: `sft execution ${executionId}` }).waitFor();
  // the page refreshes itself while the job runs
  await page.locator('p .badge-completed').waitFor({ timeout: 240000 });
  await page.locator('figure[data-chart="Loss"] svg path.series').waitFor();
  const rows = await page.locator('table tbody tr').first().textContent();
  assert.match(rows, /train/);
  await page.screenshot({ path: `${screenshots}/job-execution.png`, fullPage: true });
});

await step('the job console lists the instance with its execution', async () => {
  await page.goto(`${base}/console/#/jobs?name=sft`);
  await page.getByRole('link', { name: new RegExp(`execution ${executionId}, COMPLETED`) }).waitFor();
  await page.screenshot({ path: `${screenshots}/jobs.png`, fullPage: true });
});

await step('the execution shows its job log', async () => {
  await page.goto(`${base}/console/#/jobs/executions/${executionId}`);
  await page.locator('#job-log').getByText(/CWWKY0009I: Job sft started/).waitFor();
});

await step('purge the finished instance from the job console', async () => {
  const execution = await api('GET', `/jobs/${executionId}`, null, `admin:${adminPassword}`);
  await page.goto(`${base}/console/#/jobs?name=sft`);
  page.once('dialog', dialog => dialog.accept());
  await page.locator(`[data-purge="${execution.instanceId}"]`).click();
  await page.locator(`[data-purge="${execution.instanceId}"]`).waitFor({ state: 'detached' });
  const response = await fetch(`${base}/api/jobs/${executionId}`, {
    headers: { Authorization: 'Basic ' + Buffer.from(`admin:${adminPassword}`).toString('base64') } });
  assert.equal(response.status, 404);
});

await step('a pipeline job shows its stages, its table slot and why it stopped', async () => {
  const auth = `admin:${adminPassword}`;
  const profile = `e2e-loop-${run}`;
  await api('PUT', `/profiles/${profile}`, {
    agent: { type: 'local', settings: { path: 'models/teach-student', 'max-tokens': 4 } },
    teacher: { llm: { provider: 'local', model: 'teach-teacher', max_output_tokens: 64, settings: { path: 'models/teach-teacher' } },
      prompts: { validation: 'Task: {{task}}\nAnswer: {{answer}}' } },
    orchestration: { forced_mode: 'paired', max_retries: 1 },
    rim: { judges: [{ type: 'exact', weight: 1.0 }] },
  }, auth);
  const started = await api('POST', '/jobs/pipeline', { profile, tasks: process.env.E2E_PIPELINE_TASKS,
    heldOut: 'teach-heldout.jsonl', output: `e2e-loop-${run}` }, auth);
  await page.goto(`${base}/console/#/jobs/executions/${started.executionId}`);
  await page.getByRole('heading', { name: 'Closed loop' }).waitFor();
  // the job log can say why the job stopped before the page's next refresh shows the ended
  // execution: wait for the stages drawn from the ended execution ("not run" only once it ended)
  await page.locator('#pipeline tr[data-stage="train"]', { hasText: 'not run' }).waitFor({ timeout: 120000 });
  await page.getByText(/has no approved sessions to learn from/).first().waitFor();
  assert.match(await page.locator('#pipeline tr[data-stage="sessions"]').innerText(), /done[\s\S]*1 run/);
  assert.match(await page.locator('#pipeline tr[data-stage="review"]').innerText(), /done[\s\S]*0 approved now/);
  assert.match(await page.locator('#pipeline tr[data-stage="train"]').innerText(), /not run/);
  assert.equal(await page.locator('#pipeline-table').count(), 0);
  await page.screenshot({ path: `${screenshots}/pipeline.png`, fullPage: true });
});

await step('the learning view draws reward and lane mix', async () => {
  await page.goto(`${base}/console/#/learning?profile=demo-local&bucket=hour`);
  await page.getByRole('heading', { name: 'Learning' }).waitFor();
  await page.locator('figure[data-chart="Lane mix"] svg rect').first().waitFor();
  await page.locator('figure[data-chart="Mean reward"] svg').waitFor();
  await everyControlIsLabelled('the learning page');
  await page.screenshot({ path: `${screenshots}/learning.png`, fullPage: true });
});

await step('the learning view lists the lessons the profile\'s sessions taught', async () => {
  // a scored session under a learning key of this run's own, so its lesson is new to the key
  const session = await api('POST', '/sessions?wait=true', { profile: 'demo-local', task: 'What is letter 7 of w, e, d, v, t, u, o, i?',
    metadata: { reference: 'o', learning_key: `e2e-lessons-${run}` } }, `admin:${adminPassword}`);
  // bucket=day: a URL the page is not on, so the view is drawn again with the new entry
  await page.goto(`${base}/console/#/learning?profile=demo-local&bucket=day`);
  await page.getByRole('heading', { name: 'Playbook' }).waitFor();
  const row = page.locator('tr', { hasText: `e2e-lessons-${run}` }).filter({ hasText: 'keyword' });
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /keyword/);
  assert.match(text, /student/);
  assert.match(text, /letter 7/);
  assert.match(text, new RegExp(`\\b${session.id}\\b`));
});

await step('the learning view counts runs of ten sessions', async () => {
  await page.getByLabel('Per', { exact: true }).selectOption('sessions');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/bucket=sessions/);
  // each bar is labelled with its first and last session
  await page.locator('figure[data-chart="Lane mix"]').getByText(/^\d+–\d+$/).first().waitFor();
  await page.screenshot({ path: `${screenshots}/learning-sessions.png`, fullPage: true });
});

await step('a viewer sees no review, run or start controls', async () => {
  const viewer = `e2e-viewer-${run}`;
  await api('POST', '/users', { username: viewer, password: 'viewer-password-1', role: 'viewer' }, `admin:${adminPassword}`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(viewer, 'viewer-password-1');
  await page.getByRole('heading', { name: 'Sessions' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Review queue' }).isVisible(), false);
  assert.equal(await page.getByText('Run a task').count(), 0);
  assert.equal(await page.locator('.bulk').count(), 0);
  await page.goto(`${base}/console/#/sessions/${sessionId}`);
  await page.getByRole('heading', { name: `Session ${sessionId}` }).waitFor();
  assert.equal(await page.locator('[data-review]').count(), 0);
  await page.keyboard.press('q');
  const detail = await api('GET', `/sessions/${sessionId}`, null, `admin:${adminPassword}`);
  assert.equal(detail.reviewStatus, 'approved', 'a viewer\'s key press must not review');
  await page.goto(`${base}/console/#/jobs`);
  await page.getByRole('heading', { name: 'Job instances' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Start a job' }).count(), 0);
});

await step('no script errors or failed requests on any page', async () => {
  assert.deepEqual(consoleErrors, []);
});

await browser.close();
console.log('console e2e: all passed');
