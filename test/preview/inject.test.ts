/**
 * The served copy's policy: the published one plus the script's nonce and the event stream, for
 * the policies generators/html writes today and for the shapes it may write tomorrow.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { injectPreviewScript, widenPolicy } from '../../src/preview/inject.ts';
import { toSitePath } from '../../src/preview/server.ts';

test('widenPolicy adds the nonce to script-src and self to connect-src, nothing else', () => {
  assert.equal(widenPolicy("default-src 'none'; script-src 'sha256-abc='; style-src 'sha256-def='", 'N'),
    "default-src 'none'; script-src 'sha256-abc=' 'nonce-N'; style-src 'sha256-def='; connect-src 'self'");
});

test('a missing directive is created from default-src, and a lone none is dropped', () => {
  assert.equal(widenPolicy("default-src 'self'", 'N'), "default-src 'self'; script-src 'self' 'nonce-N'; connect-src 'self'");
  assert.equal(widenPolicy("default-src 'none'; script-src 'none'; connect-src 'none'", 'N'), "default-src 'none'; script-src 'nonce-N'; connect-src 'self'");
  assert.equal(widenPolicy("script-src-elem 'self'; default-src 'none'", 'N'), "script-src-elem 'self' 'nonce-N'; default-src 'none'; script-src 'nonce-N'; connect-src 'self'");
  assert.equal(widenPolicy("img-src 'none'", 'N'), "img-src 'none'", 'no default-src: scripts and connections are not restricted');
});

test('the script goes before </body>; the meta keeps Handlebars escaping; config cannot end the script', () => {
  const page = '<html><head><meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; script-src &#x27;sha256-x&#x3D;&#x27;"></head><body><p>x</p></body></html>';
  const served = injectPreviewScript(page, { page: '</script><b>.html', generation: 1, missing: false }, 'N');
  assert.ok(served.includes('content="default-src &#x27;none&#x27;; script-src &#x27;sha256-x&#x3D;&#x27; &#x27;nonce-N&#x27;; connect-src &#x27;self&#x27;"'), served);
  assert.match(served, /<p>x<\/p><script nonce="N">[\s\S]*<\/script>\n<\/body><\/html>$/);
  assert.equal(served.match(/<\/script>/g)!.length, 1, 'the page name is escaped inside the script');
});

test('toSitePath accepts plain paths inside the site only', () => {
  assert.equal(toSitePath('/'), 'index.html');
  assert.equal(toSitePath('/virtio-i2c.html'), 'virtio-i2c.html');
  assert.equal(toSitePath('/a/'), 'a/index.html');
  assert.equal(toSitePath('/a%20b.html'), 'a b.html');
  for (const bad of ['/..', '/../x', '/%2e%2e/x', '/a/../x', '/./x', '//x', '/a\\..\\x', '/%5c', '/x%00', '/%E0%A4%A', 'x', '/a//b']) {
    assert.equal(toSitePath(bad), null, bad);
  }
});
