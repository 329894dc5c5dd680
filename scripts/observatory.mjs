// Runs the MDN HTTP Observatory's tests against pages of a running server and prints each
// test's result. Every test must pass except the two that need HTTPS (redirection to https,
// HSTS), which a loopback server cannot offer.
//
//   node scripts/observatory.mjs <package dir> <base URL> <path>[=<cookie header>] …
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkg, base, ...pages] = process.argv.slice(2);
const load = (rel) => import(pathToFileURL(path.join(pkg, 'src', rel)).href);
const { retrieve } = await load('retriever/retriever.js');
const { ALL_TESTS } = await load('constants.js');
const HTTPS_ONLY = new Set(['redirection', 'strict-transport-security']);

const url = new URL(base);
let failed = 0;
for (const page of pages) {
  const [pagePath, cookie] = page.split('=', 2).length === 2
    ? [page.slice(0, page.indexOf('=')), page.slice(page.indexOf('=') + 1)]
    : [page, ''];
  const headers = ['Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'];
  if (cookie) headers.push(`Cookie: ${cookie}`);
  const r = await retrieve(url.hostname, { httpPort: url.port, path: pagePath, headers });
  const status = r.responses.auto?.status;
  if (status !== 200) {
    console.log(`${pagePath}: status ${status}, expected 200`);
    failed++;
    continue;
  }
  for (const test of ALL_TESTS) {
    const out = test(r);
    const name = out.constructor.name;
    const ok = out.pass || HTTPS_ONLY.has(name);
    if (!ok) failed++;
    const note = out.pass ? '' : ' (needs HTTPS)';
    console.log(`${pagePath.padEnd(18)} ${ok ? 'ok  ' : 'FAIL'} ${name}: ${out.result}${ok ? note : ''}`);
  }
}
process.exit(failed ? 1 : 0);
