/** `dagger-tutor dev seed --profiles N --attempts M [--seed S] [--until YYYY-MM-DD] [--json]` */
import { StoreBusyError, openStore, type PracticeStore } from '../../main/services/store/index.js';
import { generateSeedData } from '../../main/services/store/seed.js';
import { EXIT, UsageError, parseCommandArgs, type Command } from '../command.js';

const USAGE = `Usage: dagger-tutor dev seed --profiles N --attempts M [--seed S] [--until YYYY-MM-DD] [--json]

Fills the practice store with realistic demo data: N students with Bangla names (and a teacher),
M attempts over six weeks ending on --until (default today, UTC), Bangla problems with RED/OAD/NEED
distractor sentences, sessions, model solutions with timings, a few teacher reviews.
The same --seed and --until give the same data; seeding twice adds nothing the second time.
Exit status: 0 done, 1 the store was busy (another program kept it locked; nothing was added), 2 usage error.`;

function positiveInt(text: string | undefined, name: string, min: number): number {
  const value = Number(text);
  if (text === undefined || !Number.isInteger(value) || value < min) throw new UsageError(`--${name} needs a whole number ≥ ${min}`);
  return value;
}

export const devCommand: Command = {
  name: 'dev',
  summary: 'developer tools: seed demo practice data',
  usage: USAGE,
  async run({ argv, dataDir, io }) {
    const parsed = parseCommandArgs({ args: argv, strict: true, allowPositionals: true, options: {
      profiles: { type: 'string' }, attempts: { type: 'string' }, seed: { type: 'string', default: '1' },
      until: { type: 'string' }, json: { type: 'boolean', default: false },
    } });
    if (parsed.positionals.join(' ') !== 'seed') throw new UsageError('the only dev subcommand is "seed"');
    const profiles = positiveInt(parsed.values.profiles, 'profiles', 1);
    const attempts = positiveInt(parsed.values.attempts, 'attempts', 0);
    const seed = positiveInt(parsed.values.seed, 'seed', 0);
    const until = parsed.values.until === undefined ? new Date() : new Date(`${parsed.values.until}T00:00:00Z`);
    if (Number.isNaN(until.getTime())) throw new UsageError('--until needs a date YYYY-MM-DD');
    const started = performance.now();
    const data = generateSeedData({ profiles, attempts, seed, until });
    let store: PracticeStore | null = null;
    try {
      store = openStore(dataDir);
      const result = store.merge(data);
      const summary = { database: store.file, ...result.added, ms: Math.round(performance.now() - started) };
      io.out(parsed.values.json ? `${JSON.stringify(summary)}\n`
        : `seeded ${store.file}: ${Object.entries(result.added).map(([k, n]) => `${n} ${k}`).join(', ')} in ${summary.ms} ms\n`);
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof StoreBusyError)) throw error;
      if (parsed.values.json) io.out(`${JSON.stringify({ ok: false, reason: 'STORE_BUSY', message: error.message })}\n`);
      io.err(`dagger-tutor dev seed: ${error.message}\n`);
      return EXIT.failed;
    } finally {
      store?.close();
    }
  },
};
