import { describe, expect, it } from 'vitest';
import { formatLocalStamp, formatLongDate, formatMonthTitle, parseIsoDate, toIsoDate } from './date';

describe('dates are formatted as calendar dates, never shifted by a time zone', () => {
  it('formats the long Indonesian date', () => {
    expect(formatLongDate('2026-11-21', 'id')).toBe('Sabtu, 21 November 2026');
    expect(formatLongDate('2027-01-01', 'id')).toBe('Jumat, 1 Januari 2027');
  });

  it('formats the English date for the English UI', () => {
    // ICU versions differ on the comma after the weekday in en-GB.
    expect(formatLongDate('2026-11-21', 'en')).toMatch(/^Saturday,? 21 November 2026$/);
  });

  it('keeps the first of the month on the first whatever the machine zone', () => {
    expect(formatLongDate('2026-12-01', 'id')).toContain('1 Desember 2026');
  });

  it('titles months in Indonesian', () => {
    expect(formatMonthTitle(2026, 8, 'id')).toBe('Agustus 2026');
  });

  it('round-trips ISO dates and refuses anything else', () => {
    expect(toIsoDate(parseIsoDate('2026-02-09'))).toBe('2026-02-09');
    expect(() => parseIsoDate('21/11/2026')).toThrow();
  });

  it('shows office-local audit stamps day first', () => {
    expect(formatLocalStamp('2026-11-21T09:05:33')).toBe('21/11/2026 09:05');
  });
});
