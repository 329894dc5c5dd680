import { test, expect } from './fixtures';
import { watchConsole, waitForHydration } from './helpers';

/** The wasm files a page fetched, by name without the hash (`portal-first`, `portal`). */
function wasmFetched(page: import('@playwright/test').Page): string[] {
  const names: string[] = [];
  page.on('request', (req) => {
    const m = /\/pkg\/([a-z-]+)\.[^/]*\.wasm$/.exec(new URL(req.url()).pathname);
    if (m) names.push(m[1]);
  });
  return names;
}

test('a content page loads the first-visit bundle only, and its islands work', async ({ page }) => {
  const problems = watchConsole(page);
  const wasm = wasmFetched(page);
  await page.goto('/en/cookie-policy');
  await waitForHydration(page, 'Menu');
  expect(wasm).toEqual(['portal-first']);
  // The consent dialog is an island of that bundle: a choice is saved in place.
  await page.getByRole('button', { name: /Accept all/ }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /saved/i })).toHaveCount(1);
  expect(problems).toEqual([]);
});

test('a page with a form island loads the full bundle', async ({ page }) => {
  const problems = watchConsole(page);
  const wasm = wasmFetched(page);
  await page.goto('/en/login');
  await waitForHydration(page, 'Menu');
  await expect.poll(() => wasm).toEqual(['portal']);
  expect(problems).toEqual([]);
});
