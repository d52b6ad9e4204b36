// The page of `paragraf serve` as a person uses it, in a real headless
// browser (Debian's Chromium, driven by playwright-core): open the page,
// type a query and see hits, apply a filter, open a §, open a case thread,
// share the address, read it on a phone, switch to English, and see a bad
// query explained. Each step is checked and its screenshot written to
// target/browser/NN-step.png.
//
//   node tests/browser/serve.mjs [PARAGRAF_BINARY]
//
// The binary defaults to target/debug/paragraf; it must be built. The
// script indexes sample-data into target/browser/index, starts the server
// on a free loopback port and stops it at the end. Exit 0 when every step
// passed. `.ci/run` installs chromium and playwright-core and runs it.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = resolve(process.argv[2] || join(root, 'target', 'debug', 'paragraf'));
const out = join(root, 'target', 'browser');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(binary)) throw new Error(`${binary}: not built (cargo build)`);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const index = join(out, 'index');
execFileSync(binary, ['index', join(root, 'sample-data'), '--index', index, '--quiet'], { stdio: 'inherit' });

// The server, on a port the system picks; its first line names it.
const server = spawn(binary, ['serve', '--index', index, '--bind', '127.0.0.1:0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = await new Promise((ok, fail) => {
  let seen = '';
  server.stdout.on('data', (b) => {
    seen += b;
    const m = seen.match(/http:\/\/127\.0\.0\.1:\d+/);
    if (m) ok(m[0]);
  });
  server.on('exit', (code) => fail(new Error(`paragraf serve exited with ${code}: ${seen}`)));
  setTimeout(() => fail(new Error(`paragraf serve printed no address: ${seen}`)), 30000);
});

// The flags Chromium needs on this machine (as root, no network beyond
// loopback): see /work/.library/env/machines/rust.md.
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

let step = 0;
const passed = [];
async function shot(page, name) {
  step += 1;
  const file = join(out, `${String(step).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  passed.push(`${name} (${file.slice(root.length + 1)})`);
}

/** A page that fails the test on a script error or a request elsewhere. */
async function newPage(viewport) {
  const context = await browser.newContext({ viewport, locale: 'sv-SE' });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw new Error(`script error on the page: ${e.message}`); });
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) throw new Error(`console error: ${m.text()}`);
  });
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin !== base && url.protocol !== 'data:') throw new Error(`request to another server: ${r.url()}`);
  });
  return page;
}

const texts = (page, selector) => page.$$eval(selector, (els) => els.map((e) => e.textContent));

try {
  const page = await newPage({ width: 1200, height: 900 });

  // 1. The page: the index in numbers, the counts by organisation, organ and year.
  await page.goto(`${base}/`);
  await page.waitForSelector('.home');
  assert.match(await page.textContent('.home'), /Indexet har \d+ § ur 8 protokoll/);
  const organs = await texts(page, '#organ option');
  assert.ok(organs.includes('Kommunstyrelsen'), `organ choices: ${organs}`);
  assert.ok((await texts(page, '#facets h3')).length === 3);
  await shot(page, 'home');

  // 2. Type a query, see hits with the matched words marked; the query is in the address.
  await page.fill('#q', 'kravbok');
  await page.press('#q', 'Enter');
  await page.waitForSelector('article.hit');
  assert.equal(new URL(page.url()).searchParams.get('q'), 'kravbok');
  assert.match(await page.textContent('#status'), /^\d+ träffar? för "kravbok"/);
  const titles = await texts(page, 'article.hit h2');
  assert.ok(titles.some((t) => /§ 78\s*Revidering av Krav- och kvalitetsbok/.test(t)), `titles: ${titles}`);
  assert.ok((await page.$$('article.hit mark')).length > 0, 'no word marked');
  assert.ok((await texts(page, 'article.hit .case')).includes('Dnr 23RS11979'));
  assert.ok((await page.$$('article.hit .kind')).length > 0, 'no decision shown');
  await shot(page, 'search');

  // 3. Apply a filter: a broader query, then one organisation, then a year from the counts.
  await page.fill('#q', 'budget');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => document.title.startsWith('budget'));
  await page.waitForSelector('article.hit');
  const before = await page.textContent('#status');
  await page.selectOption('#organisation', 'Göteborgs Stad');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('organisation') === 'Göteborgs Stad');
  await page.waitForSelector('.active .chip');
  const metas = await texts(page, 'article.hit .meta');
  assert.ok(metas.length > 0 && metas.every((m) => m.includes('Göteborgs Stad')), `metas: ${metas}`);
  const year = page.locator('#facets li a', { hasText: /^2024$/ });
  await year.click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('from') === '2024');
  await page.waitForSelector('article.hit');
  const dates = await texts(page, 'article.hit .meta');
  assert.ok(dates.every((m) => m.includes('2024-')), `dates: ${dates}`);
  assert.notEqual(await page.textContent('#status'), before);
  assert.equal(await page.inputValue('#from'), '2024');
  await shot(page, 'filter');

  // 4. Open a §: the meeting's header and the whole §.
  await page.fill('#q', 'kravbok');
  await page.selectOption('#organisation', '');
  await page.fill('#from', '');
  await page.fill('#to', '');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => !location.search.includes('organisation'));
  await page.waitForSelector('article.hit');
  await page.locator('article.hit h2 a', { hasText: 'Revidering av Krav- och kvalitetsbok' }).first().click();
  await page.waitForSelector('#paragraph');
  assert.match(page.url(), /\/p\/region-orebro-lan_regionstyrelsens-arbetsutskott_2023-12-05\/78$/);
  assert.match(await page.textContent('.meeting-head h1'), /Regionstyrelsens arbetsutskott, Region Örebro län/);
  assert.match(await page.textContent('.meeting-head dl'), /Andreas Svahn/);
  assert.match(await page.textContent('#paragraph h2'), /§ 78\s*Revidering av Krav- och kvalitetsbok/);
  assert.ok((await page.textContent('#paragraph .body')).length > 300, 'the § body is short');
  const source = await page.getAttribute('.meeting-head > a', 'href');
  assert.match(source, /^\/source\/region-orebro-lan_regionstyrelsens-arbetsutskott_2023-12-05/);
  await shot(page, 'paragraph');
  const sourceText = await (await page.request.get(`${base}${source.split('#')[0]}`)).text();
  assert.match(sourceText, /§ 78/);

  // 5. Open the case thread from the §.
  await page.click('#paragraph .case');
  await page.waitForSelector('#thread li');
  assert.match(page.url(), /\/case\/23RS11979$/);
  assert.match(await page.textContent('h1'), /23RS11979/);
  assert.ok((await texts(page, '#thread li')).some((t) => t.includes('§ 78')));
  await shot(page, 'case');
  await page.goBack();
  await page.waitForSelector('#paragraph');

  // 6. The address shared: a new window opens the same search.
  const shared = `${base}/?q=kravbok&organisation=Region+%C3%96rebro+l%C3%A4n`;
  const other = await newPage({ width: 1200, height: 900 });
  await other.goto(shared);
  await other.waitForSelector('article.hit');
  assert.equal(await other.inputValue('#q'), 'kravbok');
  assert.equal(await other.inputValue('#organisation'), 'Region Örebro län');
  await other.close();

  // 7. On a phone: no sideways scrolling, the hits readable.
  const phone = await newPage({ width: 390, height: 844 });
  await phone.goto(`${base}/?q=kravbok`);
  await phone.waitForSelector('article.hit');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await shot(phone, 'phone');

  // 8. English labels, kept in the address when asked there.
  await phone.goto(`${base}/?q=kravbok&lang=en`);
  await phone.waitForSelector('article.hit');
  assert.match(await phone.textContent('#status'), /^\d+ hits? for "kravbok"/);
  assert.equal(await phone.textContent('#go'), 'Search');
  await shot(phone, 'english');
  await phone.click('[data-lang="sv"]');
  await phone.waitForFunction(() => document.getElementById('go').textContent === 'Sök');

  // 9. A bad query: the server's message, with the caret under the place.
  await page.goto(`${base}/?q=%22kravbok`);
  await page.waitForSelector('.error');
  const error = await page.textContent('.error');
  assert.match(error, /400/);
  assert.match(error, /bad query: unclosed quote/);
  await shot(page, 'error');

  for (const p of passed) console.log(`  ok ${p}`);
  console.log(`browser: ${passed.length} passed, 0 failed`);
} finally {
  await browser.close();
  server.kill();
}
