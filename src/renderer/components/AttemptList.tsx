/**
 * A virtualised list of attempts (@tanstack/react-virtual): only the rows in view are in the DOM,
 * so 100,000 attempts scroll as smoothly as 10. Reaching the end loads the next page.
 */
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { HistoryItem } from '../../shared/api.js';
import { fmtDate, fmtNumber, type DigitsStyle } from '../lib/format.js';
import { showDirectionControls } from '../../shared/bidi.js';
import { UserText } from './UserText.js';

const ROW = 44;
/** The list's height in CSS (.virtual-list): it scrolls inside that. */
const LIST_HEIGHT = 420;

interface Props {
  items: HistoryItem[];
  hasMore: boolean;
  loadMore(): void;
  digits: DigitsStyle;
  /** Teacher review: rows can be selected and opened. */
  selected?: ReadonlySet<string>;
  onToggle?(attemptId: string): void;
  onOpen?(attemptId: string): void;
  /** Teacher review: the student's name for a profile id. */
  studentName?(profileId: string): string;
}

export function AttemptList({ items, hasMore, loadMore, digits, selected, onToggle, onOpen, studentName }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'bn';
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 8 });
  const virtualItems = virtualizer.getVirtualItems();
  const last = virtualItems[virtualItems.length - 1];
  useEffect(() => {
    if (hasMore && last && last.index >= items.length - 10) loadMore();
  }, [hasMore, last, items.length, loadMore]);

  return (
    <div
      ref={scrollRef}
      className={`virtual-list${onToggle ? ' selectable' : ''}`}
      // A short, complete list takes only the room it needs (no empty box under three rows).
      style={hasMore ? undefined : { height: Math.min(LIST_HEIGHT, (items.length + 1) * ROW + 2) }}
      role="table" aria-label={t('history.attempts')} aria-rowcount={items.length + 1} data-testid="attempt-list">
      <div className="virtual-row header" role="row" style={{ height: ROW }}>
        {onToggle && <span role="columnheader"><span className="sr-only">{t('review.select')}</span></span>}
        <span role="columnheader">{t('history.colDate')}</span>
        <span role="columnheader">{t('history.colProblem')}</span>
        <span role="columnheader">{t('history.colAnswer')}</span>
        <span role="columnheader">{t('history.colResult')}</span>
        <span role="columnheader">{t('history.colTime')}</span>
      </div>
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualItems.map((v) => {
          const item = items[v.index]!;
          const isSelected = selected?.has(item.id) ?? false;
          return (
            <div
              key={item.id}
              role="row"
              aria-rowindex={v.index + 2}
              className={`virtual-row${isSelected ? ' selected' : ''}`}
              style={{ top: v.start, height: ROW }}
              data-attempt-id={item.id}
            >
              {onToggle && (
                <span role="cell">
                  <input type="checkbox" checked={isSelected} onChange={() => onToggle(item.id)} aria-label={`${t('review.select')}: ${item.problemText.slice(0, 40)}`} />
                </span>
              )}
              <span role="cell">{fmtDate(item.createdAt, language, digits)}</span>
              <span role="cell" className="text" title={showDirectionControls(item.problemText)}>
                {onOpen ? (
                  <button type="button" className="link" onClick={() => onOpen(item.id)}>{t('review.open')}</button>
                ) : null}{' '}
                {studentName ? <strong><UserText text={studentName(item.profileId)} />: </strong> : null}
                <UserText text={item.problemText} />
              </span>
              <span role="cell" title={showDirectionControls(item.answerText)}><UserText text={item.answerText} /></span>
              <span role="cell" className={item.correct ? 'result-good' : 'result-bad'}>
                {item.correct ? t('history.resultCorrect') : t('history.resultWrong')}
              </span>
              <span role="cell">{t('history.seconds', { value: fmtNumber(Math.round(item.timeMs / 1000), digits) })}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
