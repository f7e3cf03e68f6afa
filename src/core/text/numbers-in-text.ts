/**
 * Finds the numbers written in a Bangla or English word problem, with their character spans
 * (UTF-16 offsets into the original text, end exclusive).
 *
 * By default only numbers written in digits (ASCII or Bangla, decimals, thousands separators in
 * the international or lakh layout). With `{ words: true }` also number words ("দুই", "একটি",
 * "তিনগুণ", "two") and words that only imply a number ("দ্বিগুণ" twice → 2, "অর্ধেক" half → 2,
 * "ডজন" dozen → 12), marked `kind: 'implied'`. Words are opt-in because "একটি" is also the
 * article "a", which must not count as a number the graph should use.
 */
import type { TextSpan } from '../graph/types.js';
import { parseUserNumber } from '../numerals.js';

export interface NumberInText {
  value: number;
  span: TextSpan;
  /** The text as written, e.g. "১২,৫০০" or "দুইটি". */
  text: string;
  kind: 'digits' | 'word' | 'implied';
  /** Further values an implied word can stand for (অর্ধেক: ÷ 2 or × 0.5). */
  alternatives?: number[];
}

export interface FindNumbersOptions {
  words?: boolean;
}

const D = '[0-9০-৯]';
// Grouped forms must not run on into more digits ("1,2345" is not 1,234 then 5).
const DIGIT_NUMBER = new RegExp(
  `(?<![0-9০-৯])(?:${D}{1,3}(?:,${D}{3})+(?!${D})|${D}{1,2}(?:,${D}{2})*,${D}{3}(?!${D})|${D}+)(?:\\.${D}+)?`,
  'g',
);

/** "য়", "ড়", "ঢ়" are written either precomposed or as letter + nukta; accept both. */
function nuktaTolerant(word: string): string {
  return word
    .normalize('NFC') // precomposed forms become letter + nukta here
    .replace(/\u09AF\u09BC/g, '(?:\u09DF|\u09AF\u09BC)')
    .replace(/\u09A1\u09BC/g, '(?:\u09DC|\u09A1\u09BC)')
    .replace(/\u09A2\u09BC/g, '(?:\u09DD|\u09A2\u09BC)');
}

const CARDINALS: Array<[string, number]> = [
  ['এক', 1], ['দুই', 2], ['দু', 2], ['তিন', 3], ['চার', 4], ['পাঁচ', 5], ['ছয়', 6], ['ছয়', 6], ['সাত', 7],
  ['আট', 8], ['দশ', 10], ['এগারো', 11], ['বারো', 12], ['তেরো', 13], ['চৌদ্দ', 14], ['পনেরো', 15],
  ['ষোলো', 16], ['ষোল', 16], ['সতেরো', 17], ['আঠারো', 18], ['উনিশ', 19], ['বিশ', 20], ['কুড়ি', 20],
  ['ত্রিশ', 30], ['চল্লিশ', 40], ['পঞ্চাশ', 50], ['ষাট', 60], ['সত্তর', 70], ['আশি', 80], ['নব্বই', 90],
  ['একশো', 100], ['একশ', 100],
  ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8],
  ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['twenty', 20], ['hundred', 100],
];
/** "নয়" (nine) is also "is not"; only counted with a counting suffix (নয়টি, নয়জন). */
const SUFFIX_ONLY: Array<[string, number]> = [['নয়', 9]];
const COUNTING_SUFFIX = '(?:টি|টা|টো|জন|খানা|খানি|গুণ|গুন|বার)';

/** Words that imply a number without writing it; any inflection may follow (অর্ধেকের). */
const IMPLIED: Array<[string, number[]]> = [
  ['দ্বিগুণ', [2]], ['দ্বিগুন', [2]], ['ত্রিগুণ', [3]], ['অর্ধেক', [2, 0.5]], ['অর্ধ', [2, 0.5]],
  ['ডজন', [12]], ['হালি', [4]], ['জোড়া', [2]], ['তৃতীয়াংশ', [3]], ['চতুর্থাংশ', [4]], ['সিকি', [4]],
  ['শতকরা', [100]], ['শতাংশ', [100]],
  ['twice', [2]], ['double', [2]], ['triple', [3]], ['half', [2, 0.5]], ['dozen', [12]], ['percent', [100]],
];

const NOT_LETTER_BEFORE = '(?<![\\p{L}\\p{M}])';
const NOT_LETTER_AFTER = '(?![\\p{L}\\p{M}])';

function alternation(words: string[]): string {
  // Longest first, so "একশো" wins over "এক".
  return [...words].sort((a, b) => b.length - a.length).map(nuktaTolerant).join('|');
}

const CARDINAL_WORD = new RegExp(
  `${NOT_LETTER_BEFORE}(${alternation(CARDINALS.map(([w]) => w))})${COUNTING_SUFFIX}?${NOT_LETTER_AFTER}` +
  `|${NOT_LETTER_BEFORE}(${alternation(SUFFIX_ONLY.map(([w]) => w))})${COUNTING_SUFFIX}${NOT_LETTER_AFTER}`,
  'giu',
);
const IMPLIED_WORD = new RegExp(`${NOT_LETTER_BEFORE}(${alternation(IMPLIED.map(([w]) => w))})[\\p{L}\\p{M}]*`, 'giu');

/** Canonical spelling of a matched word, for the value tables. */
function canonicalWord(word: string): string {
  return word.normalize('NFC').toLowerCase();
}
const CARDINAL_VALUES = new Map([...CARDINALS, ...SUFFIX_ONLY].map(([w, v]) => [canonicalWord(w), v]));
const IMPLIED_VALUES = new Map(IMPLIED.map(([w, v]) => [canonicalWord(w), v]));

export function findNumbersInText(text: string, options: FindNumbersOptions = {}): NumberInText[] {
  const found: NumberInText[] = [];
  for (const match of text.matchAll(DIGIT_NUMBER)) {
    const value = parseUserNumber(match[0]);
    if (value === null) continue;
    found.push({ value, span: { start: match.index, end: match.index + match[0].length }, text: match[0], kind: 'digits' });
  }
  if (options.words) {
    for (const match of text.matchAll(CARDINAL_WORD)) {
      const word = match[1] ?? match[2]!;
      const value = CARDINAL_VALUES.get(canonicalWord(word));
      if (value === undefined) continue;
      found.push({ value, span: { start: match.index, end: match.index + match[0].length }, text: match[0], kind: 'word' });
    }
    for (const match of text.matchAll(IMPLIED_WORD)) {
      const values = IMPLIED_VALUES.get(canonicalWord(match[1]!));
      if (!values) continue;
      const start = match.index;
      // A cardinal word already covers "দুইগুণ"; do not count the same text twice.
      if (found.some((f) => f.span.start <= start && start < f.span.end)) continue;
      found.push({
        value: values[0]!, span: { start, end: start + match[0].length }, text: match[0], kind: 'implied',
        ...(values.length > 1 ? { alternatives: values.slice(1) } : {}),
      });
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start);
}
