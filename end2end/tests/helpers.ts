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

/** Registers a company through the form and waits for its account page. */
export async function register(page: Page, company: string, email = uniqueEmail('company')) {
  await page.goto('/en/register');
  await page.getByLabel('Company name').fill(company);
  await page.getByLabel('Contact e-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page).toHaveURL(/\/en\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
}
