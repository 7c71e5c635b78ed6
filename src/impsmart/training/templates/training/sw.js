{% load static %}// The Smart Book's service worker (scope {{ scope }}): pages and files are fetched from the
// network when there is signal and kept; without signal the kept copy is shown.
var CACHE = "smartbook-{{ version }}";
var SCOPE = "{{ scope }}";
var PRECACHE = ["{{ start }}", "{% static 'app.css' %}", "{% static 'training/training.css' %}", "{% static 'training/book.js' %}", "{% static 'vendor/htmx-2.0.11.min.js' %}"];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(PRECACHE);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf("smartbook-") === 0 && key !== CACHE;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function keep(url) {
  return url.pathname.indexOf(SCOPE) === 0 && !/\.(pdf|js)$/.test(url.pathname) ||
    url.pathname.indexOf("{% get_static_prefix %}") === 0;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && !response.redirected && keep(url)) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.open(CACHE).then(function (cache) {
      return cache.match(request, {ignoreVary: true}).then(function (found) {
        return found || cache.match(request, {ignoreSearch: true, ignoreVary: true});
      });
    }).then(function (found) {
      return found || Response.error();
    });
  }));
});
