// The panel for a clicked node: the actor's profile.

import { api } from "./api.js";
import { el, note, replace } from "./dom.js";
import { span } from "./dates.js";
import { quoteElement, findSpans } from "./highlight.js";
import { learnNames } from "./names.js";

function section(title, items, render) {
  if (!items || !items.length) return null;
  return el("section", { class: "profile-section" },
    el("h3", {}, `${title} (${items.length})`),
    el("ul", {}, items.map((item) => el("li", {}, render(item)))));
}

function quoteLine(item, names) {
  if (!item.quote) return null;
  return quoteElement(item.quote, findSpans(item.quote, { names }));
}

function cite(item) {
  if (!item.document) return null;
  return el("span", { class: "source" }, " — ", el("cite", { dir: "auto" }, item.document),
    item.published ? `, ${item.published}` : "");
}

/**
 * Show actor `id` in `root`. `context` gives nameOf, onActor(id) and
 * onPair(a, b) for the links inside the profile.
 */
export async function showProfile(root, id, context) {
  const { nameOf, onActor, onPair } = context;
  replace(root, el("h2", {}, el("bdi", {}, nameOf(id))), note("Loading the profile…"));
  root.dataset.actor = id;
  let profile;
  try {
    profile = await api.actor(id);
  } catch (error) {
    replace(root, el("h2", {}, nameOf(id)), note(error.message, "error"));
    return;
  }
  learnNames(profile.actor_names);
  const names = [profile.name, ...(profile.names || []).map((n) => n.text)];
  const actorLink = (other) => el("a", {
    href: "#", class: "actor-link", dir: "auto",
    onclick: (event) => { event.preventDefault(); onActor(other); },
  }, nameOf(other));
  const relation = (item) => [
    actorLink(item.other || (item.a === profile.id ? item.b : item.a)), " ",
    el("span", { class: `kind ${item.kind}` }, item.kind), " ",
    span(item.start, item.end), ` · ${(item.types || []).join(", ")} · ${item.sources || 0} source(s) `,
    el("a", {
      href: "#", class: "pair-link",
      onclick: (event) => { event.preventDefault(); onPair(item.a, item.b, item.kind); },
    }, "evidence"),
  ];
  const officialNames = (profile.names || []).filter((n) => n.kind !== "transliteration");

  replace(root,
    el("h2", {}, el("bdi", {}, profile.name || nameOf(id))),
    el("p", { class: "profile-meta" },
      [profile.type, profile.country, profile.origin === "kb" ? "in the knowledge base" : profile.origin]
        .filter(Boolean).join(" · ")),
    profile.notes ? el("p", { class: "profile-notes" }, profile.notes) : null,
    section("Names over time", officialNames, (n) => [
      el("bdi", { class: "name", dir: "auto", lang: n.lang || null }, n.text), " ",
      el("span", { class: "muted" }, `${n.lang || ""} ${n.kind || ""}`),
      n.from || n.to ? ` · ${span(n.from, n.to)}` : "",
      n.actor && n.actor !== profile.id ? [" · as ", actorLink(n.actor)] : null,
    ]),
    section("Lineage", profile.lineage, (item) => [
      el("span", { class: "claim-type" }, item.type), " ",
      actorLink(item.source), " → ", actorLink(item.target),
      item.date ? ` · ${item.date}` : "", item.from ? el("span", { class: "muted" }, ` (${item.from})`) : null,
    ]),
    section("Leaders", profile.leaders, (item) => [
      actorLink(item.leader || item.source), ` · ${span(item.when, item.until)}`, cite(item),
      quoteLine(item, names),
    ]),
    section("Allies", profile.allies, relation),
    section("Rivals", profile.rivals, relation),
    section("Events", profile.events, (item) => [
      el("span", { class: "claim-type" }, item.type), " ",
      actorLink(item.source), item.target ? [" → ", actorLink(item.target)] : null,
      ` · ${span(item.when, item.until)}`, cite(item), quoteLine(item, names),
    ]),
  );
}
