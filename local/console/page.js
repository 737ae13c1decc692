// The console page: draws the tables from /api/app, the items through /api/items/*, and each trigger's
// records from the server's event stream. No framework: a few templates and textContent (never HTML
// from data). Every call carries the session's token, read from the address npm run local printed.

const token = new URLSearchParams(location.search).get("token") || "";
const triggers = new Map(); // function name -> { cards, parked, result, table }
const tableViews = new Map(); // table name -> view
const seen = new Set(); // event ids drawn already: a reconnect never draws a card twice

async function call(route, body) {
  const response = await fetch(route, {
    method: "POST",
    headers: { "content-type": "application/json", "x-console-token": token },
    body: JSON.stringify(body || {}),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error || `HTTP ${response.status}`);
  return answer;
}

async function loadItems(view, more) {
  const answer = await call("/api/items/list", { table: view.table.name, startKey: more ? view.nextKey : null });
  if (!more) view.rows.replaceChildren();
  for (const item of answer.items) view.rows.append(itemRow(view, item));
  if (view.rows.children.length === 0)
    view.rows.append(el("tr", {}, el("td", { colSpan: 3, className: "muted", textContent: "no items yet" })));
  view.nextKey = answer.nextKey;
  view.more.hidden = !answer.nextKey;
}

function itemRow(view, item) {
  const keyNames = view.table.keys.map((k) => k.name);
  const rest = Object.fromEntries(Object.entries(item).filter(([name]) => !keyNames.includes(name)));
  const keyCell = el("td", { textContent: keyText(Object.fromEntries(keyNames.map((n) => [n, item[n]]))) });
  keyCell.id = `item-${Math.random().toString(36).slice(2)}`;
  const edit = el("button", { type: "button", textContent: "Edit" });
  const remove = el("button", { type: "button", textContent: "Delete" });
  for (const button of [edit, remove]) button.setAttribute("aria-describedby", keyCell.id);
  edit.onclick = () => openForm(view, item);
  remove.onclick = async () => {
    remove.disabled = true;
    try {
      await call("/api/items/delete", { table: view.table.name, key: item });
      await loadItems(view, false);
      view.add.focus();
    } catch (error) {
      remove.disabled = false;
      view.error.textContent = error.message;
    }
  };
  const attrs = Object.entries(rest)
    .map(([k, v]) => `${k}: ${show(v)}`)
    .join(", ");
  return el("tr", {}, keyCell, el("td", { textContent: attrs }), el("td", {}, edit, " ", remove));
}

function openForm(view, item) {
  view.editing = item || null;
  view.formTitle.textContent = item ? "Edit item" : "New item";
  view.keyFields.replaceChildren();
  for (const key of view.table.keys) {
    const input = el("input", { name: key.name, required: true, readOnly: !!item });
    if (key.type === "N") input.inputMode = "decimal";
    if (item) input.value = Object.values(item[key.name] || {})[0] || "";
    view.keyFields.append(
      el("label", { textContent: `${key.name} (${key.type}${item ? ", key: fixed" : ""}) ` }, input),
    );
  }
  const keyNames = view.table.keys.map((k) => k.name);
  const rest = item ? Object.fromEntries(Object.entries(item).filter(([n]) => !keyNames.includes(n))) : {};
  view.attributes.value = JSON.stringify(rest, null, 1);
  view.error.textContent = "";
  view.form.hidden = false;
  view.keyFields.querySelector(item ? "input" : "input:not([readonly])")?.focus();
  if (item) view.attributes.focus();
}

async function saveForm(view) {
  let attributes;
  try {
    attributes = JSON.parse(view.attributes.value || "{}");
    if (typeof attributes !== "object" || attributes === null || Array.isArray(attributes)) throw new Error();
  } catch {
    view.error.textContent = 'Other attributes: expected DynamoDB JSON such as {"subTitle": {"S": "Volume-1"}}';
    return;
  }
  const item = { ...attributes };
  for (const key of view.table.keys) item[key.name] = { [key.type]: view.form.elements[key.name].value };
  try {
    await call("/api/items/put", { table: view.table.name, item });
    view.form.hidden = true;
    await loadItems(view, false);
    view.add.focus();
  } catch (error) {
    view.error.textContent = error.message;
  }
}

function tableView(table) {
  const node = document.getElementById("table-template").content.firstElementChild.cloneNode(true);
  const $ = (selector) => node.querySelector(selector);
  const view = {
    table,
    node,
    rows: $(".item-rows"),
    more: $(".more"),
    add: $(".add"),
    form: $(".item-form"),
    keyFields: $(".key-fields"),
    attributes: $("textarea"),
    error: $(".form-error"),
    formTitle: $(".form-title"),
  };
  $(".table-name").textContent = table.name;
  node.setAttribute("aria-labelledby", ($(".table-name").id = `table-${table.name}`));
  const protection = table.deletionProtection ? "deletion protection on" : "deletion protection off";
  $(".table-meta").textContent =
    `stack ${table.stack} · stream ${table.viewType} · keys ${table.keys.map((k) => `${k.name} (${k.type})`).join(" + ")} · ${protection}`;
  for (const t of table.triggers) {
    const filters = t.filters.length ? `filters ${t.filters.join(" OR ")}` : "no filters";
    const state = t.enabled ? "" : " · DISABLED: not polled";
    $(".triggers").append(
      el("li", {
        textContent: `trigger → ${t.function} · batch size ${t.batchSize} · ${t.startingPosition} · ${filters} · on failure ${t.failureDestination || "nothing"}${state}`,
      }),
    );
    if (t.enabled) $(".live").append(triggerView(t));
  }
  $(".item-head").append(
    el("th", { textContent: "key" }),
    el("th", { textContent: "attributes" }),
    el("th", { textContent: "" }),
  );
  view.add.onclick = () => openForm(view, null);
  view.more.onclick = () => loadItems(view, true);
  view.form.onsubmit = (event) => {
    event.preventDefault();
    saveForm(view);
  };
  $(".cancel").onclick = () => {
    view.form.hidden = true;
    view.add.focus();
  };
  view.form.onkeydown = (event) => {
    if (event.key === "Escape") $(".cancel").click();
  };
  return view;
}

function triggerView(t) {
  const node = document.getElementById("trigger-template").content.firstElementChild.cloneNode(true);
  node.querySelector(".trigger-name").textContent = `Live: ${t.function}`;
  node.dataset.trigger = t.function;
  const view = {
    node,
    cards: node.querySelector(".cards"),
    parked: node.querySelector(".parked-list"),
    result: node.querySelector(".replay-result"),
  };
  triggers.set(t.function, view);
  if (!t.failureDestination) node.querySelector(".parked").hidden = true;
  else loadParked(t.function);
  return node;
}

async function loadParked(trigger) {
  const view = triggers.get(trigger);
  const { parked } = await call("/api/parked/list", { trigger });
  view.parked.replaceChildren();
  if (parked.length === 0) view.parked.append(el("li", { className: "muted", textContent: "none" }));
  for (const entry of parked) {
    const replay = el("button", { type: "button", textContent: "Replay" });
    const label = el("span", { textContent: `${entry.id}: ${entry.summary} ` });
    label.id = `parked-${Math.random().toString(36).slice(2)}`;
    replay.setAttribute("aria-describedby", label.id);
    replay.onclick = async () => {
      replay.disabled = true;
      view.result.textContent = "replaying…";
      try {
        const answer = await call("/api/parked/replay", { trigger, id: entry.id });
        view.result.textContent = `${answer.ok ? "Replayed" : "Not replayed"}:\n${answer.lines.join("\n")}`;
      } catch (error) {
        view.result.textContent = `Not replayed: ${error.message}`;
      }
      await loadParked(trigger);
    };
    view.parked.append(el("li", {}, label, replay));
  }
}

function drawBuild(build) {
  const banner = document.getElementById("build");
  banner.hidden = false;
  banner.className = build.ok ? "ok" : "";
  banner.textContent = build.text;
}

function connect() {
  const status = document.getElementById("connection");
  const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  source.onopen = () => {
    status.textContent = "live";
  };
  source.onerror = () => {
    status.textContent = "reconnecting…";
  };
  source.onmessage = (message) => {
    if (seen.has(message.lastEventId)) return;
    seen.add(message.lastEventId);
    const data = JSON.parse(message.data);
    if (data.type === "build") drawBuild(data);
    else drawCard(data);
  };
}

async function start() {
  const main = document.getElementById("tables");
  try {
    const { tables } = await call("/api/app");
    main.replaceChildren();
    for (const table of tables) {
      const view = tableView(table);
      tableViews.set(table.name, view);
      main.append(view.node);
      loadItems(view, false);
    }
    connect();
  } catch (error) {
    main.textContent = `The console cannot reach npm run local: ${error.message}`;
  }
}
start();
