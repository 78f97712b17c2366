// Browser end-to-end test of the web UI, driving Debian's Chromium through playwright-core.
//
//   OPENWD_URL=http://127.0.0.1:8080 E2E_AGENT=ui-agent1 E2E_OTHER_AGENT=ui-agent2 E2E_TASK_TYPE=... E2E_DEPARTMENT=... \
//     node e2e/inbox-and-supervisor.mjs
//
// An agent logs in, goes ready, receives a task captured through the API (as the connector), accepts it with the
// keyboard shortcut and completes it; a supervisor watches the counts move (pushed, no reload) and reassigns a second
// task to another agent. Screenshots go to E2E_OUT (default target/e2e). Exit code 0 = passed; anything else = failed.
// The platform's JUnit test OpenWdWebUiE2EIT sets the run up (employees, routing profile, rule) and runs this script.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`missing environment variable ${name}`);
  return value;
};
const BASE = env('OPENWD_URL');
const AGENT = env('E2E_AGENT');
const OTHER = env('E2E_OTHER_AGENT');
const TYPE = env('E2E_TASK_TYPE');
const DEPARTMENT = env('E2E_DEPARTMENT');
const SUPERVISOR = env('E2E_SUPERVISOR', 'supervisor');
const CONNECTOR = env('E2E_CONNECTOR', 'connector');
const OUT = env('E2E_OUT', 'target/e2e');
const CHROMIUM = env('E2E_CHROMIUM', '/usr/bin/chromium');
const TIMEOUT = Number(env('E2E_TIMEOUT_MS', '20000'));
const suffix = Math.random().toString(36).slice(2, 8);
mkdirSync(OUT, { recursive: true });

const step = (text) => console.log(`[e2e] ${text}`);
const basic = (user) => 'Basic ' + Buffer.from(`${user}:${env(`E2E_PASSWORD_${user.replace(/\W/g, '_').toUpperCase()}`, user)}`).toString('base64');

async function api(user, method, path, body) {
  const response = await fetch(BASE + path, {
    method,
    headers: { Authorization: basic(user), 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} as ${user}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function capture(title) {
  const task = await api(CONNECTOR, 'POST', '/api/v1/tasks', {
    sourceSystem: 'e2e-ui',
    externalId: `UI-${suffix}-${title.replace(/\W+/g, '-')}`,
    type: TYPE,
    title,
    customerId: 'CUST-E2E',
    customerSegment: 'gold',
    dueTime: new Date(Date.now() + 4 * 3600 * 1000).toISOString(),
    attributes: { url: 'https://crm.example.org/cases/4711', amount: 1200 },
  });
  step(`captured ${task.id} (${task.state}) "${title}"`);
  return task;
}

async function login(browser, user) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (error) => console.log(`[browser:${user}] page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') console.log(`[browser:${user}] ${message.text()}`);
  });
  await page.goto(BASE + '/inbox');
  // the platform's login page (form login in local mode); a user name and a password field in any mode
  await page.waitForURL(/\/login/);
  await page.locator('input[name="username"]').fill(user);
  await page.locator('input[name="password"]').fill(env(`E2E_PASSWORD_${user.replace(/\W/g, '_').toUpperCase()}`, user));
  await page.locator('button[type="submit"], input[type="submit"]').first().click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  step(`${user} logged in, at ${page.url()}`);
  return page;
}

async function tileNumber(page, key, label) {
  const tile = page.getByTestId(`tile-${key}`);
  const value = tile.locator('.num', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
  return (await value.textContent())?.trim();
}

async function waitForTile(page, key, label, expected) {
  const started = Date.now();
  let last;
  while (Date.now() - started < TIMEOUT) {
    if ((await page.getByTestId(`tile-${key}`).count()) > 0) {
      last = await tileNumber(page, key, label);
      if (last === String(expected)) return;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`tile ${key} "${label}" is ${last ?? 'missing'}, expected ${expected}`);
}

// WCAG 2 A/AA checks with axe-core on the screen as it is; serious and critical findings fail the test
// (exclude: third-party widgets, i.e. the dmn-js table editor, which OpenWD does not render itself)
async function accessible(page, name, exclude = []) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate((excluded) =>
    window.axe.run(excluded.length ? { exclude: excluded.map((selector) => [selector]) } : document,
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }), exclude);
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of result.violations) {
    console.log(`[a11y:${name}] ${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }
  if (bad.length > 0) throw new Error(`${name}: ${bad.length} serious accessibility violation(s): ${bad.map((v) => v.id).join(', ')}`);
  step(`${name}: no serious accessibility violations (${result.passes.length} rules passed)`);
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let agent;
let supervisor;
try {
  // 1. the agent logs in and goes ready
  agent = await login(browser, AGENT);
  await agent.waitForURL(/\/inbox/);
  await agent.getByTestId('live-status').getByText('Live').waitFor();
  await agent.getByRole('button', { name: 'Ready', exact: true }).click();
  await agent.getByTestId('presence-state').getByText('Ready').waitFor();
  step('agent is ready');

  // 2. the supervisor watches the department
  supervisor = await login(browser, SUPERVISOR);
  await supervisor.goto(BASE + '/supervisor');
  await supervisor.getByRole('heading', { name: 'Supervisor view' }).waitFor();
  await supervisor.getByTestId('live-status').getByText('Live').waitFor();
  await supervisor.getByRole('radio', { name: 'Department' }).check();

  // 3. a task captured through the API is offered at once
  const first = await capture(`Water damage ${suffix}`);
  const offer = agent.getByTestId('offer').filter({ hasText: first.title });
  await offer.waitFor();
  await offer.getByText(/Accept within/).waitFor();
  step('offer shown in the inbox');
  await waitForTile(supervisor, DEPARTMENT, 'Offered', 1);
  await agent.screenshot({ path: join(OUT, 'inbox-offer.png') });
  await accessible(agent, 'inbox with offer');

  // 4. accept with the keyboard shortcut; the task opens in the detail panel
  await agent.keyboard.press('a');
  await agent.getByTestId('my-work').getByText(first.title).waitFor();
  await agent.getByTestId('detail').getByRole('heading', { name: first.title }).waitFor();
  await agent.getByTestId('detail').getByText('Accepted').waitFor();
  await agent.getByRole('link', { name: /Open in e2e-ui/ }).waitFor();
  await agent.screenshot({ path: join(OUT, 'inbox-detail.png') });
  await accessible(agent, 'inbox with task detail');
  step('accepted; detail panel with history and source link');
  await waitForTile(supervisor, DEPARTMENT, 'In progress', 1);

  // 5. complete with an outcome and a note
  await agent.getByRole('button', { name: 'Complete (C)' }).click();
  const dialog = agent.getByRole('dialog');
  await dialog.getByLabel('Outcome').fill('resolved');
  await dialog.getByLabel('Note').fill('paid by phone');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await agent.getByText('You hold no tasks').waitFor();
  const done = await api(SUPERVISOR, 'GET', `/api/v1/tasks/${first.id}`);
  if (done.task.state !== 'COMPLETED' || done.task.outcome !== 'resolved') {
    throw new Error(`task ${first.id} is ${done.task.state} / ${done.task.outcome}`);
  }
  step('completed');
  await waitForTile(supervisor, DEPARTMENT, 'In progress', 0);
  await waitForTile(supervisor, DEPARTMENT, 'Completed today', 1);
  await waitForTile(supervisor, DEPARTMENT, 'Service level today', '100%');
  await supervisor.getByTestId('people').locator(`tr[data-employee="${AGENT}"] .pill`).getByText('Ready', { exact: true }).waitFor();
  await supervisor.screenshot({ path: join(OUT, 'supervisor.png'), fullPage: true });
  await accessible(supervisor, 'supervisor view');
  step('supervisor saw the counts move');

  // 6. the supervisor reassigns the next task (offered to the agent) to a colleague
  const second = await capture(`Storm damage ${suffix}`);
  await agent.getByTestId('offer').filter({ hasText: second.title }).waitFor();
  await supervisor.goto(BASE + '/supervisor/tasks');
  await supervisor.getByLabel('Department').fill(DEPARTMENT);
  await supervisor.getByRole('button', { name: 'Filter' }).click();
  const row = supervisor.locator(`tr[data-task="${second.id}"]`);
  await row.waitFor();
  await row.getByRole('checkbox').check();
  await supervisor.getByTestId('assignee').selectOption(OTHER);
  await supervisor.getByRole('button', { name: 'Assign', exact: true }).click();
  await supervisor.getByText('1 done, 0 refused').waitFor();
  await row.getByRole('cell', { name: OTHER, exact: true }).waitFor();
  await supervisor.screenshot({ path: join(OUT, 'supervisor-tasks.png') });
  await accessible(supervisor, 'task list');
  const moved = await api(SUPERVISOR, 'GET', `/api/v1/tasks/${second.id}`);
  if (moved.task.assignedEmployee !== OTHER || moved.task.state !== 'ASSIGNED') {
    throw new Error(`task ${second.id} is ${moved.task.state} for ${moved.task.assignedEmployee}`);
  }
  // the agent's offer disappears without a reload
  await agent.getByTestId('offer').filter({ hasText: second.title }).waitFor({ state: 'detached' });
  step('reassigned; the offer left the agent\'s inbox');

  // 7. change its priority: pin it and boost it
  await row.getByRole('button', { name: 'Priority…' }).click();
  const priority = supervisor.getByRole('dialog');
  await priority.getByLabel('Pin ahead of every unpinned task').check();
  await priority.getByLabel(/^Boost/).fill('25');
  await priority.getByLabel(/^Reason/).fill('customer in hospital');
  await priority.getByRole('button', { name: 'Save priority' }).click();
  await row.getByText('pinned').waitFor();
  const pinned = await api(SUPERVISOR, 'GET', `/api/v1/tasks/${second.id}`);
  if (!pinned.task.priorityPinned || pinned.task.priorityBoost !== 25) {
    throw new Error(`priority of ${second.id}: pinned=${pinned.task.priorityPinned} boost=${pinned.task.priorityBoost}`);
  }
  step('pinned and boosted');

  // 8. CSV export of the filtered view
  const csv = await supervisor.evaluate(async (department) => {
    const response = await fetch(`/api/v1/reporting/tasks.csv?department=${encodeURIComponent(department)}`);
    return { status: response.status, type: response.headers.get('Content-Type'), body: await response.text() };
  }, DEPARTMENT);
  const lines = csv.body.trim().split(/\r\n/);
  if (csv.status !== 200 || !lines[0].startsWith('id,') || lines.length !== 3) {
    throw new Error(`CSV export: ${csv.status} ${csv.type} ${lines.length} lines`);
  }
  step('CSV export has both tasks');

  // 9. the process owner opens the routing profile of this test in the rules page
  const owner = await login(browser, env('E2E_OWNER', 'owner'));
  await owner.goto(BASE + '/owner');
  await owner.getByRole('button', { name: new RegExp(`^${TYPE}`) }).click();
  await owner.getByLabel(`Definition of ${TYPE} (JSON)`).waitFor();
  const definition = JSON.parse(await owner.getByLabel(`Definition of ${TYPE} (JSON)`).inputValue());
  if (definition.name !== TYPE) throw new Error(`owner page shows ${definition.name}`);
  // the classification table opens in the dmn-js decision-table editor
  await owner.getByTestId('dmn-editor').getByText('Classify captured tasks').first().waitFor();
  await owner.evaluate(() => window.scrollTo(0, 0));
  await owner.screenshot({ path: join(OUT, 'owner.png') });
  await owner.getByTestId('dmn-editor').scrollIntoViewIfNeeded();
  await owner.screenshot({ path: join(OUT, 'owner-dmn.png') });
  await accessible(owner, 'rules page', ['.dmn-editor']);
  // deploy the table from the editor unchanged: dmn-js's XML must be accepted by the server as a new version
  const ownerName = env('E2E_OWNER', 'owner');
  const original = (await api(ownerName, 'GET', '/api/v1/decisions/classification')).definition;
  await owner.getByLabel('Change note').last().fill('e2e round trip through the table editor');
  await owner.getByRole('button', { name: 'Deploy as a new version' }).click();
  await owner.getByText(/^Deployed version \d+\.$/).waitFor();
  step('classification table deployed from the table editor');
  // put the original text back: dmn-js writes the same table with namespace prefixes, and other tests edit the text
  const restored = await fetch(BASE + '/api/v1/decisions/classification/versions?note=e2e%20restore', {
    method: 'POST',
    headers: { Authorization: basic(ownerName), 'Content-Type': 'application/xml', Accept: 'application/json' },
    body: original,
  });
  if (restored.status !== 201) throw new Error(`restoring the classification table: ${restored.status} ${await restored.text()}`);
  step('process owner sees the routing profile');

  await agent.getByRole('button', { name: 'Offline', exact: true }).click();
  await agent.getByTestId('presence-state').getByText('Offline').waitFor();
  console.log('[e2e] PASSED');
  await browser.close();
  process.exit(0);
} catch (error) {
  console.log(`[e2e] FAILED: ${error?.stack ?? error}`);
  for (const [name, page] of [['agent', agent], ['supervisor', supervisor]]) {
    if (page) await page.screenshot({ path: join(OUT, `failure-${name}.png`), fullPage: true }).catch(() => {});
  }
  await browser.close().catch(() => {});
  process.exit(1);
}
