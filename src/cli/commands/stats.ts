/** `dagger-tutor stats [--profile ID] [--json]`: the statistics view of the practice store. */
import { openStore } from '../../main/services/store/index.js';
import type { PracticeStats } from '../../shared/practice/queries.js';
import { EXIT, UsageError, parseCommandArgs, type Command } from '../command.js';

const USAGE = `Usage: dagger-tutor stats [--profile ID] [--utc-offset MINUTES] [--json]

  --profile ID        one learner's statistics (default: everyone in the store)
  --utc-offset MIN    learner's UTC offset for "today" in the day streak (default: this computer's)
  --json              the statistics object (same shape as the app's statistics view)
Exit status: 0 done, 1 the store could not be read, 2 usage error.`;

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

function describe(s: PracticeStats): string {
  const lines = [
    `attempts ${s.totals.attempts}, correct ${s.totals.correct} (${pct(s.totals.accuracy)}), problems ${s.totals.problems}, sessions ${s.totals.sessions}`,
    `streaks: ${s.streaks.currentCorrect} right in a row (best ${s.streaks.bestCorrect}); ${s.streaks.currentDays} days running (best ${s.streaks.bestDays}, ${s.streaks.daysPractised} days practised)`,
    `time per problem: median ${s.timePerProblem.medianMs === null ? '—' : `${(s.timePerProblem.medianMs / 1000).toFixed(1)} s`}, mean ${s.timePerProblem.meanMs === null ? '—' : `${(s.timePerProblem.meanMs / 1000).toFixed(1)} s`}`,
    `by distractor type: ${s.byDistractorType.map((b) => `${b.type} ${pct(b.accuracy)} of ${b.attempts}`).join(', ')}`,
    `by operation: ${s.byOperation.map((b) => `${b.op} ${pct(b.accuracy)} of ${b.attempts}`).join(', ') || '—'}`,
    `distractor spotting: precision ${pct(s.distractorSpotting.precision)}, recall ${pct(s.distractorSpotting.recall)} over ${s.distractorSpotting.attempts} attempts`,
    `review queue: ${s.reviewQueue.due} due now, ${s.reviewQueue.upcoming} later`,
    `last days: ${s.accuracyByDay.slice(-7).map((d) => `${d.day} ${pct(d.accuracy)} (${d.attempts})`).join(', ') || '—'}`,
  ];
  return `${lines.join('\n')}\n`;
}

export const statsCommand: Command = {
  name: 'stats',
  summary: 'practice statistics (accuracy, streaks, distractors, review queue)',
  usage: USAGE,
  async run({ argv, dataDir, io }) {
    const parsed = parseCommandArgs({ args: argv, strict: true, options: {
      profile: { type: 'string' }, 'utc-offset': { type: 'string' }, json: { type: 'boolean', default: false },
    } });
    const offsetText = parsed.values['utc-offset'];
    const offset = offsetText === undefined ? undefined : Number(offsetText);
    if (offset !== undefined && (!Number.isInteger(offset) || Math.abs(offset) > 840)) throw new UsageError('--utc-offset needs whole minutes between -840 and 840');
    const store = openStore(dataDir);
    try {
      const profileId = parsed.values.profile;
      if (profileId !== undefined && !store.getProfile(profileId)) {
        io.err(`dagger-tutor stats: there is no profile ${profileId} in ${store.file}\n`);
        return EXIT.failed;
      }
      const stats = store.stats({ profileId, utcOffsetMinutes: offset });
      io.out(parsed.values.json ? `${JSON.stringify(stats)}\n` : describe(stats));
      return EXIT.ok;
    } finally {
      store.close();
    }
  },
};
