import { execFileSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';

/** Collects console errors and warnings, uncaught exceptions and failed requests of a page. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') {
      problems.push(`${msg.type()}: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  // The site's own requests must not fail. A third party's request cut short by a reload is
  // the browser's business, not a fault of the page; so is a favicon or image the browser drops
  // because the user already followed a link. The site's own fetch calls must always complete.
  page.on('requestfailed', (req) => {
    const own = new URL(req.url()).origin === new URL(page.url()).origin;
    const aborted = req.failure()?.errorText === 'net::ERR_ABORTED';
    const data = req.resourceType() === 'fetch' || req.resourceType() === 'xhr';
    if (own && (!aborted || data)) {
      problems.push(`requestfailed: ${req.url()} (${req.failure()?.errorText})`);
    }
  });
  return problems;
}

/** Waits until the islands are hydrated: the Menu button loses its `hidden` attribute. */
export async function waitForHydration(page: Page, label: string) {
  const button = page.locator('button.menu-toggle', { hasText: label });
  await expect(button).toHaveCount(1);
  await expect(page.locator('button.menu-toggle:not([hidden])')).toHaveCount(1);
  return button;
}

/** The password the browser tests register with. */
export const PASSWORD = 'correct horse battery staple';

/** An e-mail address no other test run uses. */
export function uniqueEmail(tag: string) {
  return `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@acme.example`;
}

/** Sends the registration form and waits for the answer: check your e-mail, on the login page. */
export async function submitRegistration(page: Page, company: string, email: string) {
  await page.goto('/en/register');
  await page.getByLabel('Company name').fill(company);
  await page.getByLabel('Contact e-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page).toHaveURL(/\/en\/login\?done=check-email$/);
  await expect(page.getByRole('status').filter({ hasText: 'Check your e-mail' })).toBeVisible();
}

/** Logs in on the login page (already open) and waits for the account page. */
export async function logIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel('Contact e-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/en\/account(\?done=.*)?$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
}

/** Registers a company through the form, logs in and waits for its account page. */
export async function register(page: Page, company: string, email = uniqueEmail('company')) {
  await submitRegistration(page, company, email);
  await logIn(page, email);
}

/** The outbox folder of the server at `baseURL` (scripts/test.sh passes both servers'). */
export function outboxOf(baseURL: string | undefined): string {
  const granular = process.env.GRANULAR_URL ?? 'http://127.0.0.1:3001';
  const dir = baseURL === granular ? process.env.GRANULAR_OUTBOX : process.env.OUTBOX;
  if (!dir) throw new Error('OUTBOX and GRANULAR_OUTBOX name the servers\' outbox folders');
  return dir;
}

/** The newest link containing `part` mailed to `to`, read from the outbox (waits for it). */
export async function mailedLink(outbox: string, to: string, part: string): Promise<string> {
  let link = '';
  await expect
    .poll(() => {
      link = execFileSync('python3', [`${__dirname}/../read-mail.py`, outbox, to, part]).toString().trim();
      return link;
    }, { timeout: 15_000 })
    .not.toBe('');
  return link;
}
