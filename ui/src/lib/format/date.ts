// Calendar dates from Rust arrive as "YYYY-MM-DD" in the office's own calendar. They are formatted
// as calendar dates: parsing them with `new Date("2026-11-21")` would mean UTC midnight and shift
// the day in some zones, so every conversion here pins the time zone to UTC.
import { intlTag as tag, type Locale } from '$lib/i18n/translate';

export interface IsoParts {
  year: number;
  month: number; // 1–12
  day: number;
}

export function parseIsoDate(iso: string): IsoParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  if (check.getUTCMonth() !== parts.month - 1 || check.getUTCDate() !== parts.day) {
    throw new Error(`no such date: ${iso}`);
  }
  return parts;
}

export function toIsoDate({ year, month, day }: IsoParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `iso` moved by whole days, across months and years. */
export function shiftIsoDate(iso: string, days: number): string {
  const { year, month, day } = parseIsoDate(iso);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return toIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** The calendar date as a Date at UTC midnight, to be formatted with `timeZone: 'UTC'` only. */
export function utcDate(iso: string): Date {
  const { year, month, day } = parseIsoDate(iso);
  return new Date(Date.UTC(year, month - 1, day));
}

/** "Sabtu, 21 November 2026" / "Saturday, 21 November 2026". */
export function formatLongDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(utcDate(iso));
}

/**
 * "23/11/2026": day first in both languages, as officers write dates and as the date fields show
 * them. Anything that is not an ISO date is returned as it is, so a stray value stays visible.
 */
export function formatDayMonthYear(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** "1 Des 2026" / "1 Dec 2026", where a table has no room for the long date. */
export function formatShortDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    utcDate(iso),
  );
}

/** "November 2026". */
export function formatMonthTitle(year: number, month: number, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
}

/** "21/11/2026 09:05" from "2026-11-21T09:05:33", the office-local stamp of the audit log. */
export function formatLocalStamp(stamp: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(stamp);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : stamp;
}
