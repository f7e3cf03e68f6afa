/** A sentence for any failure of an API call, in the user's language. */
import { DaggerApiError } from '../../shared/api.js';
import type { Translate } from './diagnostics.js';

export function errorText(error: unknown, t: Translate): string {
  if (error instanceof DaggerApiError) {
    if (error.code === 'NO_MODEL') return t('solve.noModel');
    return t('errors.generic', { message: error.message });
  }
  return t('errors.generic', { message: error instanceof Error ? error.message : String(error) });
}
