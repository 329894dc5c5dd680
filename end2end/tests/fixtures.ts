import { test as base, expect } from '@playwright/test';

/**
 * Playwright's `test`, with two rules for every page of every test: the browser must not report
 * a Content-Security-Policy violation (a console message, or the DOM's
 * `securitypolicyviolation` event, which also catches reports that never reach the console),
 * and the bundle the page loaded must have every island on it (the loader warns of one it
 * cannot find: an island missing from the first-visit bundle).
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ context }, use) => {
      const violations: string[] = [];
      const missing: string[] = [];
      const watch = (page: import('@playwright/test').Page) => {
        page.on('console', (msg) => {
          if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) {
            violations.push(`${page.url()}: ${msg.text()}`);
          }
          if (msg.text().includes('Could not find WASM function')) {
            missing.push(`${page.url()}: ${msg.text()}`);
          }
        });
      };
      await context.exposeBinding('__cspViolation', ({ page }, text: string) => {
        violations.push(`${page.url()}: ${text}`);
      });
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          // @ts-expect-error: the binding exposed above
          window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`);
        });
      });
      context.on('page', watch);
      context.pages().forEach(watch);
      await use();
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
      expect(missing, 'islands the loaded bundle lacks').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
