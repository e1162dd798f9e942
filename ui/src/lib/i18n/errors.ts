import { IpcFailure } from '$lib/ipc';
import { t } from './index.svelte';
import { isKey } from './translate';

/**
 * The text to show for a failure. A backend failure whose code has an `errors.<code>` key is
 * translated by code; any other keeps the backend's Indonesian message, in English mode too, since
 * it carries specifics (remaining attempts, the time a lock ends, which field is wrong).
 */
export function errorText(e: unknown): string {
  if (e instanceof IpcFailure) {
    const key = `errors.${e.code}`;
    return isKey(key) ? t(key) : e.message;
  }
  if (e instanceof Error) return e.message || t('app.fatal.body');
  if (typeof e === 'string' && e) return e;
  return t('app.fatal.body');
}
