import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENTS_PATH, injectPreviewScript, newNonce, type ClientConfig } from './inject.ts';
import type { PreviewSite } from './preview-site.ts';

/** Loopback only: the preview serves unpublished work and has no authentication. */
export const PREVIEW_HOST = '127.0.0.1';

export interface PreviewServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  port: number;
  /** Tell every open page: the current errors (an empty list hides the overlay). */
  sendErrors(): void;
  /** Tell every open page which paths changed; pages showing one of them reload. */
  sendReload(paths: string[]): void;
  close(): Promise<void>;
}

export class PortInUseError extends Error {}

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  woff: 'font/woff',
  txt: 'text/plain; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  pdf: 'application/pdf',
};

/**
 * Serve `site` on 127.0.0.1 (never another interface). Only files of the generated site are
 * served, looked up by name in memory, so no request can reach the file system; there are no
 * directory listings. Requests whose Host is not this server's loopback address are refused, so a
 * web page elsewhere cannot read the preview through DNS rebinding.
 */
export async function startPreviewServer(site: PreviewSite, port: number): Promise<PreviewServer> {
  const streams = new Set<ServerResponse>();
  let actualPort = port;

  const server = createServer((request, response) => {
    try {
      handle(request, response);
    } catch {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else response.destroy();
    }
  });

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const host = (request.headers.host ?? '').toLowerCase();
    if (host !== `${PREVIEW_HOST}:${actualPort}` && host !== `localhost:${actualPort}`) {
      return send(response, 403, 'text/plain; charset=utf-8', `hvspec preview answers only to http://${PREVIEW_HOST}:${actualPort}/\n`);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    const rawUrl = request.url ?? '/';
    const rawPath = rawUrl.split('?')[0]!;
    const query = new URLSearchParams(rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '');
    if (rawPath === EVENTS_PATH) return openStream(request, response, query);
    const sitePath = toSitePath(rawPath);
    if (sitePath === null) return send(response, 400, 'text/plain; charset=utf-8', 'bad path\n');

    const bytes = site.file(sitePath);
    if (bytes === undefined) {
      const missing: ClientConfig = { page: sitePath, generation: site.generation, missing: true };
      const status = site.hasBuild ? 404 : 503;
      const body = site.hasBuild
        ? placeholderPage('Not found', `There is no ${sitePath} in the generated site.`, missing)
        : placeholderPage('Not built yet', 'The standards have errors, so there is no site yet; this page reloads when they are fixed.', missing);
      return send(response, status, CONTENT_TYPES.html!, body, request.method === 'HEAD');
    }
    const type = CONTENT_TYPES[extensionOf(sitePath)] ?? 'application/octet-stream';
    const body = type === CONTENT_TYPES.html
      ? injectPreviewScript(bytes.toString('utf8'), { page: sitePath, generation: site.generation, missing: false }, newNonce())
      : bytes;
    send(response, 200, type, body, request.method === 'HEAD');
  };

  const openStream = (request: IncomingMessage, response: ServerResponse, query: URLSearchParams) => {
    response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    response.write('retry: 1000\n\n');
    streams.add(response);
    request.on('close', () => streams.delete(response));
    response.write(event('errors', site.errors));
    // A page served before the latest build learns on connecting that it is out of date.
    const page = query.get('page') ?? '';
    const seen = Number(query.get('generation') ?? '0');
    if (site.hasBuild && Number.isFinite(seen) && (site.changedSince(page, seen) || (site.file(page) === undefined && site.generation > seen))) {
      response.write(event('reload', [page]));
    }
  };

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(`port ${port} on ${PREVIEW_HOST} is in use; choose another with --port N (0 picks a free one)`) : error);
    };
    server.once('error', onError);
    server.listen({ host: PREVIEW_HOST, port }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  actualPort = (server.address() as AddressInfo).port;

  const broadcast = (text: string) => { for (const s of streams) s.write(text); };
  return {
    url: `http://${PREVIEW_HOST}:${actualPort}/`,
    port: actualPort,
    sendErrors: () => broadcast(event('errors', site.errors)),
    sendReload: (paths) => { if (paths.length > 0) broadcast(event('reload', paths)); },
    close: () => new Promise<void>((resolve) => {
      for (const s of streams) s.end();
      streams.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/**
 * The site file a URL path names, or null for anything that is not a plain relative path inside
 * the site: `..` or `.` segments (also percent-encoded), backslashes, NUL, bad escapes. `/` and a
 * trailing slash name that folder's index.html.
 */
export function toSitePath(urlPath: string): string | null {
  if (!urlPath.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\\') || decoded.includes('\u0000')) return null;
  const segments = decoded.slice(1).split('/');
  if (segments[segments.length - 1] === '') segments[segments.length - 1] = 'index.html';
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  return segments.join('/');
}

function extensionOf(p: string): string {
  const name = p.slice(p.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, headOnly = false): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': bytes.length,
    // Always fetched afresh: the page must reload to the new build, not to a cached copy.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  response.end(headOnly ? undefined : bytes);
}

/** The preview's own pages (not found, not built yet): a locked-down page carrying the same script. */
function placeholderPage(title: string, text: string, config: ClientConfig): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const html = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n`
    + `<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; base-uri &#x27;none&#x27;; form-action &#x27;none&#x27;">\n`
    + `<title>${escape(title)} · hvspec preview</title>\n</head>\n<body>\n<h1>${escape(title)}</h1>\n<p>${escape(text)}</p>\n</body>\n</html>\n`;
  return injectPreviewScript(html, config, newNonce());
}
