/**
 * Splits a problem text into sentences, keeping character offsets so the UI can highlight one.
 * A sentence ends at the Bangla full stop (।), ? or !, at a "." followed by space or the end (not
 * the point of "৪৫.৬"), and at a line break. Runs of closing marks ("?।") end one sentence.
 */
import type { TextSpan } from '../graph/types.js';

export interface Sentence extends TextSpan {
  text: string;
}

const TERMINATORS = new Set(['।', '?', '!', '॥', '\n']);

function endsSentence(text: string, i: number): boolean {
  const c = text[i]!;
  if (TERMINATORS.has(c)) return true;
  return c === '.' && (i + 1 === text.length || /\s/.test(text[i + 1]!));
}

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) sentences.push({ start: s, end: e, text: text.slice(s, e) });
  };
  for (let i = 0; i < text.length; i++) {
    if (!endsSentence(text, i)) continue;
    let end = i + 1;
    while (end < text.length && text[end] !== '\n' && (TERMINATORS.has(text[end]!) || text[end] === '.')) end++;
    push(end);
    start = end;
    i = end - 1;
  }
  push(text.length);
  return sentences;
}

/** The sentence containing a span (by its start), or null. */
export function sentenceAt(sentences: Sentence[], span: TextSpan): Sentence | null {
  return sentences.find((s) => span.start >= s.start && span.start < s.end) ?? null;
}
