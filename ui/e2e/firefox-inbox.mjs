// Firefox end-to-end check of the agent inbox, driving Debian's Firefox ESR through puppeteer-core over WebDriver BiDi
// (Playwright needs its own patched Firefox build, which cannot be downloaded here).
//
//   OPENWD_URL=http://127.0.0.1:8080 E2E_AGENT=ui-agent2 E2E_TASK_TYPE=... node e2e/firefox-inbox.mjs
//
// The agent logs in through the platform's login page, goes ready, gets a task captured through the API pushed as an
// offer, accepts it and completes it with an outcome. Exit code 0 = passed.
import puppeteer from 'puppeteer-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`missing environment variable ${name}`);
  return value;
};
const BASE = env('OPENWD_URL');
const AGENT = env('E2E_AGENT');
const TYPE = env('E2E_TASK_TYPE');
const CONNECTOR = env('E2E_CONNECTOR', 'connector');
const OUT = env('E2E_OUT', 'target/e2e');
const FIREFOX = env('E2E_FIREFOX', '/usr/bin/firefox-esr');
const TIMEOUT = Number(env('E2E_TIMEOUT_MS', '30000'));
const suffix = Math.random().toString(36).slice(2, 8);
mkdirSync(OUT, { recursive: true });
const step = (text) => console.log(`[e2e-firefox] ${text}`);

async function api(user, method, path, body) {
  const response = await fetch(BASE + path, {
    method,
    headers: { Authorization: 'Basic ' + Buffer.from(`${user}:${user}`).toString('base64'), 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} as ${user}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath: FIREFOX,
  headless: true,
  defaultViewport: null,
  args: ['--width=1366', '--height=768'],
  userDataDir: mkdtempSync(join(tmpdir(), 'openwd-firefox-')),
  extraPrefsFirefox: {
    // a closed network: no update checks, telemetry or safe-browsing lists
    'app.update.enabled': false, 'browser.safebrowsing.malware.enabled': false, 'browser.safebrowsing.phishing.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false, 'toolkit.telemetry.enabled': false, 'network.captive-portal-service.enabled': false,
  },
});
const byTestId = (id) => `[data-testid="${id}"]`;
async function waitForText(page, selector, text) {
  await page.waitForFunction((s, t) => [...document.querySelectorAll(s)].some((e) => e.textContent.includes(t)),
    { timeout: TIMEOUT }, selector, text);
}
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (error) => console.log(`[firefox] page error: ${error.message}`));
  await page.goto(BASE + '/inbox');
  await page.waitForSelector('input[name="username"]');
  await page.type('input[name="username"]', AGENT);
  await page.type('input[name="password"]', AGENT);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"], input[type="submit"]')]);
  await waitForText(page, byTestId('live-status'), 'Live');
  step(`${AGENT} logged in, live channel connected`);

  await page.locator('::-p-aria(Ready[role="button"])').click();
  await waitForText(page, byTestId('presence-state'), 'Ready');
  step('ready');

  const title = `Firefox claim ${suffix}`;
  const task = await api(CONNECTOR, 'POST', '/api/v1/tasks', {
    sourceSystem: 'e2e-firefox', externalId: `FF-${suffix}`, type: TYPE, title,
    dueTime: new Date(Date.now() + 3600 * 1000).toISOString(),
  });
  await waitForText(page, byTestId('offer'), title);
  await waitForText(page, byTestId('offer'), 'Accept within');
  step('offer pushed to the inbox');
  await page.screenshot({ path: join(OUT, 'firefox-inbox-offer.png') });

  await page.keyboard.press('a');
  await waitForText(page, byTestId('my-work'), title);
  step('accepted with the keyboard shortcut');
  await page.locator('::-p-aria(Complete \\(C\\)[role="button"])').click();
  await page.waitForSelector('dialog[open]');
  await page.locator('dialog[open] ::-p-aria(Outcome)').fill('resolved');
  await page.locator('dialog[open] ::-p-aria(Done[role="button"])').click();
  await page.waitForFunction((s, t) => ![...document.querySelectorAll(s)].some((e) => e.textContent.includes(t)),
    { timeout: TIMEOUT }, byTestId('my-work'), title);
  const done = await api('supervisor', 'GET', `/api/v1/tasks/${task.id}`);
  if (done.task.state !== 'COMPLETED' || done.task.outcome !== 'resolved') {
    throw new Error(`task ${task.id} is ${done.task.state} / ${done.task.outcome}`);
  }
  await api(AGENT, 'PUT', '/api/v1/me/presence', { state: 'OFFLINE' });
  await page.screenshot({ path: join(OUT, 'firefox-inbox-done.png') });
  step('PASSED');
} catch (error) {
  console.log(`[e2e-firefox] FAILED: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
