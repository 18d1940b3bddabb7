// The managers' dashboard and the API explorer, in headless Chromium (playwright-core):
//  1. Cockpit as a manager: the Reelflow page (#/reelflow) and Cockpit's own dashboard load every panel of
//     scripts/reelflow-dashboard.js with no failure, and each business chart is drawn with data (SVG marks):
//     deals by status, deliveries by stage, QC first-pass rate, rejected items by category and by vendor, windows
//     expiring in the next 180 days (and the incidents chart when there are open incidents).
//  2. Swagger UI: "Authorize" with HTTP Basic as the CRM account, then "Try it out" on POST /api/deals with the
//     documented example (its crmDealId made unique) and "Execute": the service answers 201.
// Prints one JSON line per check and exits 1 if any fails.
//
//   node tools/cockpit-dashboard.js [baseUrl] [screenshotDir]      (baseUrl: http://localhost:8080)
//   REELFLOW_DEMO_PASSWORD changes the demo users' password (default reelflow); DASHBOARD_USER the manager (mark);
//   EXAMPLE_TITLE_ID posts the example deal for that title instead of title 1
const { chromium } = require('playwright-core');

const base = (process.argv[2] || 'http://localhost:8080').replace(/\/$/, '');
const shots = process.argv[3];
const password = process.env.REELFLOW_DEMO_PASSWORD || 'reelflow';
const manager = process.env.DASHBOARD_USER || 'mark';
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
// the example deal licenses title 1 (The Last Lighthouse); a test posts it for a title of its own
const exampleTitle = process.env.EXAMPLE_TITLE_ID && /^\d+$/.test(process.env.EXAMPLE_TITLE_ID) ? process.env.EXAMPLE_TITLE_ID : null;
const CHARTS = ['deals-by-status', 'deliveries-by-stage', 'qc-first-pass', 'qc-by-category', 'qc-by-vendor', 'windows-expiring'];

function report(check, problems, details) {
  console.log(JSON.stringify({ check, ok: problems.length === 0, problems, ...details }));
  return problems.length === 0;
}

async function dashboard(page, label) {
  await page.waitForSelector('.reelflow-dashboard[data-state="loaded"]', { state: 'attached', timeout: 60000 });
  const found = await page.evaluate(charts => {
    const box = document.querySelector('.reelflow-dashboard');
    const panels = [...box.querySelectorAll('.reelflow-panel')].map(p => ({
      id: p.getAttribute('data-panel'), state: p.getAttribute('data-state'), status: p.querySelector('.reelflow-status').textContent }));
    const marks = Object.fromEntries(charts.concat('incidents-by-process').map(c =>
      [c, box.querySelectorAll(`svg[data-chart="${c}"] .mark`).length]));
    return { panels, marks, summary: box.querySelector('.reelflow-summary').textContent };
  }, CHARTS);
  const problems = [];
  found.panels.filter(p => p.state !== 'loaded').forEach(p => problems.push(`panel ${p.id}: ${p.status}`));
  CHARTS.forEach(c => { if (!found.marks[c]) problems.push(`chart ${c} drawn without data`); });
  const incidents = found.panels.find(p => p.id === 'incidents');
  if (incidents && /^\d+ open incident/.test(incidents.status) && !found.marks['incidents-by-process']) problems.push('incidents chart empty');
  if (shots) await page.screenshot({ path: `${shots}/${label}.png`, fullPage: true });
  return report(label, problems, { summary: found.summary, marks: found.marks });
}

async function swagger(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  let status = null;
  const dealId = `NFX-UI-${Date.now().toString(36).toUpperCase()}`;
  try {
    await page.goto(`${base}/swagger-ui.html`);
    await page.waitForSelector('button.authorize', { timeout: 60000 });
    await page.click('button.authorize');
    const form = page.locator('.modal-ux form', { has: page.locator('input[aria-label="auth-basic-username"]') });
    await form.locator('input[aria-label="auth-basic-username"]').fill('crm');
    await form.locator('input[aria-label="auth-basic-password"]').fill(password);
    await form.locator('button.authorize').click();
    await page.locator('.modal-ux button', { hasText: 'Logout' }).first().waitFor({ timeout: 10000 }); // authorised: the scheme offers to log out
    await page.click('.modal-ux button.close-modal');
    const op = page.locator('.opblock-post', { has: page.locator('.opblock-summary-path[data-path="/api/deals"]') }).first();
    await op.locator('.opblock-summary').first().click();
    await op.locator('button.try-out__btn').click();
    const body = op.locator('textarea.body-param__text');
    const example = await body.inputValue();
    if (!example.includes('"crmDealId"') || !example.includes('NFX-2026-0101')) problems.push('the example deal is not the README\'s');
    let posted = example.replace(/"crmDealId"\s*:\s*"[^"]*"/, `"crmDealId": "${dealId}"`);
    if (exampleTitle) posted = posted.replace(/"titleIds"\s*:\s*\[[^\]]*\]/, `"titleIds": [${exampleTitle}]`);
    await body.fill(posted);
    await op.locator('button.execute').click();
    const cell = op.locator('.live-responses-table tr.response .response-col_status').first();
    await cell.waitFor({ timeout: 30000 });
    status = (await cell.innerText()).trim();
    if (!/^201\b/.test(status)) problems.push(`POST /api/deals answered ${status}: ${(await op.locator('.live-responses-table .microlight').first().innerText().catch(() => '')).slice(0, 300)}`);
    if (shots) {
      await op.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/swagger-example-deal.png`, fullPage: true });
    }
  } catch (e) {
    problems.push(String(e.message || e).split('\n')[0]);
    if (shots) await page.screenshot({ path: `${shots}/swagger-example-deal.png`, fullPage: true }).catch(() => {});
  } finally {
    await context.close();
  }
  return report('swagger authorize and example deal', problems, { crmDealId: dealId, status });
}

(async () => {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  let ok = true;
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1900 } }); // tall: every panel in the screenshot
    const page = await context.newPage();
    const outside = [];
    page.on('request', r => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url()); });
    const pending = new Set();
    page.on('request', r => pending.add(r.url()));
    page.on('requestfinished', r => pending.delete(r.url()));
    page.on('pageerror', e => console.log(JSON.stringify({ pageerror: String(e.message || e).slice(0, 300) })));
    page.on('requestfailed', r => console.log(JSON.stringify({ requestfailed: r.url(), error: r.failure() && r.failure().errorText })));
    // a fresh service on a busy machine may answer Cockpit's first plugin requests after RequireJS has given up on them
    // (the page then never leaves its spinner): load the page again, as a person would
    for (let attempt = 1; ; attempt++) {
      await page.goto(`${base}/camunda/app/cockpit/default/`, { timeout: 120000 });
      const shown = await page.waitForSelector('input[ng-model="username"]', { timeout: 60000 }).then(() => true, () => false);
      if (shown) break;
      console.log(JSON.stringify({ retry: attempt, unanswered: [...pending] }));
      if (attempt === 3) {
        if (shots) await page.screenshot({ path: `${shots}/cockpit-login-timeout.png` });
        throw new Error('Cockpit did not show its login page after 3 loads');
      }
    }
    await page.fill('input[ng-model="username"]', manager);
    await page.fill('input[ng-model="password"]', password);
    await page.click('button[type="submit"]');
    await page.waitForSelector('[cam-widget-header] .navbar-brand', { timeout: 120000 });
    ok = await dashboard(page, 'cockpit-dashboard') && ok; // Cockpit's own dashboard carries the plugin
    await page.goto(`${base}/camunda/app/cockpit/default/#/reelflow`);
    await page.waitForFunction(() => location.hash.includes('/reelflow'));
    await page.waitForTimeout(500);
    ok = await dashboard(page, 'cockpit-reelflow-page') && ok;
    ok = report('nothing loaded from outside the service', outside.length ? [`requests to ${[...new Set(outside)].join(', ')}`] : []) && ok;
    await context.close();
    ok = await swagger(browser) && ok;
  } finally {
    await browser.close();
  }
  process.exit(ok ? 0 : 1);
})().catch(e => { console.error(e); process.exit(2); });
