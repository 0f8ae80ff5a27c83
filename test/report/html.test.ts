import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/build-action.js';
import { main } from '../../src/cli/main.js';

const FIXTURE = join(ROOT, 'fixtures', 'gate-referrals');
const CHROMIUM = '/usr/bin/chromium';

let browser: BrowserContext;
beforeAll(async () => {
  // a fresh profile each run (playwright passes it as --user-data-dir)
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'datagate-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
});

describe('HTML report', () => {
  it('renders the fixture scan self-contained: totals, charts, filterable findings, suppressions and exceptions', async () => {
    // through the CLI, as a reviewer produces it (the data inventory is added there)
    const file = join(mkdtempSync(join(tmpdir(), 'datagate-html-')), 'report.html');
    expect(await main(['scan', '--format', 'html', '--output', file], { cwd: FIXTURE, stdout: () => {}, stderr: () => {} })).toBe(1);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toContain('sk_live_51MzQe2LkT8vYwPq3RnBx7cDhJ0aF4gUs');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\/(?!github\.com\/clicki\/datagate\/)/);

    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);

    // no asset is fetched: the only request is the report itself
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await page.title()).toBe('datagate report — 10 findings');
    expect(await page.locator('.status').innerText()).toBe('✖ 8 violations at or above “error”: the gate fails');
    expect(await page.locator('.card').allInnerTexts()).toEqual(['11\nFILES SCANNED', '8\nERRORS', '2\nWARNINGS', '2\nSUPPRESSED', '2\nEXCEPTIONS']);
    expect(await page.locator('#chart-rules svg rect').count()).toBe(10);
    expect(await page.locator('#chart-levels svg text').allTextContents()).toEqual(['restricted', '1', 'internal', '1', 'not stated', '8']);

    const findings = page.locator('article.finding');
    expect(await findings.count()).toBe(10);
    expect(await page.locator('#shown').innerText()).toBe('showing 10 of 10');
    const secret = findings.filter({ hasText: 'Hard-coded Stripe secret key' });
    expect(await secret.locator('pre.frame mark').innerText()).toBe('sk_l****');
    expect(await secret.locator('.policy').innerText()).toBe('Policy: Storage: "Secrets must be stored in approved secret management systems and not in source code or plaintext" (data-handling-and-classification-policy.txt:91)');

    await page.selectOption('select[name=rule]', 'no-sensitive-logging');
    expect(await page.locator('#shown').innerText()).toBe('showing 4 of 10');
    await page.selectOption('select[name=severity]', 'warning');
    expect(await page.locator('#shown').innerText()).toBe('showing 1 of 10');
    await page.selectOption('select[name=rule]', '');
    await page.selectOption('select[name=severity]', '');
    await page.fill('input[name=q]', 'payout.ts');
    expect(await page.locator('#shown').innerText()).toBe('showing 2 of 10');
    await page.fill('input[name=q]', '');

    const suppressed = await page.locator('#suppressed tbody tr').allInnerTexts();
    expect(suppressed.map((r) => r.split('\t').slice(0, 2).concat(r.split('\t')[4]!))).toEqual([
      ['src/routes/signup.ts:12', 'no-sensitive-logging', 'support needs the email on failed signups; the stream is restricted (SEC-141)'],
      ['test/fixtures/stripe-webhook.ts:2', 'no-hardcoded-secrets', "Stripe webhook fixtures copied from Stripe's docs; the keys in them are Stripe's revoked examples"],
    ]);
    const exceptions = await page.locator('#exceptions tbody tr').allInnerTexts();
    expect(exceptions.map((r) => r.split('\t')[5])).toEqual(['active', 'expired — 1 no longer suppressed']);

    expect(await page.locator('#inventory h2').innerText()).toBe('Data inventory (1 models, 8 fields)');
    const inventory = await page.locator('#inventory tbody tr').allInnerTexts();
    expect(inventory.map((r) => r.split('\t').slice(0, 3).join(' '))).toEqual([
      'Payout payoutId internal',
      'Payout referralId confidential',
      'Payout accountHolderName restricted',
      'Payout sortCode restricted',
      'Payout amountCents confidential',
      'Payout createdAt internal',
      'Payout payoutEmail unclassified (proposed: restricted)',
      'Payout bankAccountNumber internal',
    ]);

    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    const shots = [join(ROOT, '.tmp', 'report-screenshot.png')];
    // the committed screenshot is refreshed on request, so a test run leaves the tree clean
    if (process.env.UPDATE_SCREENSHOTS) shots.push(join(ROOT, 'docs', 'report-screenshot.png'));
    for (const path of shots) await page.screenshot({ path, clip: { x: 0, y: 0, width: 1280, height: 1500 }, fullPage: true });
    await page.close();
  });
});
