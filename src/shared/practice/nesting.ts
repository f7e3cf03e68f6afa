/**
 * A bound on how deeply untrusted JSON values may nest.
 *
 * Validation recurses into what it checks: zod's and Ajv's checks of `z.json()` (a solution's
 * settings), and JSON.stringify when a checksum is taken, call themselves once per level, so a
 * value nested a few thousand levels deep ends in "Maximum call stack size exceeded" instead of
 * a refusal. Nothing the app writes nests more than about ten levels (file, data, solutions, a
 * solution, its graph, nodes, a node, its args), so values are measured first, against a bound
 * far above that, by a walk that itself never goes deeper than the bound.
 */

/** More levels of objects and arrays than any record the app writes, far fewer than a stack holds. */
export const MAX_NESTING = 64;

/**
 * The path (keys and indexes from `value`) to the first object or array found more than
 * `limit` levels deep, or null when `value` nests no deeper. `value` itself is level 1.
 */
export function tooDeeplyNested(value: unknown, limit: number = MAX_NESTING): string[] | null {
  const walk = (v: unknown, depth: number): string[] | null => {
    if (v === null || typeof v !== 'object') return null;
    if (depth > limit) return [];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const found = walk(v[i], depth + 1);
        if (found) return [String(i), ...found];
      }
      return null;
    }
    for (const key in v) {
      const found = walk((v as Record<string, unknown>)[key], depth + 1);
      if (found) return [key, ...found];
    }
    return null;
  };
  return walk(value, 1);
}

/** The sentence for a value nested too deeply at `path` (from tooDeeplyNested). */
export function nestingMessage(path: readonly string[], limit: number = MAX_NESTING): string {
  const where = path.slice(0, 6).join('.');
  return `values are nested more than ${limit} levels deep${where ? ` (at ${where}${path.length > 6 ? '.…' : ''})` : ''}`;
}
