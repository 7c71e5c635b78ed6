/* Every page without a signal. A form sent (or an htmx action tried) while the phone is
   offline is not sent: she stays on the page with what she typed and a message. A form that
   names an outbox kind (data-offline-kind: "Tandai dikunjungi") is kept in the offline app's
   outbox instead, sent at its next sync; one that names an offline form (data-offline-form)
   offers it, filled with what she typed. If the signal drops while a form is on its way, the
   service worker answers with its "belum terkirim" page (data-unsent-page); what she typed was
   kept here (sessionStorage) and is put back when she returns to the form. */
"use strict";
(() => {
  const T = document.currentScript.dataset;
  const DRAFT = "imp-draft";
  const UNSENT = "imp-unsent";
  const COPY = "imp-form";
  const SKIP = ["csrfmiddlewaretoken", "next", "home"];

  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_m, k) => values[k]);
  const fields = (form) => [...form.elements].filter((e) => e.name && !SKIP.includes(e.name) && !["password", "file", "submit", "button"].includes(e.type));
  const path = () => location.pathname + location.search;

  function say(where, text, link) {
    const old = where.querySelector(":scope > .offline-note");
    const note = old || document.createElement("p");
    note.className = "msg msg-error offline-note";
    note.setAttribute("role", "alert");
    note.textContent = text;
    if (link) {
      const a = document.createElement("a");
      Object.assign(a, { href: link.href, textContent: link.text });
      note.append(" ", a);
    }
    if (!old) where.prepend(note);
    return note;
  }

  async function keep(form) {
    // The same entry the offline app makes (app.js): it sends it at its next sync.
    const payload = {};
    for (const [name, value] of new FormData(form)) if (!SKIP.includes(name)) payload[name] = /^\d+$/.test(value) && name === "member" ? Number(value) : value;
    const key = `outbox:${T.user}`;
    const outbox = (await window.impStore.get(key)) || [];
    outbox.push({ client_id: crypto.randomUUID(), kind: form.dataset.offlineKind, payload, title: form.dataset.offlineTitle || "", status: "waiting", message: "", created_at: new Date().toISOString() });
    await window.impStore.set(key, outbox);
    return outbox.filter((e) => e.status === "waiting").length;
  }

  function offer(form) {
    if (!form.dataset.offlineForm || !(navigator.serviceWorker && navigator.serviceWorker.controller)) return null;
    const values = new URLSearchParams();
    for (const e of fields(form)) if (e.value && (!["checkbox", "radio"].includes(e.type) || e.checked)) values.set(e.name, e.value);
    return { href: `${form.dataset.offlineForm}?${values}`, text: T.offer };
  }

  async function offline(form) {
    if (form.dataset.offlineKind && T.user && window.impStore) {
      try {
        const n = await keep(form);
        say(form, fill(T.kept, { n }), { href: "/luring/#/kotak", text: T.outbox });
        form.reset();
        return;
      } catch (_error) { /* no IndexedDB (private window): say it was not sent */ }
    }
    say(form, T.unsent, offer(form));
  }

  // The page as she sees it, kept where the worker finds it, so that Back from its
  // "belum terkirim" page shows this form again without a signal (one page kept at a time).
  async function keepCopy() {
    const cache = await caches.open(COPY);
    for (const old of await cache.keys()) await cache.delete(old);
    const html = `<!doctype html>${document.documentElement.outerHTML}`;
    await cache.put(location.href, new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } }));
  }

  // Last in line (bubbling to the document): a form its own script handled (the offline app,
  // the Smart Book's offline search) or that htmx sends (see htmx:beforeRequest) is left alone.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (event.defaultPrevented) return;
    if (!navigator.onLine) {
      event.preventDefault();
      offline(form);
      return;
    }
    if (form.method === "post" && !form.dataset.kept && navigator.serviceWorker && navigator.serviceWorker.controller) {
      event.preventDefault();
      form.dataset.kept = "1";
      keepCopy().catch(() => {}).finally(() => { form.requestSubmit(event.submitter); delete form.dataset.kept; });
      return;
    }
    const values = fields(form).map((e) => [e.name, ["checkbox", "radio"].includes(e.type) ? e.checked : e.value]);
    const index = [...document.forms].indexOf(form);
    sessionStorage.setItem(DRAFT, JSON.stringify({ path: path(), index, values }));
  });

  // htmx (a form with hx-post, a button, a link): no request without a signal, the form's
  // entry kept or the message shown; a message too when the request itself fails.
  document.addEventListener("htmx:beforeRequest", (event) => {
    if (navigator.onLine) return;
    event.preventDefault();
    const form = event.detail.elt.closest("form");
    if (form) offline(form);
    else say(event.detail.elt.parentElement, T.unsent);
  });
  document.addEventListener("htmx:sendError", (event) => {
    say(event.detail.elt.closest("form") || event.detail.elt.parentElement, T.failed);
  });

  function restore() {
    const draft = JSON.parse(sessionStorage.getItem(DRAFT) || "null");
    const unsent = sessionStorage.getItem(UNSENT);
    sessionStorage.removeItem(DRAFT);
    sessionStorage.removeItem(UNSENT);
    if (draft && window.caches) caches.delete(COPY);
    const form = draft && unsent && draft.path === path() ? document.forms[draft.index] : null;
    if (!form) return;
    const now = fields(form);
    draft.values.forEach(([name, value], i) => {
      const e = now[i];
      if (!e || e.name !== name) return;
      if (typeof value === "boolean") e.checked = value;
      else e.value = value;
    });
    say(form, T.unsent);
  }

  const back = document.querySelector("[data-unsent-page]");
  if (back) {
    sessionStorage.setItem(UNSENT, "1");
    back.addEventListener("click", () => history.back());
  } else {
    restore();
    window.addEventListener("pageshow", (event) => { if (event.persisted) restore(); });
  }
})();
