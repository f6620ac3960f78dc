// Registers the service worker (when served over http, not from file://) and
// says when a new version has been downloaded and is ready: the user picks
// when to switch, so nothing changes under a half-filled form.
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  const offerUpdate = (worker) => {
    if (document.querySelector('.update-banner')) return;
    const bar = document.createElement('div');
    bar.className = 'update-banner';
    bar.setAttribute('role', 'status');
    const note = document.createElement('span');
    note.textContent = '模范的新版本已下载，可以更新。已填写的内容都已保存。';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = '立即更新';
    button.addEventListener('click', () => worker.postMessage('mofan:update'));
    bar.append(note, button);
    document.body.append(bar);
  };
  // Once the app has started (trunk says so when its module has run) and the
  // page has gone idle, so that the precache (every file of the build) does
  // not compete with the download, compiling and first screen of the app.
  const register = () => navigator.serviceWorker.register('./sw.js').then((reg) => {
    if (reg.waiting && navigator.serviceWorker.controller) offerUpdate(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const next = reg.installing;
      next?.addEventListener('statechange', () => {
        if (next.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(next);
      });
    });
  }).catch(() => {});
  addEventListener('TrunkApplicationStarted', () => (self.requestIdleCallback ?? setTimeout)(register), { once: true });
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // Only a switch the user asked for reloads the page; the first install just takes control.
    if (reloading || !document.querySelector('.update-banner')) return;
    reloading = true;
    location.reload();
  });
}
