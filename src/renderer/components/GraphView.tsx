/**
 * Draws a laid-out DAGGER graph as SVG with d3. React owns the <svg> element; d3 owns what is
 * inside it (a data join keyed by node id, so streamed nodes are added without redrawing the
 * rest). Every model-written string goes in with d3's .text() (a text node), never as HTML.
 *
 * Accessibility: each node is focusable with a spoken label (kind, operation, value, label);
 * the step list next to the graph is its full text alternative.
 */
import { useEffect, useId, useRef } from 'react';
import { line, curveBasis, select } from 'd3';
import type { GraphLayout, LaidOutNode } from '../lib/graph-layout.js';
import { fmtNumber, opSymbol, truncate, type DigitsStyle } from '../lib/format.js';
import { showDirectionControls } from '../../shared/bidi.js';

export interface GraphViewProps {
  layout: GraphLayout;
  digits: DigitsStyle;
  /** The graph's accessible name. */
  label: string;
  /** Spoken label of one node. */
  nodeLabel(node: LaidOutNode): string;
  /** Nodes to show fully; the others are faded (step-by-step reveal). null = all. */
  visible?: ReadonlySet<string> | null;
  /** Node highlighted because the student points at it here or in the text / step list. */
  highlight?: string | null;
  /** The node of the current step. */
  current?: string | null;
  /** Nodes carrying a teacher's note (a small badge). */
  noted?: ReadonlySet<string>;
  onHover?(nodeId: string | null): void;
  onSelect?(nodeId: string): void;
  /** The graph is still streaming in: new nodes fade in. */
  streaming?: boolean;
}

const edgePath = line<{ x: number; y: number }>().x((p) => p.x).y((p) => p.y).curve(curveBasis);

export function GraphView(props: GraphViewProps) {
  const { layout, digits, label, nodeLabel, visible = null, highlight = null, current = null, noted, onHover, onSelect, streaming = false } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  // Handlers change identity on every render; the join reads them through a ref instead of
  // re-binding hundreds of listeners.
  const handlers = useRef({ onHover, onSelect, nodeLabel });
  handlers.current = { onHover, onSelect, nodeLabel };
  const markerId = `arrow-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;

  // Structure: nodes and edges (re-joined when the layout or digit style changes).
  useEffect(() => {
    const svg = select(svgRef.current!);
    svg.selectAll('defs').data([null]).join((enter) => {
      const defs = enter.append('defs');
      defs.append('marker').attr('id', markerId).attr('viewBox', '0 0 10 10').attr('refX', 9).attr('refY', 5)
        .attr('markerWidth', 7).attr('markerHeight', 7).attr('orient', 'auto-start-reverse')
        .append('path').attr('class', 'arrow').attr('d', 'M0,0 L10,5 L0,10 z');
      return defs;
    });
    const edgeLayer = svg.selectAll<SVGGElement, null>('g.edges').data([null]).join('g').attr('class', 'edges');
    const nodeLayer = svg.selectAll<SVGGElement, null>('g.nodes').data([null]).join('g').attr('class', 'nodes');

    edgeLayer.selectAll<SVGPathElement, GraphLayout['edges'][number]>('path.edge')
      .data(layout.edges, (e) => `${e.from}\u0000${e.to}`)
      .join('path')
      .attr('class', 'edge')
      .attr('data-from', (e) => e.from)
      .attr('data-to', (e) => e.to)
      .attr('marker-end', `url(#${markerId})`)
      .attr('d', (e) => edgePath(e.points) ?? '');

    nodeLayer.selectAll<SVGGElement, LaidOutNode>('g.node')
      .data(layout.nodes, (n) => n.id)
      .join(
        (enter) => {
          const g = enter.append('g').attr('tabindex', 0).attr('role', 'img');
          g.append('title');
          g.append('rect');
          g.append('text').attr('class', 'value').attr('text-anchor', 'middle');
          g.append('text').attr('class', 'label').attr('text-anchor', 'middle');
          g.append('circle').attr('class', 'note-badge').attr('r', 6);
          g.on('mouseenter focus', (_event, d) => handlers.current.onHover?.(d.id))
            .on('mouseleave blur', () => handlers.current.onHover?.(null))
            .on('click', (_event, d) => handlers.current.onSelect?.(d.id))
            .on('keydown', (event: KeyboardEvent, d) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                handlers.current.onSelect?.(d.id);
              }
            });
          return g;
        },
      )
      .attr('class', (n) => `node ${n.kind}`)
      .attr('data-node-id', (n) => n.id)
      .attr('transform', (n) => `translate(${n.x - n.width / 2},${n.y - n.height / 2})`)
      .attr('aria-label', (n) => handlers.current.nodeLabel(n))
      .each(function (n) {
        const g = select(this);
        // Ids and labels are model output: their direction controls are shown, not obeyed.
        g.select('title').text(showDirectionControls(n.label ? `${n.id}: ${n.label}` : n.id));
        g.select('rect').attr('width', n.width).attr('height', n.height);
        const value = n.kind === 'input' || n.kind === 'distractor' ? fmtNumber(n.value, digits, '…') : `${opSymbol(n.op)}  ${fmtNumber(n.value, digits, '…')}`;
        g.select('text.value').attr('x', n.width / 2).attr('y', 24).text(value);
        g.select('text.label').attr('x', n.width / 2).attr('y', 45).text(showDirectionControls(truncate(n.label || n.id, 20)));
        g.select('circle.note-badge').attr('cx', n.width - 4).attr('cy', 4);
      });
  }, [layout, digits, markerId]);

  // State: which nodes are visible / highlighted / current / noted (cheap class toggles).
  useEffect(() => {
    const svg = select(svgRef.current!);
    svg.selectAll<SVGGElement, LaidOutNode>('g.node')
      .classed('hidden', (n) => visible !== null && !visible.has(n.id))
      .classed('hl', (n) => n.id === highlight)
      .classed('current', (n) => n.id === current)
      .select('circle.note-badge')
      .attr('display', (n) => (noted?.has(n.id) ? null : 'none'));
    svg.selectAll<SVGPathElement, GraphLayout['edges'][number]>('path.edge')
      .classed('hidden', (e) => visible !== null && !visible.has(e.to));
  }, [layout, visible, highlight, current, noted]);

  return (
    <div className="graph-scroll">
      <svg
        ref={svgRef}
        className={streaming ? 'graph-svg streaming' : 'graph-svg'}
        role="group"
        aria-label={label}
        width={Math.max(layout.width, 1)}
        height={Math.max(layout.height, 1)}
        viewBox={`0 0 ${Math.max(layout.width, 1)} ${Math.max(layout.height, 1)}`}
        data-node-count={layout.nodes.length}
      />
    </div>
  );
}
