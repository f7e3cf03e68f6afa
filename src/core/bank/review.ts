/**
 * Reading checks of a problem set: things a correct graph cannot show but a careful student
 * trips over. They are warnings, not failures — each is a heuristic over the Bangla text, so a
 * teacher's own set still loads — but the built-in bank has none (tests/bank/bank.test.ts).
 *
 * - AMBIGUOUS_REFERENCE: an added sentence stands directly before a clean sentence that opens with
 *   a pronoun or a back-reference (সে, তার, সেখান, এখন, মোট…), which may now point at the added
 *   sentence's person, place or number.
 * - ADDED_AFTER_QUESTION: an added sentence comes after the question.
 * - NODE_ORDER: number nodes are not numbered n1, n2, … in the order their numbers are written.
 * - MISSING_UNIT: the question asks for an amount in a unit ("কত টাকা") but the problem has no `unit`.
 * - NEAR_DUPLICATE: two problems use the same numbers in nearly the same words.
 *
 * Pure TypeScript, like the rest of src/core/bank.
 */
import { analyse, findNumbersInText, splitSentences, type Sentence } from '../index.js';
import type { TextSpan } from '../graph/types.js';
import type { DistractorVariant, Problem, ProblemVersion } from './schema.js';

export const BANK_WARNING_CODES = [
  'AMBIGUOUS_REFERENCE', 'ADDED_AFTER_QUESTION', 'NODE_ORDER', 'MISSING_UNIT', 'NEAR_DUPLICATE',
] as const;
export type BankWarningCode = (typeof BANK_WARNING_CODES)[number];

export interface BankWarning {
  problemId: string;
  variantId?: string;
  code: BankWarningCode;
  message: string;
  /** The sentence the warning is about, exactly as written. */
  sentence?: string;
  source?: string;
}

/**
 * Words that refer back to someone or something named earlier. A clean sentence opening with one
 * of them right after an added sentence may now refer to the added sentence instead.
 */
const PERSONAL_PRONOUNS = [
  // plain and honorific, with the emphatic -ও
  'সে', 'সেও', 'তার', 'তারও', 'তাঁর', 'তিনি', 'তিনিও', 'তাকে', 'তাঁকে', 'তারা', 'তাঁরা', 'তাদের', 'তাঁদের',
  'ওর', 'ওরা', 'ওদের', 'উনি', 'ওনার', 'এরা', 'এদের',
];
/** Things, places, times and amounts already mentioned. */
const OTHER_BACK_REFERENCES = [
  'সেটি', 'সেটা', 'সেগুলো', 'সেগুলোর', 'এটি', 'এটা', 'এগুলো', 'তা', 'তাতে', 'এই', 'ওই', 'সেই',
  'সেখানে', 'সেখান', 'সেখানকার', 'ওখানে', 'এখানে', 'এখন', 'তখন', 'তারপর', 'এরপর', 'মোট', 'বাকি', 'অবশিষ্ট',
];
/** Checked as a sentence's first word. */
const OPENING_BACK_REFERENCES = new Set([...PERSONAL_PRONOUNS, ...OTHER_BACK_REFERENCES]);
/** Personal pronouns also count a little later in the sentence, after an adverbial ("প্রতি ম্যাচে তার গড় রান কত?"). */
const LATER_PRONOUNS = new Set(PERSONAL_PRONOUNS);
/** How many opening words are searched for a personal pronoun. */
const PRONOUN_WINDOW = 4;

/** Units a question can ask for ("কত টাকা", "কয় ঘণ্টা"): the answer then needs a `unit`. */
const UNIT_WORDS = [
  'টাকা', 'পয়সা', 'কেজি', 'গ্রাম', 'লিটার', 'মিলিলিটার', 'মিটার', 'সেন্টিমিটার', 'কিলোমিটার', 'মিলিমিটার',
  'ঘণ্টা', 'মিনিট', 'সেকেন্ড', 'দিন', 'সপ্তাহ', 'মাস', 'বছর', 'শতাংশ', 'নম্বর', 'রান', 'পৃষ্ঠা',
  'বর্গমিটার', 'বর্গসেন্টিমিটার', 'বর্গফুট', 'ঘনসেন্টিমিটার', 'ডিগ্রি', 'ফুট', 'ইঞ্চি', 'মণ', 'সের',
  'শতক', 'একর', 'হালি', 'ডজন',
];
const ASKS_FOR_UNIT = new RegExp(`(?:কত|কয়|কতো)\\s*(?:টি\\s*)?(${UNIT_WORDS.join('|')})`, 'u');

/** Two problems with the same numbers are near-duplicates when this share of their words is common. */
const DUPLICATE_WORD_OVERLAP = 0.5;

/** The reading checks of one problem: its clean version and every variant. */
export function reviewProblem(problem: Problem): BankWarning[] {
  const warnings: BankWarning[] = [];
  const warn = (code: BankWarningCode, message: string, sentence?: string, variantId?: string) =>
    warnings.push({ problemId: problem.id, ...(variantId ? { variantId } : {}), code, message, ...(sentence ? { sentence } : {}) });

  checkNodeOrder(problem.clean, (message) => warn('NODE_ORDER', `clean: ${message}`));
  for (const variant of problem.variants) {
    const variantWarn = (code: BankWarningCode, message: string, sentence?: string) => warn(code, message, sentence, variant.id);
    checkNodeOrder(variant, (message) => variantWarn('NODE_ORDER', message));
    checkAddedPlacement(variant, variantWarn);
  }
  const question = questionSentence(splitSentences(problem.clean.text));
  const unit = question?.text.match(ASKS_FOR_UNIT);
  if (!problem.unit && question && unit) {
    warn('MISSING_UNIT', `the question asks for "${unit[0]}" but the problem has no "unit"; add { "bn": "${unit[1]}", "en": … }`, question.text);
  }
  return warnings;
}

/**
 * Problems whose clean texts have the same numbers (at least two) and share most of their words:
 * a practice session would show the same exercise twice.
 */
export function findNearDuplicates(problems: Problem[]): BankWarning[] {
  const byNumbers = new Map<string, Problem[]>();
  for (const problem of problems) {
    const numbers = findNumbersInText(problem.clean.text).map((n) => n.value).sort((a, b) => a - b);
    if (numbers.length < 2) continue;
    const key = numbers.join(',');
    byNumbers.set(key, [...(byNumbers.get(key) ?? []), problem]);
  }
  const warnings: BankWarning[] = [];
  for (const group of byNumbers.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const overlap = wordOverlap(group[i]!.clean.text, group[j]!.clean.text);
        if (overlap < DUPLICATE_WORD_OVERLAP) continue;
        warnings.push({
          problemId: group[j]!.id, code: 'NEAR_DUPLICATE', sentence: group[j]!.clean.text,
          message: `uses the same numbers as "${group[i]!.id}" and ${Math.round(overlap * 100)}% of the same words; change the numbers or the setting`,
        });
      }
    }
  }
  return warnings;
}

type Warn = (code: BankWarningCode, message: string, sentence?: string) => void;

/** Added sentences go before the question, and never right before a clean back-reference. */
function checkAddedPlacement(variant: DistractorVariant, warn: Warn): void {
  const sentences = splitSentences(variant.text);
  const added = addedSpans(variant);
  const isAdded = (s: Sentence) => added.some((a) => s.start >= a.start && s.end <= a.end);
  const clean = sentences.filter((s) => !isAdded(s));
  const question = questionSentence(clean);

  sentences.forEach((sentence, i) => {
    if (!isAdded(sentence)) return;
    if (question && sentence.start > question.start) {
      warn('ADDED_AFTER_QUESTION', 'this added sentence stands after the question; put it before the question', sentence.text);
    }
    const next = sentences[i + 1];
    if (!next || isAdded(next)) return;
    const reference = backReference(next.text);
    if (reference) {
      warn(
        'AMBIGUOUS_REFERENCE',
        `the added sentence "${sentence.text}" stands right before "${next.text}", whose "${reference}" may now refer to it; name the person or thing, or move the added sentence`,
        sentence.text,
      );
    }
  });
}

/** The back-reference a sentence opens with, if any. */
export function backReference(sentence: string): string | null {
  const words = sentence.split(/[\s,;:।?!]+/u).filter(Boolean);
  if (words[0] && OPENING_BACK_REFERENCES.has(words[0])) return words[0];
  // A later pronoun right after a subject ("রহিম তার হাঁসের…") is reflexive; after an adverbial
  // of place, time or purpose ("প্রতি ম্যাচে তার…", "খাওয়ার জন্য তাঁর…") it points back.
  for (let i = 1; i < Math.min(PRONOUN_WINDOW, words.length); i++) {
    if (LATER_PRONOUNS.has(words[i]!) && isAdverbial(words[i - 1]!)) return words[i]!;
  }
  return null;
}

/** A word in the locative or infinitive ("ম্যাচে", "বছরে", "কিনতে") or a postposition ("জন্য", "পর"). */
function isAdverbial(word: string): boolean {
  return word.endsWith('ে') || word === 'জন্য' || word === 'পর';
}

/** Where each added sentence stands in the variant text (first free occurrence, as the validator finds it). */
function addedSpans(variant: DistractorVariant): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const added of variant.distractors) {
    for (let from = variant.text.indexOf(added.text); from >= 0; from = variant.text.indexOf(added.text, from + 1)) {
      const end = from + added.text.length;
      if (!spans.some((s) => from < s.end && end > s.start)) {
        spans.push({ start: from, end });
        break;
      }
    }
  }
  return spans;
}

/** The question: the last sentence with a question mark, else the last sentence. */
function questionSentence(sentences: Sentence[]): Sentence | undefined {
  return [...sentences].reverse().find((s) => s.text.includes('?')) ?? sentences[sentences.length - 1];
}

/**
 * Number nodes n1, n2, … follow the order in which their numbers are written, as the model numbers
 * them. Nodes with other ids, and numbers not written in digits, are not constrained.
 */
function checkNodeOrder(version: ProblemVersion, warn: (message: string) => void): void {
  const analysis = analyse(JSON.stringify(version.graph), version.text);
  // Only numbers written in digits: the linker may pair an implied 1 with the article "একটি".
  const digitStarts = new Set(findNumbersInText(version.text).map((n) => n.span.start));
  const numbered = analysis.links
    .filter((l) => l.span !== null && digitStarts.has(l.span.start) && /^n\d+$/.test(l.nodeId))
    .sort((a, b) => a.span!.start - b.span!.start);
  for (let i = 1; i < numbered.length; i++) {
    const before = numbered[i - 1]!;
    const here = numbered[i]!;
    if (Number(here.nodeId.slice(1)) < Number(before.nodeId.slice(1))) {
      const written = (l: typeof here) => version.text.slice(l.span!.start, l.span!.end);
      warn(`node "${here.nodeId}" (${written(here)}) is written after "${before.nodeId}" (${written(before)}) in the text; number the nodes in text order`);
      return;
    }
  }
}

/** Share of distinct words (numbers left out) that two texts have in common (Jaccard). */
function wordOverlap(a: string, b: string): number {
  const words = (text: string) => new Set(text.split(/[\s,;:।?!]+/u).filter((w) => w && !/[0-9০-৯]/.test(w)));
  const wa = words(a);
  const wb = words(b);
  const common = [...wa].filter((w) => wb.has(w)).length;
  return common / (wa.size + wb.size - common || 1);
}
