// A quote with the actors' names marked, built from text nodes and <mark>
// elements only: the quote itself is never parsed as HTML.

/**
 * Spans to mark in `quote`: the API's mention offsets where it gives them,
 * otherwise every occurrence of the given names (longest first, no overlaps).
 */
export function findSpans(quote, { offsets = [], names = [] } = {}) {
  const spans = [];
  for (const item of offsets) {
    const start = Array.isArray(item) ? item[0] : item.start;
    const end = Array.isArray(item) ? item[1] : item.end;
    if (Number.isInteger(start) && Number.isInteger(end) && start < end && end <= quote.length) {
      spans.push({ start, end, actor: item.actor || null });
    }
  }
  if (spans.length) return normalise(spans);
  const lower = quote.toLowerCase();
  const sorted = [...new Set(names.filter((name) => name && name.length > 1))]
    .sort((x, y) => y.length - x.length);
  for (const name of sorted) {
    const needle = name.toLowerCase();
    let from = 0;
    for (;;) {
      const at = lower.indexOf(needle, from);
      if (at < 0) break;
      const end = at + needle.length;
      if (atWordEdges(lower, at, end) && !spans.some((s) => at < s.end && end > s.start)) {
        spans.push({ start: at, end });
      }
      from = at + 1;
    }
  }
  return normalise(spans);
}

// Latin names must stand as words ("IS" not inside "this"); Arabic names may
// carry a prefixed letter (و، ب، ل، ف), so only Latin edges are checked.
function atWordEdges(text, start, end) {
  const latin = /[a-z0-9]/;
  const before = text[start - 1] || " ";
  const after = text[end] || " ";
  const first = text[start];
  const last = text[end - 1];
  return !(latin.test(first) && latin.test(before)) && !(latin.test(last) && latin.test(after));
}

function normalise(spans) {
  return spans.sort((x, y) => x.start - y.start)
    .filter((span, i, all) => i === 0 || span.start >= all[i - 1].end);
}

/** A <blockquote dir="auto"> with the spans wrapped in <mark>. */
export function quoteElement(quote, spans) {
  const block = document.createElement("blockquote");
  block.setAttribute("dir", "auto");
  block.className = "quote";
  let at = 0;
  for (const span of spans) {
    if (span.start > at) block.append(document.createTextNode(quote.slice(at, span.start)));
    const mark = document.createElement("mark");
    mark.textContent = quote.slice(span.start, span.end);
    if (span.actor) mark.dataset.actor = span.actor;
    block.append(mark);
    at = span.end;
  }
  if (at < quote.length) block.append(document.createTextNode(quote.slice(at)));
  return block;
}
