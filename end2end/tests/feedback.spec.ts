import { test, expect } from './fixtures';
import { waitForHydration } from './helpers';

// "Was this page helpful?" on the default server: in place with JavaScript, as a plain form
// without it.

test('with JavaScript the answer is sent in place and the form gives way to the thanks', async ({ page }) => {
  await page.goto('/en/apis/taxonomy');
  const reject = page.getByRole('button', { name: 'Reject all' });
  if (await reject.isVisible()) await reject.click();
  await waitForHydration(page, 'Menu');
  const section = page.locator('#page-feedback');
  await expect(section.getByRole('group', { name: 'Was this page helpful?' })).toBeVisible();
  await section.getByLabel('What could be better? (optional)').fill('More examples of concept types.');
  const url = page.url();
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/feedback') && r.method() === 'POST');
  await section.getByRole('button', { name: 'No' }).click();
  const body = (await sent).postData() ?? '';
  expect(body).toContain('helpful=no');
  expect(body).toContain('page=%2Fen%2Fapis%2Ftaxonomy');
  await expect(section.getByRole('status')).toHaveText('Thank you for your answer.');
  await expect(section.locator('form')).toBeHidden();
  expect(page.url(), 'no navigation').toBe(url);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the plain form comes back to the page, which thanks', async ({ page }) => {
    await page.goto('/sv/apis/taxonomy');
    const section = page.locator('#page-feedback');
    await section.getByRole('button', { name: 'Ja' }).click();
    await expect(page).toHaveURL(/\/sv\/apis\/taxonomy\?feedback=thanks#page-feedback$/);
    await expect(page.locator('#page-feedback').getByRole('status')).toHaveText('Tack för ditt svar.');
    await expect(page.locator('#page-feedback form')).toBeHidden();
  });
});
