/**
 * The problem text with every number linked to its graph node and distractor sentences marked
 * by type. In "spot the distractors" mode the numbers become toggle buttons.
 * All text is rendered as React text nodes (the text may come from an imported file).
 */
import { useTranslation } from 'react-i18next';
import type { TextRun } from '../lib/text-segments.js';
import type { MarkVerdict } from '../lib/spot.js';
import { fmtNumber, type DigitsStyle } from '../lib/format.js';
import { showDirectionControls } from '../../shared/bidi.js';

export interface SpotMode {
  marked: ReadonlySet<string>;
  onToggle(nodeId: string): void;
  /** After checking: how each number was judged. */
  verdicts?: ReadonlyMap<string, MarkVerdict> | null;
}

interface Props {
  runs: TextRun[];
  digits: DigitsStyle;
  /** Show distractor sentence highlighting (hidden while the student is still solving). */
  showDistractors: boolean;
  highlight?: string | null;
  onHover?(nodeId: string | null): void;
  spot?: SpotMode | null;
}

const VERDICT_KEY: Record<MarkVerdict, string | null> = {
  'true-positive': 'spot.truePositive',
  'false-positive': 'spot.falsePositive',
  'false-negative': 'spot.falseNegative',
  'true-negative': null,
};

export function ProblemText({ runs, digits, showDistractors, highlight = null, onHover, spot = null }: Props) {
  const { t } = useTranslation();
  return (
    <p className="problem-text" data-testid="problem-text" dir="auto">
      {runs.map((run) => {
        const pieces = run.pieces.map((piece) => {
          // Typed-in problems are user text: direction controls are shown, not obeyed (shared/bidi.ts).
          if (!piece.link) return <span key={piece.start}>{showDirectionControls(piece.text)}</span>;
          const { nodeId, value } = piece.link;
          const hl = highlight === nodeId ? ' hl' : '';
          if (spot) {
            const verdict = spot.verdicts?.get(nodeId) ?? null;
            const verdictKey = verdict ? VERDICT_KEY[verdict] : null;
            const pressed = spot.marked.has(nodeId);
            return (
              <button
                key={piece.start}
                type="button"
                className={`num${hl}${verdict ? ` v-${verdict}` : ''}`}
                aria-pressed={pressed}
                data-node-id={nodeId}
                aria-label={`${t('spot.numberButton', { value: fmtNumber(value, digits) })}${pressed ? `, ${t('spot.marked')}` : ''}${verdictKey ? `. ${t(verdictKey)}` : ''}`}
                title={verdictKey ? t(verdictKey) : undefined}
                onClick={() => spot.onToggle(nodeId)}
                disabled={Boolean(spot.verdicts)}
              >
                {piece.text}
              </button>
            );
          }
          return (
            <span
              key={piece.start}
              className={`num${hl}`}
              tabIndex={0}
              data-node-id={nodeId}
              aria-label={t('solution.numberLink', { value: piece.text, node: nodeId })}
              onMouseEnter={() => onHover?.(nodeId)}
              onMouseLeave={() => onHover?.(null)}
              onFocus={() => onHover?.(nodeId)}
              onBlur={() => onHover?.(null)}
            >
              {piece.text}
            </span>
          );
        });
        if (!run.distractor || !showDistractors) return <span key={run.start}>{pieces}</span>;
        const contains = highlight !== null && run.pieces.some((p) => p.link?.nodeId === highlight);
        return (
          <mark key={run.start} className={`d-run d-${run.distractor}${contains ? ' hl' : ''}`} data-distractor={run.distractor} title={t(`distractor.${run.distractor}`)}>
            <span className="sr-only">{`(${t(`distractor.${run.distractor}`)}) `}</span>
            {pieces}
            {run.distractor !== 'unknown' && <span className="d-tag" aria-hidden="true">{run.distractor}</span>}
          </mark>
        );
      })}
    </p>
  );
}

export function DistractorLegend({ kinds }: { kinds: ReadonlyArray<TextRun['distractor']> }) {
  const { t } = useTranslation();
  const unique = [...new Set(kinds.filter((k): k is NonNullable<typeof k> => k !== null))];
  if (unique.length === 0) return null;
  return (
    <ul className="legend" aria-label={t('solution.distractorsTitle')}>
      {unique.map((kind) => (
        <li key={kind}>
          <span className={`swatch d-run d-${kind}`} aria-hidden="true" />
          <span>
            {kind === 'unknown' ? t('distractor.unknown') : `${kind}: ${t(`distractor.${kind}`)}`}
            {kind !== 'unknown' && <span className="muted"> — {t(`distractor.${kind}Help`)}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
