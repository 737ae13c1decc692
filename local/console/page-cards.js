// The console page's drawing: elements, values as a person reads them, and one card per record (both
// images, the changed attributes marked, the handler's log lines folded). Loaded before page.js, which
// calls these; textContent only, never HTML from data.
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children) node.append(child);
  return node;
}

/** An AttributeValue as a person reads it: "text", 12, true, [..], {..}. */
function show(value) {
  if (!value || typeof value !== "object") return String(value);
  const [type, inner] = Object.entries(value)[0] || ["", ""];
  if (type === "S") return JSON.stringify(inner);
  if (type === "N" || type === "B") return inner;
  if (type === "BOOL") return String(inner);
  if (type === "NULL") return "null";
  if (type === "L") return `[${inner.map(show).join(", ")}]`;
  if (type === "M")
    return `{${Object.entries(inner)
      .map(([k, v]) => `${k}: ${show(v)}`)
      .join(", ")}}`;
  return `${type} ${JSON.stringify(inner)}`;
}

const keyText = (keys) =>
  Object.entries(keys)
    .map(([k, v]) => `${k}=${show(v)}`)
    .join(", ");

function imageTable(caption, image, changed) {
  const table = el("table", {}, el("caption", { textContent: caption }));
  if (!image) table.append(el("tr", {}, el("td", { className: "muted", textContent: "none" })));
  for (const [name, value] of Object.entries(image || {}).sort(([a], [b]) => a.localeCompare(b))) {
    const row = el("tr", {}, el("th", { scope: "row", textContent: name }), el("td", { textContent: show(value) }));
    if (changed.includes(name)) row.className = "changed";
    table.append(row);
  }
  return table;
}

function drawCard(card) {
  const view = triggers.get(card.trigger);
  if (!view) return;
  if (card.type === "notice") {
    view.cards.prepend(el("li", { className: "card notice", textContent: card.text }));
    if (card.severity === "parked") loadParked(card.trigger);
    return;
  }
  const item = el("li", { className: `card ${card.status}` });
  item.dataset.eventName = card.eventName;
  const timing = card.ms === undefined ? "" : `${card.ms} ms${card.coldStart ? " · cold start" : ""}`;
  const attempt = card.attempt > 1 ? ` · retry ${card.attempt - 1}` : "";
  item.append(
    el(
      "div",
      { className: "card-head" },
      el("span", { className: "event-name", textContent: card.eventName }),
      el("span", { textContent: keyText(card.keys) }),
      el("span", { className: "status", textContent: card.status + attempt }),
      el("span", { className: "muted", textContent: timing }),
    ),
  );
  if (card.error) item.append(el("p", { textContent: card.error }));
  if (card.changed.length)
    item.append(el("p", { className: "muted", textContent: `changed: ${card.changed.join(", ")}` }));
  item.append(
    el(
      "div",
      { className: "images" },
      imageTable("New image", card.newImage, card.changed),
      imageTable("Old image", card.oldImage, card.changed),
    ),
  );
  if (card.logs.length) {
    const batch = card.batchSize > 1 ? ` (the invocation of ${card.batchSize} records)` : "";
    item.append(
      el(
        "details",
        {},
        el("summary", { textContent: `Log lines: ${card.logs.length}${batch}` }),
        el("pre", { textContent: card.logs.join("\n") }),
      ),
    );
  }
  item.setAttribute("aria-label", `${card.eventName} ${keyText(card.keys)} ${card.status}`);
  view.cards.prepend(item);
}

// page.js calls these by name (classic scripts share one global scope); named here for the linter too.
globalThis.ConsoleCards = { el, show, keyText, drawCard };
