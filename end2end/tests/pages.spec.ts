import { test, expect } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import { watchConsole, waitForHydration } from './helpers';

const narrow = { width: 375, height: 740 };

for (const { path, lang, title, menu, link, sentence } of [
  {
    path: '/en/cookie-policy', lang: 'en', title: 'Cookie Policy', menu: 'Menu', link: 'Get started',
    sentence: 'is responsible for the processing of your personal data.',
  },
  {
    path: '/sv/cookie-policy', lang: 'sv', title: 'Kakpolicy', menu: 'Meny', link: 'Kom i gång',
    sentence: 'är personuppgiftsansvarig för behandlingen av dina personuppgifter.',
  },
]) {
  test(`${path} renders, hydrates and the menu works on a narrow screen`, async ({ page }) => {
    const problems = watchConsole(page);
    await page.setViewportSize(narrow);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(`${title} | JobTech Development`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByText(sentence)).toBeVisible();

    const button = await waitForHydration(page, menu);
    const navLink = page.locator('#site-nav').getByRole('link', { name: link });
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(navLink).toBeHidden();
    await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(navLink).toBeVisible();
    await button.click();
    await expect(navLink).toBeHidden();
    expect(problems).toEqual([]);
  });
}

test('on a wide screen the menu button stays out of the way', async ({ page }) => {
  const problems = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/en/');
  await expect(page.locator('button.menu-toggle:not([hidden])')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
  await expect(page.locator('#site-nav').getByRole('link', { name: 'About' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('the language switch leads to the translation', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/en/cookie-policy');
  await page.getByRole('link', { name: 'Language: Svenska' }).click();
  await expect(page).toHaveURL(/\/sv\/cookie-policy$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kakpolicy');
  await page.getByRole('link', { name: 'Språk: English' }).click();
  await expect(page).toHaveURL(/\/en\/cookie-policy$/);
  expect(problems).toEqual([]);
});

test('the root sends the browser to its language', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/en\/$/);
  await context.close();
});

test('an unknown path shows the 404 page with status 404', async ({ page }) => {
  const response = await page.goto('/en/this-page-does-not-exist');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page).toHaveURL(/\/en\/$/);
});

test('the policy page has no accessibility violations', async ({ page }) => {
  for (const path of ['/en/cookie-policy', '/sv/', '/en/nope']) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${path}: ${v.id}`)).toEqual([]);
  }
});

test('keyboard: the skip link moves focus to the content', async ({ page }) => {
  // With an answer stored, no dialog takes the focus first.
  await page.request.post('/consent', { form: { choice: 'accept_all' } });
  await page.goto('/en/cookie-policy');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: narrow });

  test('the page is complete and the navigation is reachable', async ({ page }) => {
    const response = await page.goto('/en/cookie-policy');
    expect(response?.status()).toBe(200);
    await expect(page.getByText('There are two types of cookies')).toBeVisible();
    await expect(page.locator('button.menu-toggle')).toBeHidden();
    const about = page.locator('#site-nav').getByRole('link', { name: 'About' });
    await expect(about).toBeVisible();
    await about.click();
    await expect(page).toHaveURL(/\/en\/about$/);
    await page.getByRole('link', { name: 'Language: Svenska' }).click();
    await expect(page).toHaveURL(/\/sv\/about$/);
  });
});
