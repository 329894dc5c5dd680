import { test, expect } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createHmac } from 'crypto';
import { execFileSync } from 'child_process';
import { mailedLink, uniqueEmail } from './helpers';

// The operator console in a real browser: an operator added on the command line sets up
// their account from the mailed link (the TOTP code computed here, as an authenticator app
// does), logs in with a recovery code, and every page of the console passes axe in both
// languages and both colour schemes, works without JavaScript, and looks as it should at
// 1280 and 360 px.

test.use({ baseURL: process.env.GRANULAR_URL ?? 'http://127.0.0.1:3001' });

const PASSWORD = 'console password 2026';
const PAGES = ['/admin', '/admin/companies', '/admin/statistics', '/admin/audit', '/admin/mail', '/admin/content', '/admin/operators'];

/** RFC 6238: six digits of HMAC-SHA1 over the 30-second step, from a base32 secret. */
function totp(secretBase32: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/\s/g, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return code.toString().padStart(6, '0');
}

/** Adds an admin with the server's command line and sets them up through the mailed link;
 *  answers the address and a recovery code. */
async function admin(page: Page, lang: 'en' | 'sv'): Promise<{ email: string; recovery: string }> {
  const email = uniqueEmail(`admin-${lang}`);
  const bin = process.env.SERVER_BIN;
  const data = process.env.GRANULAR_DATA;
  if (!bin || !data) throw new Error('SERVER_BIN and GRANULAR_DATA name the server and its data');
  const env: NodeJS.ProcessEnv = { ...process.env, PORTAL_DATA_DIR: data };
  delete env.PORTAL_CONFIG;
  execFileSync(bin, ['operator', 'add', email, '--role', 'admin', '--lang', lang], { env });
  const link = await mailedLink(process.env.GRANULAR_OUTBOX ?? '', email, '/admin/setup?token=');
  await page.goto(new URL(link).pathname + new URL(link).search);
  const secret = await page.locator('input[name="secret"]').getAttribute('value');
  expect(secret).toBeTruthy();
  await expect(page.locator('.qr-code svg')).toBeVisible();
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#confirm').fill(PASSWORD);
  await page.locator('#code').fill(totp(secret!));
  await page.locator('form[action="/admin/setup"] button[type="submit"]').click();
  const codes = await page.locator('.recovery-codes code').allTextContents();
  expect(codes).toHaveLength(10);
  return { email, recovery: codes[0] };
}

async function logIn(page: Page, email: string, code: string) {
  await page.goto('/admin/login');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#code').fill(code);
  await page.locator('form[action="/admin/login"] button[type="submit"]').click();
  await expect(page).toHaveURL(/\/admin$/);
}

for (const lang of ['en', 'sv'] as const) {
  test(`${lang}: set up, log in, and every console page passes axe in both colour schemes`, async ({ page }) => {
    const { email, recovery } = await admin(page, lang);
    await logIn(page, email, recovery);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of PAGES) {
        await page.goto(path);
        await expect(page.locator('h1')).toBeVisible();
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
        expect(results.violations, `${lang} ${scheme} ${path}`).toEqual([]);
      }
    }
    // The login page before login, in the browser's language.
    await page.context().clearCookies();
    await page.setExtraHTTPHeaders({ 'accept-language': lang });
    await page.goto('/admin/login');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
    expect(results.violations).toEqual([]);
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the console works with plain forms: find a company, publish, log out', async ({ page }) => {
    const { email, recovery } = await admin(page, 'en');
    await logIn(page, email, recovery);
    await page.goto('/admin/companies');
    await page.getByLabel('Company name or address').fill('nobody-by-this-name');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect(page).toHaveURL(/\/admin\/companies\?q=nobody-by-this-name$/);
    await expect(page.getByText('No company matches.')).toBeVisible();
    await page.goto('/admin/content');
    await page.getByRole('button', { name: 'Publish everywhere' }).click();
    await expect(page.getByRole('status')).toContainText('Publishing requested');
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/admin\/login\?done=logged-out$/);
    expect((await page.request.get('/admin')).status()).toBe(404);
  });
});

test('the console looks as it should at 1280 and 360 px', async ({ page }) => {
  const { email, recovery } = await admin(page, 'en');
  await logIn(page, email, recovery);
  const who = page.locator('.console-logout span');
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    for (const [name, path] of [['home', '/admin'], ['companies', '/admin/companies']] as const) {
      await page.goto(path);
      await page.evaluate(() => document.fonts.ready);
      await expect(page).toHaveScreenshot(`en-${width}-console-${name}.png`, { fullPage: true, mask: [who] });
    }
  }
  await page.context().clearCookies();
  await page.setExtraHTTPHeaders({ 'accept-language': 'en' });
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/admin/login');
    await expect(page).toHaveScreenshot(`en-${width}-console-login.png`, { fullPage: true });
  }
});
