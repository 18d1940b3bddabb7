const { chromium } = require('playwright-core');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1300 } });
  page.on('console', m => { if (m.type() === 'error') console.log('console error:', m.text()); });
  await page.goto('http://localhost:8080/camunda/app/tasklist/default/');
  await page.waitForSelector('input[ng-model="username"]', { timeout: 30000 });
  await page.fill('input[ng-model="username"]', process.argv[2]);
  await page.fill('input[ng-model="password"]', 'reelflow');
  await page.click('button[type="submit"]');
  await page.waitForTimeout(3000);
  await page.goto('http://localhost:8080/camunda/app/tasklist/default/#/?task=' + process.argv[3]);
  await page.waitForTimeout(5000);
  const claim = page.locator('button:has-text("Claim"), a:has-text("Claim")').first();
  if (await claim.count()) { await claim.click(); await page.waitForTimeout(3000); }
  await page.screenshot({ path: '/tmp/task-form.png', fullPage: true });
  if (process.argv[4] === 'submit') {
    await page.getByText('Carve out territories').click();
    await page.waitForTimeout(800);
    await page.screenshot({ path: '/tmp/task-form-carve.png', fullPage: true });
    await page.locator('button:has-text("Complete")').first().click();
    await page.waitForTimeout(4000);
    await page.screenshot({ path: '/tmp/task-form-after.png', fullPage: true });
  }
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
