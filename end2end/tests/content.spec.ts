import { test, expect } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import { waitForHydration, watchConsole } from './helpers';

/** The new kinds of page in both languages: section index, section page, news list, article,
 * search results. */
const PAGES = [
  '/en/apis/', '/sv/apis/jobsearch', '/en/news/', '/sv/nyheter/jobad-enrichments',
  '/en/search?q=job+ads', '/sv/sok?q=annonser', '/en/search?q=zzqqxx',
];

async function noViolations(page: import('@playwright/test').Page, path: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${path}: ${v.id} ${v.nodes[0]?.target}`)).toEqual([]);
}

test('sections, news, articles and search have no accessibility violations', async ({ page }) => {
  const problems = watchConsole(page);
  for (const path of PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await waitForHydration(page, path.startsWith('/sv') ? 'Meny' : 'Menu');
    await noViolations(page, path);
  }
  expect(problems).toEqual([]);
});

test('the header search leads to marked results; the sidebar marks the page', async ({ page }) => {
  await page.goto('/en/apis/jobstream');
  await expect(page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'APIs' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search the site' }).first().fill('taxonomy skills');
  await page.getByRole('searchbox', { name: 'Search the site' }).first().press('Enter');
  await expect(page).toHaveURL(/\/en\/search\?q=taxonomy\+skills$/);
  const first = page.locator('.search-results li').first();
  await expect(first.getByRole('link')).toHaveText('JobTech Taxonomy');
  await expect(first.locator('mark').first()).toBeVisible();
  await first.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('JobTech Taxonomy');
  await expect(page.locator('.section-nav [aria-current="page"]')).toHaveText('JobTech Taxonomy');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('search works from the header', async ({ page }) => {
    await page.goto('/sv/nyheter/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nyheter');
    await page.getByRole('searchbox', { name: 'Sök på webbplatsen' }).first().fill('webbinarier');
    await page.getByRole('button', { name: 'Sök' }).first().click();
    await expect(page).toHaveURL(/\/sv\/sok\?q=webbinarier$/);
    await expect(page.locator('.search-results li').first().getByRole('link')).toContainText('Webbinarier');
  });
});

// axe runs as a script, so "without JavaScript" here means: the site's own scripts and wasm
// never load, and the page stays as the server sent it.
test('the new pages as the server sends them (no site scripts) have no violations', async ({ page }) => {
  await page.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page.locator('button.menu-toggle')).toBeHidden();
    await noViolations(page, path);
  }
});
