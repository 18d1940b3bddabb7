// Tasklist, Cockpit and Admin as each role sees them, in headless Chromium (playwright-core):
// no Camunda 7 CE end-of-life banner, "Reelflow" in the page title and the header (login page included),
// no 404 on a page load, in Cockpit the Reelflow dashboard plugin with its data, and only admins offered the actions
// other roles cannot take (Tasklist's "Create task" and "Start process", Cockpit's retries and variable edits). Prints one JSON line per page and exits 1 if any check fails.
//
//   node tools/webapp-branding.js [baseUrl] [screenshotDir]      (baseUrl: http://localhost:8080)
//   REELFLOW_DEMO_PASSWORD changes the demo users' password (default reelflow)
const { chromium } = require('playwright-core');

const base = (process.argv[2] || 'http://localhost:8080').replace(/\/$/, '');
const shots = process.argv[3];
const password = process.env.REELFLOW_DEMO_PASSWORD || 'reelflow';
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
// which webapps each demo role may open (GroupAuthorizations)
const roles = [
  ['rita', ['tasklist']], ['dave', ['tasklist']], ['fiona', ['tasklist']],
  ['mark', ['tasklist', 'cockpit']], ['admin', ['tasklist', 'cockpit', 'admin']],
];
const names = { tasklist: 'Tasklist', cockpit: 'Cockpit', admin: 'Admin' };
const appUrl = app => `${base}/camunda/app/${app}/default/`;

async function check(page, label, app, loggedIn, notFound, user) {
  // the header (signed in) or the login form's app name shows once the app and its locale have loaded; the banner
  // would show with it, so a short settle after it is enough for the checks below
  await page.waitForFunction(signedIn => {
    const e = document.querySelector(signedIn ? '[cam-widget-header] .navbar-brand' : '.form-signin .app-name');
    return e && e.textContent.trim().length > 0 && (!signedIn || e.textContent.includes('Reelflow'));
  }, loggedIn, { timeout: 30000 }).catch(() => {});
  await page.waitForTimeout(300);
  const title = await page.title();
  const bannerVisible = await page.locator('.ce-eol-banner').evaluateAll(els => els.some(e => e.offsetParent !== null || e.getClientRects().length > 0));
  const nagVisible = await page.getByText('time to migrate', { exact: false }).evaluateAll(els => els.some(e => e.getClientRects().length > 0));
  const brand = loggedIn
    ? (await page.locator('[cam-widget-header] .navbar-brand').first().innerText().catch(() => '')).trim()
    : await page.locator('.form-signin .app-name').first().evaluate(e => getComputedStyle(e, '::before').content.replace(/"/g, '') + e.textContent.trim()).catch(() => '');
  const logo = await page.locator(loggedIn ? '[cam-widget-header] .brand-logo' : '.form-signin .login-logo').first()
    .evaluate(e => getComputedStyle(e).backgroundImage).catch(() => '');
  const problems = [];
  if (bannerVisible || nagVisible) problems.push('end-of-life banner visible');
  if (!title.includes('Reelflow')) problems.push(`page title "${title}" lacks Reelflow`);
  if (!brand.includes('Reelflow ' + names[app])) problems.push(`header/login shows "${brand}", not "Reelflow ${names[app]}"`);
  if (!logo.includes('reelflow/logo.svg')) problems.push('no Reelflow logo');
  if (notFound.length) problems.push('404: ' + [...new Set(notFound)].join(', '));
  if (loggedIn && app !== 'admin') { // assets/reelflow/roles.js: only admins hold the permissions behind these actions
    const known = await page.waitForSelector('html.rf-roles-known[data-rf-roles="signed-in"]', { state: 'attached', timeout: 30000 })
      .then(() => true).catch(() => false);
    if (!known) problems.push('the roles script did not run for the signed-in user (no html.rf-roles-known[data-rf-roles="signed-in"])');
    const can = await page.evaluate(() => [...document.documentElement.classList].filter(c => c.startsWith('rf-can-')));
    const expected = user === 'admin' ? 5 : 0;
    if (can.length !== expected) problems.push(`${user} is offered ${can.join(', ') || 'nothing'}: expected ${expected === 0 ? 'nothing' : 'every action'}`);
    if (app === 'tasklist') {
      const shown = await page.locator('.create-task-action, .start-process-action').evaluateAll(els => els.filter(e => e.getClientRects().length > 0).length);
      if (shown !== (user === 'admin' ? 2 : 0)) problems.push(`"Create task" / "Start process" shown ${shown} times to ${user}`);
    }
  }
  if (loggedIn && app === 'cockpit') { // Reelflow's dashboard plugin (scripts/reelflow-dashboard.js) has loaded its data
    const status = await page.waitForFunction(() => {
      const s = document.querySelector('.reelflow-dashboard .reelflow-status');
      return s && s.textContent !== 'Loading…' ? s.textContent : null;
    }, null, { timeout: 30000 }).then(h => h.jsonValue()).catch(() => 'no Reelflow dashboard');
    if (!/open incident/i.test(status)) problems.push('Reelflow dashboard: ' + status);
  }
  console.log(JSON.stringify({ page: label, title, brand, ok: problems.length === 0, problems }));
  if (shots) await page.screenshot({ path: `${shots}/${label.replace(/[^a-z0-9]+/gi, '-')}.png` });
  return problems.length === 0;
}

(async () => {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  let ok = true;
  try {
    for (const app of Object.keys(names)) { // the login pages, signed out
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const notFound = [];
      page.on('response', r => { if (r.status() === 404) notFound.push(new URL(r.url()).pathname); });
      await page.goto(appUrl(app));
      await page.waitForSelector('input[ng-model="username"]', { timeout: 60000 });
      ok = await check(page, `${app} login`, app, false, notFound) && ok;
      await context.close();
    }
    for (const [user, apps] of roles) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const notFound = [];
      page.on('response', r => { if (r.status() === 404) notFound.push(new URL(r.url()).pathname); });
      await page.goto(appUrl(apps[0]));
      await page.waitForSelector('input[ng-model="username"]', { timeout: 60000 });
      // a click made while the page is still starting can be lost: while the form stays, fill and send it again
      const form = page.locator('input[ng-model="username"]');
      const header = page.locator('[cam-widget-header] .navbar-brand');
      for (let send = 0; send < 4 && await form.isVisible(); send++) {
        await form.fill(user);
        await page.fill('input[ng-model="password"]', password);
        await page.click('button[type="submit"]');
        await Promise.race([header.waitFor({ timeout: 8000 }), form.waitFor({ state: 'detached', timeout: 8000 })]).catch(() => {});
      }
      await header.waitFor({ timeout: 60000 });
      for (const app of apps) {
        if (app !== apps[0]) {
          notFound.length = 0;
          await page.goto(appUrl(app));
          await page.waitForSelector('[cam-widget-header] .navbar-brand', { timeout: 60000 });
        }
        ok = await check(page, `${app} as ${user}`, app, true, notFound, user) && ok;
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  process.exit(ok ? 0 : 1);
})().catch(e => { console.error(e); process.exit(2); });
