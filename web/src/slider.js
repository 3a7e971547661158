// The time bar: a month slider with play, "as of" a date or a window ending at it.

import { monthIndex, monthIndexEnd, monthLabel } from "./dates.js";

const PLAY_STEP_MS = 800;

/**
 * Wire the time bar's controls. `onChange(time)` is called with
 * {mode: "at", at} or {mode: "window", from, to, at}, debounced while dragging.
 */
export function createSlider(root, onChange) {
  const range = root.querySelector("#time-range");
  const month = root.querySelector("#time-month");
  const mode = root.querySelector("#time-mode");
  const width = root.querySelector("#time-width");
  const play = root.querySelector("#time-play");
  const label = root.querySelector("#time-label");
  let timer = null;
  let debounce = null;

  function current() {
    const index = Number(range.value);
    if (mode.value === "window") {
      const from = monthLabel(index - Number(width.value) + 1);
      return { mode: "window", from, to: monthLabel(index), at: monthLabel(index) };
    }
    return { mode: "at", at: monthLabel(index) };
  }

  function render() {
    const time = current();
    month.value = time.at;
    width.hidden = time.mode !== "window";
    label.textContent = time.mode === "window" ? `${time.from} → ${time.to}` : `as of ${time.at}`;
    root.dataset.time = time.mode === "window" ? `${time.from}/${time.to}` : time.at;
  }

  function changed(immediate = false) {
    render();
    clearTimeout(debounce);
    if (immediate) onChange(current());
    else debounce = setTimeout(() => onChange(current()), 150);
  }

  /** Move the slider to a month ("2014-08"); out-of-range dates are clamped. */
  function setDate(date) {
    const index = monthIndex(date);
    if (index === null) return;
    range.value = String(Math.max(Number(range.min), Math.min(Number(range.max), index)));
    changed(true);
  }

  function stop() {
    clearInterval(timer);
    timer = null;
    play.textContent = "▶ Play";
    play.setAttribute("aria-pressed", "false");
  }

  function start() {
    if (Number(range.value) >= Number(range.max)) range.value = range.min;
    play.textContent = "❚❚ Pause";
    play.setAttribute("aria-pressed", "true");
    timer = setInterval(() => {
      if (Number(range.value) >= Number(range.max)) { stop(); return; }
      range.value = String(Number(range.value) + 1);
      changed(true);
    }, PLAY_STEP_MS);
  }

  range.addEventListener("input", () => changed());
  range.addEventListener("change", () => changed(true));
  month.addEventListener("change", () => setDate(month.value));
  mode.addEventListener("change", () => changed(true));
  width.addEventListener("change", () => changed(true));
  play.addEventListener("click", () => (timer ? stop() : start()));

  /** Set the slider's range from the store's first and last dates. */
  function setRange(first, last) {
    const lo = monthIndex(first) ?? monthIndex("2011-01");
    const hi = monthIndexEnd(last) ?? lo + 12;
    range.min = String(lo);
    range.max = String(Math.max(hi, lo));
    month.min = monthLabel(lo);
    month.max = monthLabel(Math.max(hi, lo));
    range.value = range.max;
    render();
  }

  return { current, setDate, setRange, stop };
}
