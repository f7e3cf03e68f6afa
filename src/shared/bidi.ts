/**
 * User and model text next to the app's own words: names, typed answers, problem texts, review
 * notes, graph labels. Unicode's explicit direction controls in such text (U+202E RIGHT-TO-LEFT
 * OVERRIDE and its kin) would reorder what is shown around and inside it: "‮82" reads as 28.
 * Two defences, used together wherever such text is shown:
 *   - isolate it (HTML `<bdi>` / `dir="auto"`), so nothing leaks into the surrounding words;
 *   - show the controls themselves as visible marks, so the text reads in the order it was typed.
 * The plain marks (LRM, RLM, ALM) only nudge neutral characters and are left alone.
 */

/** LRE RLE PDF LRO RLO (U+202A–U+202E) and LRI RLI FSI PDI (U+2066–U+2069). */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** `text` with every explicit direction control replaced by a visible "[U+202E]"-style mark. */
export function showDirectionControls(text: string): string {
  return text.replace(DIRECTION_CONTROLS, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`);
}

export function hasDirectionControls(text: string): boolean {
  DIRECTION_CONTROLS.lastIndex = 0;
  const found = DIRECTION_CONTROLS.test(text);
  DIRECTION_CONTROLS.lastIndex = 0;
  return found;
}

/**
 * For user text placed inside a sentence that is plain text (a window title, an i18n message, an
 * <option>): its controls shown, and the whole wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL
 * ISOLATE, the plain-text form of <bdi>.
 */
export function isolateText(text: string): string {
  return `\u2068${showDirectionControls(text)}\u2069`;
}
