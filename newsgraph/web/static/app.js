// newsgraph article view: click a highlight (or a side-list item) to see its record.
// Every value is written with textContent; nothing from the article becomes HTML.
"use strict";

(function () {
  const data = document.getElementById("record-data");
  const textEl = document.getElementById("article-text");
  const detail = document.getElementById("detail");
  if (!data || !textEl || !detail) return;
  const record = JSON.parse(data.textContent);
  const text = record.article.text;
  const stored = textEl.dataset.stored === "1";
  const byId = new Map();
  const kinds = [["entities", "entity"], ["quotes", "quote"], ["events", "event"], ["figures", "figure"], ["locations", "place"]];
  for (const [key, kind] of kinds) for (const item of record[key] || []) byId.set(item.id, { kind, item });
  ((record.quality || {}).flags || []).forEach((f, i) => byId.set("flag" + (i + 1), { kind: "flag", item: f }));

  const slice = (span) => (Array.isArray(span) ? text.slice(span[0], span[1]) : "");
  const el = (tag, cls, content) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (content !== undefined && content !== null) node.textContent = String(content);
    return node;
  };

  function rows(pairs) {
    const dl = el("dl");
    for (const [label, value, cls] of pairs) {
      if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) continue;
      dl.append(el("dt", null, label));
      const dd = el("dd", cls, Array.isArray(value) ? value.join(", ") : value);
      dl.append(dd);
    }
    return dl;
  }

  function nameOf(id) {
    const hit = byId.get(id);
    return hit ? hit.item.name || hit.item.speaker_name || id : id;
  }

  function describe(ref) {
    const hit = byId.get(ref);
    if (!hit) return [el("p", "muted", "No record " + ref)];
    const r = hit.item;
    switch (hit.kind) {
      case "entity": {
        const out = [el("h3", null, r.name), rows([["type", r.type], ["country", r.country], ["titles", r.titles],
          ["also", r.aliases], ["mentions", (r.mentions || []).length]])];
        if (stored) {
          const a = el("a", null, "Profile across articles →");
          a.href = "/entities/" + encodeURIComponent(r.name);
          out.push(a);
        }
        return out;
      }
      case "quote":
        return [el("h3", null, (r.kind || "") + " quote"), rows([["speaker", r.speaker_name || nameOf(r.speaker) || "unknown", "detail-speaker"],
          ["cue", r.cue], ["confidence", r.confidence], ["says", slice(r.span)]])];
      case "event": {
        const loc = r.location ? nameOf(r.location) : null;
        const by = r.reported_by && byId.get(r.reported_by) ? byId.get(r.reported_by).item.speaker_name : null;
        return [el("h3", null, r.type + (r.cameo ? " · CAMEO " + r.cameo : "")), rows([
          ["trigger", slice(r.trigger_span)], ["actor", r.actor ? r.actor.text + (r.actor.country ? " (" + r.actor.country + ")" : "") : null],
          ["target", r.target ? r.target.text + (r.target.country ? " (" + r.target.country + ")" : "") : null],
          ["mode", r.mode], ["where", loc], ["when", r.date], ["negated", r.negated ? "yes" : null], ["modality", r.modality],
          ["reported by", by], ["evidence", slice(r.span)]])];
      }
      case "figure":
        return [el("h3", null, r.text), rows([["value", r.value], ["unit", r.unit], ["qualifier", r.qualifier],
          ["measures", r.measures], ["category", r.category]])];
      case "flag":
        return [el("h3", null, "Translation noise: " + r.kind), rows([["text", slice(r.span)]])];
      default:
        return [el("h3", null, r.name || ref), rows([["country", r.country], ["feature", r.feature]])];
    }
  }

  function segmentsOf(ref) {
    return Array.from(textEl.querySelectorAll("span[data-refs]")).filter((s) => s.dataset.refs.split(" ").includes(ref));
  }

  const closer = () => {
    const b = el("button", "close", "×");
    b.type = "button";
    b.setAttribute("aria-label", "Close the record");
    b.addEventListener("click", () => detail.classList.remove("open"));
    return b;
  };

  function select(ref, others, scroll) {
    for (const s of textEl.querySelectorAll(".selected")) s.classList.remove("selected");
    const segs = segmentsOf(ref);
    for (const s of segs) s.classList.add("selected");
    if (scroll && segs.length) segs[0].scrollIntoView({ block: "center" });
    detail.replaceChildren(closer(), ...describe(ref));
    detail.dataset.ref = ref;
    detail.classList.add("open");
    detail.scrollTop = 0;
    const rest = (others || []).filter((o) => o !== ref);
    if (rest.length) {
      const p = el("p", "others muted", "Also here: ");
      rest.forEach((o, i) => {
        const a = el("a", null, (byId.get(o) || { kind: "" }).kind + " " + nameOf(o));
        a.href = "#";
        a.dataset.ref = o;
        a.addEventListener("click", (ev) => { ev.preventDefault(); select(o, others, false); });
        p.append(a);
        if (i < rest.length - 1) p.append(", ");
      });
      detail.append(p);
    }
  }

  const pick = (seg) => {
    const refs = seg.dataset.refs.split(" ");
    select(refs[0], refs, false);
  };
  textEl.addEventListener("click", (ev) => {
    const seg = ev.target.closest("span[data-refs]");
    if (seg) pick(seg);
  });

  // the keyboard: Tab reaches the text; j / k (or n / p) move to the next / previous highlighted record,
  // Enter or Space selects the highlight that has the focus, Escape closes the record sheet
  const highlights = Array.from(textEl.querySelectorAll("span[data-refs]"));
  for (const h of highlights) h.tabIndex = -1;
  let at = -1;
  function step(dir) {
    if (!highlights.length) return;
    const current = at >= 0 ? highlights[at].dataset.refs.split(" ")[0] : null;
    let i = at;
    do { i += dir; } while (i >= 0 && i < highlights.length && highlights[i].dataset.refs.split(" ")[0] === current);
    if (i < 0 || i >= highlights.length) return;
    at = i;
    highlights[i].focus({ preventScroll: true });
    highlights[i].scrollIntoView({ block: "center" });
    pick(highlights[i]);
  }
  document.addEventListener("keydown", (ev) => {
    if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.target.closest("input, textarea, select, button")) return;
    if (ev.key === "j" || ev.key === "n") { ev.preventDefault(); step(1); }
    else if (ev.key === "k" || ev.key === "p") { ev.preventDefault(); step(-1); }
    else if (ev.key === "Escape") detail.classList.remove("open");
    else if ((ev.key === "Enter" || ev.key === " ") && ev.target.matches && ev.target.matches("span[data-refs]")) {
      ev.preventDefault();
      at = highlights.indexOf(ev.target);
      pick(ev.target);
    }
  });
  for (const a of document.querySelectorAll(".side a[data-ref]")) {
    a.addEventListener("click", (ev) => { ev.preventDefault(); select(a.dataset.ref, [], true); });
  }

  // ?span=START-END (links from the quotes and events tables): select the record with that span
  const m = /^(\d+)-(\d+)$/.exec(new URLSearchParams(window.location.search).get("span") || "");
  if (m) {
    const start = Number(m[1]), end = Number(m[2]);
    for (const [id, { item }] of byId) {
      if (Array.isArray(item.span) && item.span[0] === start && item.span[1] === end) { select(id, [], true); break; }
    }
  }
})();

// maps: zoom with the buttons (or the wheel), drag to pan; a point is a link to the events there.
(function () {
  for (const fig of document.querySelectorAll("figure.map")) {
    const svg = fig.querySelector("svg");
    const W = Number(fig.dataset.width), H = Number(fig.dataset.height);
    if (!svg || !W || !H) continue;
    let box = [0, 0, W, H];
    const show = () => svg.setAttribute("viewBox", box.map((v) => Math.round(v * 100) / 100).join(" "));
    const clamp = () => {
      box[2] = Math.min(W, Math.max(W / 16, box[2]));
      box[3] = box[2] * H / W;
      box[0] = Math.min(W - box[2], Math.max(0, box[0]));
      box[1] = Math.min(H - box[3], Math.max(0, box[1]));
    };
    const zoom = (factor, cx, cy) => {
      const x = cx === undefined ? box[0] + box[2] / 2 : cx, y = cy === undefined ? box[1] + box[3] / 2 : cy;
      box = [x - (x - box[0]) * factor, y - (y - box[1]) * factor, box[2] * factor, box[3] * factor];
      clamp();
      show();
    };
    const tools = document.createElement("div");
    tools.className = "map-tools";
    for (const [cls, label, title, act] of [["zoom-in", "+", "Zoom in", () => zoom(0.5)], ["zoom-out", "−", "Zoom out", () => zoom(2)],
      ["zoom-reset", "⟲", "Whole world", () => { box = [0, 0, W, H]; show(); }]]) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = cls;
      b.textContent = label;
      b.title = title;
      b.setAttribute("aria-label", title);
      b.addEventListener("click", act);
      tools.append(b);
    }
    fig.prepend(tools);
    const toMap = (ev) => {
      const r = svg.getBoundingClientRect();
      return [box[0] + (ev.clientX - r.left) / r.width * box[2], box[1] + (ev.clientY - r.top) / r.height * box[3]];
    };
    svg.addEventListener("wheel", (ev) => {
      if (!ev.ctrlKey && !ev.shiftKey) return; // the page scrolls; Ctrl/Shift + wheel zooms
      ev.preventDefault();
      const [x, y] = toMap(ev);
      zoom(ev.deltaY < 0 ? 0.8 : 1.25, x, y);
    }, { passive: false });
    let drag = null, moved = false;
    svg.addEventListener("pointerdown", (ev) => { if (box[2] < W) { drag = [ev.clientX, ev.clientY, box[0], box[1]]; moved = false; } });
    svg.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      const r = svg.getBoundingClientRect();
      const dx = ev.clientX - drag[0], dy = ev.clientY - drag[1];
      if (Math.abs(dx) + Math.abs(dy) > 4) moved = true;
      box[0] = drag[2] - dx / r.width * box[2];
      box[1] = drag[3] - dy / r.height * box[3];
      clamp();
      show();
    });
    const end = () => { drag = null; };
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointerleave", end);
    svg.addEventListener("click", (ev) => { if (moved) { ev.preventDefault(); moved = false; } }, true);
  }
})();
