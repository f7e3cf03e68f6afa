/**
 * Splits a problem text into runs and pieces for the solution view: each number the graph uses
 * becomes a piece linked to its node, and each distractor sentence becomes a run carrying its
 * type (RED / OAD / NEED, or 'unknown' when only the model's graph says it is not needed).
 * Pure: the text is never parsed as HTML; the view renders every piece as a React text node.
 */
import type { DistractorType } from '../../core/bank/schema.js';
import type { NumberLink, TextSpan } from '../../core/graph/types.js';

export type DistractorKind = DistractorType | 'unknown';

export interface TextPiece {
  start: number;
  end: number;
  text: string;
  /** Set when this piece is a number linked to a graph node. */
  link?: { nodeId: string; value: number };
}

export interface TextRun {
  start: number;
  end: number;
  /** null for ordinary text; otherwise the kind of distractor sentence this run is. */
  distractor: DistractorKind | null;
  pieces: TextPiece[];
}

export interface DistractorRange extends TextSpan {
  type: DistractorKind;
}

/**
 * Where the bank's added distractor sentences are (they are exact substrings of the text).
 * Each sentence claims its first occurrence that no earlier sentence claimed; a sentence that is
 * not in the text (a damaged teacher file) is skipped rather than guessed.
 */
export function rangesFromSentences(text: string, sentences: ReadonlyArray<{ text: string; type: DistractorType }>): DistractorRange[] {
  const ranges: DistractorRange[] = [];
  for (const s of sentences) {
    const needle = s.text.trim();
    if (!needle) continue;
    let from = 0;
    for (;;) {
      const at = text.indexOf(needle, from);
      if (at < 0) break;
      const range = { start: at, end: at + needle.length, type: s.type };
      if (!ranges.some((r) => overlaps(r, range))) {
        ranges.push(range);
        break;
      }
      from = at + 1;
    }
  }
  return ranges.sort((a, b) => a.start - b.start);
}

/**
 * Distractor sentences as the model's graph sees them: the sentence of every linked number whose
 * node is off the answer path. The type is unknown (the model does not say which kind).
 */
export function rangesFromGraph(links: readonly NumberLink[], distractorNodeIds: ReadonlySet<string>): DistractorRange[] {
  const ranges: DistractorRange[] = [];
  for (const link of links) {
    if (!link.sentence || !distractorNodeIds.has(link.nodeId)) continue;
    const range = { start: link.sentence.start, end: link.sentence.end, type: 'unknown' as const };
    if (!ranges.some((r) => overlaps(r, range))) ranges.push(range);
  }
  return ranges.sort((a, b) => a.start - b.start);
}

function overlaps(a: TextSpan, b: TextSpan): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Clamps a span to the text, or returns null when it is empty or out of range (untrusted data). */
function clamp(span: TextSpan, length: number): TextSpan | null {
  const start = Math.max(0, Math.min(length, Math.floor(span.start)));
  const end = Math.max(0, Math.min(length, Math.floor(span.end)));
  return end > start ? { start, end } : null;
}

export function segmentText(text: string, links: readonly NumberLink[], ranges: readonly DistractorRange[]): TextRun[] {
  const numberSpans: Array<TextSpan & { nodeId: string; value: number }> = [];
  for (const link of links) {
    const span = link.span && clamp(link.span, text.length);
    if (!span || numberSpans.some((s) => overlaps(s, span))) continue;
    numberSpans.push({ ...span, nodeId: link.nodeId, value: link.value });
  }
  numberSpans.sort((a, b) => a.start - b.start);

  const cleanRanges: DistractorRange[] = [];
  for (const r of ranges) {
    const span = clamp(r, text.length);
    if (span && !cleanRanges.some((c) => overlaps(c, span))) cleanRanges.push({ ...span, type: r.type });
  }
  cleanRanges.sort((a, b) => a.start - b.start);

  // Runs: the distractor ranges and the ordinary text between them.
  const runs: TextRun[] = [];
  let cursor = 0;
  const pushRun = (start: number, end: number, distractor: DistractorKind | null) => {
    if (end > start) runs.push({ start, end, distractor, pieces: piecesOf(text, start, end, numberSpans) });
  };
  for (const r of cleanRanges) {
    pushRun(cursor, r.start, null);
    pushRun(r.start, r.end, r.type);
    cursor = r.end;
  }
  pushRun(cursor, text.length, null);
  return runs;
}

function piecesOf(text: string, start: number, end: number, numbers: ReadonlyArray<TextSpan & { nodeId: string; value: number }>): TextPiece[] {
  const pieces: TextPiece[] = [];
  let cursor = start;
  for (const n of numbers) {
    // A number straddling a run boundary stays plain text rather than breaking the run.
    if (n.start < start || n.end > end) continue;
    if (n.start > cursor) pieces.push({ start: cursor, end: n.start, text: text.slice(cursor, n.start) });
    pieces.push({ start: n.start, end: n.end, text: text.slice(n.start, n.end), link: { nodeId: n.nodeId, value: n.value } });
    cursor = n.end;
  }
  if (end > cursor) pieces.push({ start: cursor, end, text: text.slice(cursor, end) });
  return pieces;
}
