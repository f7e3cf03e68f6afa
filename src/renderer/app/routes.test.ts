import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './routes.js';

describe('hash routes', () => {
  it('round-trip every route', () => {
    const routes: Route[] = [
      { name: 'welcome' }, { name: 'practice' }, { name: 'practice', itemId: 's1-lollipop-d1' }, { name: 'solve' },
      { name: 'history' }, { name: 'review' }, { name: 'review', attemptId: '9b1c-77' }, { name: 'settings' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('falls back to practice and drops unsafe ids', () => {
    expect(parseRoute('')).toEqual({ name: 'practice' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'practice' });
    expect(parseRoute('#/review/<img src=x>')).toEqual({ name: 'review' });
  });
});
