/**
 * Hash routes (#/practice, #/review/…): they survive a reload in the browser host and work from
 * file:// in Electron without a server.
 */
export type Route =
  | { name: 'welcome' }
  | { name: 'practice'; itemId?: string }
  | { name: 'solve' }
  | { name: 'history' }
  | { name: 'review'; attemptId?: string }
  | { name: 'settings' };

export const NAV_ROUTES = ['practice', 'solve', 'history', 'review', 'settings'] as const;

const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function parseRoute(hash: string): Route {
  const [name = '', id] = hash.replace(/^#\/?/, '').split('/');
  const safeId = id && SAFE_ID.test(id) ? id : undefined;
  switch (name) {
    case 'welcome':
      return { name: 'welcome' };
    case 'practice':
      return safeId ? { name: 'practice', itemId: safeId } : { name: 'practice' };
    case 'solve':
      return { name: 'solve' };
    case 'history':
      return { name: 'history' };
    case 'review':
      return safeId ? { name: 'review', attemptId: safeId } : { name: 'review' };
    case 'settings':
      return { name: 'settings' };
    default:
      return { name: 'practice' };
  }
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'practice':
      return route.itemId ? `#/practice/${route.itemId}` : '#/practice';
    case 'review':
      return route.attemptId ? `#/review/${route.attemptId}` : '#/review';
    default:
      return `#/${route.name}`;
  }
}
