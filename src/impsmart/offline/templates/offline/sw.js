{% load static %}/* IMP Smart root service worker: keeps the offline shell, its scripts and the MEC table.
   Pages are fetched from the network first; without a signal a kept copy answers, else the
   offline shell. A form that cannot be sent is answered by a page saying so (page.js puts
   what she typed back when she returns). The Smart Book keeps its own narrower worker
   (/pelatihan/buku/sw.js). */
const CACHE = "imp-shell-{{ version }}";
const SHELL = "/luring/";
// Pages vary on the cookie, which changes at each sync (CSRF): a kept copy is still good.
const ANY = { ignoreVary: true };
const UNSENT = `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>{{ unsent.title|escapejs }}</title><link rel="stylesheet" href="{% static 'app.css' %}">
<script src="{% static 'offline/page.js' %}" defer></script></head>
<body><main><h1>{{ unsent.title|escapejs }}</h1><p class="msg msg-error" role="alert">{{ unsent.said|escapejs }}</p>
<p><button type="button" data-unsent-page>{{ unsent.back|escapejs }}</button></p></main></body></html>`;
const KEEP = [
  SHELL, "{% url 'offline:mec' %}", "{% static 'app.css' %}", "{% static 'vendor/htmx-2.0.11.min.js' %}",
  "{% static 'offline/offline.css' %}", "{% static 'offline/store.js' %}", "{% static 'offline/page.js' %}",
  "{% static 'offline/mec.js' %}", "{% static 'offline/app.js' %}",
  "{% static 'offline/icon.svg' %}", "{% static 'offline/icon-192.png' %}",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(KEEP)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("imp-shell-") && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== location.origin || url.pathname.startsWith("/api/")) return;
  if (request.method === "POST" && request.mode === "navigate") {
    const unsent = () => new Response(UNSENT, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    event.respondWith(fetch(request).catch(unsent));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (url.pathname === SHELL && response.ok && !response.redirected) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(SHELL, copy));
          }
          return response;
        })
        .catch(() => caches.match(url.pathname === SHELL ? SHELL : request, ANY).then((hit) => hit || caches.match(SHELL, ANY))),
    );
    return;
  }
  event.respondWith(caches.match(request, ANY).then((hit) => hit || fetch(request)));
});
