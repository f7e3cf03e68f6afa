/**
 * The step-by-step explanation: an ordered list in the user's language, in sync with the graph.
 * It is the graph's text alternative for screen readers, so all revealed steps stay in the list.
 */
import { useTranslation } from 'react-i18next';
import type { Step } from '../../core/graph/types.js';
import { toBanglaDigits, toLatinDigits } from '../../core/numerals.js';
import type { DigitsStyle } from '../lib/format.js';

interface Props {
  steps: readonly Step[];
  /** How many steps are revealed. */
  shown: number;
  digits: DigitsStyle;
  highlight?: string | null;
  onHover?(nodeId: string | null): void;
}

export function explanationText(step: Step, language: string, digits: DigitsStyle): string {
  const text = language === 'en' ? step.explanation.en : step.explanation.bn;
  return digits === 'bn' ? toBanglaDigits(text) : toLatinDigits(text);
}

export function StepList({ steps, shown, digits, highlight = null, onHover }: Props) {
  const { t, i18n } = useTranslation();
  if (steps.length === 0) return <p className="muted">{t('solution.noSteps')}</p>;
  return (
    <ol className="steps" data-testid="step-list">
      {steps.slice(0, shown).map((step, i) => (
        <li
          key={step.nodeId}
          data-node-id={step.nodeId}
          aria-current={i === shown - 1 ? 'step' : undefined}
          className={highlight === step.nodeId ? 'hl' : undefined}
          onMouseEnter={() => onHover?.(step.nodeId)}
          onMouseLeave={() => onHover?.(null)}
        >
          {explanationText(step, i18n.language, digits)}
        </li>
      ))}
    </ol>
  );
}
