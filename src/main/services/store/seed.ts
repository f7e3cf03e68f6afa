/**
 * Realistic practice data for demos, tests and benchmarks (`dagger-tutor dev seed`).
 *
 * Students with Bangla names practise Bangla word problems (from six templates, with RED/OAD/NEED
 * distractor sentences added to most) over several weeks, in sessions; answers are typed mostly in
 * Bangla digits, right more often on clean problems than on ones with distractors; some attempts
 * carry a model solution with timing figures; a teacher reviews a few. Everything, ids included,
 * follows from `seed` and `until`, so the same arguments give the same data (and seeding twice
 * merges to nothing new).
 */
import type { DistractorType, GradeBand, Topic } from '../../../core/bank/schema.js';
import type {
  Attempt, PracticeData, ProblemRecord, Profile, Review, Session, Solution, StoredGraph,
} from '../../../shared/practice/records.js';
import { compareDistractorMarks } from '../../../shared/practice/spotting.js';
import { bankProblemId, userProblemId } from './ids.js';

export interface SeedOptions {
  profiles: number;
  attempts: number;
  seed?: number;
  /** The last day of practice (attempts end before its end); default today (UTC). */
  until?: Date;
}

/** A small deterministic PRNG (mulberry32): reproducible data without Math.random. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
    uuid: () => {
      const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
      hex[12] = '4';
      hex[16] = ((Math.floor(next() * 4)) + 8).toString(16);
      const s = hex.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
  };
}
type Rng = ReturnType<typeof rng>;

const bn = (n: number) => String(n).replace(/\d/g, (d) => '০১২৩৪৫৬৭৮৯'[Number(d)]!);

const STUDENT_NAMES = [
  'মিনা', 'রাজু', 'তানিয়া', 'আরিফ', 'সুমাইয়া', 'রাহিম', 'নুসরাত', 'ফাহিম', 'জান্নাত', 'সাকিব',
  'তাসনিম', 'ইমরান', 'মারিয়া', 'শুভ', 'রুমানা', 'অর্ক', 'প্রিয়াংকা', 'নাফিস', 'সাদিয়া', 'তন্ময়',
];

interface Template {
  key: string;
  grade: GradeBand;
  topics: Topic[];
  make(r: Rng): { sentences: string[]; question: string; answer: number; graph: StoredGraph; distractors: Record<DistractorType, [string, number]> };
}

const c = (id: string, val: number, label: string, distractor = false) => ({ id, op: 'const', val, args: [], distractor, label });
const op = (id: string, name: string, args: string[], label: string) => ({ id, op: name, args, distractor: false, label });
const fin = (arg: string) => ({ id: 'final_result', op: 'identity', args: [arg], distractor: false, label: 'চূড়ান্ত উত্তর' });

const TEMPLATES: Template[] = [
  { key: 'lollipops', grade: '1-2', topics: ['subtraction'], make: (r) => {
    const a = r.int(15, 60); const b = r.int(2, a - 1);
    return { sentences: [`মিনার কাছে ${bn(a)}টি ললিপপ ছিল।`, `সে তার বন্ধুকে ${bn(b)}টি ললিপপ দিল।`],
      question: 'মিনার কাছে এখন কতটি ললিপপ আছে?', answer: a - b,
      graph: { nodes: [c('n1', a, 'মিনার ললিপপ'), c('n2', b, 'বন্ধুকে দিল'), op('n3', 'sub', ['n1', 'n2'], 'বাকি ললিপপ'), fin('n3')] },
      distractors: { RED: [`তার বোনের কাছে ${bn(r.int(5, 30))}টি ললিপপ আছে।`, 0], OAD: [`প্রতিটি ললিপপের দাম ${bn(r.int(2, 10))} টাকা।`, 0], NEED: [`রাজু তাকে ${bn(r.int(3, 12))}টি ললিপপ দিতে চেয়েছিল, কিন্তু পরে দেয়নি।`, 0] } };
  } },
  { key: 'pens', grade: '3-4', topics: ['multiplication', 'money'], make: (r) => {
    const p = r.int(5, 25); const n = r.int(3, 15);
    return { sentences: [`একটি দোকানে প্রতিটি কলমের দাম ${bn(p)} টাকা।`, `রাহিম ${bn(n)}টি কলম কিনল।`],
      question: 'সে মোট কত টাকা দিল?', answer: p * n,
      graph: { nodes: [c('n1', p, 'কলমের দাম'), c('n2', n, 'কলমের সংখ্যা'), op('total', 'mul', ['n1', 'n2'], 'মোট দাম'), fin('total')] },
      distractors: { RED: [`তার ভাই ${bn(r.int(2, 9))}টি খাতা কিনল।`, 0], OAD: [`দোকানটি সকাল ${bn(r.int(7, 10))}টায় খোলে।`, 0], NEED: [`সে আরও ${bn(r.int(2, 6))}টি কলম কিনতে চেয়েছিল, কিন্তু কেনেনি।`, 0] } };
  } },
  { key: 'mangoes', grade: '3-4', topics: ['division'], make: (r) => {
    const k = r.int(2, 9); const q = r.int(3, 12);
    return { sentences: [`${bn(k * q)}টি আম ${bn(k)} জন শিশুর মধ্যে সমানভাবে ভাগ করা হলো।`],
      question: 'প্রত্যেকে কতটি আম পেল?', answer: q,
      graph: { nodes: [c('n1', k * q, 'মোট আম'), c('n2', k, 'শিশুর সংখ্যা'), op('n3', 'div', ['n1', 'n2'], 'প্রত্যেকের আম'), fin('n3')] },
      distractors: { RED: [`পাশের বাড়িতে ${bn(r.int(10, 40))}টি লিচু ছিল।`, 0], OAD: [`আমগুলোর ওজন ছিল ${bn(r.int(3, 9))} কেজি।`, 0], NEED: [`মা আরও ${bn(r.int(4, 10))}টি আম আনতে চেয়েছিলেন, কিন্তু আনেননি।`, 0] } };
  } },
  { key: 'marks', grade: '5-6', topics: ['average'], make: (r) => {
    const m = r.int(55, 90); const d = r.int(1, 9);
    return { sentences: [`তিনটি পরীক্ষায় সাকিব ${bn(m - d)}, ${bn(m)} এবং ${bn(m + d)} নম্বর পেল।`],
      question: 'তার গড় নম্বর কত?', answer: m,
      graph: { nodes: [c('a', m - d, 'প্রথম'), c('b', m, 'দ্বিতীয়'), c('c', m + d, 'তৃতীয়'), op('avg', 'mean', ['a', 'b', 'c'], 'গড়'), fin('avg')] },
      distractors: { RED: [`তার বন্ধু গণিতে ${bn(r.int(40, 99))} নম্বর পেল।`, 0], OAD: [`প্রতিটি পরীক্ষা ${bn(r.int(2, 3))} ঘণ্টার ছিল।`, 0], NEED: [`সে ${bn(100)} নম্বর পাওয়ার আশা করেছিল।`, 0] } };
  } },
  { key: 'bus', grade: '3-4', topics: ['multi-step', 'addition', 'subtraction'], make: (r) => {
    const a = r.int(20, 50); const b = r.int(2, 15); const d = r.int(2, 15);
    return { sentences: [`একটি বাসে ${bn(a)} জন যাত্রী ছিল।`, `প্রথম স্টপে ${bn(b)} জন নামল এবং ${bn(d)} জন উঠল।`],
      question: 'এখন বাসে কতজন যাত্রী আছে?', answer: a - b + d,
      graph: { nodes: [c('n1', a, 'শুরুর যাত্রী'), c('n2', b, 'নামল'), c('n3', d, 'উঠল'), op('n4', 'sub', ['n1', 'n2'], 'নামার পরে'), op('n5', 'add', ['n4', 'n3'], 'এখন'), fin('n5')] },
      distractors: { RED: [`অন্য একটি বাসে ${bn(r.int(10, 40))} জন যাত্রী ছিল।`, 0], OAD: [`বাসের ভাড়া ${bn(r.int(10, 50))} টাকা।`, 0], NEED: [`আরও ${bn(r.int(2, 8))} জন উঠতে চেয়েছিল, কিন্তু জায়গা ছিল না।`, 0] } };
  } },
  { key: 'car', grade: '5-6', topics: ['rate', 'multiplication'], make: (r) => {
    const v = r.int(30, 80); const h = r.int(2, 6);
    return { sentences: [`একটি গাড়ি ঘণ্টায় ${bn(v)} কিলোমিটার চলে।`],
      question: `${bn(h)} ঘণ্টায় গাড়িটি কত কিলোমিটার যাবে?`, answer: v * h,
      graph: { nodes: [c('speed', v, 'গতিবেগ'), c('hours', h, 'সময়'), op('dist', 'mul', ['speed', 'hours'], 'দূরত্ব'), fin('dist')] },
      distractors: { RED: [`একটি বাস ঘণ্টায় ${bn(r.int(20, 60))} কিলোমিটার চলে।`, 0], OAD: [`গাড়িটির দাম ${bn(r.int(5, 20))} লাখ টাকা।`, 0], NEED: [`চালক ${bn(r.int(1, 3))} ঘণ্টা বিশ্রাম নেওয়ার কথা ভেবেছিল, কিন্তু নেয়নি।`, 0] } };
  } },
];

function makeProblem(r: Rng, index: number, createdAt: string): { problem: ProblemRecord; reference: StoredGraph } {
  const template = TEMPLATES[index % TEMPLATES.length]!;
  const made = template.make(r);
  // Most problems carry one to three distractor sentences; about a fifth stay clean.
  const types = (['RED', 'OAD', 'NEED'] as const).filter(() => r.chance(0.45));
  const distractors = types.map((type) => ({ text: made.distractors[type][0], type }));
  const text = [...made.sentences, ...distractors.map((d) => d.text), made.question].join(' ');
  const graph: StoredGraph = {
    nodes: [
      ...distractors.map((d, i) => c(`d${i + 1}`, Number(d.text.replace(/[০-৯]/g, (x) => String(x.charCodeAt(0) - 0x09e6)).match(/\d+/)?.[0] ?? 0), d.type, true)),
      ...made.graph.nodes,
    ],
  };
  const fromBank = r.chance(0.85);
  const bankKey = `seed-${template.key}-${index}`;
  const variant = distractors.length ? 'v1' : null;
  return {
    reference: graph,
    problem: {
      id: fromBank ? bankProblemId(bankKey, variant) : userProblemId(text),
      source: fromBank ? 'bank' : 'user',
      bankProblemId: fromBank ? bankKey : null,
      bankVariantId: fromBank ? variant : null,
      text, answer: made.answer,
      unit: template.key === 'pens' ? { bn: 'টাকা', en: 'taka' } : null,
      topics: template.topics, grade: template.grade,
      distractorTypes: [...types], distractors, createdAt,
    },
  };
}

const DAY_MS = 86_400_000;

export function generateSeedData(options: SeedOptions): PracticeData {
  const r = rng(options.seed ?? 1);
  const until = options.until ?? new Date();
  // Practice spans about six weeks ending at the close of `until`'s day (UTC).
  const end = Date.UTC(until.getUTCFullYear(), until.getUTCMonth(), until.getUTCDate()) + DAY_MS - 1;
  const weeks = 6;
  const start = end - weeks * 7 * DAY_MS;
  const iso = (ms: number) => new Date(Math.round(ms)).toISOString();

  const profiles: Profile[] = [];
  for (let i = 0; i < options.profiles; i++) {
    const name = STUDENT_NAMES[i % STUDENT_NAMES.length]! + (i >= STUDENT_NAMES.length ? ` ${bn(Math.floor(i / STUDENT_NAMES.length) + 1)}` : '');
    profiles.push({ id: r.uuid(), name, role: 'student', createdAt: iso(start - DAY_MS) });
  }
  const teacher: Profile = { id: r.uuid(), name: 'মাহমুদা আপা', role: 'teacher', createdAt: iso(start - 2 * DAY_MS) };
  profiles.push(teacher);

  const problemCount = Math.min(400, Math.max(12, Math.round(options.attempts / 40)));
  const problems: ProblemRecord[] = [];
  const solutions: Solution[] = [];
  const references = new Map<string, StoredGraph>();
  for (let i = 0; i < problemCount; i++) {
    const { problem, reference } = makeProblem(r, i, iso(start - DAY_MS));
    if (references.has(problem.id)) continue; // same text generated twice
    problems.push(problem);
    references.set(problem.id, reference);
    if (problem.source === 'bank') {
      solutions.push({
        id: r.uuid(), problemId: problem.id, kind: 'reference', rawOutput: null, graph: reference, diagnostics: [],
        answer: problem.answer, model: null, settings: null, stats: null, createdAt: problem.createdAt,
      });
    }
  }

  const sessions: Session[] = [];
  const attempts: Attempt[] = [];
  const reviews: Review[] = [];
  const students = profiles.filter((p) => p.role === 'student');
  students.forEach((student, si) => {
    const skill = 0.55 + r.next() * 0.35;
    const share = Math.floor(options.attempts / students.length) + (si < options.attempts % students.length ? 1 : 0);
    // Sessions of 5–20 attempts on random days, in time order.
    const sizes: number[] = [];
    for (let left = share; left > 0;) {
      const size = Math.min(left, r.int(5, 20));
      sizes.push(size);
      left -= size;
    }
    const starts = sizes.map(() => start + r.next() * (end - start - 2 * 3600_000)).sort((x, y) => x - y);
    sizes.forEach((size, k) => {
      let t = starts[k]!;
      const session: Session = { id: r.uuid(), profileId: student.id, startedAt: iso(t), endedAt: null };
      sessions.push(session);
      for (let j = 0; j < size; j++) {
        const problem = r.pick(problems);
        const graph = references.get(problem.id)!;
        const timeMs = Math.round(15_000 + r.next() * r.next() * 170_000);
        t += timeMs + r.int(1_000, 8_000);
        const chance = skill - 0.08 * problem.distractors.length;
        const correct = r.chance(chance);
        const answer = problem.answer!;
        const distractorValues = graph.nodes.filter((n) => n.distractor).map((n) => n.val as number);
        const wrong = distractorValues.length && r.chance(0.5) ? answer + r.pick(distractorValues) : answer + r.pick([-10, -2, -1, 1, 2, 10]);
        const value = correct ? answer : wrong;
        const answerText = r.chance(0.8) ? bn(value) : r.chance(0.5) ? String(value) : `${bn(value)} ${problem.unit?.bn ?? 'টি'}`;
        let solutionId: string | null = null;
        if (r.chance(0.25)) {
          const modelRight = r.chance(0.7);
          const generatedTokens = r.int(180, 420);
          const tokensPerSecond = 3 + r.next() * 9;
          const solution: Solution = {
            id: r.uuid(), problemId: problem.id, kind: 'model',
            rawOutput: '```json\n' + JSON.stringify({ nodes: graph.nodes }, null, 2) + '\n```',
            graph, diagnostics: modelRight ? [] : [{ code: 'NO_FINAL', severity: 'warning', message: 'final_result missing; used the last node' }],
            answer: modelRight ? answer : wrong,
            model: { name: 'DAGGER-12B SFT→GRPO', file: 'dagger-12b-sft-grpo-Q4_K_M.gguf' },
            settings: { temperature: 0, maxTokens: 2048, contextSize: 4096 },
            stats: {
              promptTokens: r.int(600, 900), generatedTokens, timeToFirstTokenMs: r.int(400, 2500),
              timeToFirstNodeMs: r.int(900, 4000), tokensPerSecond, totalMs: Math.round((generatedTokens / tokensPerSecond) * 1000),
            },
            createdAt: iso(t - timeMs),
          };
          solutions.push(solution);
          solutionId = solution.id;
          if (r.chance(0.08)) {
            reviews.push({
              id: r.uuid(), attemptId: null, solutionId, reviewerId: teacher.id,
              verdict: modelRight ? 'correct' : r.pick(['incorrect', 'partly'] as const),
              nodeNotes: modelRight ? [] : [{ nodeId: 'final_result', note: 'চূড়ান্ত নোড নেই' }],
              correctedAnswer: modelRight ? null : answer, comment: null, createdAt: iso(end - r.next() * DAY_MS),
            });
          }
        }
        const marks = problem.distractors.length && r.chance(0.6)
          ? { values: distractorValues.filter(() => r.chance(0.75)).concat(r.chance(0.15) ? [graph.nodes.find((n) => !n.distractor)!.val as number] : []), nodeIds: [] }
          : null;
        const attempt: Attempt = {
          id: r.uuid(), profileId: student.id, problemId: problem.id, solutionId, sessionId: session.id,
          createdAt: iso(t), utcOffsetMinutes: 360, answerText, answerValue: value, correct, timeMs,
          hintsRevealed: correct ? r.pick([0, 0, 0, 1]) : r.int(0, 3), stepsRevealed: correct ? 0 : r.int(0, 4),
          distractorMarks: marks, distractorSpotting: marks ? compareDistractorMarks(marks, graph) : null,
        };
        attempts.push(attempt);
        if (!correct && r.chance(0.03)) {
          reviews.push({
            id: r.uuid(), attemptId: attempt.id, solutionId, reviewerId: teacher.id, verdict: 'correct',
            nodeNotes: [], correctedAnswer: null, comment: 'আবার চেষ্টা করো — প্রশ্নের শেষ বাক্যটি ভালো করে পড়ো।',
            createdAt: iso(Math.min(end, t + DAY_MS)),
          });
        }
      }
      session.endedAt = iso(t + 1000);
    });
  });
  return { profiles, sessions, problems, solutions, attempts, reviews };
}
