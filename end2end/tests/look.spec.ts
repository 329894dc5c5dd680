import { test, expect } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import * as path from 'path';
import { mailedLink, outboxOf, register, uniqueEmail, waitForHydration } from './helpers';

// The site as a person sees it: screenshots of the main page kinds at three widths in both
// languages, compared with the baselines in `__screenshots__/` (update them with
// `scripts/test.sh --update-screenshots` after a deliberate change of look).

// The granular server: its dialog has "Reject all", which leaves the later pages without it,
// and the session cookie needs no consent there.
test.use({ baseURL: process.env.GRANULAR_URL ?? 'http://127.0.0.1:3001' });

const WIDTHS = [360, 768, 1280];
const KINDS = [
  { name: 'home', en: '/en/', sv: '/sv/' },
  { name: 'policy', en: '/en/cookie-policy', sv: '/sv/cookie-policy' },
  { name: 'api-page', en: '/en/apis/jobsearch', sv: '/sv/apis/jobsearch' },
  { name: 'news', en: '/en/news/', sv: '/sv/nyheter/' },
  { name: 'register', en: '/en/register', sv: '/sv/register' },
];

/** Answers the cookie dialog ("Reject all") so that later pages show it closed. */
async function answerDialog(page: Page, lang: 'en' | 'sv') {
  await page.goto(`/${lang}/`);
  await waitForHydration(page, lang === 'sv' ? 'Meny' : 'Menu');
  await page.getByRole('button', { name: lang === 'sv' ? 'Neka alla' : 'Reject all' }).first().click();
  await expect(page.locator('.consent-dialog')).toBeHidden();
}

async function settle(page: Page, lang: 'en' | 'sv') {
  await waitForHydration(page, lang === 'sv' ? 'Meny' : 'Menu');
  await page.evaluate(() => document.fonts.ready);
}

for (const lang of ['en', 'sv'] as const) {
  for (const width of WIDTHS) {
    test(`${lang} at ${width} px: the main page kinds look as they should`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      // The dialog as a first visit shows it.
      await page.goto(`/${lang}/`);
      await settle(page, lang);
      await expect(page).toHaveScreenshot(`${lang}-${width}-home-dialog.png`);
      await answerDialog(page, lang);
      for (const kind of KINDS) {
        await page.goto(kind[lang]);
        await settle(page, lang);
        await expect(page).toHaveScreenshot(`${lang}-${width}-${kind.name}.png`, { fullPage: true });
      }
      // The showcase's companies come and go with other tests: the page down to its list (a
      // card is compared in a test of its own).
      await page.goto(`/${lang}/showcase`);
      await settle(page, lang);
      const list = await page.locator('.showcase, .showcase-empty').first().boundingBox();
      expect(list).toBeTruthy();
      await expect(page).toHaveScreenshot(`${lang}-${width}-showcase.png`, {
        clip: { x: 0, y: 0, width, height: Math.ceil(list!.y) },
      });
    });
  }
}

test('the account page: the showcase checkbox sits before its label, on its line', async ({ page }) => {
  await register(page, 'Look Checkbox AB');
  const box = await page.locator('#f-published').boundingBox();
  const label = await page.locator('label[for="f-published"]').boundingBox();
  expect(box && label).toBeTruthy();
  if (!box || !label) return;
  expect(box.x + box.width).toBeLessThanOrEqual(label.x);
  expect(Math.abs(box.y + box.height / 2 - (label.y + label.height / 2))).toBeLessThan(6);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await expect(page.locator('form:has(#f-published)')).toHaveScreenshot(`en-${width}-account-profile.png`, {
      mask: [page.locator('input[type="email"], input[type="url"], textarea')],
    });
  }
});

test('a company card on the showcase: logo at its own ratio, description clamped, links', async ({ page, baseURL }) => {
  const email = uniqueEmail('look-card');
  await register(page, 'Look Card AB', email);
  await page.getByLabel('Description').fill(
    'Builds a job matching service on the open job ads and the taxonomy. '.repeat(6).trim());
  await page.getByLabel('Website').fill('https://card.example');
  await page.getByLabel('Social media links (one per line)').fill('https://social.example/lookcard');
  await page.getByLabel('Show the company on the showcase').check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('The profile is saved.')).toBeVisible();
  const corpus = path.join(__dirname, '../../server/tests/corpus/ok-large.jpg');
  await page.getByLabel('Logo file (PNG, JPEG, WebP or SVG)').setInputFiles(corpus);
  await page.getByRole('button', { name: 'Upload the logo' }).click();
  await expect(page.getByText('The logo is saved.')).toBeVisible();
  await page.goto(await mailedLink(outboxOf(baseURL), email, '/en/verify?token='));
  await page.getByRole('button', { name: 'Confirm the address' }).click();
  await expect(page).toHaveURL(/\/en\/account\?done=verified$/);

  await page.goto('/en/showcase');
  const card = page.locator('.showcase-item', { hasText: 'Look Card AB' }).first();
  const img = card.locator('img');
  await expect(img).toBeVisible();
  const ratio = await img.evaluate((i: HTMLImageElement) => {
    const box = i.getBoundingClientRect();
    return { shown: box.width / box.height, natural: i.naturalWidth / i.naturalHeight };
  });
  expect(Math.abs(ratio.shown - ratio.natural)).toBeLessThan(0.02);
  const clamped = await card.locator('.showcase-description')
    .evaluate((p) => p.scrollHeight > p.clientHeight + 2);
  expect(clamped, 'a long description is cut to four lines').toBe(true);
  await expect(card.getByRole('link', { name: 'Website' })).toHaveAttribute('rel', 'nofollow ugc noopener noreferrer');
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await expect(card).toHaveScreenshot(`en-${width}-showcase-card.png`);
  }
});

test('home: a hero with a call to action for each audience, and cards to the sections', async ({ page }) => {
  await page.goto('/en/');
  const hero = page.locator('.hero');
  await expect(hero.getByRole('heading', { level: 1 })).toHaveText('JobTech Development');
  await expect(hero.getByRole('link', { name: 'Get started with the APIs' })).toHaveAttribute('href', '/en/get-started');
  await expect(hero.getByRole('link', { name: 'Join the showcase' })).toHaveAttribute('href', '/en/showcase');
  const cards = page.locator('.cards .card');
  await expect(cards.getByRole('link', { name: 'APIs' })).toHaveAttribute('href', '/en/apis/');
  expect(await cards.count()).toBeGreaterThanOrEqual(4);
  // The video placeholder: a play affordance and the video's title, and no request to YouTube.
  const placeholder = page.locator('.embed-placeholder');
  await expect(placeholder.locator('.play-icon')).toBeVisible();
  await expect(placeholder.locator('.embed-title')).toHaveText('JobTech Development on YouTube');
});

test('the footer names the publisher and links the statements every page needs', async ({ page }) => {
  for (const [path, links] of [
    ['/en/news/', ['Cookie Policy', 'Cookie settings', 'Accessibility', 'Contact']],
    ['/sv/apis/', ['Kakpolicy', 'Kakinställningar', 'Tillgänglighet', 'Kontakt']],
  ] as const) {
    await page.goto(path);
    const footer = page.locator('footer');
    await expect(footer.locator('address')).toContainText('202100-2114');
    await expect(footer.locator('address')).toContainText('Hälsingegatan 38, 113 99 Stockholm');
    for (const name of links) await expect(footer.getByRole('link', { name, exact: true })).toHaveCount(1);
  }
  await page.goto('/sv/');
  await page.locator('footer').getByRole('link', { name: 'Tillgänglighet' }).click();
  await expect(page).toHaveURL(/\/sv\/tillganglighet$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tillgänglighetsredogörelse');
});

test('on a narrow screen, hydration moves nothing: the menu is collapsed from the first paint', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.addInitScript(() => {
    (window as unknown as { shifts: number }).shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        (window as unknown as { shifts: number }).shifts += (entry as unknown as { value: number }).value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  for (const path of ['/en/', '/en/news/', '/sv/apis/jobsearch']) {
    await page.goto(path);
    await waitForHydration(page, path.startsWith('/sv') ? 'Meny' : 'Menu');
    await page.waitForTimeout(300);
    const shifts = await page.evaluate(() => (window as unknown as { shifts: number }).shifts);
    expect(shifts, `${path}: cumulative layout shift`).toBeLessThan(0.01);
  }
});

test('when the wasm never arrives, a narrow screen still opens the menu (a link to it)', async ({ page }) => {
  await page.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/en/');
  const nav = page.locator('#site-nav');
  await expect(nav).toBeHidden();
  await expect(page.locator('button.menu-toggle')).toBeHidden();
  await page.locator('a.menu-link').click();
  await expect(nav.getByRole('link', { name: 'APIs' })).toBeVisible();
});

test('printing a page leaves out the header chrome and writes out link targets', async ({ page }) => {
  await page.goto('/en/contact');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.consent-dialog')).toBeHidden();
  const after = await page.locator('.content a[href^="mailto:"]').first()
    .evaluate((a) => getComputedStyle(a, '::after').content);
  expect(after).toContain('mailto:jobtechdev@arbetsformedlingen.se');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe is clean in the ${scheme} colour scheme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of ['/en/', '/sv/', '/en/cookie-policy', '/en/apis/jobsearch', '/sv/nyheter/', '/en/showcase',
      '/en/register', '/sv/login', '/en/accessibility', '/sv/kontakt', '/en/search?q=api']) {
      await page.goto(path);
      await waitForHydration(page, path.startsWith('/sv') ? 'Meny' : 'Menu');
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
      expect(results.violations.map((v) => `${path}: ${v.id} ${v.nodes[0]?.target}`)).toEqual([]);
    }
  });
}

// Nothing is wider than a phone: at 360 px every page kind, in both languages, is exactly as
// wide as the viewport (a wide table scrolls inside its own box; long words wrap).
const PHONE_PAGES = {
  en: ['/en/', '/en/cookie-policy', '/en/apis/', '/en/apis/jobsearch', '/en/news/', '/en/news/jobad-enrichments',
    '/en/showcase', '/en/about', '/en/accessibility', '/en/contact', '/en/get-started', '/en/register', '/en/login',
    '/en/forgot', '/en/search?q=api', '/en/no-such-page', '/en/account', '/admin/login'],
  sv: ['/sv/', '/sv/cookie-policy', '/sv/apis/', '/sv/apis/taxonomy', '/sv/nyheter/', '/sv/about', '/sv/showcase',
    '/sv/tillganglighet', '/sv/kontakt', '/sv/get-started', '/sv/register', '/sv/login', '/sv/forgot', '/sv/sok?q=api',
    '/sv/finns-inte', '/sv/account'],
};

for (const lang of ['en', 'sv'] as const) {
  test(`${lang} at 360 px: no page is wider than the screen`, async ({ page }) => {
    await register(page, `Narrow ${lang} AB`);
    await page.setViewportSize({ width: 360, height: 800 });
    for (const path of PHONE_PAGES[lang]) {
      await page.goto(path);
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(widths, path).toEqual([360, 360]);
    }
  });
}
