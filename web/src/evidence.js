// The panel for a clicked edge: the pair's timeline and every claim behind it.

import { api } from "./api.js";
import { el, note, replace, svg } from "./dom.js";
import { monthIndex, monthIndexEnd, monthLabel, span } from "./dates.js";
import { KIND_COLOURS } from "./graph.js";
import { claimCard } from "./claims.js";
import { learnNames, namesOfAll } from "./names.js";

const KINDS = ["cooperative", "hostile", "lineage", "membership"];

/** A small SVG timeline: one row per kind, one bar per period, a line at the slider's date. */
function timeline(periods, { first, last, at }) {
  const starts = periods.map((p) => monthIndex(p.start)).filter((x) => x !== null);
  const ends = periods.map((p) => monthIndexEnd(p.end || p.start)).filter((x) => x !== null);
  const lo = Math.min(monthIndex(first) ?? Infinity, ...starts);
  const hi = Math.max(monthIndexEnd(last) ?? -Infinity, ...ends);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return note("No dated periods.");
  const width = 320;
  const rowHeight = 14;
  const rows = KINDS.filter((kind) => periods.some((p) => p.kind === kind));
  const height = rows.length * rowHeight + 18;
  const x = (month) => 70 + ((month - lo) / Math.max(1, hi - lo + 1)) * (width - 75);
  const chart = svg("svg", { class: "timeline", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "timeline of the pair" });
  rows.forEach((kind, row) => {
    const label = svg("text", { x: 0, y: row * rowHeight + 11, class: "timeline-label" });
    label.textContent = kind;
    chart.append(label);
    for (const period of periods.filter((p) => p.kind === kind)) {
      const start = monthIndex(period.start);
      const end = monthIndexEnd(period.end || period.start);
      if (start === null || end === null) continue;
      const bar = svg("rect", {
        x: x(start), y: row * rowHeight + 2, height: rowHeight - 4,
        width: Math.max(2, x(end + 1) - x(start)), fill: KIND_COLOURS[kind], rx: 2,
      });
      const title = svg("title");
      title.textContent = `${kind} ${span(period.start, period.end)} (${(period.types || []).join(", ")})`;
      bar.append(title);
      chart.append(bar);
    }
  });
  const axisY = rows.length * rowHeight + 14;
  for (const [month, anchor] of [[lo, "start"], [hi, "end"]]) {
    const tick = svg("text", { x: month === lo ? 70 : width, y: axisY, "text-anchor": anchor, class: "timeline-axis" });
    tick.textContent = monthLabel(month).slice(0, 4);
    chart.append(tick);
  }
  const now = monthIndex(at);
  if (now !== null && now >= lo && now <= hi) {
    chart.append(svg("line", { x1: x(now), x2: x(now), y1: 0, y2: rows.length * rowHeight, class: "timeline-now" }));
  }
  return chart;
}

/**
 * Show an edge (or a pair) in `root`. `edge` has source, target, kind and the
 * claim ids active now; `context` gives time, meta, nameOf and onReviewed.
 */
export async function showEvidence(root, edge, context) {
  const { time, meta, nameOf, onReviewed } = context;
  const a = edge.source;
  const b = edge.target;
  replace(root,
    el("h2", {}, el("bdi", {}, nameOf(a)), " — ", el("bdi", {}, nameOf(b))),
    note("Loading the pair's history…"));
  root.dataset.pair = `${a}|${b}`;
  root.dataset.kind = edge.kind || "";
  let history;
  try {
    history = await api.pair(a, b, { lineage: context.lineage === false ? "false" : undefined });
  } catch (error) {
    replace(root, el("h2", {}, nameOf(a), " — ", nameOf(b)), note(error.message, "error"));
    return;
  }
  learnNames(history.actor_names);
  const periods = history.periods || [];
  const claims = history.claims || [];
  const behind = new Set((edge.claims && edge.claims.length ? edge.claims : edge.allClaims || []).map(Number));
  if (!behind.size && edge.kind) {
    for (const period of periods) if (period.kind === edge.kind) for (const id of period.claims || []) behind.add(Number(id));
  }
  const names = await namesOfAll([a, b, ...claims.flatMap((claim) => [claim.source, claim.target])]);
  const card = (claim) => claimCard(claim, { names, nameOf, onReviewed, highlight: behind.has(Number(claim.id)) });
  const first = claims.filter((claim) => behind.has(Number(claim.id)));
  const rest = claims.filter((claim) => !behind.has(Number(claim.id)));
  const when = time ? (time.mode === "window" ? `${time.from} → ${time.to}` : `as of ${time.at}`) : "";

  replace(root,
    el("h2", {}, el("bdi", {}, nameOf(a)), " — ", el("bdi", {}, nameOf(b))),
    edge.kind ? el("p", { class: "edge-summary" },
      el("span", { class: `kind ${edge.kind}` }, edge.kind),
      ` ${when}`,
      edge.types && edge.types.length ? ` · ${edge.types.join(", ")}` : "") : null,
    timeline(periods, { first: meta.first_date, last: meta.last_date, at: time && time.at }),
    el("ul", { class: "periods" }, periods.map((period) => el("li", {},
      el("span", { class: `kind ${period.kind}` }, period.kind), " ",
      span(period.start, period.end), ` · ${(period.types || []).join(", ")}`,
      period.place ? [" · at ", el("bdi", {}, nameOf(period.place))] : null,
      ` · ${period.sources || 0} source(s)`,
      period.contradicted ? " · contradicted" : "",
      period.end_reason && period.end_reason !== "open" ? ` · ended: ${period.end_reason}` : ""))),
    el("h3", {}, edge.kind ? `Claims behind this edge (${first.length})` : `Claims (${first.length})`),
    first.length ? el("div", { class: "claims behind-edge" }, first.map(card)) : note("No claim of this edge in the pair's history."),
    rest.length ? el("details", { class: "other-claims" },
      el("summary", {}, `Other claims between them (${rest.length})`),
      el("div", { class: "claims" }, rest.map(card))) : null,
  );
}
