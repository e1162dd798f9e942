import { describe, expect, it } from 'vitest';
import { daysInMonth, leadingBlanks, monthGrid, moveFocus, shiftMonth } from './grid';

describe('month grid, Monday first', () => {
  it('November 2026 starts on a Sunday, so six blanks come first', () => {
    expect(leadingBlanks(2026, 11)).toBe(6);
    const grid = monthGrid(2026, 11);
    expect(grid[6]).toEqual({ iso: '2026-11-01', day: 1 });
    expect(grid.length % 7).toBe(0);
    expect(grid.filter((c) => c.iso).length).toBe(30);
  });

  it('February 2027 has 28 days and starts on a Monday', () => {
    expect(daysInMonth(2027, 2)).toBe(28);
    expect(leadingBlanks(2027, 2)).toBe(0);
    expect(daysInMonth(2028, 2)).toBe(29);
  });

  it('shifts across year ends', () => {
    expect(shiftMonth(2026, 12, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth(2027, 1, -1)).toEqual({ year: 2026, month: 12 });
  });
});

describe('keyboard movement', () => {
  it('moves by day and by week inside the month', () => {
    expect(moveFocus(2026, 11, 10, 'ArrowRight')).toEqual({ day: 11 });
    expect(moveFocus(2026, 11, 10, 'ArrowUp')).toEqual({ day: 3 });
    expect(moveFocus(2026, 11, 10, 'x')).toBeNull();
  });

  it('goes into the next month from the last day', () => {
    expect(moveFocus(2026, 11, 30, 'ArrowRight')).toEqual({ month: 1, day: 1 });
    expect(moveFocus(2026, 11, 28, 'ArrowDown')).toEqual({ month: 1, day: 5 });
  });

  it('goes into the previous month from the first week', () => {
    expect(moveFocus(2026, 12, 1, 'ArrowLeft')).toEqual({ month: -1, day: 30 });
    expect(moveFocus(2026, 12, 3, 'ArrowUp')).toEqual({ month: -1, day: 26 });
  });

  it('Home and End stay within the week and the month', () => {
    // 18 November 2026 is a Wednesday.
    expect(moveFocus(2026, 11, 18, 'Home')).toEqual({ day: 16 });
    expect(moveFocus(2026, 11, 25, 'End')).toEqual({ day: 29 });
    expect(moveFocus(2026, 11, 30, 'End')).toEqual({ day: 30 });
  });
});
