// The release schedule of approved quota: how it reads in words, and the checks before saving.
import type { Key } from '$lib/i18n/index.svelte';
import type { ReleaseSettings, Role } from '$lib/ipc';

export const RELEASE_KINDS = ['weekly', 'monthly'] as const;
export type ReleaseField = 'openDay' | 'openTime' | 'closeDay' | 'closeTime' | 'monthlyTime';
export type ReleaseErrors = Partial<Record<ReleaseField, Key>>;

/** "HH:MM", 00:00 to 23:59. */
export function isClockTime(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text.trim());
}

const isDay = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 6;

/** The sentence for the schedule; `dayNames` are Monday first. Null for a kind this UI does not know. */
export function releaseSummary(s: ReleaseSettings, dayNames: string[]): { key: Key; params: Record<string, string> } | null {
  const day = (n: number) => dayNames[n] ?? String(n);
  if (s.kind === 'weekly') {
    return {
      key: 'release.summary.weekly',
      params: { openDay: day(s.openDay), openTime: s.openTime, closeDay: day(s.closeDay), closeTime: s.closeTime },
    };
  }
  if (s.kind === 'monthly') return { key: 'release.summary.monthly', params: { time: s.monthlyTime } };
  return null;
}

/** Only the fields the chosen kind uses are checked. */
export function checkRelease(s: ReleaseSettings): ReleaseErrors {
  const errors: ReleaseErrors = {};
  if (s.kind === 'weekly') {
    if (!isDay(s.openDay)) errors.openDay = 'validation.required';
    if (!isDay(s.closeDay)) errors.closeDay = 'validation.required';
    if (!isClockTime(s.openTime)) errors.openTime = 'validation.time';
    if (!isClockTime(s.closeTime)) errors.closeTime = 'validation.time';
  } else if (!isClockTime(s.monthlyTime)) errors.monthlyTime = 'validation.time';
  return errors;
}

export function trimRelease(s: ReleaseSettings): ReleaseSettings {
  return { ...s, openTime: s.openTime.trim(), closeTime: s.closeTime.trim(), monthlyTime: s.monthlyTime.trim() };
}

/** The head and the admin may change the schedule; officers only read it. */
export function canEditRelease(role: Role): boolean {
  return role === 'kepala' || role === 'admin';
}
