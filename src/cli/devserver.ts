import { createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveStatic } from '../pdf/index.ts';
import { UserError } from '../shared/index.ts';

// The preview `irplan dev` serves: the built site as it is on disk, behind a small front that adds
// live reload. Each HTML page it sends gets one script tag that listens to an event stream and
// reloads the page after a rebuild. The site's offline copy is switched off: its service worker
// answers from the cache of the build it was installed with, so a reload would show the page
// before the edit. All of this exists only in this server: nothing is written into the built
// site, so a build never carries it.

const EVENTS = '/__irplan/events';
const SCRIPT = '/__irplan/reload.js';
const TAG = `<script src="${SCRIPT}"></script>`;
/** EventSource reconnects by itself while dev restarts a build or is restarted. */
const CLIENT = `new EventSource(${JSON.stringify(EVENTS)}).addEventListener('reload', () => location.reload());\n`;
/** Stands in for the site's sw.js: it removes itself and its caches, so every request reaches this server. */
const NO_OFFLINE = `// irplan dev: no offline copy in the preview, so a reload always shows the latest build.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) =>
  event.waitUntil(caches.keys().then((names) => Promise.all(names.map((n) => caches.delete(n)))).then(() => self.registration.unregister())),
);
`;
/** What a page that is not built yet says; it reloads after the next good build like any other. */
const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Not built yet</title><p>Nothing here yet: this page reloads after the next good build.</p>${TAG}`;

/** Where the preview listens: --host and --port; `fallback` lets a busy default port give way to a free one. */
export interface Listen {
  host: string;
  port: number;
  fallback: boolean;
}

/** The running preview: its address, the reload it sends to open pages, and its end. */
export interface Preview {
  url: string;
  reload(): void;
  close(): Promise<void>;
}

/** Serves `root` at `listen` with live reload; a port or host it cannot use is a user error. */
export async function startPreview(root: string, listen: Listen): Promise<Preview> {
  const files = await serveStatic(root, '/');
  const streams = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    if (req.url === EVENTS) return subscribe(req, res, streams);
    if (req.url === SCRIPT) return void res.writeHead(200, headers('text/javascript')).end(CLIENT);
    if (new URL(req.url ?? '/', 'http://x').pathname.endsWith('/sw.js'))
      return void res.writeHead(200, headers('text/javascript')).end(NO_OFFLINE);
    forward(files.origin, req, res);
  });
  try {
    await bind(server, listen);
  } catch (e) {
    await files.close();
    throw e;
  }
  let builds = 0;
  return {
    url: urlOf(server.address() as AddressInfo),
    reload: () => {
      builds++;
      for (const res of streams) res.write(`event: reload\ndata: ${builds}\n\n`);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await files.close();
    },
  };
}

function headers(type: string): Record<string, string> {
  // A preview is always the latest build: nothing may come from the browser's cache.
  return { 'content-type': type, 'cache-control': 'no-store' };
}

function subscribe(req: IncomingMessage, res: ServerResponse, streams: Set<ServerResponse>): void {
  res.writeHead(200, { ...headers('text/event-stream'), connection: 'keep-alive' });
  res.write('retry: 1000\n\n');
  streams.add(res);
  req.once('close', () => streams.delete(res));
}

/** Fetches the page from the static server; HTML gets the reload script before its closing body tag. */
function forward(origin: string, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request(`${origin}${req.url ?? '/'}`, { method: req.method }, (page) => {
    const type = page.headers['content-type'] ?? 'application/octet-stream';
    if (page.statusCode === 404) return void res.writeHead(404, headers('text/html; charset=utf-8')).end(NOT_BUILT);
    if (!type.startsWith('text/html')) {
      res.writeHead(page.statusCode ?? 502, headers(type));
      return void page.pipe(res);
    }
    const chunks: Buffer[] = [];
    page.on('data', (c: Buffer) => chunks.push(c));
    page.on('end', () => res.writeHead(page.statusCode ?? 502, headers(type)).end(withReload(Buffer.concat(chunks))));
  });
  upstream.on('error', () => res.writeHead(502).end());
  upstream.end();
}

function withReload(html: Buffer): string {
  const text = html.toString('utf8');
  const at = text.lastIndexOf('</body>');
  return at < 0 ? `${text}${TAG}` : `${text.slice(0, at)}${TAG}${text.slice(at)}`;
}

/** Listens where asked; the default port gives way to a free one when taken, a chosen one never does. */
async function bind(server: Server, { host, port, fallback }: Listen): Promise<void> {
  try {
    await listenOnce(server, host, port);
  } catch (e) {
    if (fallback && (e as NodeJS.ErrnoException).code === 'EADDRINUSE') return listenOnce(server, host, 0);
    throw listenError(e, host, port);
  }
}

function listenOnce(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** What a failed listen means for the person who typed --host and --port. */
function listenError(e: unknown, host: string, port: number): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new UserError('IRP_ARGS', `dev: port ${port} on ${host} is in use`, {
      hint: 'stop what uses it, or choose another with --port (--port 0 picks a free one)',
    });
  if (code === 'EACCES')
    return new UserError('IRP_ARGS', `dev: not allowed to listen on port ${port}`, {
      hint: 'ports below 1024 need administrator rights: choose one above 1024 with --port',
    });
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new UserError('IRP_ARGS', `dev: ${host} is not an address of this machine`, {
      hint: 'use 127.0.0.1 (the default), localhost, an address of this machine, or 0.0.0.0 for all of them',
    });
  return e;
}

/** The address to open on this machine: loopback for "every address", IPv6 addresses in brackets. */
function urlOf(address: AddressInfo): string {
  const ip = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${ip.includes(':') ? `[${ip}]` : ip}:${address.port}/`;
}
