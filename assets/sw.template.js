// 模范's service worker: keeps every file of one release build in one cache,
// so after one visit the app loads and works with the network cut. A new
// build installs into a new cache and waits; the page tells the user, and
// only when they choose to update does it take over and the old cache go.
// Never two builds' files mixed. scripts/postbuild.mjs fills in the list.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `mofan-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
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
    const hit = request.mode === 'navigate'
      ? await cache.match(page)
      : await cache.match(request, { ignoreSearch: true });
    return hit ?? fetch(request);
  })());
});
