// The text of a date field, apart from its markup: what the officer types becomes `dd/mm/yyyy` as
// it is typed (the slashes come by themselves), and the finished text is read back as the ISO
// `YYYY-MM-DD` the screens and Rust work with. Pure, so every keystroke rule is unit-tested.
import type { Key } from '$lib/i18n/index.svelte';
import type { Params } from '$lib/i18n/translate';
import { formatDayMonthYear, parseIsoDate, shiftIsoDate, toIsoDate } from '$lib/format/date';

/** Earliest and latest dates accepted, ISO `YYYY-MM-DD`; either may be absent. */
export interface Limits {
  min?: string | undefined;
  max?: string | undefined;
}

/** A message of the field's own, as key and values so it follows a language switch. */
export interface DateProblem {
  key: Key;
  params?: Params;
}

export interface Verdict {
  /** What the parent receives: the ISO date, or '' while the text is not a whole, real date within
   * the limits. */
  value: string;
  problem: DateProblem | null;
  /** The text may still become a date by typing on: its problem is shown only once the officer
   * leaves the field. */
  unfinished: boolean;
}

/** Day, month and year: at most 2, 2 and 4 digits. */
const GROUP_MAX = [2, 2, 4] as const;
/** What people type between the parts: 23/11/2026, 23-11-2026, 23.11.2026, 23 11 2026. */
const SEPARATOR = /[/.\-\s]/;
/** A whole ISO date, as pasted or as a value set by the screen. */
const ISO = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/;
const DAY_MONTH_YEAR = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

const pad = (digits: string) => digits.padStart(2, '0');

/**
 * The field's text after an edit: digits grouped as day/month/year with `/` between them, whatever
 * separator was typed; other characters dropped. A third digit in the day or month starts the next
 * part, and while typing (`inserting`) a finished day or month gets its slash at once, so
 * "23112026" typed becomes "23/11/2026". Deleting never puts a slash back. A whole ISO date
 * (pasted) becomes its `dd/mm/yyyy`. The result is never longer than "23/11/2026", so the input
 * needs no `maxlength` (which would cut a pasted text before it is read).
 */
export function typedText(raw: string, inserting: boolean): string {
  const iso = ISO.exec(raw);
  if (iso) return `${pad(iso[3]!)}/${pad(iso[2]!)}/${iso[1]}`;
  const groups = [''];
  for (const ch of raw) {
    const at = groups.length - 1;
    const group = groups[at]!;
    if (ch >= '0' && ch <= '9') {
      if (group.length < GROUP_MAX[at]!) groups[at] = group + ch;
      else if (at < 2) groups.push(ch);
      // A fifth digit of the year has nowhere to go.
    } else if (SEPARATOR.test(ch) && group !== '' && at < 2) {
      // A separator ends its part; a second one in a row (or one before any digit) is dropped.
      groups.push('');
    }
  }
  const last = groups.length - 1;
  const text = groups.join('/');
  return inserting && last < 2 && groups[last]!.length === GROUP_MAX[last] ? `${text}/` : text;
}

/**
 * Where the caret goes in `next` (the reformatted text) when it stood at `caret` in `raw`: after as
 * many digits as stood before it, and past a slash that comes right after them.
 */
export function caretAfter(raw: string, caret: number, next: string): number {
  const digits = (raw.slice(0, caret).match(/\d/g) ?? []).length;
  if (digits === 0) return 0;
  let seen = 0;
  for (let i = 0; i < next.length; i++) {
    if (next[i]! >= '0' && next[i]! <= '9' && ++seen === digits) {
      return next[i + 1] === '/' ? i + 2 : i + 1;
    }
  }
  return next.length;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export type Reading =
  | { kind: 'empty' }
  /** Not (yet) day, month and a four-digit year. */
  | { kind: 'unfinished' }
  /** Written like a date, but the calendar has no such day (31/02/2026, 29/02/2027). */
  | { kind: 'impossible' }
  | { kind: 'date'; iso: string };

/** What a field's text says: `d/m/yyyy` with any of the separators above, or an ISO date. */
export function readDate(text: string): Reading {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const iso = ISO.exec(trimmed);
  const m = iso ? [iso[0], iso[3], iso[2], iso[1]] : DAY_MONTH_YEAR.exec(trimmed.replace(/[.\-\s]/g, '/'));
  if (!m) return { kind: 'unfinished' };
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return { kind: 'impossible' };
  return { kind: 'date', iso: toIsoDate({ year, month, day }) };
}

function validLimit(iso: string | undefined): string | null {
  if (!iso) return null;
  try {
    parseIsoDate(iso);
    return iso;
  } catch {
    return null;
  }
}

/** The value and the message for a field's text, against its limits. */
export function judge(text: string, limits: Limits = {}): Verdict {
  const reading = readDate(text);
  switch (reading.kind) {
    case 'empty':
      return { value: '', problem: null, unfinished: false };
    case 'unfinished':
      return { value: '', problem: { key: 'validation.date' }, unfinished: true };
    case 'impossible':
      return { value: '', problem: { key: 'date.impossible', params: { date: text.trim() } }, unfinished: false };
  }
  const min = validLimit(limits.min);
  const max = validLimit(limits.max);
  // ISO dates sort as text.
  if (min && reading.iso < min) return { value: '', problem: { key: 'date.tooEarly', params: { min: formatDayMonthYear(min) } }, unfinished: false };
  if (max && reading.iso > max) return { value: '', problem: { key: 'date.tooLate', params: { max: formatDayMonthYear(max) } }, unfinished: false };
  return { value: reading.iso, problem: null, unfinished: false };
}

/** What the field shows for a value its parent set: an ISO date as `dd/mm/yyyy`, anything else as
 * it is (so a stray value is seen and judged rather than hidden). */
export function displayText(value: string): string {
  return formatDayMonthYear(value);
}

/**
 * Arrow Up/Down: the date `by` days on from the one written, kept within the limits. With no date
 * written, Up starts at the earliest allowed date and Down at the latest; with neither, nothing
 * happens (null).
 */
export function stepDate(text: string, by: number, limits: Limits = {}): string | null {
  const reading = readDate(text);
  const min = validLimit(limits.min);
  const max = validLimit(limits.max);
  let next = reading.kind === 'date' ? shiftIsoDate(reading.iso, by) : by > 0 ? min : max;
  if (next === null) return null;
  if (min && next < min) next = min;
  if (max && next > max) next = max;
  return next;
}
