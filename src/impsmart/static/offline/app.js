/* The offline app: her visit list, families, forms and outbox drawn from the last sync kept in
   IndexedDB (store.js). Entries wait in the outbox with a UUID each and are sent to
   /api/v1/sync when a signal is there (on load, on "online", on the button); applied and
   duplicate ones leave it, refused and conflicting ones stay, with the server's message, to
   edit or discard. A woman's state shown here is the server's plus her waiting entries. */
"use strict";
(() => {
  const view = document.getElementById("view");
  const cfg = view.dataset;
  const FORMS = JSON.parse(document.getElementById("offline-forms").textContent);
  const T = JSON.parse(document.getElementById("offline-texts").textContent);
  const BASED = ["kb_start", "kb_change", "kb_stop", "pregnancy", "outcome"];
  const keys = { data: `data:${cfg.user}`, outbox: `outbox:${cfg.user}` };
  let data = null;
  let outbox = [];
  let mecSpec = null;
  let syncing = false;

  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") el.textContent = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c);
    return el;
  }
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_m, k) => values[k]);
  const uuid = () => (crypto.randomUUID ? crypto.randomUUID() : "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) => (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16)));

  // -- the kept data ---------------------------------------------------------------------
  function members() {
    const all = {};
    for (const f of Object.values(data ? data.families : {})) for (const m of f.m) all[m.id] = { ...m, family: f };
    return all;
  }
  function stateOf(member) {
    const state = { episode: member.episode || null, pregnancy: member.pregnancy || null, wish: member.wish || "" };
    for (const e of outbox) {
      if (e.status !== "waiting" || e.payload.member !== member.id) continue;
      const p = e.payload;
      if (e.kind === "kb_start") state.episode = [p.method, p.start_date];
      if (e.kind === "kb_change") state.episode = [p.method, p.switch_date];
      if (e.kind === "kb_stop") state.episode = null;
      if (e.kind === "pregnancy") Object.assign(state, { pregnancy: p.start_date, episode: null });
      if (e.kind === "outcome") state.pregnancy = null;
      if (e.kind === "intention") state.wish = p.intention;
    }
    return state;
  }
  const saveOutbox = () => window.impStore.set(keys.outbox, outbox);

  function showCount() {
    const waiting = outbox.filter((e) => e.status === "waiting").length;
    const check = outbox.length - waiting;
    let text = waiting ? fill(T.waiting, { n: waiting }) : T.all_sent;
    if (check) text += " · " + fill(T.to_check, { n: check });
    document.getElementById("outbox-count").textContent = text;
    document.getElementById("net-state").textContent = navigator.onLine ? T.online : T.offline;
    document.getElementById("sync-state").textContent = data ? fill(T.last_sync, { when: data.synced_at }) : T.never;
  }

  // -- sync ------------------------------------------------------------------------------
  async function send(token) {
    const waiting = outbox.filter((e) => e.status === "waiting");
    for (let i = 0; i < waiting.length; i += 50) {
      const batch = waiting.slice(i, i + 50);
      const response = await fetch(cfg.sync, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token },
        body: JSON.stringify({ entries: batch.map(({ client_id, kind, payload }) => ({ client_id, kind, payload })) }),
      });
      if (!response.ok) throw new Error(fill(T.send_failed, { status: response.status }));
      for (const r of (await response.json()).results) {
        const entry = outbox.find((e) => e.client_id === r.client_id);
        if (!entry) continue;
        if (r.status === "applied" || r.status === "duplicate") outbox = outbox.filter((e) => e !== entry);
        else Object.assign(entry, { status: r.status, message: r.message });
      }
      await saveOutbox();
    }
  }
  async function fetchChanges() {
    const since = data ? data.token : 0;
    const response = await fetch(`${cfg.sync}?since=${since}`, { credentials: "same-origin" });
    if (!response.ok) throw new Error(fill(T.send_failed, { status: response.status }));
    const got = await response.json();
    const families = got.full || !data ? {} : data.families;
    for (const f of got.families) {
      if (f.x) delete families[f.id];
      else families[f.id] = f;
    }
    data = { ...got, families, synced_at: new Date().toLocaleString("id-ID") };
    await window.impStore.set(keys.data, data);
  }
  async function sync() {
    if (syncing) return showCount();
    if (!navigator.onLine) {
      document.body.dataset.sync = "idle";
      return showCount();
    }
    syncing = true;
    document.body.dataset.sync = "busy";  // tests (and styles) can tell a sync is under way
    const state = document.getElementById("sync-state");
    state.textContent = T.syncing;
    try {
      const who = await fetch(cfg.csrf, { credentials: "same-origin" });
      if (who.redirected || !who.ok) throw new Error(fill(T.sign_in, { n: outbox.length }));
      await send((await who.json()).token);
      await fetchChanges();
      render();
    } catch (error) {
      state.textContent = error.message || T.offline;
      syncing = false;
      document.body.dataset.sync = "idle";
      return;
    }
    syncing = false;
    document.body.dataset.sync = "idle";
    showCount();
  }

  // -- pages -----------------------------------------------------------------------------
  function visitsPage() {
    const people = members();
    const items = (data ? data.visits : []).filter((v) => people[v.member]);
    if (!items.length) return [h("p", { text: T.no_visits })];
    return [h("ul", { class: "offline-list" }, items.map((v) => h("li", {},
      h("a", { href: `#/keluarga/${people[v.member].family.id}` }, h("strong", { text: people[v.member].n })),
      h("span", { text: ` ${v.label} · ${v.due} · ${v.detail}` }))))];
  }
  function familiesPage(query) {
    const search = h("input", { type: "search", id: "family-q", value: query, "aria-label": T.search });
    const list = h("ul", { class: "offline-list" });
    const draw = () => {
      const q = search.value.toLowerCase();
      const found = Object.values(data ? data.families : {})
        .filter((f) => !q || f.kk.includes(q) || f.a.toLowerCase().includes(q) || f.m.some((m) => m.n.toLowerCase().includes(q)))
        .slice(0, 50);
      list.replaceChildren(...found.map((f) => h("li", {}, h("a", { href: `#/keluarga/${f.id}`, text: f.m.length ? f.m[0].n : f.kk }), h("span", { text: ` ${f.a}` }))));
    };
    search.addEventListener("input", draw);
    draw();
    return [h("label", { for: "family-q", text: T.search }), search, list];
  }
  function stateLine(state) {
    const parts = [state.episode ? fill(T.uses, { method: state.episode[0], date: state.episode[1] }) : T.no_method];
    if (state.pregnancy) parts.push(fill(T.pregnant, { date: state.pregnancy }));
    if (state.wish) parts.push(state.wish);
    return parts.join(" · ");
  }
  function applies(form, state) {
    return !form.needs || { episode: !!state.episode, no_episode: !state.episode && !state.pregnancy, pregnancy: !!state.pregnancy, no_pregnancy: !state.pregnancy }[form.needs];
  }
  function familyPage(id) {
    const family = data && data.families[id];
    if (!family) return [h("p", { text: T.not_kept })];
    return [h("h2", { text: family.kk }), h("p", { text: family.a }), h("ul", { class: "offline-list" }, family.m.map((m) => {
      if (!m.w) return h("li", { text: `${m.n} · ${m.b}` });
      const state = stateOf(m);
      const buttons = FORMS.filter((f) => f.member && applies(f, state)).map((f) => h("a", { class: "button", href: `#/form/${f.kind}/${m.id}`, text: f.title }));
      return h("li", { class: "woman" }, h("strong", { text: m.n }), h("p", { class: "state", text: stateLine(state) }), h("div", { class: "actions" }, buttons));
    }))];
  }
  function entryPage() {
    return [h("div", { class: "actions" }, FORMS.filter((f) => !f.member).map((f) => h("a", { class: "button", href: `#/form/${f.kind}`, text: f.title })))];
  }
  function outboxPage() {
    if (!outbox.length) return [h("p", { text: T.all_sent })];
    return [h("ul", { class: "offline-list outbox" }, outbox.map((e) => h("li", { class: `entry ${e.status}` },
      h("strong", { text: e.title }), h("span", { text: ` ${T[e.status === "waiting" ? "waiting_status" : e.status]}` }),
      e.message ? h("p", { class: "message", text: e.message }) : null,
      e.status === "waiting" ? null : h("div", { class: "actions" },
        h("a", { class: "button", href: `#/form/${e.kind}/${e.payload.member || ""}?ubah=${e.client_id}`, text: T.edit }),
        h("button", { type: "button", onclick: async () => { outbox = outbox.filter((x) => x !== e); await saveOutbox(); render(); }, text: T.discard })))))];
  }

  // -- forms -----------------------------------------------------------------------------
  function options(list) {
    return (data ? data.lists[list] : []).map((o) => (Array.isArray(o) ? o : [o.id, o.n]));
  }
  function control(field, old, form) {
    const id = `f-${field.name}`;
    const value = old[field.name];
    const today = data ? data.today : "";
    if (field.type === "check") return h("label", { class: "check" }, h("input", { type: "checkbox", name: field.name, checked: value === true }), ` ${field.label}`);
    if (field.type === "checks" || field.type === "members") {
      const box = h("fieldset", { "data-name": field.name }, h("legend", { text: field.label }));
      const draw = () => {
        let choices = field.options;
        if (field.type === "members") {
          const chosen = (data.lists[field.list] || []).find((g) => String(g.id) === form.querySelector(`[name=${field.of}]`).value);
          choices = chosen ? chosen.m : [];
        }
        box.replaceChildren(box.firstChild, ...choices.map(([v, label]) => h("label", { class: "check" }, h("input", { type: "checkbox", name: field.name, value: v, checked: (value || []).map(String).includes(String(v)) }), ` ${label}`)));
      };
      if (field.type === "members") form.addEventListener("change", (e) => { if (e.target.name === field.of) draw(); });
      setTimeout(draw);
      return box;
    }
    if (field.type === "mec") return mecControl(field, value || []);
    let input;
    if (field.type === "select" || field.type === "list") {
      const choices = field.type === "list" ? options(field.list) : field.options;
      input = h("select", { id, name: field.name }, choices.map(([v, label]) => h("option", { value: v, selected: String(v) === String(value ?? ""), text: label })));
    } else if (field.type === "month") {
      input = h("input", { id, name: field.name, type: "month", required: true, value: value ? value.slice(0, 7) : today.slice(0, 7) });
    } else {
      const type = { date: "date", number: "number", text: "text" }[field.type];
      input = h("input", { id, name: field.name, type, required: field.required !== false && field.type !== "number", min: type === "number" ? 0 : null, value: value ?? (field.type === "date" ? today : "") });
    }
    return h("p", {}, h("label", { for: id, text: field.label }), input);
  }
  function mecControl(field, chosen) {
    const box = h("fieldset", { "data-name": "conditions" }, h("legend", { text: field.label }));
    const result = h("table", { id: "mec-result" });
    const draw = () => {
      const picked = [...box.querySelectorAll("input[name=conditions]:checked")].map((i) => i.value);
      const clash = window.impMec.clash(mecSpec, picked);
      const methods = window.impMec.evaluate(mecSpec, picked);
      result.replaceChildren(...(clash ? [h("caption", { text: T.mec_clash })] : []), ...mecSpec.methods.map((m) => h("tr", { "data-method": m }, h("th", { text: mecSpec.names[m] }), h("td", { text: `${methods[m]} · ${mecSpec.words[methods[m]] || mecSpec.words[methods[m].split("+")[0]] || ""}` }))));
    };
    const filter = h("input", { type: "search", "aria-label": T.search, placeholder: T.search });
    const list = h("div", { class: "mec-list" }, Object.keys(mecSpec.table).map((cid) => h("label", { class: "check", "data-text": mecSpec.labels[cid].toLowerCase() }, h("input", { type: "checkbox", name: "conditions", value: cid, checked: chosen.includes(cid) }), ` ${mecSpec.labels[cid]}`)));
    filter.addEventListener("input", () => list.querySelectorAll("label").forEach((l) => { l.hidden = !l.dataset.text.includes(filter.value.toLowerCase()) && !l.querySelector("input").checked; }));
    list.addEventListener("change", draw);
    draw();
    box.append(filter, list, result);
    return box;
  }
  function read(form, spec) {
    const payload = {};
    for (const field of spec.fields) {
      const inputs = [...form.querySelectorAll(`[name=${field.name === "conditions" ? "conditions" : field.name}]`)];
      if (field.type === "check") payload[field.name] = inputs[0].checked;
      else if (["checks", "members", "mec"].includes(field.type)) {
        const values = inputs.filter((i) => i.checked).map((i) => (field.type === "members" ? Number(i.value) : i.value));
        if (field.type === "mec") payload.facts = values.length ? { conditions: values } : {};
        else payload[field.name] = values;
      } else if (field.type === "number") payload[field.name] = Number(inputs[0].value || 0);
      else if (field.type === "month") payload[field.name] = `${inputs[0].value}-01`;
      else if (field.type === "list" && /^\d+$/.test(inputs[0].value)) payload[field.name] = Number(inputs[0].value);
      else payload[field.name] = inputs[0].value;
    }
    return payload;
  }
  function formPage(kind, memberId, editing, typed) {
    const spec = FORMS.find((f) => f.kind === kind);
    const old = outbox.find((e) => e.client_id === editing);
    const member = memberId ? members()[memberId] : null;
    if (!spec || (spec.member && !member)) return [h("p", { text: T.not_kept })];
    const form = h("form", { class: "offline-form" });
    // An entry edited again, or what she typed in the page's form when the signal was gone.
    const oldValues = old ? { ...old.payload, conditions: (old.payload.facts || {}).conditions } : Object.fromEntries(typed);
    form.append(...spec.fields.map((f) => control(f, oldValues, form)), h("button", { type: "submit", text: T.save }));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const payload = read(form, spec);
      if (member) Object.assign(payload, { member: member.id });
      if (member && BASED.includes(kind)) {
        const { episode, pregnancy } = stateOf(member);
        payload.base = { episode, pregnancy };
      }
      const title = `${spec.title} · ${member ? member.n : form.querySelector("select option:checked")?.textContent || ""}`;
      if (old) Object.assign(old, { payload, title, status: "waiting", message: "" });
      else outbox.push({ client_id: uuid(), kind, payload, title, status: "waiting", message: "", created_at: new Date().toISOString() });
      await saveOutbox();
      location.hash = member ? `#/keluarga/${member.family.id}` : "#/kotak";
      sync();
    });
    return [h("h2", { text: spec.title }), member ? h("p", { text: `${member.n} · ${stateLine(stateOf(member))}` }) : null, form];
  }

  // -- routing ---------------------------------------------------------------------------
  function render() {
    const [path, query] = (location.hash.slice(1) || "/kunjungan").split("?");
    const parts = path.split("/").filter(Boolean);
    const params = new URLSearchParams(query || "");
    let page;
    if (parts[0] === "keluarga" && parts[1]) page = familyPage(parts[1]);
    else if (parts[0] === "keluarga") page = familiesPage(params.get("q") || "");
    else if (parts[0] === "catat") page = entryPage();
    else if (parts[0] === "kotak") page = outboxPage();
    else if (parts[0] === "form") page = formPage(parts[1], parts[2], params.get("ubah"), params);
    else page = visitsPage();
    view.replaceChildren(...page.filter(Boolean));
    showCount();
  }

  async function start() {
    if ("serviceWorker" in navigator) navigator.serviceWorker.register(cfg.sw, { scope: "/" });
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
    [data, outbox] = await Promise.all([window.impStore.get(keys.data), window.impStore.get(keys.outbox)]);
    outbox = outbox || [];
    const response = await fetch(cfg.mec).catch(() => null);
    mecSpec = response && response.ok ? await response.json() : null;
    document.getElementById("sync-now").addEventListener("click", sync);
    window.addEventListener("hashchange", render);
    window.addEventListener("online", sync);
    window.addEventListener("offline", showCount);
    render();
    view.dataset.ready = "1";
    sync();
  }
  start();
})();
