// The published site's service worker (issue 21): once the site has been opened, every page, script,
// stylesheet, font, PDF and search file works without a network, for incident mode above all.
// src/site/precache.ts writes site/sw.js as `const FILES = [...]; const VERSION = '...';` followed
// by this file. FILES are paths relative to the site's root (where sw.js sits), so the same worker
// serves a site under any --base and one whose URLs are relative. It never requests anything
// outside its own scope, and answers nothing but GET requests under it.
// Plain JavaScript, not TypeScript: it is served as it is, with no bundler in between.

const ROOT = new URL('./', self.location.href).href;
/** One cache per site and build: several clients' sites on one origin never touch each other's. */
const PREFIX = `irplan ${ROOT} `;
const CACHE = `${PREFIX}${VERSION}`;

/** The cache key of a URL: no query or fragment, and a folder as its index.html. */
function keyOf(url) {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  if (u.pathname.endsWith('/')) u.pathname += 'index.html';
  return u.href;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // no-cache: the files of one build together, never a page of this build with a stylesheet of the last.
      await cache.addAll(FILES.map((file) => new Request(new URL(file, ROOT).href, { cache: 'no-cache' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(ROOT)) return;
  event.respondWith(answer(request));
});

/** How long a page waits for the server before the cached copy is shown. */
const PAGE_WAIT_MS = 4000;

/**
 * Pages come from the server while it answers, so a newly published plan is read at once; from the
 * cache when it does not (offline, or the server down and not answering in time). Everything else
 * (scripts, styles, fonts, PDFs, search files) comes from the cache first: within a build it never changes.
 */
async function answer(request) {
  const cache = await caches.open(CACHE);
  const cached = cache.match(keyOf(request.url));
  if (request.mode !== 'navigate') return (await cached) ?? fetch(request);
  const network = fetch(request);
  const late = new Promise((resolve) => setTimeout(resolve, PAGE_WAIT_MS));
  const first = await Promise.race([network.catch(() => null), late]);
  if (first) return first;
  // Not cached (a folder typed without its slash, say): the start page beats an error.
  return (await cached) ?? (await cache.match(`${ROOT}index.html`)) ?? network;
}
