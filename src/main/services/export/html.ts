/**
 * The printable report: one self-contained HTML page per student or session (or everyone), which
 * a browser prints to PDF. Inline CSS allowed by its hash in a strict Content-Security-Policy (no
 * scripts, no network, no inline style attributes); every piece of stored text is escaped, as
 * names, problems, answers and model labels are all untrusted. Each attempt shows its graph (the
 * model's, else the bank's reference) drawn as inline SVG.
 */
import crypto from 'node:crypto';
import type { Attempt, PracticeData, ProblemRecord, Solution } from '../../../shared/practice/records.js';
import type { DumpScope, PracticeStore } from '../store/index.js';
import { showDirectionControls } from '../../../shared/bidi.js';
import { escapeXml as escapeHtml, renderGraphSvg } from './graphSvg.js';

/** Stored user text, escaped and isolated: its direction controls shown, not obeyed (shared/bidi.ts). */
const userText = (text: string) => `<bdi>${escapeHtml(showDirectionControls(text))}</bdi>`;

export type ReportLanguage = 'bn' | 'en';

export interface HtmlReportOptions {
  lang?: ReportLanguage;
  /** The report lists at most this many attempts (the latest); default 200. */
  maxAttempts?: number;
  now?: Date;
}

const TEXT = {
  bn: {
    title: 'অনুশীলনের প্রতিবেদন', everyone: 'সকল শিক্ষার্থী', session: 'অনুশীলন পর্ব', made: 'তৈরি',
    attempts: 'চেষ্টা', correct: 'সঠিক', accuracy: 'নির্ভুলতা', median: 'মধ্যমা সময়', seconds: 'সেকেন্ড',
    byType: 'বিভ্রান্তিকর বাক্যের ধরন অনুযায়ী', none: 'নেই', typed: 'লেখা উত্তর', expected: 'সঠিক উত্তর',
    right: 'সঠিক', wrong: 'ভুল', hints: 'ইঙ্গিত', steps: 'ধাপ', graph: 'গ্রাফ', review: 'শিক্ষকের মন্তব্য',
    shown: (n: number, total: number) => `সর্বশেষ ${bn(n)}টি দেখানো হলো (মোট ${bn(total)}টি)`,
    empty: 'কোনো চেষ্টা নেই।', student: 'শিক্ষার্থী', problem: 'সমস্যা',
  },
  en: {
    title: 'Practice report', everyone: 'All students', session: 'Session', made: 'Made',
    attempts: 'Attempts', correct: 'Correct', accuracy: 'Accuracy', median: 'Median time', seconds: 's',
    byType: 'By distractor type', none: 'none', typed: 'Answer typed', expected: 'Correct answer',
    right: 'right', wrong: 'wrong', hints: 'hints', steps: 'steps', graph: 'Graph', review: 'Teacher review',
    shown: (n: number, total: number) => `Showing the latest ${n} of ${total}`,
    empty: 'No attempts.', student: 'Student', problem: 'Problem',
  },
} as const;

function bn(value: number | string): string {
  return String(value).replace(/\d/g, (d) => '০১২৩৪৫৬৭৮৯'[Number(d)]!);
}

const CSS = `
body{font-family:"Noto Sans Bengali","Nirmala UI","Vrinda",system-ui,sans-serif;margin:2rem;color:#1d2430;line-height:1.5}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.meta{color:#556}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccd;padding:.25rem .6rem;text-align:left}
.attempt{border:1px solid #ccd;border-radius:8px;padding:.75rem 1rem;margin:1rem 0;break-inside:avoid}
.ok{color:#17643a;font-weight:bold}.bad{color:#a02020;font-weight:bold}
mark{background:#fff0b3}mark.RED{background:#ffd9d9}mark.OAD{background:#d9ecff}mark.NEED{background:#e6dcff}
.graph{max-width:100%;height:auto}.graph .node rect{fill:#f4f7fb;stroke:#4a6fa5;stroke-width:1.2}
.graph .distractor rect{fill:#f3f3f3;stroke:#999;stroke-dasharray:4 3}.graph .final rect{stroke:#17643a;stroke-width:2.5}
.graph text{font-size:12px;text-anchor:middle;fill:#1d2430}.graph text.label{fill:#556;font-size:11px}
.graph .edge{fill:none;stroke:#7a8aa0;stroke-width:1.2}.graph .arrow{fill:#7a8aa0}
@media print{body{margin:0}.attempt{page-break-inside:avoid}}
`;

/** The problem text with its distractor sentences marked by type. */
function markedProblemText(problem: ProblemRecord): string {
  const spans = problem.distractors
    .map((d) => ({ start: problem.text.indexOf(d.text), end: problem.text.indexOf(d.text) + d.text.length, type: d.type }))
    .filter((s) => s.start >= 0)
    .sort((a, b) => a.start - b.start);
  let html = '';
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue; // overlapping sentences: mark the first only
    html += userText(problem.text.slice(at, span.start));
    html += `<mark class="${span.type}" title="${span.type}">${userText(problem.text.slice(span.start, span.end))}</mark>`;
    at = span.end;
  }
  return html + userText(problem.text.slice(at));
}

function localTime(a: Attempt): string {
  return new Date(Date.parse(a.createdAt) + a.utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function renderHtmlReport(data: PracticeData, scope: DumpScope, options: HtmlReportOptions = {}): string {
  const lang = options.lang ?? 'bn';
  const t = TEXT[lang];
  const num = (v: number | string) => (lang === 'bn' ? bn(v) : String(v));
  const profiles = new Map(data.profiles.map((p) => [p.id, p]));
  const problems = new Map(data.problems.map((p) => [p.id, p]));
  const solutions = new Map(data.solutions.map((s) => [s.id, s]));
  const references = new Map<string, Solution>();
  for (const s of data.solutions) if (s.kind === 'reference' && !references.has(s.problemId)) references.set(s.problemId, s);

  const subject = scope.profileId ? profiles.get(scope.profileId)?.name ?? scope.profileId
    : scope.sessionId ? `${t.session} ${scope.sessionId.slice(0, 8)}` : t.everyone;
  const attempts = [...data.attempts].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const correct = attempts.filter((a) => a.correct).length;
  const times = attempts.map((a) => a.timeMs).sort((a, b) => a - b);
  const median = times.length === 0 ? null
    : times.length % 2 ? times[(times.length - 1) / 2]! : (times[times.length / 2 - 1]! + times[times.length / 2]!) / 2;
  const percent = (c: number, n: number) => (n === 0 ? '—' : `${num((100 * c / n).toFixed(0))}%`);

  const typeRows = (['RED', 'OAD', 'NEED', 'none'] as const).map((type) => {
    const subset = attempts.filter((a) => {
      const types = problems.get(a.problemId)!.distractorTypes;
      return type === 'none' ? types.length === 0 : types.includes(type);
    });
    const c = subset.filter((a) => a.correct).length;
    return `<tr><td>${type === 'none' ? t.none : type}</td><td>${num(subset.length)}</td><td>${percent(c, subset.length)}</td></tr>`;
  }).join('');

  const reviewsByAttempt = new Map<string, string[]>();
  for (const r of data.reviews) {
    const key = r.attemptId ?? r.solutionId!;
    const notes = [r.verdict, r.comment ?? '', ...r.nodeNotes.map((n) => `${n.nodeId}: ${n.note}`)].filter(Boolean).join(' — ');
    reviewsByAttempt.set(key, [...(reviewsByAttempt.get(key) ?? []), notes]);
  }

  const limit = options.maxAttempts ?? 200;
  const items = attempts.slice(0, limit).map((a, index) => {
    const problem = problems.get(a.problemId)!;
    const solution = a.solutionId ? solutions.get(a.solutionId) : undefined;
    const graph = solution?.graph ?? references.get(a.problemId)?.graph ?? null;
    const reviews = [...(reviewsByAttempt.get(a.id) ?? []), ...(a.solutionId ? reviewsByAttempt.get(a.solutionId) ?? [] : [])];
    return `<section class="attempt"><div class="meta">${escapeHtml(num(localTime(a)))} · ${t.student}: ${userText(profiles.get(a.profileId)?.name ?? '')}</div>
<p dir="auto">${markedProblemText(problem)}</p>
<p>${t.typed}: <strong>${userText(a.answerText)}</strong> · ${t.expected}: ${problem.answer === null ? '—' : escapeHtml(num(problem.answer))} ·
<span class="${a.correct ? 'ok' : 'bad'}">${a.correct ? `✓ ${t.right}` : `✗ ${t.wrong}`}</span> ·
${num((a.timeMs / 1000).toFixed(0))} ${t.seconds} · ${t.hints} ${num(a.hintsRevealed)} · ${t.steps} ${num(a.stepsRevealed)}</p>
${graph && graph.nodes.length ? renderGraphSvg(graph, { idPrefix: `a${index}`, title: `${t.graph} — ${t.problem}` }) : ''}
${reviews.map((r) => `<p><strong>${t.review}:</strong> ${userText(r)}</p>`).join('\n')}</section>`;
  }).join('\n');

  const styleHash = crypto.createHash('sha256').update(CSS, 'utf8').digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${t.title} — ${showDirectionControls(subject)}`)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(t.title)} — ${userText(subject)}</h1>
<p class="meta">${t.made}: ${escapeHtml(num((options.now ?? new Date()).toISOString().slice(0, 10)))}</p>
<table><tr><th>${t.attempts}</th><th>${t.correct}</th><th>${t.accuracy}</th><th>${t.median}</th></tr>
<tr><td>${num(attempts.length)}</td><td>${num(correct)}</td><td>${percent(correct, attempts.length)}</td><td>${median === null ? '—' : `${num((median / 1000).toFixed(0))} ${t.seconds}`}</td></tr></table>
<h2>${t.byType}</h2>
<table><tr><th></th><th>${t.attempts}</th><th>${t.accuracy}</th></tr>${typeRows}</table>
<h2>${t.attempts}</h2>
${attempts.length > limit ? `<p class="meta">${t.shown(limit, attempts.length)}</p>` : ''}
${items || `<p>${t.empty}</p>`}
</body>
</html>
`;
}

export function exportHtml(store: PracticeStore, scope: DumpScope = {}, options: HtmlReportOptions = {}): string {
  return renderHtmlReport(store.dump(scope), scope, options);
}
