// How a walk-in's schedule and category are put into words on screen.
import type { Key } from '$lib/i18n/index.svelte';
import type { PriorityReason, SessionKind } from '$lib/ipc';
import { parseIsoDate } from '$lib/format/date';

export function isIsoDate(text: string): boolean {
  try {
    parseIsoDate(text);
    return true;
  } catch {
    return false;
  }
}

export function sessionKey(session: SessionKind): Key {
  return session === 'pagi' ? 'walkin.session.pagi' : 'walkin.session.siang';
}

/** The option text of the category select: Reguler, or "Prioritas — <reason>". */
export function priorityKey(reason: PriorityReason | ''): Key {
  return reason === '' ? 'walkin.priority.reguler' : (`walkin.priority.${reason}` as const);
}

/** "Disarankan prioritas: balita (di bawah 5 tahun)". */
export function suggestionKey(reason: PriorityReason): Key {
  return `walkin.suggested.${reason}`;
}

/** The reason alone, for the saved booking ("Balita (di bawah 5 tahun)"). */
export function reasonKey(reason: PriorityReason): Key {
  return `walkin.reason.${reason}`;
}
