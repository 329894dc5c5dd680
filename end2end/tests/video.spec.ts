import { type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { watchConsole, waitForHydration } from './helpers';

const videoURL = process.env.VIDEO_URL ?? 'http://127.0.0.1:3999';
const granularURL = process.env.GRANULAR_URL ?? 'http://127.0.0.1:3001';

/** Every request the page makes to the video host. */
function recordVideoRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (req) => {
    if (req.url().startsWith(videoURL)) seen.push(req.url());
  });
  return seen;
}

test('nothing is requested from the video host before consent; "Load video" loads it this once', async ({ page, context }) => {
  const problems = watchConsole(page);
  const requests = recordVideoRequests(page);
  await page.goto('/en/');
  await waitForHydration(page, 'Menu');
  const placeholder = page.locator('.embed-placeholder');
  await expect(placeholder).toContainText('This video is shown from YouTube');
  await page.waitForLoadState('networkidle');
  expect(requests).toEqual([]);

  await placeholder.getByRole('button', { name: 'Load video' }).click();
  await expect(page.locator('.embed iframe')).toHaveAttribute('src', `${videoURL}/embed/Qp3Gd1sC3rk`);
  await expect.poll(() => requests.length).toBeGreaterThan(0);
  expect((await context.cookies()).find((c) => c.name === 'consent')).toBeUndefined();

  await page.reload();
  await expect(page.locator('.embed-placeholder')).toBeVisible();
  expect(problems).toEqual([]);
});

test('allowing from the placeholder loads the video and closes the dialog; withdrawal removes it', async ({ page }) => {
  await page.goto('/en/');
  await waitForHydration(page, 'Menu');
  await page.locator('.embed-placeholder').getByRole('button', { name: 'Accept all cookies' }).click();
  await expect(page.locator('.embed iframe')).toBeVisible();
  await expect(page.getByRole('dialog')).toBeHidden();

  await page.getByRole('link', { name: 'Cookie settings' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Withdraw consent' }).click();
  await expect(page.locator('.embed iframe')).toHaveCount(0);
  await expect(page.locator('.embed-placeholder')).toBeVisible();
});

test.describe('granular mode', () => {
  test.use({ baseURL: granularURL });

  test('"Always allow external media" keeps marketing off', async ({ page, context }) => {
    const requests = recordVideoRequests(page);
    await page.goto('/sv/');
    await waitForHydration(page, 'Meny');
    expect(requests).toEqual([]);
    await page.locator('.embed-placeholder').getByRole('button', { name: 'Tillåt alltid externa medier' }).click();
    await expect(page.locator('.embed iframe')).toBeVisible();
    await page.reload();
    await expect(page.locator('.embed iframe')).toBeVisible();
    await page.getByRole('link', { name: 'Kakinställningar' }).click();
    await expect(page.getByRole('dialog').getByText('Du har godkänt: Externa medier (YouTube)')).toBeVisible();
    expect((await context.cookies()).map((c) => c.name)).toEqual(['consent']);
  });
});

test.describe('granular mode with Global Privacy Control', () => {
  test.use({ baseURL: granularURL, extraHTTPHeaders: { 'Sec-GPC': '1' } });

  test('"Accept all but marketing" loads the video, never the marketing script', async ({ page, context }) => {
    const problems = watchConsole(page);
    const scriptRequests: string[] = [];
    page.on('request', (req) => {
      if (req.url().endsWith('/tag.js')) scriptRequests.push(req.url());
    });
    await page.goto('/en/');
    await waitForHydration(page, 'Menu');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Global Privacy Control');
    await dialog.getByRole('button', { name: 'Accept all but marketing' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.locator('.embed iframe')).toBeVisible();
    await page.reload();
    await waitForHydration(page, 'Menu');
    await expect(page.locator('.embed iframe')).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(scriptRequests).toEqual([]);
    const layer = await page.evaluate(() => JSON.stringify((window as any).dataLayer));
    expect(layer).not.toContain('"ad_storage":"granted"');
    expect((await context.cookies()).map((c) => c.name)).toEqual(['consent']);
    expect(problems).toEqual([]);
  });
});

test('the marketing script loads only after consent, with Consent Mode updated', async ({ page }) => {
  const scriptRequests: string[] = [];
  page.on('request', (req) => {
    if (req.url().endsWith('/tag.js')) scriptRequests.push(req.url());
  });
  await page.goto('/en/about');
  await waitForHydration(page, 'Menu');
  await page.waitForLoadState('networkidle');
  expect(scriptRequests).toEqual([]);
  const defaults = await page.evaluate(() => JSON.stringify((window as any).dataLayer));
  expect(defaults).toContain('"ad_storage":"denied"');

  await page.getByRole('dialog').getByRole('button', { name: 'Accept all cookies' }).click();
  await expect.poll(() => page.evaluate(() => (window as any).__thirdPartyLoaded)).toBe(true);
  expect(scriptRequests.length).toBe(1);
  const updated = await page.evaluate(() => JSON.stringify((window as any).dataLayer));
  expect(updated).toContain('"ad_storage":"granted"');
});
