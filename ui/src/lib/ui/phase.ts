// Whether a session is being served, from the office-local time Rust reports (`HH:MM`) and the
// session's hours: only from its start until its end. Before the start it has not begun; from its
// end on it is over. The home cards and the session tabs both say so.
import type { Key } from '$lib/i18n/index.svelte';
import type { Params } from '$lib/i18n/translate';

export type SessionPhase = 'before' | 'open' | 'over';

/** Minutes since midnight of an `HH:MM` (or `HH:MM:SS`) time, or null for anything else. */
export function minutesOf(time: string): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(time.trim());
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h < 24 && min < 60 ? h * 60 + min : null;
}

/** Where `now` falls against a session open from `startsAt` (included) to `endsAt` (excluded);
 * null when a time cannot be read. */
export function sessionPhase(now: string, startsAt: string, endsAt: string): SessionPhase | null {
  const [t, start, end] = [minutesOf(now), minutesOf(startsAt), minutesOf(endsAt)];
  if (t === null || start === null || end === null) return null;
  if (t < start) return 'before';
  return t < end ? 'open' : 'over';
}

/** The label of a phase: "Sedang dilayani", "Belum dimulai, mulai pukul 08:00", "Selesai". */
export function phaseLabel(phase: SessionPhase, startsAt: string): { key: Key; params?: Params } {
  switch (phase) {
    case 'open':
      return { key: 'sessions.serving' };
    case 'before':
      return { key: 'sessions.notStarted', params: { start: startsAt } };
    case 'over':
      return { key: 'sessions.over' };
  }
}
