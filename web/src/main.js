// Wires the page together: the API's meta data sets the time bar, the slider
// drives the graph and the map, clicks open the evidence and profile panels.

import "./style.css";
import { api, settings, timeParams } from "./api.js";
import { el, note, replace } from "./dom.js";
import { createGraph, edgeKey, KIND_COLOURS, TYPE_COLOURS } from "./graph.js";
import { createSlider } from "./slider.js";
import { showEvidence } from "./evidence.js";
import { showProfile } from "./profile.js";
import { showShifts } from "./shifts.js";
import { createSearch } from "./search.js";
import { createMap } from "./map.js";
import { claimCard } from "./claims.js";
import { knownName, learnNames, namesOfAll } from "./names.js";

const $ = (selector) => document.querySelector(selector);

const state = {
  meta: { first_date: null, last_date: null },
  time: null,
  lineage: false, // the page shows each name as borne at the time; "fold renamed groups" merges them
  selected: null, // {kind: "edge", edge} | {kind: "actor", id} | null
};

const details = $("#details");
const status = $("#status");

function setStatus(text, kind = "muted") {
  status.textContent = text;
  status.className = `status-line ${kind}`;
}

// ---- tabs -----------------------------------------------------------------

function showTab(name) {
  for (const tab of document.querySelectorAll("[role=tab]")) {
    const on = tab.dataset.tab === name;
    tab.setAttribute("aria-selected", String(on));
    $(`#${tab.getAttribute("aria-controls")}`).hidden = !on;
  }
}
for (const tab of document.querySelectorAll("[role=tab]")) {
  tab.addEventListener("click", () => showTab(tab.dataset.tab));
}

// ---- graph, map, slider ---------------------------------------------------

const graph = createGraph($("#graph"), {
  onNode: (id) => openActor(id),
  onEdge: (edge) => openEdge(edge),
  onBackground: () => {},
});
/** An actor's display name: the graph's, else one the API gave, else its id made readable. */
function nameOf(id) {
  if (!id) return "";
  const node = graph.cy.getElementById(id);
  if (node.nonempty()) return node.data("name");
  return knownName(id) || graph.nameOf(id);
}

const map = createMap($("#map"), { onPlace: (place) => openPlace(place) });

const slider = createSlider($("#timebar"), (time) => {
  state.time = time;
  update();
});

function lineageParam() {
  return state.lineage ? "true" : "false";
}

function wholePeriod() {
  return {
    from: state.meta.first_date ? state.meta.first_date.slice(0, 7) : "1900",
    to: state.meta.last_date ? state.meta.last_date.slice(0, 7) : "2100",
  };
}

/** Reload the whole period's graph and places (after a review or a lineage switch). */
async function loadBase() {
  const [network, places] = await Promise.all([
    api.network({ ...wholePeriod(), lineage: lineageParam() }),
    api.places(wholePeriod()).catch(() => []),
  ]);
  graph.setBase(network);
  await map.setBase(places);
}

let updateSequence = 0;

/** Fetch the current time's network and places; fade what is not in them. */
async function update() {
  const mine = ++updateSequence;
  const time = state.time;
  const params = timeParams(time);
  document.body.dataset.loading = "true";
  try {
    const [network, places] = await Promise.all([
      api.network({ ...params, lineage: lineageParam() }),
      api.places(params).catch(() => []),
    ]);
    if (mine !== updateSequence) return;
    graph.setActive(network);
    map.setActive(places);
    const count = graph.cy.edges().not(".faded").length;
    setStatus(`${count} relation(s) ${time.mode === "window" ? `from ${time.from} to ${time.to}` : `as of ${time.at}`}`);
    document.body.dataset.view = time.mode === "window" ? `window:${time.from}/${time.to}` : `at:${time.at}`;
  } catch (error) {
    if (mine === updateSequence) setStatus(error.message, "error");
  } finally {
    if (mine === updateSequence) delete document.body.dataset.loading;
  }
}

/** After a review: redraw everything and reopen what was open. */
async function refresh() {
  await loadBase();
  await update();
  const selected = state.selected;
  if (selected && selected.kind === "edge") {
    // the claims shown before stay under "behind this edge", rejected or not
    const edge = graph.cy.getElementById(selected.edge.id);
    const data = edge.nonempty() ? { ...edge.data() } : { ...selected.edge, claims: [] };
    const claims = [...new Set([...(data.claims || []), ...(selected.edge.claims || [])])];
    await openEdge({ ...data, claims }, false);
  }
  showShifts($("#shifts"), { nameOf, onPair: openPair, lineage: state.lineage });
}

// ---- panels -----------------------------------------------------------------

async function openEdge(edge, focus = true) {
  state.selected = { kind: "edge", edge };
  if (focus) graph.focusEdge(edge.id);
  showTab("details");
  await showEvidence(details, edge, {
    time: state.time, meta: state.meta, nameOf, lineage: state.lineage,
    onReviewed: () => refresh(),
  });
}

function openPair(a, b, kind) {
  const id = kind ? edgeKey(a, b, kind) : null;
  const edge = id ? graph.cy.getElementById(id) : graph.cy.collection();
  if (edge.nonempty()) return openEdge({ ...edge.data() });
  return openEdge({ id: id || edgeKey(a, b, ""), source: a, target: b, kind: kind || "", claims: [], allClaims: [] });
}

async function openActor(id) {
  state.selected = { kind: "actor", id };
  graph.focusNode(id);
  showTab("details");
  await showProfile(details, id, { nameOf, onActor: openActor, onPair: openPair });
}

async function showClaims(title, ids) {
  showTab("details");
  replace(details, el("h2", { dir: "auto" }, title), note("Loading claims…"));
  const shown = ids.slice(0, 25);
  const claims = (await Promise.all(shown.map((id) => api.claim(id).catch(() => null)))).filter(Boolean);
  for (const claim of claims) learnNames({ [claim.source]: claim.source_name, [claim.target]: claim.target_name });
  const names = await namesOfAll(claims.flatMap((claim) => [claim.source, claim.target]));
  replace(details,
    el("h2", { dir: "auto" }, title),
    ids.length > shown.length ? note(`The first ${shown.length} of ${ids.length} claims.`) : null,
    claims.length ? el("div", { class: "claims" }, claims.map((claim) => claimCard(claim, { names, nameOf, onReviewed: () => refresh() })))
      : note("No claim could be loaded."));
}

function openPlace(place) {
  state.selected = { kind: "place", id: place.id };
  const ids = Array.isArray(place.claim_ids) ? place.claim_ids : Array.isArray(place.claims) ? place.claims : [];
  return showClaims(place.name || place.id, ids);
}

function openClaim(id) {
  state.selected = { kind: "claim", id };
  return showClaims(`Claim ${id}`, [id]);
}

// ---- search, filters, export, settings ---------------------------------------

createSearch($("#search"), $("#search-input"), $("#search-results"), {
  onActor: (id) => openActor(id),
  onPlace: (place) => openPlace(place),
  onClaim: (id) => openClaim(id),
  onResults: () => showTab("search"),
});

for (const box of document.querySelectorAll("#kinds input[type=checkbox]")) {
  box.addEventListener("change", () => graph.showKind(box.value, box.checked));
}
$("#lineage").addEventListener("change", async (event) => {
  state.lineage = event.target.checked;
  graph.cy.elements().remove();
  await loadBase();
  await update();
  showShifts($("#shifts"), { nameOf, onPair: openPair, lineage: state.lineage });
});
$("#relayout").addEventListener("click", () => graph.layout());

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

for (const button of document.querySelectorAll("#export button[data-format]")) {
  button.addEventListener("click", async () => {
    const format = button.dataset.format;
    try {
      if (format === "png") {
        download(await graph.png(), `allegiance-${state.time ? state.time.at : "network"}.png`);
      } else {
        const file = await api.exportFile(format, timeParams(state.time));
        download(file.blob, file.name);
      }
      setStatus(`Exported ${format.toUpperCase()}.`);
    } catch (error) {
      setStatus(`Export failed: ${error.message}`, "error");
    }
  });
}

const tokenInput = $("#token");
const reviewerInput = $("#reviewer");
tokenInput.value = settings.token;
reviewerInput.value = settings.reviewer;
$("#settings-form").addEventListener("submit", (event) => {
  event.preventDefault();
  settings.token = tokenInput.value.trim();
  settings.reviewer = reviewerInput.value.trim();
  $("#settings").open = false;
  setStatus("Settings saved in this browser.");
});

function legend() {
  const item = (colour, label, cls) => el("li", {}, el("span", { class: `swatch ${cls}`, style: `background:${colour}` }), label);
  replace($("#legend"),
    el("ul", {}, Object.entries(TYPE_COLOURS).map(([type, colour]) => item(colour, type.replace("_", " "), "node"))),
    el("ul", {}, Object.entries(KIND_COLOURS).map(([kind, colour]) => item(colour, kind, "edge"))));
}

// ---- start --------------------------------------------------------------------

async function start() {
  legend();
  try {
    state.meta = await api.meta();
  } catch (error) {
    setStatus(`The API did not answer (${error.message}). Is \`allegiance serve\` running?`, "error");
    return;
  }
  const meta = state.meta;
  $("#meta").textContent = `${meta.documents ?? "?"} documents · ${meta.actors ?? "?"} actors · ${meta.claims ?? "?"} claims`;
  if (!meta.claims) {
    replace(details, el("h2", {}, "The store is empty"),
      el("p", {}, "Ingest some reports first, then reload this page:"),
      el("pre", {}, "allegiance ingest reports/"));
  }
  slider.setRange(meta.first_date, meta.last_date);
  state.time = slider.current();
  try {
    await loadBase();
  } catch (error) {
    setStatus(error.message, "error");
    return;
  }
  await update();
  showShifts($("#shifts"), { nameOf, onPair: openPair, lineage: state.lineage });
}

window.allegiance = { cy: graph.cy, graph, map, slider, state, refresh, openActor, openPair };
start();
