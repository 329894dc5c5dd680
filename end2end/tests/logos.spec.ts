import { type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import * as path from 'path';
import { mailedLink, outboxOf, register, uniqueEmail, watchConsole, waitForHydration } from './helpers';

const granularURL = process.env.GRANULAR_URL ?? 'http://127.0.0.1:3001';
const corpus = (name: string) => path.join(__dirname, '../../server/tests/corpus', name);
/** Whether an <img> has loaded real pixels. */
async function loaded(page: Page, selector: string) {
  return page.locator(selector).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
}

test.use({ baseURL: granularURL });

test('choose, preview, upload with progress, publish: the logo shows on the showcase', async ({ page }) => {
  const problems = watchConsole(page);
  const company = `Logo ${Date.now()} AB`;
  const email = uniqueEmail('logo');
  await register(page, company, email);
  await waitForHydration(page, 'Menu');
  await expect(page.getByText('No logo uploaded yet.')).toBeVisible();

  await page.getByLabel('Logo file (PNG, JPEG, WebP or SVG)').setInputFiles(corpus('ok-large.jpg'));
  const preview = page.getByRole('img', { name: 'Preview' });
  await expect(preview).toBeVisible();
  expect(await preview.getAttribute('src')).toMatch(/^blob:/);

  // Record what the progress bar shows; sessionStorage outlives the page change that follows.
  await page.evaluate(() => {
    const bar = document.querySelector('progress.logo-progress')!;
    new MutationObserver(() => {
      const seen = JSON.parse(sessionStorage.getItem('progress') ?? '[]');
      seen.push({ hidden: bar.hasAttribute('hidden'), value: (bar as HTMLProgressElement).value });
      sessionStorage.setItem('progress', JSON.stringify(seen));
    }).observe(bar, { attributes: true });
  });
  await page.getByRole('button', { name: 'Upload the logo' }).click();
  await expect(page).toHaveURL(/\/en\/account\?done=logo$/);
  await expect(page.getByText('The logo is saved.')).toBeVisible();
  const seen: { hidden: boolean; value: number }[] = JSON.parse(
    (await page.evaluate(() => sessionStorage.getItem('progress'))) ?? '[]',
  );
  expect(seen.some((s) => !s.hidden)).toBe(true);
  expect(seen.some((s) => s.value === 100)).toBe(true);
  await expect.poll(() => loaded(page, 'img.logo-current')).toBe(true);
  expect(await page.locator('img.logo-current').getAttribute('width')).toBe('512');

  await page.getByLabel('Show the company on the showcase').check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('The profile is saved.')).toBeVisible();
  // Shown once the address is confirmed.
  await page.goto(await mailedLink(outboxOf(granularURL), email, '/verify?token='));
  await page.getByRole('button', { name: 'Confirm the address' }).click();
  await expect(page).toHaveURL(/\/en\/account\?done=verified$/);

  await page.goto('/en/showcase');
  const entry = page.locator('.showcase-item', { hasText: company });
  await expect(entry).toBeVisible();
  const logo = entry.getByRole('img', { name: `Logo of ${company}` });
  await expect(logo).toHaveAttribute('loading', 'lazy');
  await logo.scrollIntoViewIfNeeded();
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});

test('a file over the limit is refused before it is sent', async ({ page }) => {
  await register(page, 'Big AB');
  await waitForHydration(page, 'Menu');
  const uploads: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('/account/logo')) uploads.push(req.url());
  });
  await page.getByLabel('Logo file (PNG, JPEG, WebP or SVG)').setInputFiles({
    name: 'big.png',
    mimeType: 'image/png',
    buffer: Buffer.alloc(3 * 1024 * 1024, 1),
  });
  await page.getByRole('button', { name: 'Upload the logo' }).click();
  await expect(page.locator('.logo-form .form-notice')).toHaveText('The file is too large. The largest size allowed is 2 MB.');
  expect(uploads).toEqual([]);
});

test('a refused image gets its message in place', async ({ page }) => {
  await register(page, 'Gif AB');
  await waitForHydration(page, 'Menu');
  await page.getByLabel('Logo file (PNG, JPEG, WebP or SVG)').setInputFiles(corpus('gif-named.png'));
  await page.getByRole('button', { name: 'Upload the logo' }).click();
  await expect(page.locator('.logo-form .form-notice')).toHaveText('The file is not a PNG, JPEG, WebP or SVG image.');
  await expect(page.getByText('No logo uploaded yet.')).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the plain multipart form uploads and removes a logo', async ({ page }) => {
    await register(page, 'Plain AB');
    await page.getByLabel('Logo file (PNG, JPEG, WebP or SVG)').setInputFiles(corpus('ok-logo.svg'));
    await page.getByRole('button', { name: 'Upload the logo' }).click();
    await expect(page).toHaveURL(/done=logo$/);
    await expect.poll(() => loaded(page, 'img.logo-current')).toBe(true);
    await page.getByRole('button', { name: 'Remove the logo' }).click();
    await expect(page.getByText('The logo is removed.')).toBeVisible();
    await expect(page.getByText('No logo uploaded yet.')).toBeVisible();
  });
});
