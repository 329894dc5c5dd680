// What a first-time visitor's browser downloads for a page: every script, wasm and stylesheet
// response, by the bytes that came over the wire (brotli when the server sends it), measured in
// a fresh Chromium profile after the page's islands have hydrated and the network is quiet.
//
//   node bench/first-visit.mjs <base URL> <path>...
// Prints one line per path: `path js wasm css total` (bytes), and each file under it.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'end2end', 'package.json'));
const { chromium } = require('@playwright/test');

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error('usage: node bench/first-visit.mjs <base URL> <path>...');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic'],
});
try {
  for (const page_path of paths) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const files = [];
    page.on('requestfinished', async (request) => {
      const url = new URL(request.url());
      const kind = url.pathname.endsWith('.wasm')
        ? 'wasm'
        : url.pathname.endsWith('.js')
          ? 'js'
          : url.pathname.endsWith('.css')
            ? 'css'
            : null;
      if (!kind) return;
      const sizes = await request.sizes();
      files.push({ kind, name: url.pathname, bytes: sizes.responseBodySize });
    });
    await page.goto(base + page_path, { waitUntil: 'networkidle' });
    // Islands hydrate when the browser is idle (the menu's button then shows); give lazily
    // loaded parts time to arrive.
    await page.waitForFunction(
      () => document.querySelector('button.menu-toggle:not([hidden])') !== null,
      null,
      { timeout: 15000 },
    );
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    const sum = (kind) => files.filter((f) => f.kind === kind).reduce((n, f) => n + f.bytes, 0);
    const [js, wasm, css] = ['js', 'wasm', 'css'].map(sum);
    console.log(`${page_path} ${js} ${wasm} ${css} ${js + wasm + css}`);
    for (const f of files) console.log(`  ${f.kind} ${f.bytes} ${f.name}`);
    await context.close();
  }
} finally {
  await browser.close();
}
