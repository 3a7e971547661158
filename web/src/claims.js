// One claim as a card: what it says, the sentence quoted with the actors
// marked, where it comes from, and the accept / reject buttons.

import { api } from "./api.js";
import { el } from "./dom.js";
import { findSpans, quoteElement } from "./highlight.js";
import { span } from "./dates.js";

/** The offsets of actor mentions inside the quote, under whichever key the API uses. */
function offsetsOf(claim) {
  for (const key of ["mentions", "spans", "highlights", "offsets"]) {
    if (Array.isArray(claim[key])) return claim[key];
  }
  const evidence = Array.isArray(claim.evidence) ? claim.evidence[0] : claim.evidence;
  if (evidence && Array.isArray(evidence.mentions)) return evidence.mentions;
  return [];
}

function quoteOf(claim) {
  // the whole sentence where the API gives it (mention offsets are then in it)
  if (typeof claim.sentence === "string") return claim.sentence;
  if (typeof claim.quote === "string") return claim.quote;
  const evidence = Array.isArray(claim.evidence) ? claim.evidence[0] : claim.evidence;
  if (evidence && typeof evidence.text === "string") return evidence.text;
  if (evidence && typeof evidence.quote === "string") return evidence.quote;
  return "";
}

/** "rejected", "accepted", "corrected" or "" from the claim's review field(s). */
export function reviewStatus(claim) {
  const review = claim.review ?? claim.status;
  if (!review) {
    const reviews = Array.isArray(claim.reviews) ? claim.reviews : [];
    return reviews.length ? statusWord(reviews[reviews.length - 1].action) : "";
  }
  if (typeof review === "string") return statusWord(review);
  return statusWord(review.action || review.status || "");
}

function statusWord(action) {
  const words = { accept: "accepted", reject: "rejected", correct: "corrected" };
  return words[action] || action || "";
}

/**
 * A claim card. `names` are actor names to mark; `nameOf(id)` gives display
 * names; `onReviewed(claimId, action)` runs after a review is stored.
 */
export function claimCard(claim, { names = [], nameOf = (id) => id, onReviewed, highlight = false }) {
  const status = reviewStatus(claim);
  const quote = quoteOf(claim);
  const doc = claim.document || {};
  const message = el("p", { class: "review-message", role: "status" });

  async function review(action) {
    message.textContent = "Saving…";
    message.className = "review-message";
    try {
      await api.review(claim.id, action, note.value.trim());
      message.textContent = `Claim ${claim.id} ${statusWord(action)}.`;
      if (onReviewed) await onReviewed(claim.id, action);
    } catch (error) {
      message.textContent = error.message;
      message.className = "review-message error";
    }
  }

  const note = el("input", { type: "text", class: "review-note", placeholder: "note (optional)", dir: "auto", "aria-label": "review note" });
  const card = el("article", {
    class: `claim${status ? ` ${status}` : ""}${highlight ? " behind" : ""}`,
    dataset: { claim: String(claim.id), status },
  },
  el("header", {},
    el("span", { class: "claim-type" }, claim.type || "claim"),
    " ",
    el("bdi", { class: "actor" }, nameOf(claim.source)),
    claim.target ? [" → ", el("bdi", { class: "actor" }, nameOf(claim.target))] : null,
    el("span", { class: "claim-when" }, span(claim.when, claim.until || claim.when)),
    el("span", { class: `modality ${claim.modality || ""}` }, claim.modality || ""),
    status ? el("span", { class: `status ${status}` }, status) : null,
  ),
  quote ? quoteElement(quote, findSpans(quote, { offsets: offsetsOf(claim), names })) : null,
  el("p", { class: "source" },
    el("cite", { dir: "auto" }, doc.title || doc.name || "untitled document"),
    doc.published ? `, ${doc.published}` : "",
    claim.attributed_to ? [" — according to ", el("bdi", {}, nameOf(claim.attributed_to))] : null,
    claim.place ? [" — at ", el("bdi", {}, nameOf(claim.place))] : null,
    typeof claim.confidence === "number" ? ` — confidence ${claim.confidence.toFixed(2)}` : "",
    ` — claim ${claim.id}`,
  ),
  el("div", { class: "review" },
    el("button", { type: "button", class: "review-accept", onclick: () => review("accept") }, "Accept"),
    el("button", { type: "button", class: "review-reject", onclick: () => review("reject") }, "Reject"),
    note,
  ),
  message,
  );
  return card;
}
