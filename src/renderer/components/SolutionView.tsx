/**
 * The solution view: problem text linked to the graph, the graph itself (d3), the step-by-step
 * reveal with its explanation list, and what is wrong with the graph in plain words.
 * Works for a finished analysis and for a graph still streaming in (nodes only, no values yet).
 */
import { useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Analysis, GraphNode } from '../../core/graph/types.js';
import type { DistractorType } from '../../core/bank/schema.js';
import { layoutGraph, type LaidOutNode } from '../lib/graph-layout.js';
import { rangesFromGraph, rangesFromSentences, segmentText } from '../lib/text-segments.js';
import { clampStep, stepIndexByNode, visibleNodeIds } from '../lib/reveal.js';
import { describeDiagnostic, sortDiagnostics } from '../lib/diagnostics.js';
import { fmtNumber, type DigitsStyle } from '../lib/format.js';
import { GraphView } from './GraphView.js';
import { DistractorLegend, ProblemText } from './ProblemText.js';
import { StepList } from './StepList.js';
import { AppContext } from '../app/context.js';

export interface SolutionViewProps {
  text: string;
  analysis: Analysis | null;
  /** While the model is still writing: the nodes so far. */
  streamingNodes?: readonly GraphNode[];
  /** The bank's added distractor sentences (typed); otherwise the graph's view is used. */
  distractorSentences?: ReadonlyArray<{ text: string; type: DistractorType }>;
  unit?: { bn: string; en: string };
  /** Nodes with a teacher's note, and what to do when a node is chosen (teacher review). */
  noted?: ReadonlySet<string>;
  onNodeSelect?(nodeId: string): void;
  /** Digit style; defaults to the user's setting (the benchmark page has no app around it). */
  digits?: DigitsStyle;
}

const PLAY_INTERVAL_MS = 1200;

export function SolutionView({ text, analysis, streamingNodes, distractorSentences, unit, noted, onNodeSelect, digits: digitsProp }: SolutionViewProps) {
  const { t, i18n } = useTranslation();
  const app = useContext(AppContext);
  const digits: DigitsStyle = digitsProp ?? app?.settings.digits ?? 'bn';
  const [hover, setHover] = useState<string | null>(null);
  const steps = useMemo(() => analysis?.steps ?? [], [analysis]);
  const [shown, setShown] = useState(steps.length);
  const [playing, setPlaying] = useState(false);
  // A new analysis (e.g. the stream finished) shows all its steps.
  useEffect(() => setShown(steps.length), [steps]);
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      setShown((s) => {
        if (s >= steps.length) {
          setPlaying(false);
          return s;
        }
        return s + 1;
      });
    }, PLAY_INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [playing, steps.length]);

  const graph = analysis?.graph ?? (streamingNodes && streamingNodes.length > 0 ? { nodes: [...streamingNodes] } : null);
  const offPath = useMemo(
    () => new Set([...(analysis?.distractors.flagged ?? []), ...(analysis?.distractors.unused ?? [])]),
    [analysis],
  );
  const layout = useMemo(
    () => graph && layoutGraph({ graph, values: analysis?.values, finalNode: analysis?.finalNode, stepOf: stepIndexByNode(steps), distractorIds: offPath, fast: !analysis }),
    // `graph` is rebuilt from streamingNodes each render; depend on its sources instead.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [analysis, streamingNodes, steps, offPath],
  );
  const links = useMemo(() => analysis?.links ?? [], [analysis]);
  const runs = useMemo(() => {
    const ranges = distractorSentences && distractorSentences.length > 0 ? rangesFromSentences(text, distractorSentences) : rangesFromGraph(links, offPath);
    return segmentText(text, links, ranges);
  }, [text, links, distractorSentences, offPath]);

  const visible = analysis && graph ? visibleNodeIds(graph, steps, shown) : null;
  const currentNode = shown > 0 ? (steps[shown - 1]?.nodeId ?? null) : null;
  const kindName = (node: LaidOutNode) => t(`solution.kind${node.kind[0]!.toUpperCase()}${node.kind.slice(1)}`);
  const nodeLabel = (node: LaidOutNode) =>
    t('solution.nodeAria', { kind: kindName(node), op: node.op, value: fmtNumber(node.value, digits, t('solution.notComputed')), label: node.label });
  const diagnostics = sortDiagnostics(analysis?.diagnostics ?? []);
  const unitText = unit ? (i18n.language === 'en' ? unit.en : unit.bn) : '';
  const unlinked = analysis ? links.filter((l) => l.span === null) : [];
  const nodeName = (id: string) => analysis?.graph?.nodes.find((n) => n.id === id)?.label || id;

  return (
    <section className="solution" aria-label={t('solution.title')}>
      {analysis && (
        <p className="answer-line" data-testid="model-answer">
          {analysis.answer !== null
            ? t('solution.answer', { answer: unitText ? t('common.unit', { value: fmtNumber(analysis.answer, digits), unit: unitText }) : fmtNumber(analysis.answer, digits) })
            : t('solution.noAnswer')}
        </p>
      )}
      {diagnostics.length > 0 && (
        <div className="notice warn" role="status" data-testid="diagnostics">
          <h3>{t('solution.problemsTitle')}</h3>
          <ul className="diagnostics">
            {diagnostics.map((d, i) => (
              <li key={i} className={d.severity}>
                <strong>{t(`diag.${d.severity}`)}:</strong> {describeDiagnostic(d, t)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {analysis && analysis.repairs.length > 0 && <p className="muted">{t('solution.repairsNote', { count: analysis.repairs.length })}</p>}

      <h3>{t('solution.textTitle')}</h3>
      <ProblemText runs={runs} digits={digits} showDistractors highlight={hover} onHover={setHover} />
      <DistractorLegend kinds={runs.map((r) => r.distractor)} />
      {unlinked.length > 0 && <p className="muted">{t('solution.unlinked', { labels: unlinked.map((l) => nodeName(l.nodeId)).join(', ') })}</p>}
      {analysis && (analysis.distractors.flaggedButUsed.length > 0 || analysis.distractors.unusedNotFlagged.length > 0) && (
        <ul className="muted">
          {analysis.distractors.flaggedButUsed.length > 0 && <li>{t('solution.flaggedButUsed', { nodes: analysis.distractors.flaggedButUsed.map(nodeName).join(', ') })}</li>}
          {analysis.distractors.unusedNotFlagged.length > 0 && <li>{t('solution.unusedNotFlagged', { nodes: analysis.distractors.unusedNotFlagged.map(nodeName).join(', ') })}</li>}
        </ul>
      )}

      <div className="grid-2">
        <div>
          <h3>{t('solution.graphTitle')}</h3>
          <ul className="legend" aria-label={t('solution.legend')}>
            <li><span className="swatch input" aria-hidden="true" />{t('solution.legendInput')}</li>
            <li><span className="swatch operation" aria-hidden="true" />{t('solution.legendOperation')}</li>
            <li><span className="swatch final" aria-hidden="true" />{t('solution.legendFinal')}</li>
            <li><span className="swatch distractor" aria-hidden="true" />{t('solution.legendDistractor')}</li>
          </ul>
          {layout && (
            <GraphView
              layout={layout}
              digits={digits}
              label={t('solution.graphLabel', { count: layout.nodes.length })}
              nodeLabel={nodeLabel}
              visible={visible}
              highlight={hover}
              current={currentNode}
              noted={noted}
              onHover={setHover}
              onSelect={onNodeSelect}
              streaming={!analysis}
            />
          )}
        </div>
        <div>
          <h3>{t('solution.steps')}</h3>
          {analysis && steps.length > 0 && (
            <div className="step-controls" role="group" aria-label={t('solution.steps')}>
              <button type="button" onClick={() => { setPlaying(false); setShown(0); }} disabled={shown === 0}>{t('solution.first')}</button>
              <button type="button" onClick={() => { setPlaying(false); setShown((s) => clampStep(s - 1, steps.length)); }} disabled={shown === 0}>{t('solution.previous')}</button>
              <button type="button" onClick={() => { setPlaying(false); setShown((s) => clampStep(s + 1, steps.length)); }} disabled={shown >= steps.length}>{t('solution.next')}</button>
              <button
                type="button"
                aria-pressed={playing}
                onClick={() => {
                  if (!playing && shown >= steps.length) setShown(0);
                  setPlaying((p) => !p);
                }}
              >
                {playing ? t('solution.pause') : t('solution.play')}
              </button>
              <span role="status" aria-live="polite" data-testid="step-status">
                {t('solution.stepOf', { n: fmtNumber(shown, digits), total: fmtNumber(steps.length, digits) })}
              </span>
            </div>
          )}
          {analysis && <StepList steps={steps} shown={shown} digits={digits} highlight={hover} onHover={setHover} />}
        </div>
      </div>
    </section>
  );
}
