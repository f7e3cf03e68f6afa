/**
 * One bank problem: the student answers first (Bangla or ASCII digits), may reveal steps one at a
 * time as hints, may tap the numbers they think are distractors, then sees the full solution.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttemptResult, ProblemDetail } from '../../../shared/api.js';
import { useApp } from '../../app/context.js';
import { ProblemText } from '../../components/ProblemText.js';
import { SolutionView } from '../../components/SolutionView.js';
import { StepList } from '../../components/StepList.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { NumberInput } from '../../components/NumberInput.js';
import { readNumberEntry } from '../../lib/number-input.js';
import { fmtNumber } from '../../lib/format.js';
import { judgeMarks, toggleMark, type SpotResult } from '../../lib/spot.js';
import { segmentText } from '../../lib/text-segments.js';

interface Props {
  problem: ProblemDetail;
  position: { n: number; total: number };
  onNext: (() => void) | null;
  getSessionId(): Promise<string | undefined>;
}

export function PracticeItem({ problem, position, onNext, getSessionId }: Props) {
  const { t, i18n } = useTranslation();
  const { api, profile, settings } = useApp();
  const digits = settings.digits;
  const [answer, setAnswer] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const [hints, setHints] = useState(0);
  const [marked, setMarked] = useState<Set<string>>(() => new Set());
  const [spot, setSpot] = useState<SpotResult | null>(null);
  const [result, setResult] = useState<AttemptResult | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [showSolution, setShowSolution] = useState(true);
  const startedAt = useRef(performance.now());
  const answerRef = useRef<HTMLInputElement>(null);
  useEffect(() => answerRef.current?.focus(), []);

  const { analysis } = problem;
  const steps = analysis.steps;
  const runs = useMemo(() => segmentText(problem.text, analysis.links, []), [problem.text, analysis.links]);
  const graph = analysis.graph ?? problem.graph;
  const unit = problem.unit ? (i18n.language === 'en' ? problem.unit.en : problem.unit.bn) : '';
  const withUnit = (value: number | null) => (value === null ? '—' : unit ? t('common.unit', { value: fmtNumber(value, digits), unit }) : fmtNumber(value, digits));

  const checkMarks = () => setSpot(judgeMarks(graph, analysis.links, marked));

  const submit = async () => {
    const entry = readNumberEntry(answer);
    if (entry.kind !== 'number') {
      setInputError(entry.kind === 'invalid' ? entry.text : answer);
      answerRef.current?.focus();
      return;
    }
    if (!profile) return;
    setInputError(null);
    setBusy(true);
    const judged = spot ?? judgeMarks(graph, analysis.links, marked);
    setSpot(judged);
    try {
      const sessionId = await getSessionId();
      const values = analysis.links.filter((l) => marked.has(l.nodeId)).map((l) => l.value);
      setResult(
        await api.recordAttempt({
          profileId: profile.id,
          ...(sessionId ? { sessionId } : {}),
          itemId: problem.itemId,
          answerText: answer,
          timeMs: Math.round(performance.now() - startedAt.current),
          hintsRevealed: hints,
          stepsRevealed: hints,
          markedDistractors: { nodeIds: [...marked], values },
        }),
      );
      setSaveError(null);
    } catch (e) {
      // The answer stays in the box; the student can try saving again.
      setSaveError(e);
    } finally {
      setBusy(false);
    }
  };

  const answered = result !== null;
  const correct = result ? result.attempt.correct : null;

  return (
    <article className="practice-item" aria-labelledby="problem-heading">
      <h2 id="problem-heading">
        {t('practice.problemOf', { n: fmtNumber(position.n, digits), total: fmtNumber(position.total, digits) })}
      </h2>
      <section className="card">
        {!answered ? (
          <>
            <ProblemText
              runs={runs}
              digits={digits}
              showDistractors={false}
              spot={{ marked, onToggle: (id) => { setSpot(null); setMarked((m) => toggleMark(m, id)); }, verdicts: spot?.verdicts ?? null }}
            />
            <details className="spot-help" open>
              <summary>{t('spot.title')}</summary>
              <p className="muted">{t('spot.instructions')}</p>
              <button type="button" onClick={checkMarks}>{t('spot.check')}</button>
            </details>
          </>
        ) : (
          // After answering, the tapped numbers stay visible with how each was judged.
          <ProblemText runs={runs} digits={digits} showDistractors={false} spot={{ marked, onToggle: () => undefined, verdicts: spot?.verdicts ?? null }} />
        )}
        {spot && (
          <p className="notice warn" role="status" data-testid="spot-result">
            {spot.falsePositives === 0 && spot.falseNegatives === 0
              ? spot.truePositives === 0 ? t('spot.noDistractors') : t('spot.perfect')
              : t('spot.result', { tp: fmtNumber(spot.truePositives, digits), fp: fmtNumber(spot.falsePositives, digits), fn: fmtNumber(spot.falseNegatives, digits) })}
          </p>
        )}

        <form
          className="answer-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <NumberInput ref={answerRef} label={t('practice.answerLabel')} value={answer} onChange={setAnswer} invalid={inputError} readOnly={answered}>
            <button type="submit" className="primary" disabled={busy || answered || answer.trim() === ''}>{t('practice.check')}</button>
            {!answered && (
              <button type="button" onClick={() => setHints((h) => Math.min(steps.length, h + 1))} disabled={hints >= steps.length}>
                {t('practice.hint')}
              </button>
            )}
          </NumberInput>
        </form>
        {saveError !== null && <ErrorNotice error={saveError} context="practice.recordFailed" />}
        {!answered && hints > 0 && (
          <div aria-live="polite">
            <p className="muted">{t('practice.hintsUsed', { count: fmtNumber(hints, digits) })}</p>
            <StepList steps={steps} shown={hints} digits={digits} />
          </div>
        )}
        {result && (
          <p className={`notice ${correct ? 'good' : 'bad'}`} role="status" data-testid="answer-feedback">
            {correct
              ? t('practice.correct', { answer: withUnit(result.expectedAnswer) })
              : t('practice.wrong', { given: answer, answer: withUnit(result.expectedAnswer ?? problem.answer) })}
          </p>
        )}
        {answered && (
          <div className="row">
            <button type="button" onClick={() => setShowSolution((s) => !s)} aria-expanded={showSolution}>
              {showSolution ? t('practice.hideSolution') : t('practice.showSolution')}
            </button>
            {onNext && <button type="button" className="primary" onClick={onNext}>{t('practice.next')}</button>}
          </div>
        )}
      </section>
      {answered && showSolution && (
        <section className="card">
          <SolutionView text={problem.text} analysis={analysis} distractorSentences={problem.distractors} unit={problem.unit} />
        </section>
      )}
    </article>
  );
}
