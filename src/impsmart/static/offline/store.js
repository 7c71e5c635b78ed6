/* A key-value store in IndexedDB (the idea of idb-keyval, in 30 lines): survives closing the
   browser. Keys: "data" (the last sync), "outbox" (entries not yet applied). */
"use strict";
window.impStore = (() => {
  let opened = null;
  function db() {
    opened = opened || new Promise((resolve, reject) => {
      const request = indexedDB.open("imp-smart", 1);
      request.onupgradeneeded = () => request.result.createObjectStore("kv");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return opened;
  }
  async function run(mode, work) {
    const store = (await db()).transaction("kv", mode).objectStore("kv");
    return new Promise((resolve, reject) => {
      const request = work(store);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  return {
    get: (key) => run("readonly", (s) => s.get(key)),
    set: (key, value) => run("readwrite", (s) => s.put(value, key)),
  };
})();
