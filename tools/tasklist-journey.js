// A coordinator's day in Tasklist, one scene at a time, in headless Chromium (playwright-core): a user signs in, finds
// a task by its name in the queue that opens for them, fills its form as a person would (radio buttons, the rows'
// dropdowns, text fields, a list's "Add new") and completes it. Prints one JSON line per scene with what the person saw: the task names
// listed, the form's text, the messages at each field, the notifications, whether the task is gone. Exits 1 when the
// scene did not go as expected, 2 when it could not run.
//
//   node tools/tasklist-journey.js <baseUrl> <scene.json> [screenshotDir]
//   node tools/tasklist-journey.js <baseUrl> --session [screenshotDir]
//
// --session: one scene per line of standard input, one answer line each, until the input ends; one browser for all,
// and each user stays signed in (their own browser context) from one scene to the next, as a person keeps Tasklist
// open during the day. Exits 0 when every scene went as expected.
//
// scene.json: {"name": "qc-wrong-track", "user": "dave", "task": "Record Netflix QC result: X — NFX-1",
//              "see": ["text the form shows"], "steps": [{"radio": "Rejected"}, {"select": "qcItemsCategory_0", "option": "Audio sync"},
//              {"text": "qcItemsCode_0", "value": "AUD-7"}, {"button": "Add new"}, {"complete": true}],
//              "expectFieldError": {"qcItems[0].track": "is not about a SUBTITLE track"}, "expectGone": false}
// A field is named by its key (a dynamic list's row field by its id and row, qcItemsTrack_0); a message by the
// field the service named (qcItems[0].track).
const fs = require('fs');
const { chromium } = require('playwright-core');

const base = (process.argv[2] || 'http://localhost:8080').replace(/\/$/, '');
const session = process.argv[3] === '--session';
let scene = session ? null : JSON.parse(fs.readFileSync(process.argv[3], 'utf8')); // the scene being played
const shots = process.argv[4];
const password = process.env.REELFLOW_DEMO_PASSWORD || 'reelflow';
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
// a form-js field by its key: its label points at its input (a date picker's at "<key>-date")
// (a field of a dynamic list's row by its id and row: qcItemsTrack_0)
const within = (key, sel) => [`> label[for$="-${key}"]`, `label[for$="-${key}-date"]`]
  .map(l => `.fjs-form .fjs-form-field:has(${l}) ${sel}`).join(', ');

async function shot(page, label) {
  if (shots) await page.screenshot({ path: `${shots}/journey-${scene.name}-${label}.png`, fullPage: true });
}

async function fieldErrors(page) {
  return page.locator('.fjs-form-field-error').evaluateAll(els => els.filter(e => e.textContent.trim() && e.getClientRects().length > 0)
    .map(e => ({ field: e.getAttribute('data-field') || (e.closest('.fjs-form-field')?.querySelector('[id]')?.id || '').replace(/^.*-/, ''),
      text: e.textContent.trim() })));
}

async function visibleNotifications(page) {
  return page.locator('.notifications .alert, .alert-danger').evaluateAll(els => els.filter(e => e.getClientRects().length > 0)
    .map(e => e.innerText.replace(/\s+/g, ' ').replace(/^× Close /, '').trim()).filter(t => t));
}

// Signs in as a person would: when the queue does not open (the page was still starting, or a slow answer lost the
// click), they reload and sign in again; after three tries the scene stops and says what the page showed.
async function signIn(page, seen) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await page.goto(`${base}/camunda/app/tasklist/default/`, { waitUntil: 'domcontentloaded', timeout: 60000 });
      const header = page.locator('[cam-widget-header] .navbar-brand');
      const form = page.locator('input[ng-model="username"]');
      await Promise.race([header.waitFor({ timeout: 60000 }), form.waitFor({ timeout: 60000 })]);
      // a click made while the page is still starting can be lost: while the form stays, fill and send it again
      for (let send = 0; send < 4 && await form.isVisible(); send++) {
        await form.fill(scene.user);
        await page.fill('input[ng-model="password"]', password);
        await page.click('button[type="submit"]');
        await Promise.race([header.waitFor({ timeout: 8000 }), form.waitFor({ state: 'detached', timeout: 8000 })]).catch(() => {});
      }
      await header.waitFor({ timeout: 30000 });
      if (attempt > 1) seen.signInAttempts = attempt;
      return true;
    } catch (e) {
      const shown = await visibleNotifications(page).catch(() => []);
      (seen.signInTrouble = seen.signInTrouble || []).push(`attempt ${attempt}: ${String(e.message).split('\n')[0]} `
        + `at ${page.url()}; shown: ${JSON.stringify(shown)}`);
      await shot(page, `sign-in-${attempt}`).catch(() => {});
    }
  }
  seen.problems.push(`${scene.user} could not sign in to Tasklist: ${seen.signInTrouble.join(' | ')}`);
  return false;
}

// The task's form is shown; form-js fills in its pre-filled values right after it first draws it.
async function formReady(page) {
  await page.waitForSelector('.fjs-form', { timeout: 60000 });
  await page.waitForTimeout(1000);
}

// A completion was answered: the task is gone, or a message is shown at a field or as an error.
async function answered(page) {
  await page.waitForFunction(() => {
    const shown = sel => [...document.querySelectorAll(sel)].some(e => e.textContent.trim() && e.getClientRects().length > 0);
    return !document.querySelector('.fjs-form') || shown('.fjs-form-field-error') || shown('.alert-danger');
  }, null, { timeout: 30000, polling: 100 }).catch(() => {});
}

// how long each part of the scene took, in ms (seen.timings): where a slow run spent its time
let t0 = Date.now();
function lap(seen, part) {
  seen.timings = seen.timings || {};
  seen.timings[part] = Date.now() - t0 - Object.values(seen.timings).reduce((a, b) => a + b, 0);
}

async function run(page, seen) {
  lap(seen, 'launch');
  if (!(await signIn(page, seen))) return seen;
  lap(seen, 'signIn');
  // the role's own queue opens by default; the task is found there by the name a person reads
  const link = page.locator('.tasks-list .task a, .tasks-list a').filter({ hasText: scene.task }).first();
  // the queue's first page arrives whole (one request): when the task is not on it, page on at once
  await page.waitForSelector('.tasks-list .task', { timeout: 60000 }).catch(() => {});
  await link.waitFor({ timeout: 1000 }).catch(() => {});
  // a busy queue shows 15 tasks a page: page on as a person would, up to 40 pages
  for (let p = 0; p < 40 && !(await link.count()); p++) {
    const next = page.locator('.pagination li.pagination-next:not(.disabled) a').first();
    if (!(await next.count())) break;
    const first = await page.locator('.tasks-list .task').first().innerText().catch(() => '');
    await next.click();
    // the next page is shown when the list's first task changes
    await page.waitForFunction(before => {
      const t = document.querySelector('.tasks-list .task');
      return t && t.innerText !== before;
    }, first, { timeout: 5000, polling: 100 }).catch(() => {});
  }
  seen.listed = await page.locator('.tasks-list .task .names, .tasks-list h4').allInnerTexts().catch(() => []);
  if (!(await link.count())) {
    seen.problems.push(`no task "${scene.task}" in ${scene.user}'s queue`);
    await shot(page, 'queue');
    return seen;
  }
  lap(seen, 'queue');
  await link.click();
  const claim = page.locator('button:has-text("Claim"), a:has-text("Claim")').first();
  await claim.waitFor({ timeout: 15000 }).catch(() => {});
  if (await claim.count()) {
    await claim.click();
    await claim.waitFor({ state: 'detached', timeout: 15000 }).catch(() => {});
  }
  await formReady(page);
  seen.form = (await page.locator('.fjs-form').innerText()).slice(0, 4000);
  for (const text of scene.see || []) if (!seen.form.includes(text)) seen.problems.push(`the form does not show "${text}"`);
  await shot(page, 'form');
  lap(seen, 'form');
  for (const step of scene.steps || []) {
    if (step.radio) {
      await page.locator('.fjs-form label').filter({ hasText: step.radio }).first().click();
    } else if (step.select) {
      await page.locator(within(step.select, '.fjs-input-group')).first().click();
      await page.locator(within(step.select, '.fjs-dropdownlist-item')).filter({ hasText: step.option }).first().click();
    } else if (step.text) {
      const input = page.locator(within(step.text, 'input:not([type=hidden])') + ', ' + within(step.text, 'textarea')).first();
      await input.fill(step.value);
      if (step.enter) await input.press('Enter');
    } else if (step.button) { // a button of the form, e.g. a dynamic list's "Add new"
      await page.locator('.fjs-form button').filter({ hasText: step.button }).first().click();
    } else if (step.reopen) { // the task opened again, as after a refusal a person starts the form over
      await page.reload();
      await formReady(page);
    } else if (step.complete) {
      await page.locator('button:has-text("Complete")').first().click();
      await answered(page);
    } else if (step.fieldError) { // the message a refused completion left at each named field
      const errors = await fieldErrors(page);
      (seen.refusals = seen.refusals || []).push(errors);
      for (const [key, text] of Object.entries(step.fieldError)) {
        if (!errors.some(e => e.field === key && e.text.includes(text))) seen.problems.push(`no message "${text}" at ${key}: ${JSON.stringify(errors)}`);
      }
      if (!(await page.locator('button:has-text("Complete")').count())) seen.problems.push('the refused task is no longer shown');
      await shot(page, 'refused');
    }
    // form-js applies what is typed or chosen after a 300 ms debounce: the next step sees the form as a person would
    await page.waitForTimeout(350);
  }
  lap(seen, 'steps');
  seen.fieldErrors = await fieldErrors(page);
  seen.notifications = await visibleNotifications(page);
  seen.gone = !(await page.locator('.fjs-form').count()) || !(await page.locator('button:has-text("Complete")').count());
  await shot(page, 'after');
  const shown = [seen.form || '', ...seen.notifications, ...seen.fieldErrors.map(e => e.text),
    ...(seen.refusals || []).flat().map(e => e.text)].join('\n');
  if (/\b500\b|ENGINE-\d{5}|Internal Server Error|TaskListener/.test(shown)) seen.problems.push('a server error or engine wording is shown');
  for (const [key, text] of Object.entries(scene.expectFieldError || {})) {
    if (!seen.fieldErrors.some(e => e.field === key && e.text.includes(text))) seen.problems.push(`no message "${text}" at ${key}`);
  }
  if (scene.expectGone !== undefined && seen.gone !== scene.expectGone) seen.problems.push(scene.expectGone ? 'the task is still open' : 'the task was completed');
  return seen;
}

const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// A user's Tasklist: their own browser context (cookies, cache), kept for their next scene in a session.
async function userPage(browser, pages, user) {
  if (!pages.has(user)) pages.set(user, await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage());
  return pages.get(user);
}

async function play(browser, pages) {
  const seen = { scene: scene.name, user: scene.user, problems: [] };
  try {
    await run(await userPage(browser, pages, scene.user), seen);
  } catch (e) {
    seen.problems.push(`the scene stopped: ${String(e.message).split('\n')[0]}`);
  }
  seen.ok = seen.problems.length === 0;
  console.log(JSON.stringify(seen));
  return seen.ok;
}

(async () => {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
  let ok = true;
  try {
    const pages = new Map();
    if (!session) {
      ok = await play(browser, pages);
    } else {
      const lines = require('readline').createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line.trim()) continue;
        scene = JSON.parse(line);
        t0 = Date.now();
        ok = (await play(browser, pages)) && ok;
      }
    }
  } finally {
    await browser.close();
  }
  process.exit(ok ? 0 : 1);
})().catch(e => { console.error(e); process.exit(2); });
