// 模范's service worker: keeps every file of one release build in one cache,
// so after one visit the app loads and works with the network cut. A new
// build installs into a new cache and waits; the page tells the user, and
// only when they choose to update does it take over and the old cache go.
// Never two builds' files mixed. scripts/postbuild.mjs fills in the list.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `mofan-${VERSION}`;

// A file as the cache keeps it: its body as the browser decoded it, so
// without the Content-Encoding and Content-Length the server sent with the
// compressed bytes. Kept, they made Firefox refuse the cached wasm module
// offline ("A ServiceWorker intercepted the request and encountered an
// unexpected error").
async function decoded(file) {
  const response = await fetch(file, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${file}: ${response.status}`);
  const headers = new Headers(response.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Every file fetched before any is cached; the worker installs only if all are.
    const responses = await Promise.all(FILES.map(decoded));
    await Promise.all(FILES.map((file, i) => cache.put(file, responses[i])));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('mofan-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'mofan:update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Pages: the desk's branch.html, or else (any other path, any hash)
    // the member's index.html, of this build.
    const page = new URL(request.url).pathname.endsWith('/branch.html') ? './branch.html' : './index.html';
    // One build's cache holds one response per file: the server's
    // `Vary: accept-encoding` says nothing here. (Firefox compares it, and
    // the wasm module's request missed the cache offline.)
    const hit = request.mode === 'navigate'
      ? await cache.match(page, { ignoreVary: true })
      : await cache.match(request, { ignoreSearch: true, ignoreVary: true });
    return hit ?? fetch(request);
  })());
});
