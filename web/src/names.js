// Every name an actor has borne (English and Arabic), from its profile, to
// find the actor in a quote when the API gives no mention offsets.

import { api } from "./api.js";

const cache = new Map();

export function namesOf(id) {
  if (!cache.has(id)) {
    cache.set(id, api.actor(id).then(
      (profile) => [profile.name, ...(profile.names || []).map((name) => name.text)].filter(Boolean),
      () => [],
    ));
  }
  return cache.get(id);
}

export async function namesOfAll(ids) {
  const lists = await Promise.all([...new Set(ids.filter(Boolean))].map(namesOf));
  return lists.flat();
}

// Display names learnt from the API's answers ("actor_names", "a_name", ...),
// for actors that are not drawn in the graph.
const known = new Map();

/** Remember display names from a {id: name} map. */
export function learnNames(map) {
  for (const [id, name] of Object.entries(map || {})) if (id && name) known.set(id, name);
}

export function knownName(id) {
  return known.get(id);
}
