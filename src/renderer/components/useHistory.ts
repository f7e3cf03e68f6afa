/** Paged practice history (keyset cursor from the store), reloaded whenever the filter changes. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DaggerApi, HistoryItem, HistoryPageRequest } from '../../shared/api.js';

export type HistoryFilter = Omit<HistoryPageRequest, 'cursor' | 'limit'>;

const PAGE = 100;

export function useHistory(api: DaggerApi, filter: HistoryFilter, reloadKey = 0) {
  const [items, setItems] = useState<HistoryItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    const gen = ++generation.current;
    setLoading(true);
    api
      .historyPage({ ...(JSON.parse(filterKey) as HistoryFilter), limit: PAGE })
      .then((page) => {
        if (gen !== generation.current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setError(null);
      })
      .catch((e: unknown) => gen === generation.current && setError(e))
      .finally(() => gen === generation.current && setLoading(false));
  }, [api, filterKey, reloadKey]);

  const loadMore = useCallback(() => {
    if (!cursor || loading) return;
    const gen = generation.current;
    setLoading(true);
    api
      .historyPage({ ...(JSON.parse(filterKey) as HistoryFilter), limit: PAGE, cursor })
      .then((page) => {
        if (gen !== generation.current) return;
        setItems((old) => [...old, ...page.items]);
        setCursor(page.nextCursor);
      })
      .catch((e: unknown) => gen === generation.current && setError(e))
      .finally(() => gen === generation.current && setLoading(false));
  }, [api, cursor, loading, filterKey]);

  return { items, hasMore: cursor !== null, loading, error, loadMore };
}
