/**
 * One attempt for the teacher: the problem, the student's answer, the graph (the model's, else
 * the reference) with its steps; mark the model's graph right or wrong, write notes on nodes
 * (click a node or pick it from the list), correct the answer.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttemptDetail, Review } from '../../../shared/api.js';
import { useApp } from '../../app/context.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { NumberInput } from '../../components/NumberInput.js';
import { SolutionView } from '../../components/SolutionView.js';
import { readNumberEntry } from '../../lib/number-input.js';
import { fmtDate, fmtNumber } from '../../lib/format.js';
import { isolateText } from '../../../shared/bidi.js';
import { UserText } from '../../components/UserText.js';

const VERDICTS = ['correct', 'incorrect', 'partly'] as const;
const VERDICT_KEY = { correct: 'review.verdictCorrect', incorrect: 'review.verdictIncorrect', partly: 'review.verdictPartly' } as const;

export function AttemptReview({ attemptId, onSaved }: { attemptId: string; onSaved(): void }) {
  const { t, i18n } = useTranslation();
  const { api, profile, settings } = useApp();
  const digits = settings.digits;
  const language = i18n.language === 'en' ? 'en' : 'bn';
  const [detail, setDetail] = useState<AttemptDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [verdict, setVerdict] = useState<Review['verdict']>('correct');
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [noteNode, setNoteNode] = useState('');
  const [corrected, setCorrected] = useState('');
  const [status, setStatus] = useState<{ kind: 'good'; text: string } | { kind: 'bad'; error: unknown } | null>(null);
  const [correctedInvalid, setCorrectedInvalid] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.getAttempt({ attemptId }).then(
      (d) => live && setDetail(d),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, attemptId, t]);

  const nodes = detail?.analysis?.graph?.nodes ?? [];
  const noted = useMemo(() => new Set(Object.keys(notes).filter((id) => notes[id]!.trim())), [notes]);

  if (error !== null) return <ErrorNotice error={error} />;
  if (!detail) return <p className="muted" role="status">{t('app.loading')}</p>;

  const save = async () => {
    if (!profile) return;
    const entry = readNumberEntry(corrected);
    // An unreadable correction keeps the verdict, notes and the text typed; the box says what to fix.
    setCorrectedInvalid(entry.kind === 'invalid' ? entry.text : null);
    setStatus(null);
    if (entry.kind === 'invalid') return;
    const correctedValue = entry.kind === 'number' ? entry.value : null;
    try {
      const review = await api.addReview({
        attemptId,
        ...(detail.solution ? { solutionId: detail.solution.id } : {}),
        reviewerId: profile.id,
        verdict,
        nodeNotes: Object.entries(notes)
          .filter(([, note]) => note.trim())
          .map(([nodeId, note]) => ({ nodeId, note: note.trim() })),
        correctedAnswer: correctedValue,
      });
      setDetail({ ...detail, reviews: [...detail.reviews, review] });
      setStatus({ kind: 'good', text: t('review.reviewSaved') });
      onSaved();
    } catch (e) {
      setStatus({ kind: 'bad', error: e });
    }
  };

  const { attempt, problem, solution } = detail;
  return (
    <article className="card" aria-labelledby="attempt-title" data-testid="attempt-review">
      <h2 id="attempt-title">{t('review.attemptTitle', { name: isolateText(detail.profile.name), date: fmtDate(attempt.createdAt, language, digits, true) })}</h2>
      <p>
        {t('review.studentAnswer', { answer: attempt.answerText || t('common.none') })}{' '}
        <span className={attempt.correct ? 'result-good' : 'result-bad'}>
          ({attempt.correct ? t('history.resultCorrect') : t('history.resultWrong')})
        </span>
      </p>
      {solution && solution.kind === 'model' && <p>{t('review.modelAnswer', { answer: fmtNumber(solution.answer, digits) })}</p>}
      {detail.analysis ? (
        <SolutionView
          text={problem.text}
          analysis={detail.analysis}
          distractorSentences={problem.distractors}
          unit={problem.unit ?? undefined}
          noted={noted}
          onNodeSelect={(id) => {
            setNoteNode(id);
            requestAnimationFrame(() => document.getElementById('note-text')?.focus());
          }}
        />
      ) : (
        <>
          <p className="problem-text" dir="auto"><UserText text={problem.text} /></p>
          <p className="muted">{t('review.noGraph')}</p>
        </>
      )}

      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset className="row">
          <legend>{t('review.verdict')}</legend>
          {VERDICTS.map((v) => (
            <label key={v}>
              <input type="radio" name="verdict" value={v} checked={verdict === v} onChange={() => setVerdict(v)} />
              {t(VERDICT_KEY[v])}
            </label>
          ))}
        </fieldset>
        {nodes.length > 0 && (
          <fieldset>
            <legend>{t('review.nodeNotes')}</legend>
            <label>
              {t('review.node')}
              <select value={noteNode} onChange={(e) => setNoteNode(e.target.value)} data-testid="note-node">
                <option value="">—</option>
                {nodes.map((n) => (
                  <option key={n.id} value={n.id}>{isolateText(n.label ? `${n.id} (${n.label})` : n.id)}</option>
                ))}
              </select>
            </label>
            {noteNode && (
              <label className="stack">
                {t('review.noteFor', { node: noteNode })}
                <textarea id="note-text" value={notes[noteNode] ?? ''} maxLength={2000} onChange={(e) => setNotes({ ...notes, [noteNode]: e.target.value })} />
              </label>
            )}
            {noted.size > 0 && (
              <ul>
                {[...noted].map((id) => (
                  <li key={id}><strong>{id}:</strong> {notes[id]}</li>
                ))}
              </ul>
            )}
          </fieldset>
        )}
        <NumberInput label={t('review.correctedAnswer')} value={corrected} onChange={setCorrected} invalid={correctedInvalid} />
        <p>
          <button type="submit" className="primary">{t('review.saveReview')}</button>
        </p>
        {status?.kind === 'bad' && <ErrorNotice error={status.error} />}
        {status?.kind === 'good' && <p className="notice good" role="status">{status.text}</p>}
      </form>

      {detail.reviews.length > 0 && (
        <section>
          <h3>{t('review.previousReviews')}</h3>
          <ul data-testid="previous-reviews">
            {detail.reviews.map((r) => (
              <li key={r.id}>
                {fmtDate(r.createdAt, language, digits, true)}: <strong>{t(VERDICT_KEY[r.verdict])}</strong>
                {r.correctedAnswer !== null && <> · {t('review.correctedAnswer')}: {fmtNumber(r.correctedAnswer, digits)}</>}
                {r.nodeNotes.length > 0 && (
                  <ul>
                    {r.nodeNotes.map((n) => (
                      <li key={n.nodeId}><strong><UserText text={n.nodeId} />:</strong> <UserText text={n.note} /></li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
