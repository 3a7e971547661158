// Dates on the page are strings as the API writes them: YYYY, YYYY-MM or YYYY-MM-DD.
// The slider counts months, so every date is turned into a month index.

/** Month index (years * 12 + month - 1) of a date string; null when unreadable. */
export function monthIndex(date) {
  const match = /^(\d{4})(?:-(\d{2}))?/.exec(date || "");
  if (!match) return null;
  return Number(match[1]) * 12 + (match[2] ? Number(match[2]) - 1 : 0);
}

/** The last month index a date string covers ("2014" covers up to December). */
export function monthIndexEnd(date) {
  const match = /^(\d{4})(?:-(\d{2}))?/.exec(date || "");
  if (!match) return null;
  return Number(match[1]) * 12 + (match[2] ? Number(match[2]) - 1 : 11);
}

/** "YYYY-MM" for a month index. */
export function monthLabel(index) {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** A date range for display: "2013-04 → 2016-08", "2014", "2015 → open". */
export function span(start, end, open = false) {
  if (!start && !end) return "undated";
  if (!end || open) return `${start || "?"} →`;
  if (start === end) return start;
  return `${start || "?"} → ${end}`;
}
