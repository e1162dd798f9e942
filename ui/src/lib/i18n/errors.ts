import { IpcFailure } from '$lib/ipc';
import { say, t } from './index.svelte';

/**
 * The text to show for a failure. A backend failure carries its sentence in both languages, written
 * once in Rust (with its specifics: remaining attempts, the time a lock ends, which field is
 * wrong); the window shows the one of its language.
 */
export function errorText(e: unknown): string {
  if (e instanceof IpcFailure) return say(e.text);
  if (e instanceof Error) return e.message || t('app.fatal.body');
  if (typeof e === 'string' && e) return e;
  return t('app.fatal.body');
}
