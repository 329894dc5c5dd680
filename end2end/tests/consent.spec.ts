import { type Page, type BrowserContext } from '@playwright/test';
import { test, expect } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import { watchConsole, waitForHydration } from './helpers';

const granularURL = process.env.GRANULAR_URL ?? 'http://127.0.0.1:3001';

async function consentCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === 'consent');
}

function dialog(page: Page) {
  return page.getByRole('dialog');
}

test.describe('all-or-nothing mode', () => {
  test('accepting closes the dialog without a reload and is remembered', async ({ page, context }) => {
    const problems = watchConsole(page);
    await page.goto('/en/about');
    await expect(dialog(page)).toBeVisible();
    await waitForHydration(page, 'Menu');
    await expect(dialog(page)).toBeFocused();
    expect(await consentCookie(context)).toBeUndefined();

    await page.evaluate(() => ((window as any).__sameDocument = true));
    await dialog(page).getByRole('button', { name: 'Accept all cookies' }).click();
    await expect(dialog(page)).toBeHidden();
    await expect(page.getByRole('status')).toHaveText('Your choice has been saved.');
    expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
    const cookie = await consentCookie(context);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');

    await page.reload();
    await waitForHydration(page, 'Menu');
    await expect(dialog(page)).toBeHidden();
    expect(problems).toEqual([]);
  });

  test('"Not now" and Escape close the dialog and store nothing', async ({ page, context }) => {
    await page.goto('/en/');
    await waitForHydration(page, 'Menu');
    await dialog(page).getByRole('link', { name: 'Not now' }).click();
    await expect(dialog(page)).toBeHidden();
    expect(await consentCookie(context)).toBeUndefined();
    await page.reload();
    await waitForHydration(page, 'Menu');
    await expect(dialog(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toBeHidden();
    expect(await context.cookies()).toEqual([]);
  });

  test('cookie settings reopen the dialog and withdrawal removes the cookie', async ({ page, context }) => {
    await page.goto('/sv/');
    await waitForHydration(page, 'Meny');
    await dialog(page).getByRole('button', { name: 'Godkänn alla kakor' }).click();
    await expect(dialog(page)).toBeHidden();
    expect(await consentCookie(context)).toBeDefined();

    await page.getByRole('link', { name: 'Kakinställningar' }).click();
    await expect(dialog(page)).toBeVisible();
    await expect(page).toHaveURL(/\/sv\/$/);
    await dialog(page).getByRole('button', { name: 'Återkalla samtycke' }).click();
    // The marketing tag already ran on this page: the page comes back without it (and, with
    // no answer left in this mode, asks again).
    await expect.poll(() => consentCookie(context)).toBeUndefined();
    await expect(page.locator('script[src$="/tag.js"]')).toHaveCount(0);
    await page.reload();
    await expect(dialog(page)).toBeVisible();
  });

  test('keyboard only: the dialog takes focus and Enter accepts', async ({ page, context }) => {
    await page.goto('/en/cookie-policy');
    await waitForHydration(page, 'Menu');
    await expect(dialog(page)).toBeFocused();
    const accept = dialog(page).getByRole('button', { name: 'Accept all cookies' });
    for (let i = 0; i < 5 && !(await accept.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(accept).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog(page)).toBeHidden();
    expect(await consentCookie(context)).toBeDefined();
  });

  test('the open dialog has no accessibility violations', async ({ page }) => {
    await page.goto('/sv/cookie-policy');
    await expect(dialog(page)).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the buttons are a form that posts and comes back', async ({ page, context }) => {
      await page.goto('/en/get-started');
      await expect(dialog(page)).toBeVisible();
      await dialog(page).getByRole('button', { name: 'Accept all cookies' }).click();
      await expect(page).toHaveURL(/\/en\/get-started$/);
      await expect(dialog(page)).toBeHidden();
      expect(await consentCookie(context)).toBeDefined();
      await page.getByRole('link', { name: 'Cookie settings' }).click();
      await expect(dialog(page)).toBeVisible();
      await dialog(page).getByRole('button', { name: 'Withdraw consent' }).click();
      await expect(page).toHaveURL(/\/en\/get-started$/);
      expect(await consentCookie(context)).toBeUndefined();
    });

    test('"Not now" hides the dialog without storing anything', async ({ page, context }) => {
      await page.goto('/en/');
      await dialog(page).getByRole('link', { name: 'Not now' }).click();
      await expect(dialog(page)).toBeHidden();
      expect(await context.cookies()).toEqual([]);
    });
  });
});

test.describe('granular mode', () => {
  test.use({ baseURL: granularURL });

  test('reject and accept are equal first-layer buttons; choices are remembered', async ({ page, context }) => {
    const problems = watchConsole(page);
    await page.goto('/en/');
    await waitForHydration(page, 'Menu');
    const accept = dialog(page).getByRole('button', { name: 'Accept all' });
    const reject = dialog(page).getByRole('button', { name: 'Reject all' });
    await expect(accept).toBeVisible();
    await expect(reject).toBeVisible();
    const look = (el: Element) => {
      const s = getComputedStyle(el);
      return [s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.borderColor].join('|');
    };
    expect(await accept.evaluate(look)).toBe(await reject.evaluate(look));

    await reject.click();
    await expect(dialog(page)).toBeHidden();
    expect(await consentCookie(context)).toBeDefined();
    await page.reload();
    await expect(dialog(page)).toBeHidden();

    await page.getByRole('link', { name: 'Cookie settings' }).click();
    await dialog(page).locator('summary', { hasText: 'Choose' }).click();
    const media = dialog(page).getByLabel('External media (YouTube)');
    await expect(media).not.toBeChecked();
    await expect(dialog(page).getByLabel(/Necessary/)).toBeDisabled();
    await media.check();
    await dialog(page).getByRole('button', { name: 'Save choices' }).click();
    await expect(dialog(page)).toBeHidden();
    await page.reload();
    await page.getByRole('link', { name: 'Cookie settings' }).click();
    await expect(dialog(page).getByText('You have accepted: External media (YouTube)')).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('the granular dialog has no accessibility violations', async ({ page }) => {
    await page.goto('/en/');
    await dialog(page).locator('summary', { hasText: 'Choose' }).click();
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});

test.describe('the portal:consent event for the site\'s scripts', () => {
  test.use({ baseURL: granularURL });

  test('fires on document for a decision, on load with one, and for every change', async ({ page }) => {
    // Recorded from the first script of every page, as a site script would.
    await page.addInitScript(() => {
      (window as any).__events = [];
      document.addEventListener('portal:consent', (e) => (window as any).__events.push((e as CustomEvent).detail));
    });
    const events = () => page.evaluate(() => (window as any).__events);
    await page.goto('/en/about');
    await waitForHydration(page, 'Menu');
    expect(await events()).toEqual([]);
    expect(await page.evaluate(() => (window as any).portalConsent)).toBeUndefined();

    await dialog(page).getByRole('button', { name: 'Reject all' }).click();
    await expect(dialog(page)).toBeHidden();
    await expect.poll(events).toEqual([{ categories: ['necessary'], services: [], reason: 'change', first: true }]);

    // A page that comes with a decision tells it once, on load.
    await page.goto('/en/contact');
    await waitForHydration(page, 'Menu');
    await expect.poll(events).toEqual([{ categories: ['necessary'], services: [], reason: 'load', first: false }]);
    await page.getByRole('link', { name: 'Cookie settings' }).click();
    await dialog(page).getByRole('button', { name: 'Accept all' }).click();
    await expect(dialog(page)).toBeHidden();
    await expect.poll(events).toEqual([
      { categories: ['necessary'], services: [], reason: 'load', first: false },
      {
        categories: ['necessary', 'external_media', 'marketing'],
        services: ['youtube', 'google-ads'],
        reason: 'change',
        first: false,
      },
    ]);
    expect(await page.evaluate(() => (window as any).portalConsent.categories)).toEqual([
      'necessary', 'external_media', 'marketing',
    ]);
  });
});

test.describe('one decision for the agency\'s sites', () => {
  const port = process.env.SHARED_PORT ?? '3002';
  const www = `http://www.portal.test:${port}`;
  const forum = `http://forum.portal.test:${port}`;

  test('a decision on www is the decision on forum, which reads it from /consent.json', async ({ page, context }) => {
    await page.goto(`${www}/en/`);
    await waitForHydration(page, 'Menu');
    await dialog(page).getByRole('button', { name: 'Accept all' }).click();
    await expect(dialog(page)).toBeHidden();
    const shared = (await context.cookies(forum)).find((c) => c.name === 'consent');
    expect(shared?.domain).toBe('.portal.test');

    // A page of the sibling site asks www for the decision, with the shared cookie.
    await page.goto(`${forum}/robots.txt`);
    const read = (url: string) =>
      page.evaluate(async (u) => {
        try {
          return await (await fetch(u, { credentials: 'include' })).json();
        } catch {
          return 'refused';
        }
      }, url);
    expect(await read(`${www}/consent.json`)).toEqual({
      decided: true,
      revision: 1,
      categories: ['necessary', 'external_media', 'marketing'],
      services: ['youtube', 'google-ads'],
    });
    // An origin that is not configured cannot read it.
    await page.goto(`http://other.portal.test:${port}/robots.txt`);
    expect(await read(`${www}/consent.json`)).toBe('refused');

    // Withdrawn on www: forum's next read says so.
    await page.goto(`${www}/en/`);
    await waitForHydration(page, 'Menu');
    await page.getByRole('link', { name: 'Cookie settings' }).click();
    await dialog(page).getByRole('button', { name: 'Reject all' }).click();
    await expect(dialog(page)).toBeHidden();
    await page.goto(`${forum}/robots.txt`);
    expect(await read(`${www}/consent.json`)).toEqual({
      decided: true,
      revision: 1,
      categories: ['necessary'],
      services: [],
    });
  });
});

test.describe('withdrawing marketing clears the cookie its tag set', () => {
  const site = process.env.WITHDRAWAL_URL ?? 'http://127.0.0.1:3003';
  test.use({ baseURL: site });

  const tagCookie = async (context: BrowserContext) =>
    (await context.cookies(site)).find((c) => c.name === '_tag_id');

  test('with JavaScript: the tag sets it after consent, the answer to "Reject all" expires it', async ({ page, context }) => {
    await page.goto('/en/about');
    await waitForHydration(page, 'Menu');
    expect(await tagCookie(context)).toBeUndefined();
    await dialog(page).getByRole('button', { name: 'Accept all' }).click();
    await expect(dialog(page)).toBeHidden();
    await expect.poll(() => tagCookie(context)).toBeDefined();
    await page.getByRole('link', { name: 'Cookie settings' }).click();
    await dialog(page).getByRole('button', { name: 'Reject all' }).click();
    await expect(dialog(page)).toBeHidden();
    await expect.poll(() => tagCookie(context)).toBeUndefined();
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('the plain form\'s answer expires it too', async ({ page, context }) => {
      await page.goto('/en/about');
      await dialog(page).getByRole('button', { name: 'Accept all' }).click();
      await expect(page).toHaveURL(/\/en\/about$/);
      // What the tag would have set in a browser that ran it.
      await context.addCookies([{ name: '_tag_id', value: 'tracked', url: site }]);
      await page.getByRole('link', { name: 'Cookie settings' }).click();
      await dialog(page).getByRole('button', { name: 'Reject all' }).click();
      await expect(page).toHaveURL(/\/en\/about$/);
      expect(await tagCookie(context)).toBeUndefined();
      expect((await context.cookies(site)).map((c) => c.name)).toEqual(['consent']);
    });
  });
});
