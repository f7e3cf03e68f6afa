/**
 * Turns the engine's diagnostics (stable codes, English developer messages) into sentences in the
 * user's language. An unknown code still gets a sentence, never a blank or a crash.
 */
import { DIAGNOSTIC_CODES, type Diagnostic } from '../../core/graph/types.js';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

const KNOWN = new Set<string>(DIAGNOSTIC_CODES);

export function describeDiagnostic(d: Diagnostic, t: Translate): string {
  const params = { ...(d.params ?? {}), node: d.nodeId ?? d.params?.node ?? '?', message: d.message };
  return KNOWN.has(d.code) ? t(`diag.${d.code}`, params) : t('diag.other', params);
}

/** Errors first, then warnings; the same node's problems stay together. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic) => (d.severity === 'error' ? 0 : 1);
  return [...list].sort((a, b) => rank(a) - rank(b));
}
