// The network drawn with Cytoscape.js. The graph holds every actor and relation
// of the whole period (so the layout stays still while the slider moves); the
// relations of the current time are marked active and everything else fades.

import cytoscape from "cytoscape";

export const KIND_COLOURS = {
  cooperative: "#2e9d4f",
  hostile: "#d43d2a",
  lineage: "#6a4fb3",
  membership: "#8c8c8c",
};

export const TYPE_COLOURS = {
  armed_group: "#e08a1e",
  state: "#2f6db5",
  state_force: "#5b9bd5",
  coalition: "#b8509a",
  organization: "#2aa198",
  person: "#7a7a7a",
  other: "#b0a48a",
};

const STYLE = [
  {
    selector: "node",
    style: {
      label: "data(name)",
      "background-color": (node) => TYPE_COLOURS[node.data("type")] || TYPE_COLOURS.other,
      width: "data(size)",
      height: "data(size)",
      "font-size": 10,
      "text-valign": "bottom",
      "text-margin-y": 3,
      "text-wrap": "wrap",
      "text-max-width": 110,
      color: "#222",
      "text-outline-color": "#fff",
      "text-outline-width": 2,
    },
  },
  { selector: 'node[type = "person"]', style: { shape: "ellipse" } },
  { selector: 'node[type = "state"], node[type = "state_force"]', style: { shape: "round-rectangle" } },
  { selector: 'node[type = "coalition"]', style: { shape: "hexagon" } },
  {
    selector: "edge",
    style: {
      width: "data(width)",
      "line-color": (edge) => KIND_COLOURS[edge.data("kind")] || "#999",
      "curve-style": "bezier",
      opacity: 0.85,
    },
  },
  { selector: 'edge[kind = "lineage"]', style: { "line-style": "dashed" } },
  { selector: 'edge[kind = "membership"]', style: { "line-style": "dotted" } },
  { selector: ".faded", style: { opacity: 0.12, "text-opacity": 0.25 } },
  { selector: "edge.contradicted", style: { "line-style": "dashed", "line-dash-pattern": [2, 4] } },
  { selector: ".hidden-kind", style: { display: "none" } },
  {
    selector: "node:selected, node.focus",
    style: { "border-width": 3, "border-color": "#111", opacity: 1, "text-opacity": 1 },
  },
  {
    selector: "edge:selected, edge.focus",
    style: { width: (edge) => edge.data("width") + 3, opacity: 1, "z-index": 10 },
  },
];

/** "jabhat-al-nusra" → "Jabhat Al Nusra": a name when the API gives none. */
export function nameFromId(id) {
  return String(id).split("-").map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(" ");
}

/** The one key of a pair and a kind of relation: one edge per key. */
export function edgeKey(a, b, kind) {
  const [x, y] = a < b ? [a, b] : [b, a];
  return `${x}|${y}|${kind}`;
}

/**
 * Nodes of a network answer as {id: {id, name, type}}: from its "actors" list
 * (the API's detail) and, for any actor it lacks, from the relations.
 */
export function nodesOf(network) {
  const nodes = {};
  const names = network.actor_names || {};
  const listed = Array.isArray(network.actors) ? network.actors : Array.isArray(network.nodes) ? network.nodes : [];
  for (const node of listed) {
    const id = typeof node === "string" ? node : node.id;
    nodes[id] = { id, name: node.name || names[id] || nameFromId(id), type: node.type || "other" };
  }
  for (const relation of network.relations || []) {
    for (const id of [relation.a, relation.b]) {
      if (!nodes[id]) nodes[id] = { id, name: names[id] || nameFromId(id), type: "other" };
    }
  }
  return nodes;
}

/** Relations of a network answer grouped into edges: {key: edge data}. */
export function edgesOf(network) {
  const edges = {};
  const relations = Array.isArray(network.edges) ? network.edges : network.relations || [];
  for (const relation of relations) {
    const key = edgeKey(relation.a, relation.b, relation.kind);
    const edge = edges[key] || (edges[key] = {
      id: key,
      source: relation.a < relation.b ? relation.a : relation.b,
      target: relation.a < relation.b ? relation.b : relation.a,
      kind: relation.kind,
      types: [],
      claims: [],
      periods: [],
      sources: 0,
      contradicted: false,
    });
    edge.periods.push(relation);
    edge.sources += relation.sources || 0;
    edge.contradicted = edge.contradicted || Boolean(relation.contradicted);
    for (const type of relation.types || []) if (!edge.types.includes(type)) edge.types.push(type);
    for (const claim of relation.claims || []) if (!edge.claims.includes(claim)) edge.claims.push(claim);
  }
  return edges;
}

export function createGraph(container, { onNode, onEdge, onBackground }) {
  const cy = cytoscape({
    container,
    style: STYLE,
    minZoom: 0.1,
    maxZoom: 4,
    selectionType: "single",
  });
  cy.on("tap", "node", (event) => onNode(event.target.id()));
  // a copy: the element's own data object changes as the slider moves
  cy.on("tap", "edge", (event) => onEdge({ ...event.target.data() }));
  cy.on("tap", (event) => { if (event.target === cy) onBackground(); });

  const hiddenKinds = new Set();

  function nodeSize(degree) {
    return 14 + Math.min(26, 5 * Math.sqrt(degree || 0));
  }

  /** Draw the whole period's network; keeps the positions of nodes already drawn. */
  function setBase(network) {
    const nodes = nodesOf(network);
    const edges = edgesOf(network);
    const degree = network.degree || {};
    const known = new Set(cy.nodes().map((node) => node.id()));
    const fresh = Object.keys(nodes).filter((id) => !known.has(id));
    cy.batch(() => {
      cy.elements().forEach((element) => {
        const id = element.id();
        if (element.isNode() ? !nodes[id] : !edges[id]) cy.remove(element);
      });
      for (const node of Object.values(nodes)) {
        const data = { ...node, size: nodeSize(degree[node.id]) };
        const existing = cy.getElementById(node.id);
        if (existing.nonempty()) existing.data(data);
        else cy.add({ group: "nodes", data });
      }
      for (const edge of Object.values(edges)) {
        const data = { ...edge, allClaims: edge.claims, width: 1.5 + Math.min(5, edge.sources) };
        const existing = cy.getElementById(edge.id);
        if (existing.nonempty()) existing.data(data);
        else cy.add({ group: "edges", data });
      }
    });
    applyKinds();
    if (fresh.length === cy.nodes().length) {
      layout();
    } else if (fresh.length) {
      for (const id of fresh) placeNear(cy.getElementById(id));
    }
  }

  function layout() {
    const large = cy.nodes().length > 600;
    cy.layout(large
      ? { name: "concentric", concentric: (node) => node.degree(), levelWidth: () => 3, animate: false }
      : { name: "cose", animate: false, randomize: true, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, numIter: 1500 },
    ).run();
    cy.fit(undefined, 30);
  }

  function placeNear(node) {
    const neighbour = node.neighborhood("node").filter((other) => other.id() !== node.id())[0];
    const base = neighbour ? neighbour.position() : { x: 0, y: 0 };
    node.position({ x: base.x + 40 * (Math.random() - 0.5), y: base.y + 40 * (Math.random() - 0.5) });
  }

  /** Mark the relations of the current time active and fade the rest. */
  function setActive(network) {
    const nodes = nodesOf(network);
    const edges = edgesOf(network);
    cy.batch(() => {
      for (const node of Object.values(nodes)) {
        if (cy.getElementById(node.id).empty()) {
          cy.add({ group: "nodes", data: { ...node, size: nodeSize(0) } });
          placeNear(cy.getElementById(node.id));
        }
      }
      for (const edge of Object.values(edges)) {
        if (cy.getElementById(edge.id).empty()) {
          cy.add({ group: "edges", data: { ...edge, allClaims: edge.claims, width: 1.5 + Math.min(5, edge.sources) } });
        }
      }
      cy.elements().forEach((element) => {
        const active = element.isNode() ? Boolean(nodes[element.id()]) : Boolean(edges[element.id()]);
        element.toggleClass("faded", !active);
        if (element.isEdge()) {
          const current = edges[element.id()];
          element.data("active", active);
          element.data("claims", current ? current.claims : []);
          element.data("activePeriods", current ? current.periods : []);
          element.toggleClass("contradicted", Boolean(current && current.contradicted));
        }
      });
    });
  }

  function applyKinds() {
    cy.edges().forEach((edge) => edge.toggleClass("hidden-kind", hiddenKinds.has(edge.data("kind"))));
  }

  function showKind(kind, visible) {
    if (visible) hiddenKinds.delete(kind);
    else hiddenKinds.add(kind);
    applyKinds();
  }

  /** Select and centre a node (from search or a profile link). */
  function focusNode(id) {
    const node = cy.getElementById(id);
    if (node.empty()) return false;
    cy.elements().unselect();
    node.select();
    cy.animate({ center: { eles: node }, duration: 250 });
    return true;
  }

  function focusEdge(id) {
    const edge = cy.getElementById(id);
    if (edge.empty()) return false;
    cy.elements().unselect();
    edge.select();
    return true;
  }

  function nameOf(id) {
    const node = cy.getElementById(id);
    return node.nonempty() ? node.data("name") : nameFromId(id);
  }

  function png() {
    return cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
  }

  return { cy, setBase, setActive, showKind, focusNode, focusEdge, nameOf, layout, png };
}
