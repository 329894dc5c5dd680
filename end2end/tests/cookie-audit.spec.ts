import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { register } from './helpers';

/**
 * The cookie audit: every page of the sitemap, in real Chromium, in each consent state. Every
 * cookie, storage key and request to another origin is recorded and must be allowed, in that
 * state, by the cookie table the policy page publishes (the same declarations the server
 * decides with). A report per site and state (the table next to what was seen) is written to
 * `end2end/cookie-audit/`.
 */

type Declared = {
  category: string;
  service: string | null;
  name: string;
  kind: 'cookie' | 'storage';
};
type Service = { id: string; category: string; loads: string[] };
type Table = { declared: Declared[]; services: Service[]; categories: Service[] };
type Seen = { kind: 'cookie' | 'storage' | 'request'; name: string; page: string; allowed: boolean };
type State = {
  name: string;
  /** The consent form to post, if any. */
  form?: Record<string, string | string[]>;
  /** The granted categories and services (ids), to check against. */
  categories: string[];
  services: 'all' | string[];
  company?: boolean;
};

const sites = [
  {
    name: 'defaults',
    url: process.env.BASE_URL ?? 'http://127.0.0.1:3000',
    states: [
      { name: 'no decision', categories: ['necessary'], services: [] },
      { name: 'accepted', form: { choice: 'accept_all' }, categories: ['all'], services: 'all' },
      {
        name: 'a company logged in',
        form: { choice: 'accept_all' },
        categories: ['all'],
        services: 'all',
        company: true,
      },
    ] as State[],
  },
  {
    name: 'matomo-video-tag',
    url: process.env.WITHDRAWAL_URL ?? 'http://127.0.0.1:3003',
    states: [
      { name: 'no decision', categories: ['necessary'], services: [] },
      { name: 'rejected', form: { choice: 'reject_all' }, categories: ['necessary'], services: [] },
      { name: 'accepted', form: { choice: 'accept_all' }, categories: ['all'], services: 'all' },
      ...['statistics', 'external_media', 'marketing'].map((category) => ({
        name: `${category} alone`,
        form: { choice: 'save', category },
        categories: ['necessary', category],
        services: 'all',
      })),
    ] as State[],
  },
];

/** The cookie table as the English policy page publishes it. */
async function readTable(page: Page): Promise<Table> {
  await page.goto('/en/cookie-policy');
  return page.evaluate(() => {
    const declared: Declared[] = [];
    const services: Service[] = [];
    const categories: Service[] = [];
    const split = (loads?: string) => (loads ?? '').split(' ').filter(Boolean);
    for (const table of document.querySelectorAll<HTMLTableElement>('table.cookie-table')) {
      const category = table.dataset.category ?? '';
      categories.push({ id: category, category, loads: split(table.dataset.loads) });
      for (const body of table.tBodies) {
        const service = body.dataset.service ?? null;
        if (service) {
          services.push({ id: service, category, loads: split(body.dataset.loads) });
        }
        for (const row of body.rows) {
          const name = row.querySelector('th[scope=row] code')?.textContent;
          if (name) {
            declared.push({ category, service, name, kind: row.dataset.kind === 'storage' ? 'storage' : 'cookie' });
          }
        }
      }
    }
    return { declared, services, categories };
  });
}

const matches = (declared: string, actual: string) =>
  declared.endsWith('*') ? actual.startsWith(declared.slice(0, -1)) : declared === actual;

/** Every page the sitemap names, as paths. */
async function sitemap(page: Page, base: string): Promise<string[]> {
  const xml = await (await page.request.get(`${base}/sitemap.xml`)).text();
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  expect(paths.length, 'the sitemap names pages').toBeGreaterThan(10);
  return [...new Set(paths)];
}

function report(site: string, state: State, table: Table, seen: Seen[], pages: number) {
  const lines = [
    `# Cookie audit: ${site}, ${state.name}`,
    '',
    `${pages} pages visited. Granted: ${state.categories.join(', ')}; services: ${
      state.services === 'all' ? 'all of those categories' : state.services.join(', ') || 'none'
    }.`,
    '',
    '## Declared (the policy page\'s table)',
    '',
    '| category | service | name | kind | allowed now |',
    '|---|---|---|---|---|',
    ...table.declared.map(
      (d) => `| ${d.category} | ${d.service ?? '(site)'} | \`${d.name}\` | ${d.kind} | ${allows(state, table, d) ? 'yes' : 'no'} |`,
    ),
    '',
    '## Observed',
    '',
    '| kind | name | first page | verdict |',
    '|---|---|---|---|',
    ...seen.map((s) => `| ${s.kind} | \`${s.name}\` | ${s.page} | ${s.allowed ? 'declared' : '**NOT ALLOWED**'} |`),
    '',
  ];
  const dir = path.join(__dirname, '..', 'cookie-audit');
  mkdirSync(dir, { recursive: true });
  const file = `${site}-${state.name.replace(/\W+/g, '-')}.md`;
  writeFileSync(path.join(dir, file), lines.join('\n'));
  return lines.join('\n');
}

function categoryGranted(state: State, category: string) {
  return category === 'necessary' || state.categories.includes('all') || state.categories.includes(category);
}

function serviceGranted(state: State, table: Table, id: string) {
  const service = table.services.find((s) => s.id === id);
  if (!service || !categoryGranted(state, service.category)) return false;
  return state.services === 'all' || state.services.includes(id);
}

function allows(state: State, table: Table, d: Declared) {
  return d.service ? serviceGranted(state, table, d.service) : categoryGranted(state, d.category);
}

async function enter(page: Page, context: BrowserContext, base: string, state: State) {
  if (state.form) {
    const answer = await context.request.post(`${base}/consent`, {
      form: state.form as Record<string, string>,
      headers: { origin: base },
      maxRedirects: 0,
    });
    expect(answer.status(), `${state.name}: the decision is taken`).toBe(303);
  }
  if (state.company) {
    await register(page, 'Audit AB');
  }
}

for (const site of sites) {
  test.describe(`cookie audit: ${site.name}`, () => {
    test.use({ baseURL: site.url });
    for (const state of site.states) {
      test(state.name, async ({ page, context }, testInfo) => {
        test.setTimeout(180_000);
        const table = await readTable(page);
        expect(table.declared.length, 'the policy page declares cookies').toBeGreaterThan(0);
        const pages = await sitemap(page, site.url);
        await context.clearCookies();
        await enter(page, context, site.url, state);

        const seen = new Map<string, Seen>();
        let current = '';
        const note = (kind: Seen['kind'], name: string, allowed: boolean) => {
          const key = `${kind}:${name}`;
          if (!seen.has(key)) seen.set(key, { kind, name, page: current, allowed });
        };
        const own = new URL(site.url).origin;
        page.on('request', (request) => {
          const url = request.url();
          if (!url.startsWith('http') || new URL(url).origin === own) return;
          const loads = (s: Service) => s.loads.some((prefix) => url.startsWith(prefix));
          const allowed =
            table.services.some((s) => serviceGranted(state, table, s.id) && loads(s)) ||
            table.categories.some((c) => categoryGranted(state, c.category) && loads(c));
          note('request', url.split('?')[0], allowed);
        });
        for (const p of pages) {
          current = p;
          await page.goto(p, { waitUntil: 'load' });
          // Async scripts set their cookies and send their hits just after `load`.
          await page.waitForTimeout(150);
          const keys: string[] = await page.evaluate(() => [
            ...Object.keys(localStorage),
            ...Object.keys(sessionStorage),
          ]);
          for (const key of keys) {
            const allowed = table.declared.some(
              (d) => d.kind === 'storage' && matches(d.name, key) && allows(state, table, d),
            );
            note('storage', key, allowed);
          }
          for (const cookie of await context.cookies(site.url)) {
            const allowed = table.declared.some(
              (d) => d.kind === 'cookie' && matches(d.name, cookie.name) && allows(state, table, d),
            );
            note('cookie', cookie.name, allowed);
          }
        }
        const observed = [...seen.values()];
        const text = report(site.name, state, table, observed, pages.length);
        await testInfo.attach('cookie-audit.md', { body: text, contentType: 'text/markdown' });
        const refused = observed.filter((s) => !s.allowed);
        expect(refused, `not allowed in "${state.name}" (see the report)`).toEqual([]);
        // The audit must see something to be worth anything: after a decision, its cookie.
        if (state.form) expect(observed.map((s) => s.name)).toContain('consent');
      });
    }
  });
}
