// Asks for the self-checks kept aside in IndexedDB (src/pending.rs: database
// `mofan`, version 1, object store `pending`) as soon as the page starts,
// while its wasm module is still downloading and compiling. The app takes
// this promise instead of opening the database itself: `{ db, empty }`, where
// `empty` says nothing can be kept (there is no database yet, or opening it
// just created it). On a first visit, creating the database at start took
// some 70 ms that the member waited for; it is created when something is
// first kept aside.
const open = () => new Promise((resolve, reject) => {
  const opening = indexedDB.open('mofan', 1);
  let created = false;
  opening.onupgradeneeded = () => {
    opening.result.createObjectStore('pending');
    created = true;
  };
  opening.onsuccess = () => resolve({ db: opening.result, empty: created });
  opening.onerror = () => reject(opening.error);
});
try {
  self.mofanKeptAside = indexedDB.databases
    ? indexedDB.databases().then((all) => (all.some((d) => d.name === 'mofan') ? open() : { empty: true }))
    : open();
} catch {
  // IndexedDB refused (some private modes): the app tries itself and copes.
}
