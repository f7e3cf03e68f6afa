/**
 * Links each number (const) node of a graph to where its number is written in the problem text,
 * so the UI can highlight the sentence a distractor came from.
 *
 * Each written number is used by one node at most. When a value occurs several times (two nodes
 * with value 2, "2টি" once and "দুইটি" once) the pairing that best matches labels to sentences
 * wins: all (node, occurrence) pairs are scored by how much the node's label shares words with
 * the occurrence's sentence, and taken best first. Numbers the text only implies (দ্বিগুণ, অর্ধেক)
 * stay unlinked with status 'implied'; numbers not in the text at all get status 'missing'.
 */
import { prepareGraph, type PreparedGraph } from '../graph/prepare.js';
import type { Graph, NumberLink } from '../graph/types.js';
import { findNumbersInText, type NumberInText } from './numbers-in-text.js';
import { sentenceAt, splitSentences, type Sentence } from './sentences.js';

export function linkNumbers(graph: Graph, text: string, prepared: PreparedGraph = prepareGraph(graph)): NumberLink[] {
  const consts = prepared.nodes.filter((n) => n.op === 'const' && n.constValue !== null && Number.isFinite(n.constValue));
  const found = findNumbersInText(text, { words: true });
  const written = found.filter((f) => f.kind !== 'implied');
  const implied = found.filter((f) => f.kind === 'implied');
  const sentences = splitSentences(text);
  const sentenceOf = written.map((f) => sentenceAt(sentences, f.span));

  interface Pair { node: number; occurrence: number; score: number }
  const pairs: Pair[] = [];
  consts.forEach((node, n) => {
    const labelTokens = tokens(node.node.label ?? '');
    written.forEach((occurrence, o) => {
      if (!sameNumber(occurrence.value, node.constValue!)) return;
      // Digits are what a model copies; a number word ("একটি") only wins with a better label match.
      const kindBonus = occurrence.kind === 'digits' ? 0.01 : 0;
      pairs.push({ node: n, occurrence: o, score: similarity(labelTokens, sentenceOf[o]) + kindBonus });
    });
  });
  // Best score first; ties go to the earlier node, then the earlier occurrence (stable sort).
  pairs.sort((a, b) => b.score - a.score || a.node - b.node || a.occurrence - b.occurrence);

  const linkedTo = new Map<number, number>();
  const usedOccurrences = new Set<number>();
  for (const pair of pairs) {
    if (linkedTo.has(pair.node) || usedOccurrences.has(pair.occurrence)) continue;
    linkedTo.set(pair.node, pair.occurrence);
    usedOccurrences.add(pair.occurrence);
  }

  return consts.map((node, n): NumberLink => {
    const value = node.constValue!;
    const o = linkedTo.get(n);
    if (o !== undefined) {
      const sentence = sentenceOf[o];
      return {
        nodeId: node.id, value, span: { ...written[o]!.span },
        sentence: sentence ? { start: sentence.start, end: sentence.end } : null, status: 'linked',
      };
    }
    const isImplied = implied.some((word) => impliedValues(word).some((v) => sameNumber(v, value)));
    return { nodeId: node.id, value, span: null, sentence: null, status: isImplied ? 'implied' : 'missing' };
  });
}

function impliedValues(word: NumberInText): number[] {
  return [word.value, ...(word.alternatives ?? [])];
}

function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function tokens(text: string): string[] {
  return text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u).filter((t) => t.length >= 2);
}

/**
 * How well a label matches a sentence, 0 to 1: for each label word, its best match in the
 * sentence, averaged. Words match when equal, or when they share a stem of at least 3 UTF-16
 * units (Bangla inflects by suffix: "সিওভানের" ~ "সিওভানকে").
 */
function similarity(labelTokens: string[], sentence: Sentence | null): number {
  if (labelTokens.length === 0 || !sentence) return 0;
  const sentenceTokens = tokens(sentence.text);
  let total = 0;
  for (const word of labelTokens) {
    let best = 0;
    for (const other of sentenceTokens) best = Math.max(best, wordMatch(word, other));
    total += best;
  }
  return total / labelTokens.length;
}

function wordMatch(a: string, b: string): number {
  if (a === b) return 1;
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return common >= 3 ? common / Math.max(a.length, b.length) : 0;
}
