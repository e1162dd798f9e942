import { IpcFailure } from '$lib/ipc';

/** The text to show for a failure: the backend's Indonesian message, or a plain fallback. */
export function errorText(e: unknown): string {
  if (e instanceof IpcFailure) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
