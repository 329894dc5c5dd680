import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { waitForHydration } from './helpers';

// The server with services (scripts/browser-tests.sh): Matomo, the videos and a marketing tag,
// all on the stand-in host, which records Matomo's hits and the tag's opt-outs.
const site = process.env.WITHDRAWAL_URL ?? 'http://127.0.0.1:3003';
const host = process.env.VIDEO_URL ?? 'http://127.0.0.1:3001';
test.use({ baseURL: site });

const dialog = (page: Page) => page.locator('section.consent-dialog');

/** A fragment of this test's own, so that its hits are told apart from other tests'. */
const marker = () => `visit=${Math.random().toString(36).slice(2)}`;

type Log = { hits: { url?: string }[]; optouts: { url?: string }[] };
const log = async (page: Page): Promise<Log> => (await page.request.get(`${host}/log`)).json();
const hitsOf = async (page: Page, mark: string) =>
  (await log(page)).hits.filter((h) => decodeURIComponent(h.url ?? '').includes(mark)).length;
const cookieNames = async (context: BrowserContext) =>
  (await context.cookies(site)).map((c) => c.name).sort();

async function choose(page: Page, labels: string[]) {
  if (!(await dialog(page).isVisible())) {
    await page.getByRole('link', { name: 'Cookie settings' }).click();
  }
  await expect(dialog(page)).toBeVisible();
  const choices = dialog(page).locator('details.consent-choices');
  if (!(await choices.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await choices.locator('summary').click();
  }
  for (const box of await dialog(page).locator('input[type=checkbox]:not([disabled])').all()) {
    await box.setChecked(false);
  }
  for (const label of labels) {
    await dialog(page).getByLabel(label, { exact: true }).check();
  }
  await dialog(page).getByRole('button', { name: 'Save choices' }).click();
  await expect(dialog(page)).toBeHidden();
}

test('Matomo counts nothing before consent, counts after it, and nothing after withdrawal', async ({ page, context }) => {
  const mark = marker();
  await page.goto(`/en/about#${mark}`);
  await waitForHydration(page, 'Menu');
  await page.waitForTimeout(500);
  expect(await hitsOf(page, mark), 'no hit before consent').toBe(0);
  expect(await cookieNames(context)).toEqual([]);

  // Matomo alone, by its own switch.
  await choose(page, ['Matomo']);
  await expect.poll(() => hitsOf(page, mark), { message: 'the page view once allowed' }).toBe(1);
  await expect.poll(async () => (await cookieNames(context)).some((n) => n.startsWith('_pk_id.1.'))).toBe(true);
  const names = await cookieNames(context);
  expect(names.some((n) => n.startsWith('_tag_id')), 'the tag was not allowed').toBe(false);
  await page.goto(`/en/contact#${mark}`);
  await expect.poll(() => hitsOf(page, mark)).toBe(2);

  // Withdrawn: Matomo's cookies go (its own forgetConsentGiven and the server's answer), the
  // page reloads without the tracker, and the next pages are not counted.
  await page.getByRole('link', { name: 'Cookie settings' }).click();
  await dialog(page).getByRole('button', { name: 'Reject all' }).click();
  await expect.poll(() => cookieNames(context)).toEqual(['consent']);
  await expect(page.locator('script[src$="/matomo/matomo.js"]')).toHaveCount(0);
  await page.goto(`/en/get-started#${mark}`);
  await page.waitForTimeout(500);
  expect(await hitsOf(page, mark), 'no hit after withdrawal').toBe(2);
});

test('withdrawing the tag calls its opt-out, clears its cookie and storage, and stops it', async ({ page, context }) => {
  const mark = marker();
  await page.goto(`/en/about#${mark}`);
  await waitForHydration(page, 'Menu');
  await dialog(page).getByRole('button', { name: 'Accept all' }).click();
  await expect(dialog(page)).toBeHidden();
  await expect.poll(() => cookieNames(context)).toContain('_tag_id');
  expect(await page.evaluate(() => localStorage.getItem('tag:visits'))).not.toBeNull();

  // The tag sets its cookie again every 200 ms: only stopping it keeps it gone.
  await choose(page, ['YouTube', 'Matomo']);
  await expect.poll(() => cookieNames(context)).not.toContain('_tag_id');
  await page.waitForTimeout(1000);
  expect(await cookieNames(context)).not.toContain('_tag_id');
  expect(await page.evaluate(() => localStorage.getItem('tag:visits'))).toBeNull();
  expect(await page.evaluate(() => (window as unknown as { __thirdPartyLoaded?: boolean }).__thirdPartyLoaded))
    .toBeUndefined();
  const optouts = (await log(page)).optouts.filter((o) => decodeURIComponent(o.url ?? '').includes(mark));
  expect(optouts.length, 'the tag was told').toBe(1);
  // What stays allowed stays: Matomo still counts.
  expect((await cookieNames(context)).some((n) => n.startsWith('_pk_id.1.'))).toBe(true);
});

test('a category switch moves its services, and the event names the services', async ({ page }) => {
  await page.goto('/en/about');
  await waitForHydration(page, 'Menu');
  await page.evaluate(() => {
    document.addEventListener('portal:consent', (e) => {
      (window as unknown as { seen: unknown }).seen = (e as CustomEvent).detail;
    });
  });
  const choices = dialog(page).locator('details.consent-choices');
  await choices.locator('summary').click();
  await dialog(page).getByLabel('External media', { exact: false }).first().check();
  await expect(dialog(page).getByLabel('YouTube', { exact: true })).toBeChecked();
  await dialog(page).getByLabel('YouTube', { exact: true }).uncheck();
  await expect(dialog(page).getByLabel(/^External media/)).not.toBeChecked();
  await dialog(page).getByLabel('Stand-in tag', { exact: true }).check();
  await expect(dialog(page).getByLabel(/^Marketing/)).toBeChecked();
  await dialog(page).getByRole('button', { name: 'Save choices' }).click();
  await expect(dialog(page)).toBeHidden();
  await expect.poll(() => page.evaluate(() => (window as unknown as { seen?: unknown }).seen)).toEqual({
    categories: ['necessary', 'marketing'],
    services: ['tag'],
    reason: 'change',
    first: true,
  });
});
