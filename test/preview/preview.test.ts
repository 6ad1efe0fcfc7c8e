/**
 * `hvspec preview` as a user runs it, on a temp copy of a small corpus. Over HTTP: it binds
 * 127.0.0.1 only, refuses other Host names, serves only the generated site (no traversal, no
 * listing) with the right content types, and adds exactly one script whose nonce is the only
 * change to the page's CSP; output/html is never touched. In headless Chromium: a saved edit
 * shows on the open page (latency printed; the issue's "within 2 s" is stated for an idle
 * machine, so only 15 s fails), an error shows the overlay with file:line:col over the last good
 * page, the fix removes it, and a site that starts broken appears once fixed.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { listFiles } from '../../src/output/write.ts';
import { chromiumOrSkip, recordingPage, withBrowser } from '../html/chromium.ts';
import { CliProcess, WAIT_BOUND_MS } from '../watch/cli-process.ts';
import { DEVICE_MD, makeCorpus } from '../watch/corpus.ts';

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** A raw GET: the path is sent exactly as written (no client-side normalisation). */
function get(port: number, rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => { body += c; }).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connectOutcome(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => { socket.destroy(); resolve('connected'); });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

function policyOf(html: string): Map<string, string[]> {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, 'the page has its CSP');
  const policy = meta[1]!.replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=');
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await listFiles(dir)) {
    const full = path.join(dir, name);
    out[name] = `${statSync(full).mtimeMs}:${readFileSync(full, 'base64')}`;
  }
  return out;
}

async function startPreview(root: string): Promise<{ cli: CliProcess; url: string; port: number }> {
  const cli = new CliProcess(['-C', root, 'preview', '--port', '0']);
  const started = await cli.waitFor(/preview: (http:\/\/127\.0\.0\.1:(\d+)\/)/);
  const [, url, port] = /preview: (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(started)!;
  return { cli, url: url!, port: Number(port) };
}

test('preview over HTTP: loopback only, the generated site only, one script added, output/html untouched', async (t) => {
  const corpus = makeCorpus();
  t.after(() => corpus.remove());
  writeFileSync(path.join(corpus.root, 'secret.txt'), 'TOP SECRET');
  // The published site, as `hvspec build` writes it, to compare the served pages with.
  const build = new CliProcess(['-C', corpus.root, 'build', '--target', 'html']);
  t.after(() => build.kill());
  assert.equal((await build.exit).code, 0, build.stderr);
  const htmlDir = path.join(corpus.root, 'output', 'html');
  const published = await snapshot(htmlDir);

  const { cli, port } = await startPreview(corpus.root);
  t.after(() => cli.kill());
  await cli.waitFor(/preview: site ready/); // the check is printed before the site is generated

  // Content: every published page is served, equal to the file but for the CSP nonce and the script.
  const types: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', json: 'application/json; charset=utf-8', svg: 'image/svg+xml' };
  assert.ok(Object.keys(published).includes('index.html'));
  for (const name of Object.keys(published)) {
    const reply = await get(port, `/${name}`);
    assert.equal(reply.status, 200, name);
    assert.equal(reply.headers['content-type'], types[name.slice(name.lastIndexOf('.') + 1)], name);
    assert.equal(reply.headers['x-content-type-options'], 'nosniff');
    const file = readFileSync(path.join(htmlDir, name), 'utf8');
    if (!name.endsWith('.html')) {
      assert.equal(reply.body, file, `${name} is served as published`);
      continue;
    }
    const scripts = reply.body.match(/<script nonce="([^"]+)">[\s\S]*?<\/script>\n/g) ?? [];
    assert.equal(scripts.length, 1, 'exactly one script is added');
    const nonce = /nonce="([^"]+)"/.exec(scripts[0]!)![1]!;
    const servedPolicy = policyOf(reply.body);
    const publishedPolicy = policyOf(file);
    assert.deepEqual(servedPolicy.get('script-src'), [...publishedPolicy.get('script-src')!, `'nonce-${nonce}'`]);
    assert.deepEqual(servedPolicy.get('connect-src'), ["'self'"], 'the event stream, nothing else');
    servedPolicy.delete('script-src'); publishedPolicy.delete('script-src'); servedPolicy.delete('connect-src');
    assert.deepEqual(servedPolicy, publishedPolicy, 'every other directive is the published one');
    const restored = reply.body.replace(scripts[0]!, '').replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, /<meta http-equiv="Content-Security-Policy" content="[^"]*">/.exec(file)![0]);
    assert.equal(restored, file, `${name}: nothing else differs from the published page`);
  }
  assert.equal((await get(port, '/')).body.length > 0 && (await get(port, '/')).status, 200, '/ is index.html');
  const head = await get(port, '/index.html', {}, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  assert.equal((await get(port, '/index.html', {}, 'POST')).status, 405);

  // Only the site: no traversal however it is spelled, no listing, no source files.
  const hostile = ['/../secret.txt', '/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..\\secret.txt', '/%5c..%5csecret.txt', '//secret.txt', '/./index.html', '/index.html%00.txt', '/%E0%A4%A', '/secret.txt',
    '/standards/demo-base.md', '/../standards/demo-base.md', '/standards/', '/output/html/index.html', '/../package.json', '/..'];
  for (const p of hostile) {
    const reply = await get(port, p);
    assert.ok(reply.status === 400 || reply.status === 404, `${p}: ${reply.status}`);
    assert.doesNotMatch(reply.body, /TOP SECRET|spec: demo-base|"name"/, p);
    assert.doesNotMatch(reply.body, /<a href="[^"]*secret/, `${p}: no listing`);
  }

  // Host names other than the loopback address are refused (DNS rebinding).
  assert.equal((await get(port, '/index.html', { Host: `localhost:${port}` })).status, 200);
  for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.evil.example:${port}`, `127.0.0.1:${port + 1}`]) {
    const reply = await get(port, '/index.html', { Host: host });
    assert.equal(reply.status, 403, host);
    assert.doesNotMatch(reply.body, /<html/);
  }

  // Bound to 127.0.0.1 only: another loopback address and every external interface are refused.
  assert.equal(await connectOutcome('127.0.0.2', port), 'ECONNREFUSED');
  for (const address of Object.values(networkInterfaces()).flat()) {
    if (!address || address.internal) continue;
    const host = address.family === 'IPv6' ? `${address.address}${address.scopeid ? `%${address.scopeid}` : ''}` : address.address;
    assert.notEqual(await connectOutcome(host, port), 'connected', host);
  }

  // A second preview on the same port: a usage error (exit 2), not a stack trace.
  const clash = new CliProcess(['-C', corpus.root, 'preview', '--port', String(port)]);
  t.after(() => clash.kill());
  assert.equal((await clash.exit).code, 2);
  assert.equal(clash.stderr, `hvspec: port ${port} on 127.0.0.1 is in use; choose another with --port N (0 picks a free one)\n`);

  const exit = await cli.stop('SIGINT');
  assert.deepEqual(exit, { code: 0, signal: null });
  assert.match(cli.stdout, /preview stopped\n$/);
  assert.deepEqual(await snapshot(htmlDir), published, 'the preview never writes output/html');
});

test('preview in Chromium: an edit reloads the page, an error shows the overlay over the last good page, the fix removes it', async (t) => {
  const executable = chromiumOrSkip(t);
  if (!executable) return;
  const corpus = makeCorpus();
  t.after(() => corpus.remove());
  const { cli, url } = await startPreview(corpus.root);
  t.after(() => cli.kill());
  await cli.waitFor(/preview: site ready/);

  await withBrowser(executable, async (browser) => {
    const { page, record } = await recordingPage(browser, url);
    await page.goto(`${url}demo-device.html`, { waitUntil: 'load' });
    await page.locator('main', { hasText: 'answers every request with a status byte' }).waitFor({ timeout: WAIT_BOUND_MS });

    // An edit on disk: the page shows the new text.
    const edited = DEVICE_MD.replace('answers every request with a status byte', 'answers every request with a status byte and a length');
    const savedAt = performance.now();
    corpus.saveAtomically('demo-device.md', edited);
    await page.locator('main', { hasText: 'a status byte and a length' }).waitFor({ timeout: 15_000 });
    const latency = performance.now() - savedAt;
    t.diagnostic(`save → new text on the page: ${latency.toFixed(0)} ms (the issue asks for 2 s on an idle machine; 15 s fails)`);

    // An error: the overlay lists it with file:line:col; the last good page stays under it.
    const broken = edited.replace('{ name: length, type: le32', '{ name: length, type: le23');
    const lines = broken.slice(0, broken.indexOf('le23')).split('\n');
    const where = `standards/demo-device.md:${lines.length}:${lines[lines.length - 1]!.length + 1}`;
    corpus.saveAtomically('demo-device.md', broken);
    const overlay = page.locator('#hvspec-preview-errors');
    await overlay.waitFor({ state: 'visible', timeout: WAIT_BOUND_MS });
    const item = overlay.locator('.hvspec-preview-error').first();
    assert.equal(await item.locator('code').textContent(), where);
    assert.match((await item.textContent())!, /HV3001: Unknown type "le23"\.hint: Did you mean "le32"\?/);
    assert.match((await overlay.textContent())!, /^1 error in the standards; the page below is the last good build/);
    assert.match((await page.locator('main').textContent())!, /a status byte and a length/, 'the last good page is still there');
    const box = (await overlay.boundingBox())!;
    const viewport = page.viewportSize()!;
    assert.ok(box.height < viewport.height * 0.5, 'the overlay leaves most of the page readable');

    // A page opened while the corpus is broken shows the errors at once.
    const second = await recordingPage(browser, url);
    await second.page.goto(`${url}index.html`, { waitUntil: 'load' });
    await second.page.locator('#hvspec-preview-errors code', { hasText: where }).waitFor({ timeout: WAIT_BOUND_MS });

    // The fix: the overlay goes; nothing else needed reloading (the bytes are those of the last good build).
    corpus.saveInPlace('demo-device.md', edited);
    await overlay.waitFor({ state: 'detached', timeout: WAIT_BOUND_MS });
    await second.page.locator('#hvspec-preview-errors').waitFor({ state: 'detached', timeout: WAIT_BOUND_MS });
    assert.match((await page.locator('main').textContent())!, /a status byte and a length/);

    for (const r of [record, second.record]) {
      assert.deepEqual(r.consoleErrors, [], 'no CSP violation or script error');
      assert.deepEqual(r.pageErrors, []);
      assert.deepEqual(r.foreignRequests, []);
    }
    // Stopped while two pages hold their event streams open: still a clean exit.
    assert.deepEqual(await cli.stop('SIGTERM'), { code: 0, signal: null });
    assert.match(cli.stdout, /preview stopped\n$/);
  });
});

test('preview of a corpus that starts broken: the errors page becomes the site once fixed', async (t) => {
  const executable = chromiumOrSkip(t);
  if (!executable) return;
  const corpus = makeCorpus();
  t.after(() => corpus.remove());
  corpus.saveInPlace('demo-device.md', DEVICE_MD.replace('type: demo_hdr', 'type: demo_hdrr'));
  const { cli, url, port } = await startPreview(corpus.root);
  t.after(() => cli.kill());
  await cli.waitFor(/no site until the errors are fixed/);
  assert.equal((await get(port, '/demo-device.html')).status, 503);

  await withBrowser(executable, async (browser) => {
    const { page, record } = await recordingPage(browser, url);
    await page.goto(`${url}demo-device.html`, { waitUntil: 'load' });
    await page.locator('#hvspec-preview-errors', { hasText: 'Unknown type "demo_hdrr"' }).waitFor({ timeout: WAIT_BOUND_MS });
    corpus.saveAtomically('demo-device.md', DEVICE_MD);
    await page.locator('main', { hasText: 'answers every request with a status byte' }).waitFor({ timeout: WAIT_BOUND_MS });
    assert.equal(await page.locator('#hvspec-preview-errors').count(), 0);
    // The only console line is Chromium noting the not-built-yet page's status.
    assert.deepEqual(record.consoleErrors, ['Failed to load resource: the server responded with a status of 503 (Service Unavailable)']);
    assert.deepEqual(record.pageErrors, []);
  });
  assert.deepEqual(await cli.stop('SIGINT'), { code: 0, signal: null });
});
