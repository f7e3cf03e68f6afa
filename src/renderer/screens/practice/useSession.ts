/**
 * A practice sitting: started with the first recorded attempt, ended when the screen closes
 * (so browsing problems without answering leaves no empty sessions behind).
 */
import { useCallback, useEffect, useRef } from 'react';
import type { DaggerApi } from '../../../shared/api.js';

export function useSession(api: DaggerApi, profileId: string | null): () => Promise<string | undefined> {
  const session = useRef<{ profileId: string; id: Promise<string | undefined> } | null>(null);
  useEffect(
    () => () => {
      const current = session.current;
      session.current = null;
      void current?.id.then((id) => (id ? api.endSession({ sessionId: id }) : undefined)).catch(() => undefined);
    },
    [api, profileId],
  );
  return useCallback(() => {
    if (!profileId) return Promise.resolve(undefined);
    if (session.current?.profileId !== profileId) {
      // A session that cannot be started must not block recording the attempt itself.
      const id = api.startSession({ profileId }).then((s) => s.id, () => undefined);
      session.current = { profileId, id };
    }
    return session.current.id;
  }, [api, profileId]);
}
