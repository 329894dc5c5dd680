import { expect, type Page } from '@playwright/test';

/** Collects console errors and warnings and uncaught exceptions of a page. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') {
      problems.push(`${msg.type()}: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()}`));
  return problems;
}

/** Waits until the islands are hydrated: the Menu button loses its `hidden` attribute. */
export async function waitForHydration(page: Page, label: string) {
  const button = page.locator('button.menu-toggle', { hasText: label });
  await expect(button).toHaveCount(1);
  await expect(page.locator('button.menu-toggle:not([hidden])')).toHaveCount(1);
  return button;
}
