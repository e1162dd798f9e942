// The month grid (Monday first, as Indonesian calendars are printed) and keyboard movement in it.
import { toIsoDate } from '$lib/format/date';

export interface GridCell {
  iso: string | null; // null: a blank cell before the 1st or after the last day
  day: number;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Blank cells before the 1st: 0 when the month starts on a Monday, 6 when on a Sunday. */
export function leadingBlanks(year: number, month: number): number {
  const weekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay(); // 0 = Sunday
  return (weekday + 6) % 7;
}

export function monthGrid(year: number, month: number): GridCell[] {
  const cells: GridCell[] = [];
  for (let i = 0; i < leadingBlanks(year, month); i++) cells.push({ iso: null, day: 0 });
  for (let d = 1; d <= daysInMonth(year, month); d++) cells.push({ iso: toIsoDate({ year, month, day: d }), day: d });
  while (cells.length % 7 !== 0) cells.push({ iso: null, day: 0 });
  return cells;
}

/** The grid cut into weeks (rows of seven), for a grid with one row per week. */
export function monthWeeks(year: number, month: number): GridCell[][] {
  const cells = monthGrid(year, month);
  const weeks: GridCell[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

export function shiftMonth(year: number, month: number, by: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * "P 45/100 · S 100/100": booked/capacity per session, "–" for a session without quota. Each half
 * is joined by a no-break space, so a narrow cell wraps only at the "·".
 */
export function quotaLine(
  day: { pagi: { booked: number; capacity: number } | null; siang: { booked: number; capacity: number } | null },
  labels: { pagi: string; siang: string },
): string {
  if (!day.pagi && !day.siang) return '';
  const part = (q: { booked: number; capacity: number } | null) => (q ? `${q.booked}/${q.capacity}` : '–');
  return `${labels.pagi}\u00a0${part(day.pagi)} · ${labels.siang}\u00a0${part(day.siang)}`;
}

export type Move = { day: number } | { month: -1 | 1; day: number };

/**
 * Where focus goes from `day` (1-based) on a key press. Moving past either end of the month moves
 * into the neighbouring month, keeping the weekday movement natural.
 */
export function moveFocus(
  year: number,
  month: number,
  day: number,
  key: string,
): Move | null {
  const last = daysInMonth(year, month);
  const weekday = (leadingBlanks(year, month) + day - 1) % 7; // 0 = Monday
  const delta: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
  if (key === 'Home') return { day: Math.max(1, day - weekday) };
  if (key === 'End') return { day: Math.min(last, day + (6 - weekday)) };
  const step = delta[key];
  if (step === undefined) return null;
  const target = day + step;
  if (target < 1) {
    const prev = shiftMonth(year, month, -1);
    return { month: -1, day: daysInMonth(prev.year, prev.month) + target };
  }
  if (target > last) return { month: 1, day: target - last };
  return { day: target };
}

/** The seven dates (Monday first) of the week holding `iso`. */
export function weekDates(iso: string): string[] {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const monday = new Date(Date.UTC(y, m - 1, d));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return Array.from({ length: 7 }, (_, i) => {
    const day = new Date(monday);
    day.setUTCDate(monday.getUTCDate() + i);
    return toIsoDate({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() });
  });
}

/** The months (one or two) a week of dates touches, in order. */
export function monthsOf(dates: string[]): { year: number; month: number }[] {
  const seen = new Map<string, { year: number; month: number }>();
  for (const iso of dates) {
    const [year, month] = iso.split('-').map(Number) as [number, number];
    seen.set(`${year}-${month}`, { year, month });
  }
  return [...seen.values()];
}
