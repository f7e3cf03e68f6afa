/**
 * Progress charts drawn with d3 into React-owned <svg> elements: accuracy per day (line) and
 * accuracy by distractor type (bars). Each chart also has a list of its values for screen readers.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { axisBottom, axisLeft, line, scaleBand, scaleLinear, scalePoint, select } from 'd3';
import type { AccuracyBucket } from '../../shared/practice/queries.js';
import { fmtNumber, fmtPercent, type DigitsStyle } from '../lib/format.js';
import { toBanglaDigits } from '../../core/numerals.js';

const WIDTH = 520;
const HEIGHT = 220;
// Drawn in viewBox units and scaled to the column (about 0.8 at 1280 px): axis text is 16 units
// so it reads at 13 px or more, the left margin fits "১০০%", the bottom two lines of a wrapped label.
const M = { top: 14, right: 16, bottom: 54, left: 56 };

interface ChartProps<T> {
  data: T[];
  digits: DigitsStyle;
  title: string;
}

/**
 * Breaks a tick label that would not fit its band onto two lines at the space nearest its middle
 * (e.g. "অপ্রয়োজনীয় তথ্য ছাড়া"), instead of letting it run into its neighbours.
 * `maxChars`: about how many characters fit (16-unit text is roughly 0.55 × 16 units per character).
 */
function wrapLabel(node: SVGTextElement, maxWidth: number) {
  const text = node.textContent ?? '';
  const maxChars = Math.max(4, Math.floor(maxWidth / 16));
  if ([...text].length <= maxChars || !text.includes(' ')) return;
  const spaces = [...text.matchAll(/ /g)].map((m) => m.index);
  const middle = text.length / 2;
  const cut = spaces.reduce((best, i) => (Math.abs(i - middle) < Math.abs(best - middle) ? i : best));
  const label = select(node);
  const dy = label.attr('dy');
  label.text(null);
  label.append('tspan').attr('x', 0).attr('dy', dy).text(text.slice(0, cut));
  label.append('tspan').attr('x', 0).attr('dy', '1.15em').text(text.slice(cut + 1));
}

const digitsOf = (text: string, digits: DigitsStyle) => (digits === 'bn' ? toBanglaDigits(text) : text);

export function AccuracyByDayChart({ data, digits, title }: ChartProps<AccuracyBucket & { day: string }>) {
  const { t } = useTranslation();
  const ref = useRef<SVGSVGElement>(null);
  const points = useMemo(() => data.filter((d) => d.accuracy !== null), [data]);
  useEffect(() => {
    const svg = select(ref.current!);
    svg.selectAll('*').remove();
    if (points.length === 0) return;
    const x = scalePoint<string>().domain(points.map((d) => d.day)).range([M.left, WIDTH - M.right]).padding(0.5);
    const y = scaleLinear().domain([0, 1]).range([HEIGHT - M.bottom, M.top]);
    const every = Math.max(1, Math.ceil(points.length / 6));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${HEIGHT - M.bottom})`)
      .call(axisBottom(x).tickValues(points.filter((_, i) => i % every === 0).map((d) => d.day)).tickFormat((d) => digitsOf(d.slice(5), digits)));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`)
      .call(axisLeft(y).ticks(5).tickFormat((v) => `${fmtPercent(Number(v), digits)}%`));
    svg.append('path').attr('class', 'line')
      .attr('d', line<(typeof points)[number]>().x((d) => x(d.day)!).y((d) => y(d.accuracy!))(points) ?? '');
    svg.append('g').selectAll('circle').data(points).join('circle').attr('class', 'dot')
      .attr('cx', (d) => x(d.day)!).attr('cy', (d) => y(d.accuracy!)).attr('r', 4)
      .append('title').text((d) => `${digitsOf(d.day, digits)}: ${fmtPercent(d.accuracy, digits)}%`);
  }, [points, digits]);
  return (
    <figure className="chart" data-testid="chart-by-day">
      <figcaption><h3>{title}</h3></figcaption>
      {points.length === 0 ? <p className="muted">{t('history.chartEmpty')}</p> : null}
      <svg ref={ref} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={points.length ? HEIGHT : 0} aria-hidden="true" />
      <ul className="sr-only">
        {points.map((d) => (
          <li key={d.day}>{t('history.chartDayAria', { date: digitsOf(d.day, digits), percent: fmtPercent(d.accuracy, digits), count: fmtNumber(d.attempts, digits) })}</li>
        ))}
      </ul>
    </figure>
  );
}

export function AccuracyByTypeChart({ data, digits, title }: ChartProps<AccuracyBucket & { type: string }>) {
  const { t } = useTranslation();
  const ref = useRef<SVGSVGElement>(null);
  const bars = useMemo(() => data.filter((d) => d.attempts > 0), [data]);
  const typeName = (type: string) => (type === 'none' ? t('history.noDistractorType') : type);
  useEffect(() => {
    const svg = select(ref.current!);
    svg.selectAll('*').remove();
    if (bars.length === 0) return;
    const x = scaleBand<string>().domain(bars.map((d) => d.type)).range([M.left, WIDTH - M.right]).padding(0.3);
    const y = scaleLinear().domain([0, 1]).range([HEIGHT - M.bottom, M.top]);
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${HEIGHT - M.bottom})`).call(axisBottom(x).tickFormat(typeName))
      .selectAll<SVGTextElement, string>('text').each(function wrap() { wrapLabel(this, x.bandwidth() / 0.55); });
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`)
      .call(axisLeft(y).ticks(5).tickFormat((v) => `${fmtPercent(Number(v), digits)}%`));
    svg.append('g').selectAll('rect').data(bars).join('rect').attr('class', 'bar')
      .attr('x', (d) => x(d.type)!).attr('width', x.bandwidth())
      .attr('y', (d) => y(d.accuracy ?? 0)).attr('height', (d) => HEIGHT - M.bottom - y(d.accuracy ?? 0))
      .append('title').text((d) => `${typeName(d.type)}: ${fmtPercent(d.accuracy, digits)}% (${fmtNumber(d.attempts, digits)})`);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- typeName only depends on t
  }, [bars, digits, t]);
  return (
    <figure className="chart" data-testid="chart-by-type">
      <figcaption><h3>{title}</h3></figcaption>
      {bars.length === 0 ? <p className="muted">{t('history.chartEmpty')}</p> : null}
      <svg ref={ref} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={bars.length ? HEIGHT : 0} aria-hidden="true" />
      <ul className="sr-only">
        {bars.map((d) => (
          <li key={d.type}>{t('history.chartTypeAria', { type: typeName(d.type), percent: fmtPercent(d.accuracy, digits), count: fmtNumber(d.attempts, digits) })}</li>
        ))}
      </ul>
    </figure>
  );
}
