import { test, expect } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import {
  PASSWORD,
  logIn,
  mailedLink,
  outboxOf,
  submitRegistration,
  uniqueEmail,
  waitForHydration,
  watchConsole,
} from './helpers';

const defaultURL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const granularURL = process.env.GRANULAR_URL ?? 'http://127.0.0.1:3001';
const NEW_PASSWORD = 'a brand new passphrase';

/** Publishes the company from its account page. */
async function publish(page: import('@playwright/test').Page) {
  await page.getByLabel('Show the company on the showcase').check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('The profile is saved.')).toBeVisible();
}

/** Register → log in → publish (held back) → open the mailed link → on the showcase. */
async function registerConfirmAndShow(page: import('@playwright/test').Page, outbox: string, js: boolean) {
  const email = uniqueEmail(js ? 'verify-js' : 'verify-plain');
  const company = `Verified ${Date.now()} AB`;
  await submitRegistration(page, company, email);
  await logIn(page, email);
  await expect(page.getByText('Your e-mail address is not confirmed yet.')).toBeVisible();
  await publish(page);
  await expect(page.getByText('Not shown yet: confirm your e-mail address first.')).toBeVisible();
  await page.goto('/en/showcase');
  await expect(page.locator('.showcase-item', { hasText: company })).toHaveCount(0);

  const link = await mailedLink(outbox, email, '/en/verify?token=');
  await page.goto(link);
  if (js) await waitForHydration(page, 'Menu');
  // Where scripts run, the token leaves the address bar at once; the form keeps it.
  if (js) await expect(page).toHaveURL(/\/en\/verify$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm your e-mail address');
  await page.getByRole('button', { name: 'Confirm the address' }).click();
  await expect(page).toHaveURL(/\/en\/account\?done=verified$/);
  await expect(page.getByRole('status').filter({ hasText: 'Your e-mail address is confirmed.' })).toBeVisible();
  await page.goto('/en/showcase');
  await expect(page.locator('.showcase-item', { hasText: company })).toBeVisible();

  // The link works once.
  await page.goto(link);
  await page.getByRole('button', { name: 'Confirm the address' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'This link does not work' })).toBeVisible();
}

/** Forgot → mailed link → new password; the session another browser had is dead. */
async function forgotAndReset(
  browser: import('@playwright/test').Browser,
  baseURL: string,
  js: boolean,
  acceptCookies: boolean,
) {
  const email = uniqueEmail(js ? 'reset-js' : 'reset-plain');
  // The owner, logged in somewhere (JavaScript on there).
  const owner = await browser.newPage({ baseURL });
  if (acceptCookies) await accept(owner);
  await submitRegistration(owner, 'Forgetful AB', email);
  await logIn(owner, email);

  const other = await browser.newPage({ baseURL, javaScriptEnabled: js });
  if (acceptCookies) await accept(other);
  await other.goto('/en/login');
  await other.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(other).toHaveURL(/\/en\/forgot$/);
  await other.getByLabel('Contact e-mail').fill(email.toUpperCase());
  await other.getByRole('button', { name: 'Send the link' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'If the address has an account' })).toBeVisible();

  await other.goto(await mailedLink(outboxOf(baseURL), email, '/en/reset?token='));
  if (js) await waitForHydration(other, 'Menu');
  if (js) await expect(other).toHaveURL(/\/en\/reset$/);
  await other.getByLabel('New password').fill('sunshine12345678');
  await other.getByRole('button', { name: 'Save the new password' }).click();
  await expect(other.locator('#f-new_password-error')).toContainText('too common');
  await other.getByLabel('New password').fill(NEW_PASSWORD);
  await other.getByRole('button', { name: 'Save the new password' }).click();
  await expect(other).toHaveURL(/\/en\/login\?done=password-reset$/);
  await expect(other.getByRole('status').filter({ hasText: 'Your password is changed' })).toBeVisible();

  // The old session ended: the account page sends the owner to log in.
  await owner.goto('/en/account');
  await expect(owner).toHaveURL(/\/en\/login/);
  await owner.getByLabel('Contact e-mail').fill(email);
  await owner.getByLabel('Password').fill(PASSWORD);
  await owner.getByRole('button', { name: 'Log in' }).click();
  await expect(owner.getByRole('alert').filter({ hasText: 'Wrong e-mail address or password.' })).toBeVisible();
  await logIn(other, email, NEW_PASSWORD);
  await owner.close();
  await other.close();
}

/** All-or-nothing mode: accepts cookies through the dialog (with or without JavaScript). */
async function accept(page: import('@playwright/test').Page) {
  await page.goto('/en/login');
  await page.getByRole('dialog').getByRole('button', { name: 'Accept all cookies' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
}

test.describe('granular mode', () => {
  test.use({ baseURL: granularURL });

  test('register, confirm the address from the mail, appear on the showcase', async ({ page }) => {
    const problems = watchConsole(page);
    await registerConfirmAndShow(page, outboxOf(granularURL), true);
    // The one refusal the test asks for: the used link's second confirmation (410).
    expect(problems.filter((p) => !p.includes('status of 410'))).toEqual([]);
  });

  test('forgot password, reset from the mail, log in; the old session is dead', async ({ browser }) => {
    await forgotAndReset(browser, granularURL, true, false);
  });

  test('the forgot, reset and verify pages have no accessibility violations', async ({ page }) => {
    for (const path of ['/en/forgot', '/sv/forgot', '/en/reset?token=x', '/sv/verify?token=x']) {
      await page.goto(path);
      await waitForHydration(page, path.startsWith('/sv') ? 'Meny' : 'Menu');
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations, path).toEqual([]);
    }
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('register and confirm the address with plain forms', async ({ page }) => {
      await registerConfirmAndShow(page, outboxOf(granularURL), false);
    });
  });
});

test.describe('all-or-nothing mode', () => {
  test.use({ baseURL: defaultURL });

  test('after consent: register, confirm from the mail, appear on the showcase', async ({ page }) => {
    await accept(page);
    await registerConfirmAndShow(page, outboxOf(defaultURL), true);
  });

  test('without JavaScript: forgot password and reset with plain forms', async ({ browser }) => {
    await forgotAndReset(browser, defaultURL, false, true);
  });
});
