// The search box: actors, places and quotes in any script.

import { api } from "./api.js";
import { el, note, replace } from "./dom.js";

/**
 * Wire `input` (and its form) to show results in `root`. Handlers:
 * onActor(id), onPlace(place), onClaim(id), and onResults() to bring the panel forward.
 */
export function createSearch(form, input, root, { onActor, onPlace, onClaim, onResults }) {
  let sequence = 0;

  async function run(query) {
    const mine = ++sequence;
    onResults();
    if (query.length < 2) {
      replace(root, note("Type at least two letters."));
      return;
    }
    replace(root, note(`Searching for “${query}”…`));
    let found;
    try {
      found = await api.search(query);
    } catch (error) {
      if (mine === sequence) replace(root, note(error.message, "error"));
      return;
    }
    if (mine !== sequence) return;
    const actors = found.actors || [];
    const places = found.places || [];
    const claims = found.claims || [];
    root.dataset.query = query;
    const link = (label, handler, attrs = {}) => el("a", {
      href: "#", dir: "auto", ...attrs,
      onclick: (event) => { event.preventDefault(); handler(); },
    }, label);
    replace(root,
      el("h2", {}, "Results for ", el("bdi", { dir: "auto" }, query)),
      actors.length || places.length || claims.length ? null : note("Nothing found."),
      actors.length ? el("section", {}, el("h3", {}, `Actors (${actors.length})`),
        el("ul", { class: "results actors" }, actors.map((actor) => el("li", { dataset: { actor: actor.id } },
          link(actor.name || actor.id, () => onActor(actor.id), { class: "actor-link" }),
          actor.type ? el("span", { class: "muted" }, ` ${actor.type}`) : null)))) : null,
      places.length ? el("section", {}, el("h3", {}, `Places (${places.length})`),
        el("ul", { class: "results places" }, places.map((place) => el("li", {},
          link(place.name || place.id, () => onPlace(place)))))) : null,
      claims.length ? el("section", {}, el("h3", {}, `Quotes (${claims.length})`),
        el("ul", { class: "results claims" }, claims.map((claim) => el("li", { dataset: { claim: String(claim.id) } },
          link(claim.quote || `claim ${claim.id}`, () => onClaim(claim.id), { class: "quote-link" }))))) : null,
    );
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(input.value.trim());
  });
  return { run };
}
