import { type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import { PASSWORD, logIn, register, uniqueEmail, watchConsole, waitForHydration } from './helpers';

const granularURL = process.env.GRANULAR_URL ?? 'http://127.0.0.1:3001';

/** Marks the current document; `sameDocument` tells whether no navigation happened since. */
async function mark(page: Page) {
  await page.evaluate(() => ((window as any).__mark = true));
}
async function sameDocument(page: Page) {
  return page.evaluate(() => (window as any).__mark === true);
}

async function editLogoutLogin(page: Page, email: string) {
  await page.getByLabel('Description').fill('We match people and jobs.');
  await page.getByLabel('Website').fill('https://acme.example');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('The profile is saved.')).toBeVisible();
  await expect(page.getByLabel('Description')).toHaveValue('We match people and jobs.');

  await page.getByRole('button', { name: 'Log out', exact: true }).click();
  await expect(page.getByText('You are logged out.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Log in' })).toBeVisible();

  await page.getByLabel('Contact e-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/en\/account$/);
  await expect(page.getByLabel('Website')).toHaveValue('https://acme.example');
}

test.describe('granular mode', () => {
  test.use({ baseURL: granularURL });

  test('log out everywhere ends the session in another browser too', async ({ page, browser }) => {
    const problems = watchConsole(page);
    const email = uniqueEmail('everywhere');
    await register(page, 'Everywhere AB', email);
    const other = await browser.newPage({ baseURL: granularURL });
    await other.goto('/en/login');
    await logIn(other, email);
    await waitForHydration(page, 'Menu');
    await page.getByRole('button', { name: 'Log out everywhere' }).click();
    await expect(page).toHaveURL(/\/en\/login\?done=logged-out-everywhere$/);
    await expect(page.getByText('You are logged out everywhere')).toBeVisible();
    await other.goto('/en/account');
    await expect(other).toHaveURL(/\/en\/login/);
    expect(problems).toEqual([]);
  });

  test('register, edit, log out and in; the session cookie needs no consent', async ({ page, context }) => {
    const problems = watchConsole(page);
    const email = uniqueEmail('granular');
    await register(page, 'Acme AB', email);
    const session = (await context.cookies()).find((c) => c.name === 'session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    expect(session?.expires).toBe(-1);
    expect(session?.value).not.toContain('acme');
    expect((await context.cookies()).map((c) => c.name)).toEqual(['session']);
    await waitForHydration(page, 'Menu');
    await editLogoutLogin(page, email);
    expect(problems).toEqual([]);
  });

  test('field errors appear in place without a reload', async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto('/en/register');
    await waitForHydration(page, 'Menu');
    await mark(page);
    await page.getByLabel('Company name').fill('Acme AB');
    await page.getByLabel('Contact e-mail').fill(uniqueEmail('inline'));
    await page.getByLabel('Password').fill('Password2024!');
    // The island calls the registration server function; its typed refusal is shown.
    const call = page.waitForResponse((r) => r.url().endsWith('/api/account/register'));
    await page.getByRole('button', { name: 'Register' }).click();
    expect((await call).status()).toBe(422);
    const password = page.getByLabel('Password');
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#f-password-error')).toContainText('too common');
    await expect(page.getByRole('alert').filter({ hasText: 'Correct the marked fields.' })).toBeVisible();
    await expect(password).toBeFocused();
    expect(await sameDocument(page)).toBe(true);
    // The refused form's 422 answer is the one thing the browser reports.
    expect(problems.filter((p) => !p.includes('status of 422'))).toEqual([]);
  });

  test('wrong credentials get one message for every cause', async ({ page }) => {
    await page.goto('/en/login');
    await waitForHydration(page, 'Menu');
    await page.getByLabel('Contact e-mail').fill(uniqueEmail('nobody'));
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong e-mail address or password.' })).toBeVisible();
  });

  test('keyboard only: register, log in and reach the account page', async ({ page }) => {
    const email = uniqueEmail('keys');
    await page.goto('/en/register');
    await waitForHydration(page, 'Menu');
    await page.getByLabel('Company name').focus();
    await page.keyboard.type('Keyboard AB');
    await page.keyboard.press('Tab');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Password')).toBeFocused();
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/en\/login\?done=check-email$/);
    await waitForHydration(page, 'Menu');
    await page.getByLabel('Contact e-mail').focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/en\/account$/);
    // The consent dialog takes focus when it hydrates: focus the button after that.
    await waitForHydration(page, 'Menu');
    await page.getByRole('button', { name: 'Log out', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('You are logged out.')).toBeVisible();
  });

  test('the login, registration and account pages have no accessibility violations', async ({ page }) => {
    for (const path of ['/en/login', '/sv/register']) {
      await page.goto(path);
      await waitForHydration(page, path.startsWith('/sv') ? 'Meny' : 'Menu');
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations, path).toEqual([]);
    }
    await register(page, 'Axe AB', uniqueEmail('axe'));
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations).toEqual([]);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('register, see a field error, edit, log out and in with plain forms', async ({ page }) => {
      const email = uniqueEmail('nojs');
      await page.goto('/en/register');
      await page.getByLabel('Company name').fill('Acme AB');
      await page.getByLabel('Contact e-mail').fill(email);
      await page.getByLabel('Password').fill('sunshine12345678');
      await page.getByRole('button', { name: 'Register' }).click();
      await expect(page.locator('#f-password-error')).toContainText('too common');
      await expect(page.getByLabel('Contact e-mail')).toHaveValue(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Register' }).click();
      await expect(page).toHaveURL(/\/en\/login\?done=check-email$/);
      await logIn(page, email);
      await editLogoutLogin(page, email);
    });
  });
});

test.describe('all-or-nothing mode', () => {
  test('login needs consent first; after accepting, the whole flow works', async ({ page, context }) => {
    const problems = watchConsole(page);
    await page.goto('/en/login');
    await waitForHydration(page, 'Menu');
    await expect(page.getByText('Logging in needs cookies.')).toBeVisible();
    await page.getByRole('dialog').getByRole('button', { name: 'Accept all cookies' }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    const email = uniqueEmail('strict');
    await register(page, 'Strict AB', email);
    expect((await context.cookies()).map((c) => c.name).sort()).toEqual(['consent', 'session']);
    await editLogoutLogin(page, email);

    // Withdrawing consent logs out as well: this mode keeps no cookie without it.
    await page.getByRole('link', { name: 'Cookie settings' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Withdraw consent' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your choice has been saved.' })).toHaveCount(1);
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Log in' })).toBeVisible();
    expect(await context.cookies()).toEqual([]);
    expect(problems).toEqual([]);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the server refuses a login before consent and says why', async ({ page, context }) => {
      await page.goto('/en/login');
      await page.getByLabel('Contact e-mail').fill(uniqueEmail('early'));
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Logging in needs cookies' })).toBeVisible();
      expect(await context.cookies()).toEqual([]);
    });
  });
});
