// The shifts panel: pairs whose relation turned (rivals now cooperating, allies now fighting).

import { api } from "./api.js";
import { el, note, replace } from "./dom.js";
import { span } from "./dates.js";
import { learnNames } from "./names.js";

function listOf(answer) {
  if (Array.isArray(answer)) return answer;
  return answer.shifts || answer.data || [];
}

function quotes(items) {
  return (items || []).slice(0, 2).map((text) => el("q", { dir: "auto" }, text));
}

/** Fill `root` with the latest shifts; `onPair(a, b, kind)` opens one. */
export async function showShifts(root, { nameOf, onPair, lineage = false, limit = 25 }) {
  replace(root, note("Loading shifts…"));
  let shifts;
  try {
    shifts = listOf(await api.shifts({ limit, lineage: String(lineage) }));
  } catch (error) {
    replace(root, note(error.message, "error"));
    return;
  }
  if (!shifts.length) {
    replace(root, note("No shifts: no pair's relation has turned in the stored claims."));
    return;
  }
  for (const shift of shifts) learnNames({ [shift.a]: shift.a_name, [shift.b]: shift.b_name });
  const latest = [...shifts].sort((x, y) => String((y.to || {}).start).localeCompare(String((x.to || {}).start)));
  replace(root, el("ol", { class: "shifts" }, latest.map((shift) => {
    const from = shift.from || {};
    const to = shift.to || {};
    return el("li", { class: "shift", dataset: { a: shift.a, b: shift.b } },
      el("a", {
        href: "#", class: "pair-link",
        onclick: (event) => { event.preventDefault(); onPair(shift.a, shift.b, to.kind); },
      }, el("bdi", {}, nameOf(shift.a)), " — ", el("bdi", {}, nameOf(shift.b))),
      el("div", { class: "shift-turn" },
        el("span", { class: `kind ${from.kind}` }, from.kind || "?"), ` ${span(from.start, from.end)} → `,
        el("span", { class: `kind ${to.kind}` }, to.kind || "?"), ` ${span(to.start, to.end)}`,
        typeof shift.score === "number" ? el("span", { class: "muted" }, ` · score ${shift.score}`) : null),
      el("div", { class: "shift-quotes" }, quotes(shift.evidence_from), quotes(shift.evidence_to)));
  })));
}
