/**
 * `dagger-tutor bank validate|list`: checks problem sets (the built-in bank or a teacher's files)
 * and lists problems. Validation exits 0 only when every entry passes, so CI and teachers can
 * rely on it.
 */
import { summariseProblems, type ProblemFilter } from '../../core/bank/query.js';
import { GRADE_BANDS, TOPICS, type GradeBand, type Topic } from '../../core/bank/schema.js';
import type { BankWarning } from '../../core/bank/review.js';
import type { BankFailure, BankReport } from '../../core/bank/validate.js';
import { formatLoadError } from '../../core/bank/load.js';
import { loadBank, loadProblemSetFiles, validateBankFiles } from '../../main/services/bank.js';
import { EXIT, UsageError, type CliIO, type Command } from '../command.js';

const usage = `Usage:
  dagger-tutor bank validate [--json] [--file F ...] [--dir DIR]
      Check problem sets: every reference graph runs to the stated answer, distractor nodes match
      the added sentences, every number in a text is linked or ignored, ids are unique.
      Warns (without failing) about reading problems: an added sentence right before a pronoun
      or back-reference, or after the question; number nodes out of text order; a missing unit;
      near-duplicate problems.
      Default: every *.json in the built-in bank (resources/bank). Exit 0 only with no failures.
      --json prints {problems, withDistractorVariant, byType: {RED, OAD, NEED}, byTopic, byGrade,
      failures: [...], warnings: [...]}.
  dagger-tutor bank list [--json] [--topic T] [--grade G] [--file F ...] [--dir DIR]
      List problems (id, grade, topics, variants, text).
      Topics: ${TOPICS.join(', ')}
      Grades: ${GRADE_BANDS.join(', ')}`;

interface BankOptions {
  json: boolean;
  files: string[];
  dir?: string;
  filter: ProblemFilter;
}

function parseOptions(argv: string[], allowFilter: boolean): BankOptions {
  const options: BankOptions = { json: false, files: [], filter: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--json') options.json = true;
    else if (arg === '--file') options.files.push(value());
    else if (arg === '--dir') options.dir = value();
    else if (allowFilter && arg === '--topic') {
      const topic = value();
      if (!(TOPICS as readonly string[]).includes(topic)) throw new UsageError(`unknown topic "${topic}"`);
      options.filter.topic = topic as Topic;
    } else if (allowFilter && arg === '--grade') {
      const grade = value();
      if (!(GRADE_BANDS as readonly string[]).includes(grade)) throw new UsageError(`unknown grade band "${grade}"`);
      options.filter.grade = grade as GradeBand;
    } else throw new UsageError(`unknown option "${arg}"`);
  }
  return options;
}

async function validate(options: BankOptions, io: CliIO): Promise<number> {
  const report = await validateBankFiles(options.files.length > 0 ? options.files : undefined, options.dir);
  if (options.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else io.out(formatReport(report));
  return report.failures.length === 0 ? EXIT.ok : EXIT.failed;
}

function formatReport(report: BankReport): string {
  const lines = [...report.failures.map(formatFailure), ...report.warnings.map(formatWarning)];
  const { RED, OAD, NEED } = report.byType;
  const counts = (record: Record<string, number>) => Object.entries(record).map(([k, n]) => `${k} ${n}`).join(', ');
  lines.push(
    `${report.problems} problems, ${report.withDistractorVariant} with a distractor variant; ` +
    `added sentences: RED ${RED}, OAD ${OAD}, NEED ${NEED}`,
    `by grade: ${counts(report.byGrade)}`,
    `by topic: ${counts(report.byTopic)}`,
    `${report.failures.length === 0 ? 'OK: no failures' : `${report.failures.length} failure(s)`}, ${report.warnings.length} warning(s)`,
  );
  return `${lines.join('\n')}\n`;
}

function formatFailure(f: BankFailure): string {
  const where = [f.source, f.problemId, f.variantId].filter(Boolean).join(' › ');
  return `✗ [${f.code}] ${where}: ${f.message}`;
}

function formatWarning(w: BankWarning): string {
  const where = [w.source, w.problemId, w.variantId].filter(Boolean).join(' › ');
  return `⚠ [${w.code}] ${where}: ${w.message}`;
}

async function list(options: BankOptions, io: CliIO): Promise<number> {
  const loaded = options.files.length > 0 ? await loadProblemSetFiles(options.files) : await loadBank(options.dir);
  for (const error of loaded.errors) io.err(`${formatLoadError(error)}\n`);
  const rows = summariseProblems(loaded.sets.map((s) => s.set), options.filter);
  if (options.json) {
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    for (const row of rows) {
      io.out(`${row.id}\t${row.grade}\t${row.topics.join(',')}\t${row.variants}v ${row.distractorTypes.join('/')}\t${row.text}\n`);
    }
    io.out(`${rows.length} problem(s)\n`);
  }
  return loaded.errors.length === 0 ? EXIT.ok : EXIT.failed;
}

export const bankCommand: Command = {
  name: 'bank',
  summary: 'validate or list problem sets (the built-in bank or teachers\' files)',
  usage,
  async run({ argv, io }) {
    const [sub, ...rest] = argv;
    if (sub === 'validate') return validate(parseOptions(rest, false), io);
    if (sub === 'list') return list(parseOptions(rest, true), io);
    throw new UsageError(sub ? `unknown bank subcommand "${sub}"` : 'missing subcommand: validate or list');
  },
};
