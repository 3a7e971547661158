// The map of places that claims name. Country outlines come from the
// world-atlas package (Natural Earth, bundled at build time), so it works offline.

import { geoBounds, geoMercator, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import { el, replace, svg } from "./dom.js";

const WIDTH = 420;
const HEIGHT = 280;
const DEFAULT_BOX = [[34.5, 29.5], [48.5, 38.5]]; // the Levant and Iraq
let countriesPromise = null;

/** Country features, loaded once in their own chunk. */
function countries() {
  if (!countriesPromise) {
    countriesPromise = import("world-atlas/countries-50m.json")
      .then((module) => feature(module.default, module.default.objects.countries).features);
  }
  return countriesPromise;
}

/** A place's [lon, lat], whatever keys the API uses; null when it has none. */
export function lonLat(place) {
  const lat = place.lat ?? place.latitude ?? (place.coordinates && place.coordinates[1]);
  const lon = place.lon ?? place.lng ?? place.longitude ?? (place.coordinates && place.coordinates[0]);
  if (typeof lat !== "number" || typeof lon !== "number") return null;
  return [lon, lat];
}

export function placesOf(answer) {
  const list = Array.isArray(answer) ? answer : answer.places || answer.data || [];
  return list.filter((place) => lonLat(place));
}

function countOf(place) {
  if (typeof place.count === "number") return place.count;
  if (typeof place.claims_count === "number") return place.claims_count;
  if (typeof place.claims === "number") return place.claims;
  if (Array.isArray(place.claims)) return place.claims.length;
  if (Array.isArray(place.claim_ids)) return place.claim_ids.length;
  return 1;
}

function boxOf(places) {
  if (!places.length) return DEFAULT_BOX;
  const lons = places.map((p) => lonLat(p)[0]);
  const lats = places.map((p) => lonLat(p)[1]);
  const pad = 1.5;
  const box = [[Math.min(...lons) - pad, Math.min(...lats) - pad], [Math.max(...lons) + pad, Math.max(...lats) + pad]];
  // never zoom closer than about 6 degrees across
  for (const axis of [0, 1]) {
    const gap = 6 - (box[1][axis] - box[0][axis]);
    if (gap > 0) { box[0][axis] -= gap / 2; box[1][axis] += gap / 2; }
  }
  return box;
}

function overlaps(bounds, box) {
  const [[w, s], [e, n]] = bounds;
  return !(e < box[0][0] || w > box[1][0] || n < box[0][1] || s > box[1][1]) || e < w;
}

export function createMap(root, { onPlace }) {
  const chart = svg("svg", { class: "map", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": "map of places named in claims" });
  const outlines = svg("g", { class: "outlines" });
  const markers = svg("g", { class: "markers" });
  chart.append(outlines, markers);
  const caption = el("p", { class: "map-caption muted" });
  replace(root, chart, caption);
  let projection = null;
  let base = [];

  async function draw(places) {
    const box = boxOf(places);
    const frame = { type: "Feature", geometry: { type: "MultiPoint", coordinates: box } };
    projection = geoMercator().fitExtent([[8, 8], [WIDTH - 8, HEIGHT - 8]], frame).clipExtent([[0, 0], [WIDTH, HEIGHT]]);
    const path = geoPath(projection);
    const all = await countries();
    outlines.replaceChildren();
    for (const country of all) {
      if (!overlaps(geoBounds(country), box)) continue;
      const shape = svg("path", { d: path(country), class: "country" });
      const title = svg("title");
      title.textContent = country.properties.name || "";
      shape.append(title);
      outlines.append(shape);
    }
    root.dataset.countries = String(outlines.childElementCount);
  }

  function drawMarkers(active) {
    markers.replaceChildren();
    const activeIds = new Set(active.map((p) => p.id));
    const counts = Object.fromEntries(active.map((p) => [p.id, countOf(p)]));
    const labelled = new Set([...active].sort((x, y) => countOf(y) - countOf(x)).slice(0, 8).map((p) => p.id));
    for (const place of base) {
      const [x, y] = projection(lonLat(place));
      const on = activeIds.has(place.id);
      const count = on ? counts[place.id] : countOf(place);
      const group = svg("g", { class: `place${on ? "" : " faded"}`, "data-place": place.id, tabindex: 0 });
      const dot = svg("circle", { cx: x, cy: y, r: 3 + 2 * Math.sqrt(count) });
      const title = svg("title");
      title.textContent = `${place.name || place.id}: ${count} claim(s)`;
      dot.append(title);
      group.append(dot);
      if (on && labelled.has(place.id)) {
        const label = svg("text", { x: x + 6, y: y + 3, class: "place-label" });
        label.textContent = place.name || place.id;
        group.append(label);
      }
      group.addEventListener("click", () => onPlace(place));
      group.addEventListener("keydown", (event) => { if (event.key === "Enter") onPlace(place); });
      markers.append(group);
    }
    root.dataset.markers = String(markers.childElementCount);
    caption.textContent = `${active.length} of ${base.length} place(s) named in claims of this time`;
  }

  /** All places of the whole period: fixes the frame. */
  async function setBase(answer) {
    base = placesOf(answer);
    await draw(base);
  }

  /** Places of the current time: the others fade. */
  function setActive(answer) {
    const active = placesOf(answer);
    const known = new Set(base.map((p) => p.id));
    for (const place of active) if (!known.has(place.id)) base.push(place);
    if (projection) drawMarkers(active);
  }

  return { setBase, setActive };
}
