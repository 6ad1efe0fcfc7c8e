/**
 * The site's content without a browser: determinism, the generated tables print the model's
 * values (checked against the published constants, not against this generator), numbering,
 * conformance chapter, identifier index, search index and the Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import MiniSearch from 'minisearch';
import { htmlGenerator } from '../../generators/html/index.ts';
import { renderSite } from '../../generators/html/site.ts';
import { fixtureModel } from './fixtures/model.ts';

const pages = new Map(renderSite(fixtureModel()).map((p) => [p.path, p.html]));
// Break opportunities in table code (`<wbr>` after `_` and `.`) and the column labels a phone shows
// beside each cell are layout, not content.
const layoutFree = (html: string) => html.replace(/<wbr>/g, '').replace(/<td data-label="[^"]*">/g, '<td>');
const i2c = layoutFree(pages.get('virtio-i2c.html')!);
const psci = layoutFree(pages.get('arm-psci.html')!);

test('same model, same bytes', async () => {
  const again = renderSite(fixtureModel());
  assert.deepEqual(again.map((f) => [f.path, f.html]), [...pages]);
  // Through the generator (edition facts from git): twice the same bytes, and no build-clock date.
  const context = { root: '.', warn: () => assert.fail('no warning expected') };
  const first = await htmlGenerator.generate(fixtureModel(), context);
  const second = await htmlGenerator.generate(fixtureModel(), context);
  assert.deepEqual(first, second);
  assert.deepEqual([...pages.keys()], ['index.html', 'arm-psci.html', 'virtio-i2c.html', 'identifiers.html', 'site.js', 'minisearch.js', 'search-index.js']);
});

test('index lists every standard with version and status', () => {
  const index = pages.get('index.html')!;
  assert.match(index, /<a href="virtio-i2c.html">Virtio I2C Adapter Device<\/a><\/td><td><code>virtio-i2c<\/code><\/td><td>1.1.0-rc.1<\/td><td><span class="status status-draft">draft<\/span>/);
  assert.match(index, /<a href="arm-psci.html">Arm Power State Coordination Interface<\/a>.*status-standard/);
});

test('sections are numbered from the prose headings; the lone # title is not numbered; levels never skip', () => {
  const headings = [...i2c.matchAll(/<h(\d) id="(sec-[^"]+)" class="section-heading"><span class="secno">([\d.]+)<\/span> ([^<]+)/g)].map((m) => [Number(m[1]), m[3], m[4]!.trim()]);
  assert.deepEqual(headings, [
    [2, '1', 'Device identification'],
    [2, '2', 'Device operation'],
    [3, '2.1', 'Request layout'],
    // Written as ####, directly under ###: it becomes the next level, not a skipped one.
    [4, '2.1.1', 'Device requirements: Device Operation'],
    [2, '3', 'Transport features'],
  ]);
  assert.match(i2c, /<h2 id="conformance" class="section-heading"><span class="secno">4<\/span> Conformance/);
});

test('draft banner on drafts only', () => {
  assert.match(i2c, /class="draft-banner"/);
  assert.doesNotMatch(psci, /class="draft-banner"/);
});

test('hypercall functions: ID in hex, its encoding, registers per architecture (PSCI 1.1, DEN0022)', () => {
  // PSCI_0_2_FN64_CPU_ON = 0xC4000003 and PSCI_VERSION = 0x84000000 (Linux include/uapi/linux/psci.h).
  assert.match(psci, /<code>0xC4000003<\/code><\/td><td><code>PSCI_0_2_FN64_CPU_ON<\/code><\/td><td><span class="nowrap">fast<\/span> · <span class="nowrap">SMC64<\/span> · <span class="nowrap">entity 4<\/span> · <span class="nowrap">number 0x0003<\/span>/);
  assert.match(psci, /<code>0x84000000<\/code><\/td><td><code>PSCI_0_2_FN_PSCI_VERSION<\/code>/);
  assert.match(psci, /bit 31 = 1 \(fast\), bit 30 = 1 \(SMC64\/HVC64\), bits 29:24 = 4 \(owning entity\), bits 15:0 = 0x0003 \(function number\)/);
  assert.match(psci, /<td>argument<\/td><td><code>target_cpu<\/code><\/td><td><code class="type">u64<\/code><\/td><td><code>x1<\/code><\/td>/);
  assert.match(psci, /<td>AArch64<\/td><td><code>smc #0<\/code>, <code>hvc #0<\/code><\/td><td><code>x0<\/code><\/td>/);
});

test('struct table prints offsets, sizes and types; fields, constants and flags are anchored', () => {
  // struct virtio_i2c_out_hdr (VIRTIO 1.3 §5.19.6): addr at 0, padding at 2, flags at 4.
  assert.match(i2c, /id="field-virtio_i2c_out_hdr.flags"><code>flags<\/code><\/span><a class="permalink"[^>]*>¶<\/a><\/td><td>4<\/td><td>4<\/td><td><code class="type"><a href="#type-virtio_i2c_flags" class="xref">virtio_i2c_flags<\/a><\/code>/);
  assert.match(i2c, /<td>bits 19:16<\/td>/);
  assert.match(i2c, /id="const-VIRTIO_I2C_FLAGS_SPEED"[\s\S]*?<td>6:4<\/td><td><code>0x70<\/code>/);
  assert.match(i2c, /id="const-VIRTIO_I2C_MAX_LEN"[\s\S]*?<td>4096 \(0x1000\)<\/td>/);
  assert.match(i2c, /<code>VIRTIO_ID_I2C_ADAPTER<\/code> = 34/);
});

test('every struct, union and flag set has a diagram with a title', () => {
  const svgs = [...i2c.matchAll(/<svg [^>]*>(<title id="[^"]+">[^<]+<\/title>)?/g)];
  assert.equal(svgs.length, 6);
  assert.ok(svgs.every((m) => m[1]));
});

test('normative statements are anchored where stated, and the conformance chapter lists each by role, linking back', () => {
  assert.match(i2c, /<li class="requirement level-must" id="req-i2c-dev-status-ok">/);
  const chapter = i2c.slice(i2c.indexOf('id="conformance"'));
  const device = chapter.indexOf('id="conformance-device"');
  const driver = chapter.indexOf('id="conformance-driver"');
  assert.ok(device > 0 && driver > device);
  assert.match(chapter.slice(device, driver), /<a class="req-id" href="#req-i2c-dev-status-ok">i2c-dev-status-ok<\/a>/);
  assert.match(chapter.slice(driver), /<a class="req-id" href="#req-i2c-drv-addr">i2c-drv-addr<\/a>/);
  assert.match(psci, /id="conformance-firmware"/);
});

test('cross-references across pages link to the other page', () => {
  assert.match(i2c, /<a href="arm-psci.html" class="xref"><code>Arm Power State Coordination Interface<\/code><\/a>/);
  assert.match(psci, /<a href="#fn-psci.CPU_ON" class="xref"><code>psci.CPU_ON<\/code><\/a>/);
});

test('identifier index and search index cover the definitions', () => {
  const identifiers = pages.get('identifiers.html')!;
  for (const href of ['virtio-i2c.html#const-VIRTIO_I2C_MSG_OK', 'arm-psci.html#fn-psci.CPU_ON', 'virtio-i2c.html#field-virtio_i2c_out_hdr.addr', 'virtio-i2c.html#dev-i2c-adapter']) {
    assert.ok(identifiers.includes(`href="${href}"`), href);
  }
  // One shared index file, not one copy per page; a real MiniSearch index over sections, statements and symbols.
  for (const [path, html] of pages) if (path.endsWith('.html')) assert.doesNotMatch(html, /search-index"|HVSPEC_SEARCH/, path);
  const script = pages.get('search-index.js')!;
  const window: { HVSPEC_SEARCH?: { options: { fields: string[]; storeFields: string[] }; specs: [string, string][]; index: unknown } } = {};
  new Function('window', script)(window);
  const data = window.HVSPEC_SEARCH!;
  const index = MiniSearch.loadJS(data.index as never, data.options);
  // (The page's ranking, with its exact-name boost, is tested in the browser.)
  const hits = (query: string) => index.search(query, { prefix: true, combineWith: 'AND', boost: { name: 4, title: 2 } }).slice(0, 3) as unknown as { href: string; kind: string }[];
  assert.ok(hits('psci.CPU_ON').some((h) => h.href === 'arm-psci.html#fn-psci.CPU_ON'));
  assert.equal(hits('i2c-dev-status-ok')[0]!.href, 'virtio-i2c.html#req-i2c-dev-status-ok');
  // Prose: a word from the body of a section finds that section.
  assert.deepEqual(hits('matters').map((h) => h.kind), ['section']);
  // A definition is found by its doc string too.
  assert.equal(hits('bus speed class')[0]!.href, 'virtio-i2c.html#const-VIRTIO_I2C_FLAGS_SPEED');
});

test('the Content-Security-Policy allows exactly the page\'s own style and script', () => {
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(i2c)![1]!
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x2F;/g, '/');
  const style = /<style>([\s\S]*?)<\/style>/.exec(i2c)![1]!;
  const hash = (s: string) => createHash('sha256').update(s).digest('base64');
  assert.ok(csp.includes(`style-src 'sha256-${hash(style)}'`));
  // Scripts: only the site's own files, no inline script at all.
  assert.ok(csp.includes("script-src 'self';"));
  assert.ok(csp.startsWith("default-src 'none'"));
  assert.deepEqual([...i2c.matchAll(/<script[^>]*>/g)].map((m) => m[0]), ['<script src="site.js">']);
});

test('a standard that states its licence shows it on its title block; one that does not, shows none', () => {
  const model = fixtureModel();
  const [first, second] = model.specs;
  assert.ok(first && second, 'the fixture has two standards');
  first.license = 'CC-BY-4.0';
  delete second.license;
  const site = new Map(renderSite(model).map((p) => [p.path, p.html]));
  assert.match(site.get(`${first.id}.html`)!, /<dt>Licence<\/dt><dd><code>CC-BY-4\.0<\/code><\/dd>/);
  assert.doesNotMatch(site.get(`${second.id}.html`)!, /<dt>Licence<\/dt>/);
});
