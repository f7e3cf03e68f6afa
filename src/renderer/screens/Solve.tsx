/**
 * Solving a typed or pasted problem with the local model. Nodes appear as they stream in, with a
 * progress line and a cancel button. Events can arrive once per token (hundreds a second): they
 * are queued and applied once per animation frame, at low priority, so typing and scrolling stay
 * smooth while the model writes.
 */
import { startTransition, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SolveEvent } from '../../shared/api.js';
import { DaggerApiError } from '../../shared/api.js';
import { newRequestId } from '../../shared/transport/client.js';
import { useApp } from '../app/context.js';
import { SolutionView } from '../components/SolutionView.js';
import { readNumberEntry } from '../lib/number-input.js';
import { fmtNumber } from '../lib/format.js';
import { applySolveEvents, failSolve, finishSolve, idleSolve, startSolve, type SolveState } from '../lib/solve-stream.js';
import { useSession } from './practice/useSession.js';
import { useFrameBatched, useThrottled } from '../components/useStreamBatching.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { NumberInput } from '../components/NumberInput.js';
import { ModelReadiness } from '../components/ModelReadiness.js';
import { showDirectionControls } from '../../shared/bidi.js';

/** While streaming, the graph is re-laid out at most this often. */
const RELAYOUT_MS = 200;

const MAX_QUESTION = 4000;

export function Solve() {
  const { t } = useTranslation();
  const { api, profile, settings, modelStatus, refreshModelStatus } = useApp();
  const digits = settings.digits;
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');
  const [solving, setSolving] = useState<SolveState>(idleSolve);
  const [message, setMessage] = useState<string | null>(null);
  const [answerInvalid, setAnswerInvalid] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [attemptNote, setAttemptNote] = useState<string | null>(null);
  const [asked, setAsked] = useState('');
  const getSessionId = useSession(api, profile?.id ?? null);
  const onEvent = useFrameBatched<SolveEvent>((events) => startTransition(() => setSolving((s) => applySolveEvents(s, events))));
  const streamedNodes = useThrottled(solving.nodes, RELAYOUT_MS);

  const running = solving.status === 'running';

  const solve = async () => {
    const text = question.trim();
    setAnswerInvalid(null);
    setFailure(null);
    if (!text) return setMessage(t('solve.empty'));
    if (text.length > MAX_QUESTION) return setMessage(t('solve.tooLong', { count: fmtNumber(text.length, digits), max: fmtNumber(MAX_QUESTION, digits) }));
    setMessage(null);
    const entry = readNumberEntry(answer);
    // The question and the answer stay as typed; only the message says what to fix.
    if (entry.kind === 'invalid') return setAnswerInvalid(entry.text);
    setAttemptNote(null);
    setAsked(text);
    const requestId = newRequestId();
    setSolving(startSolve(requestId));
    try {
      const result = await api.solve({ requestId, question: text }, onEvent);
      setSolving((s) => finishSolve(s, result));
      void refreshModelStatus();
      if (profile && answer.trim() && !result.cancelled) {
        const sessionId = await getSessionId();
        const recorded = await api.recordAttempt({
          profileId: profile.id,
          ...(sessionId ? { sessionId } : {}),
          text,
          ...(result.solutionId ? { solutionId: result.solutionId } : {}),
          answerText: answer,
        });
        setAttemptNote(
          t('solve.compare', { model: fmtNumber(result.answer, digits), given: answer }) +
            (recorded.expectedAnswer === null ? '' : ` ${recorded.attempt.correct ? t('history.resultCorrect') : t('history.resultWrong')}`),
        );
      }
    } catch (e) {
      const data = e instanceof DaggerApiError ? e.toJSON() : { code: 'INTERNAL' as const, message: String(e) };
      setSolving((s) => failSolve(s, data));
      setFailure(e);
    }
  };

  const cancel = () => {
    if (solving.requestId) void api.cancel({ requestId: solving.requestId });
  };

  const phaseText = (() => {
    switch (solving.phase) {
      case 'queued':
      case 'loading-model':
        return t('solve.phaseLoading');
      case 'reading-problem':
        return t('solve.phasePrompt');
      case 'writing-graph':
        return t('solve.phaseGraph', { nodes: fmtNumber(solving.nodes.length, digits), tps: fmtNumber(solving.tokensPerSecond === null ? null : Math.round(solving.tokensPerSecond), digits) });
      default:
        return '';
    }
  })();
  const stats = solving.result?.stats;

  return (
    <div>
      <h1>{t('solve.title')}</h1>
      {!modelStatus?.selected && <p className="notice warn">{t('solve.noModel')}</p>}
      <ModelReadiness />
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void solve();
        }}
      >
        <label className="stack">
          {t('solve.inputLabel')}
          <textarea value={question} onChange={(e) => setQuestion(e.target.value)} placeholder={t('solve.placeholder')} maxLength={MAX_QUESTION + 1000} data-testid="question-input" />
        </label>
        <p className="muted">{t('solve.alsoAnswer')}</p>
        <NumberInput label={t('solve.yourAnswer')} value={answer} onChange={setAnswer} invalid={answerInvalid}>
          <button type="submit" className="primary" disabled={running}>{t('solve.solve')}</button>
          <button type="button" onClick={cancel} disabled={!running}>{t('solve.cancel')}</button>
        </NumberInput>
        <p role="status" aria-live="polite" data-testid="solve-progress" className="muted">
          {running ? phaseText : solving.status === 'done' && stats ? t('solve.phaseDone', {
            tokens: fmtNumber(stats.generatedTokens, digits),
            seconds: fmtNumber(Math.round(stats.totalMs / 100) / 10, digits),
            tps: fmtNumber(stats.tokensPerSecond === null ? null : Math.round(stats.tokensPerSecond), digits),
          }) : ''}
        </p>
        {running && <progress className="progress" aria-label={phaseText} />}
        {message && <p className="notice bad" role="alert">{message}</p>}
        {failure !== null && <ErrorNotice error={failure} />}
        {solving.status === 'cancelled' && <p className="notice warn" role="status">{t('solve.cancelled')}</p>}
        {solving.status === 'failed' && failure === null && solving.error && <ErrorNotice error={solving.error} context="solve.failed" />}
        {attemptNote && <p className="notice good" role="status">{attemptNote}</p>}
      </form>
      {solving.status !== 'idle' && asked && (
        <section className="card" data-testid="solve-solution" data-status={solving.status} data-streamed-nodes={solving.streamedNodes}>
          <SolutionView
            text={asked}
            analysis={solving.status === 'done' ? (solving.result?.analysis ?? null) : null}
            streamingNodes={streamedNodes}
          />
          {solving.result && (
            <details>
              <summary>{t('solve.rawOutput')}</summary>
              <pre className="pre-wrap" dir="auto">{showDirectionControls(solving.result.rawOutput)}</pre>
            </details>
          )}
        </section>
      )}
    </div>
  );
}
