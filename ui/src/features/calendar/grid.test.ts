import { describe, expect, it } from 'vitest';
import { daysInMonth, leadingBlanks, monthGrid, monthWeeks, moveFocus, quotaLine, shiftMonth, monthsOf, weekDates } from './grid';

describe('month grid, Monday first', () => {
  it('November 2026 starts on a Sunday, so six blanks come first', () => {
    expect(leadingBlanks(2026, 11)).toBe(6);
    const grid = monthGrid(2026, 11);
    expect(grid.slice(0, 6).every((c) => c.iso === null)).toBe(true);
    expect(grid[6]).toEqual({ iso: '2026-11-01', day: 1 });
    expect(grid.length).toBe(42);
    expect(grid.filter((c) => c.iso).length).toBe(30);
    expect(grid[35]).toEqual({ iso: '2026-11-30', day: 30 });
  });

  it('February 2027 has 28 days, starts on a Monday and fills exactly four weeks', () => {
    expect(daysInMonth(2027, 2)).toBe(28);
    expect(leadingBlanks(2027, 2)).toBe(0);
    const weeks = monthWeeks(2027, 2);
    expect(weeks).toHaveLength(4);
    expect(weeks.every((w) => w.length === 7 && w.every((c) => c.iso))).toBe(true);
    expect(weeks[3]?.[6]).toEqual({ iso: '2027-02-28', day: 28 });
    expect(daysInMonth(2028, 2)).toBe(29);
  });

  it('pads the last week with blanks', () => {
    // December 2026 starts on a Tuesday and ends on a Thursday.
    const weeks = monthWeeks(2026, 12);
    expect(weeks[0]?.[1]).toEqual({ iso: '2026-12-01', day: 1 });
    expect(weeks[weeks.length - 1]?.slice(4).map((c) => c.iso)).toEqual([null, null, null]);
  });

  it('shifts across year ends', () => {
    expect(shiftMonth(2026, 12, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth(2027, 1, -1)).toEqual({ year: 2026, month: 12 });
    expect(shiftMonth(2026, 11, 14)).toEqual({ year: 2028, month: 1 });
  });
});

describe('cell text', () => {
  const nb = '\u00a0';
  it('shows booked/capacity per session', () => {
    const day = { pagi: { booked: 45, capacity: 100 }, siang: { booked: 100, capacity: 100 } };
    expect(quotaLine(day, { pagi: 'P', siang: 'S' })).toBe(`P${nb}45/100 · S${nb}100/100`);
  });

  it('marks a session without quota and says nothing for a day without any', () => {
    expect(quotaLine({ pagi: { booked: 0, capacity: 80 }, siang: null }, { pagi: 'P', siang: 'S' })).toBe(
      `P${nb}0/80 · S${nb}–`,
    );
    expect(quotaLine({ pagi: null, siang: null }, { pagi: 'P', siang: 'S' })).toBe('');
  });
});

describe('keyboard movement', () => {
  it('moves by day and by week inside the month', () => {
    expect(moveFocus(2026, 11, 10, 'ArrowRight')).toEqual({ day: 11 });
    expect(moveFocus(2026, 11, 10, 'ArrowLeft')).toEqual({ day: 9 });
    expect(moveFocus(2026, 11, 10, 'ArrowUp')).toEqual({ day: 3 });
    expect(moveFocus(2026, 11, 10, 'ArrowDown')).toEqual({ day: 17 });
    expect(moveFocus(2026, 11, 10, 'x')).toBeNull();
    expect(moveFocus(2026, 11, 10, 'Enter')).toBeNull();
  });

  it('goes into the next month from the last day in the grid', () => {
    expect(moveFocus(2026, 11, 30, 'ArrowRight')).toEqual({ month: 1, day: 1 });
    expect(moveFocus(2026, 11, 28, 'ArrowDown')).toEqual({ month: 1, day: 5 });
    // 28 February 2027 is the bottom-right cell of a four-week grid.
    expect(moveFocus(2027, 2, 28, 'ArrowRight')).toEqual({ month: 1, day: 1 });
    expect(moveFocus(2026, 12, 31, 'ArrowRight')).toEqual({ month: 1, day: 1 });
  });

  it('goes into the previous month from the first week', () => {
    expect(moveFocus(2026, 12, 1, 'ArrowLeft')).toEqual({ month: -1, day: 30 });
    expect(moveFocus(2026, 12, 3, 'ArrowUp')).toEqual({ month: -1, day: 26 });
    expect(moveFocus(2027, 3, 1, 'ArrowLeft')).toEqual({ month: -1, day: 28 });
    expect(moveFocus(2027, 1, 1, 'ArrowLeft')).toEqual({ month: -1, day: 31 });
  });

  it('Home and End stay within the week and the month', () => {
    // 18 November 2026 is a Wednesday.
    expect(moveFocus(2026, 11, 18, 'Home')).toEqual({ day: 16 });
    expect(moveFocus(2026, 11, 25, 'End')).toEqual({ day: 29 });
    expect(moveFocus(2026, 11, 30, 'End')).toEqual({ day: 30 });
    // 1 November 2026 is a Sunday, alone in its week.
    expect(moveFocus(2026, 11, 1, 'Home')).toEqual({ day: 1 });
    expect(moveFocus(2026, 12, 2, 'Home')).toEqual({ day: 1 });
  });
});

describe('week view', () => {
  it('finds the Monday-first week of a date, across a month end', () => {
    expect(weekDates('2026-12-02')).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(weekDates('2026-11-30')[0]).toBe('2026-11-30');
    expect(weekDates('2027-01-03')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
  });

  it('names the months a week needs', () => {
    expect(monthsOf(weekDates('2027-01-03'))).toEqual([{ year: 2026, month: 12 }, { year: 2027, month: 1 }]);
    expect(monthsOf(weekDates('2026-12-09'))).toEqual([{ year: 2026, month: 12 }]);
  });
});
