// The Smart Book offline: register the book's service worker, keep each page opened, and
// search the kept chapters when there is no signal. A static file: the CSP allows no inline JS.
(function () {
  "use strict";
  var bar = document.getElementById("book");
  if (!bar || !("caches" in window)) {
    return;
  }
  var cacheName = "smartbook-" + bar.dataset.version;
  var scope = bar.dataset.sw.replace(/[^/]*$/, "");
  var chapterPath = new RegExp("^" + scope + bar.dataset.lang + "/\\d\\d-[a-z0-9-]+/$");

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(bar.dataset.sw, {scope: scope}).catch(function () {});
  }
  if (navigator.onLine) {
    caches.open(cacheName).then(function (cache) {
      return cache.add(location.pathname);
    }).then(function () {
      var state = document.getElementById("offline-state");
      state.textContent = state.dataset.saved;
    }).catch(function () {});
  }

  function text(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var body = page.querySelector(".chapter");
    return {title: page.querySelector("h1").textContent, body: body ? body.textContent : ""};
  }

  function show(box, found) {
    box.replaceChildren();
    var heading = document.createElement("h2");
    heading.textContent = box.dataset.title;
    box.appendChild(heading);
    if (!found.length) {
      var none = document.createElement("p");
      none.textContent = box.dataset.none;
      box.appendChild(none);
    }
    var list = document.createElement("ul");
    list.className = "plain";
    found.forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit.url;
      link.textContent = hit.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    box.hidden = false;
  }

  function searchKept(query, box) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    caches.open(cacheName).then(function (cache) {
      return cache.keys().then(function (requests) {
        var chapters = requests.filter(function (r) {
          return chapterPath.test(new URL(r.url).pathname);
        });
        return Promise.all(chapters.map(function (r) {
          return cache.match(r, {ignoreVary: true}).then(function (response) { return response.text(); })
            .then(function (html) {
              var page = text(html);
              var haystack = page.body.toLowerCase();
              var hit = words.every(function (w) { return haystack.indexOf(w) >= 0; });
              return hit ? {url: new URL(r.url).pathname, title: page.title} : null;
            });
        }));
      });
    }).then(function (hits) {
      show(box, hits.filter(Boolean).sort(function (a, b) { return a.url < b.url ? -1 : 1; }));
    });
  }

  var form = document.getElementById("book-search");
  var box = document.getElementById("offline-results");
  if (form && box) {
    form.addEventListener("submit", function (event) {
      if (navigator.onLine) {
        return;
      }
      event.preventDefault();
      var results = document.getElementById("results");
      if (results) {
        results.hidden = true;
      }
      searchKept(form.elements.q.value, box);
    });
  }
}());
