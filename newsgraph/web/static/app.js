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

  function select(ref, others, scroll) {
    for (const s of textEl.querySelectorAll(".selected")) s.classList.remove("selected");
    const segs = segmentsOf(ref);
    for (const s of segs) s.classList.add("selected");
    if (scroll && segs.length) segs[0].scrollIntoView({ block: "center", behavior: "smooth" });
    detail.replaceChildren(...describe(ref));
    detail.dataset.ref = ref;
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

  textEl.addEventListener("click", (ev) => {
    const seg = ev.target.closest("span[data-refs]");
    if (!seg) return;
    const refs = seg.dataset.refs.split(" ");
    select(refs[0], refs, false);
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
