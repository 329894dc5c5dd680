import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { waitForHydration } from './helpers';

// The server whose JobSearch spec lists the stand-in API on loopback, which the operator allows
// (scripts/browser-tests.sh). The stand-in records every request it gets.
const site = process.env.API_SITE_URL ?? 'http://127.0.0.1:3005';
const api = process.env.API_URL ?? 'http://127.0.0.1:3004';
test.use({ baseURL: site });

type Received = { method: string; path: string; query: Record<string, string[]>; api_key: string | null; cookie: string | null };
const received = async (page: Page): Promise<Received[]> =>
  (await page.request.get(`${api}/_control/log`)).json();

async function open(page: Page, path = '/en/apis/jobsearch') {
  await page.goto(path);
  const reject = page.getByRole('button', { name: 'Reject all' });
  if (await reject.isVisible()) await reject.click();
}

test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ page }) => {
  await page.request.post(`${api}/_control/clear`);
});

test('nothing is sent before "Send request"; then status, headers and the pretty body', async ({ page }) => {
  const toApi: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(api)) toApi.push(r.url());
  });
  await open(page);
  await waitForHydration(page, 'Menu');
  const form = page.locator('#try-op-search');
  await expect(form.getByRole('button', { name: 'Send request' })).toBeVisible();
  await form.getByLabel('q (query)').fill('data & co');
  await form.getByLabel('municipality (query)').fill('a1, b2');
  await form.getByLabel(/API key/).fill('secret-key-1');
  await page.waitForTimeout(300);
  expect(toApi, 'typing sends nothing').toEqual([]);
  expect(await received(page)).toEqual([]);

  await form.getByRole('button', { name: 'Send request' }).click();
  const box = page.locator('section.api-try', { has: form });
  await expect(box.locator('.api-try-status')).toContainText('HTTP 200');
  await expect(box.locator('.api-try-body')).toContainText('"headline": "Stand-in ad for data & co"');
  await expect(box.locator('.api-try-headers')).toContainText('content-type: application/json');
  await expect(box.locator('.api-try-headers')).toContainText('x-stand-in: yes');
  // The command shows the request without the key itself.
  const command = box.locator('.api-try-command code');
  await expect(command).toContainText(`curl -X GET '${api}/search?q=data%20%26%20co&municipality=a1&municipality=b2'`);
  await expect(command).toContainText("-H 'api-key: YOUR_API_KEY'");
  await expect(command).not.toContainText('secret-key-1');

  const got = await received(page);
  expect(got).toHaveLength(1);
  expect(got[0].path).toBe('/search');
  expect(got[0].query).toEqual({ q: ['data & co'], municipality: ['a1', 'b2'] });
  expect(got[0].api_key).toBe('secret-key-1');
  expect(got[0].cookie, 'no cookie goes to the API').toBeNull();

  // An answer that is not 200 is shown as it came.
  const ad = page.locator('#try-op-getad');
  await ad.getByLabel('id (path)').fill('nope');
  await ad.getByRole('button', { name: 'Send request' }).click();
  const adBox = page.locator('section.api-try', { has: ad });
  await expect(adBox.locator('.api-try-status')).toContainText('HTTP 404');
  await expect(adBox.locator('.api-try-body')).toContainText('"message": "no ad nope"');
});

test('the key is kept for the tab only', async ({ page, context }) => {
  await open(page);
  await waitForHydration(page, 'Menu');
  await page.locator('#try-op-search').getByLabel(/API key/).fill('tab-key');
  await page.reload();
  await waitForHydration(page, 'Menu');
  await expect(page.locator('#try-op-search').getByLabel(/API key/)).toHaveValue('tab-key');
  // Every operation of the API uses the same key.
  await expect(page.locator('#try-op-getad').getByLabel(/API key/)).toHaveValue('tab-key');
  const cookies = await context.cookies();
  expect(cookies.map((c) => c.value).join(' ')).not.toContain('tab-key');
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
  // Another tab does not see it.
  const other = await context.newPage();
  await other.goto('/en/apis/jobsearch');
  await waitForHydration(other, 'Menu');
  await expect(other.locator('#try-op-search').getByLabel(/API key/)).toHaveValue('');
  // Emptying the field forgets it.
  await page.locator('#try-op-search').getByLabel(/API key/).fill('');
  await page.reload();
  await waitForHydration(page, 'Menu');
  await expect(page.locator('#try-op-search').getByLabel(/API key/)).toHaveValue('');
});

test('the policy lets the page connect only to its own origin and the allowed API', async ({ page }) => {
  const response = await page.request.get('/en/apis/jobsearch');
  const csp = response.headers()['content-security-policy'];
  const connect = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src'));
  expect(connect).toBe(`connect-src 'self' ${api}`);
  // An API whose servers are not allowed here has no form at all.
  const stream = await (await page.request.get('/en/apis/jobstream')).text();
  expect(stream).toContain('id="op-snapshot"');
  expect(stream).not.toContain('class="api-try"');
});

for (const [path, menu] of [
  ['/en/apis/jobsearch', 'Menu'],
  ['/sv/apis/jobsearch', 'Meny'],
  ['/en/status/', 'Menu'],
  ['/sv/status/', 'Meny'],
] as const) {
  test(`${path} passes axe, with an answer shown`, async ({ page }) => {
    await page.goto(path);
    const reject = page.getByRole('button', { name: /Reject all|Neka alla/ });
    if (await reject.isVisible()) await reject.click();
    await waitForHydration(page, menu);
    const form = page.locator('#try-op-search');
    if (await form.count()) {
      await form.locator('input[name="query.q"]').fill('data');
      await form.locator('button[data-send]').click();
      await expect(page.locator('section.api-try', { has: form }).locator('.api-try-status')).toContainText('HTTP 200');
    }
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form shows the curl command for the values entered and calls nothing', async ({ page }) => {
    await page.goto('/en/apis/jobsearch');
    const form = page.locator('#try-op-search');
    await expect(form.getByRole('button', { name: 'Send request' })).toBeHidden();
    await expect(form.getByLabel(/API key/)).toBeHidden();
    await form.getByLabel('q (query)').fill('lärare');
    await form.getByLabel('remote (query)').selectOption('true');
    await form.getByRole('button', { name: 'Show as curl' }).click();
    await expect(page).toHaveURL(/\?try=op-search&.*#try-op-search$/);
    const command = page.locator('section.api-try', { has: page.locator('#try-op-search') }).locator('.api-try-command code');
    await expect(command).toHaveText(`curl -X GET '${api}/search?q=l%C3%A4rare&remote=true'`);
    await expect(page.locator('#try-op-search').getByLabel('q (query)')).toHaveValue('lärare');
    expect(await received(page)).toEqual([]);
  });
});
