import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDayMonthYear, formatLocalStamp, formatLongDate, formatShortDate, formatMonthTitle, parseIsoDate, shiftIsoDate, toIsoDate } from './date';

// vi.stubEnv sets process.env.TZ, which Node applies to Date and Intl at once.
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('dates are formatted as calendar dates, never shifted by a time zone', () => {
  it('formats the long Indonesian date', () => {
    expect(formatLongDate('2026-11-21', 'id')).toBe('Sabtu, 21 November 2026');
    expect(formatLongDate('2027-01-01', 'id')).toBe('Jumat, 1 Januari 2027');
    expect(formatLongDate('2026-08-17', 'id')).toBe('Senin, 17 Agustus 2026');
  });

  it('formats the English date for the English UI', () => {
    // ICU versions differ on the comma after the weekday in en-GB.
    expect(formatLongDate('2026-11-21', 'en')).toMatch(/^Saturday,? 21 November 2026$/);
  });

  it('gives the same day west and east of UTC, where new Date("YYYY-MM-DD") would not', () => {
    for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Jayapura', 'UTC']) {
      vi.stubEnv('TZ', zone);
      expect(formatLongDate('2026-11-21', 'id')).toBe('Sabtu, 21 November 2026');
      expect(formatLongDate('2026-12-01', 'id')).toBe('Selasa, 1 Desember 2026');
    }
    // The trap this module avoids: the naive parse is UTC midnight, the day before in Los Angeles.
    vi.stubEnv('TZ', 'America/Los_Angeles');
    expect(new Date('2026-11-21').getDate()).toBe(20);
  });

  it('formats the short date for tables, in either language', () => {
    expect(formatShortDate('2026-12-01', 'id')).toBe('1 Des 2026');
    expect(formatShortDate('2026-08-17', 'en')).toBe('17 Aug 2026');
    vi.stubEnv('TZ', 'America/Los_Angeles');
    expect(formatShortDate('2026-12-01', 'id')).toBe('1 Des 2026');
  });

  it('titles months in the UI language', () => {
    expect(formatMonthTitle(2026, 11, 'id')).toBe('November 2026');
    expect(formatMonthTitle(2026, 8, 'id')).toBe('Agustus 2026');
    expect(formatMonthTitle(2027, 2, 'en')).toBe('February 2027');
  });

  it('parses ISO dates into parts and round-trips them', () => {
    expect(parseIsoDate('2026-11-21')).toEqual({ year: 2026, month: 11, day: 21 });
    expect(toIsoDate(parseIsoDate('2026-02-09'))).toBe('2026-02-09');
    expect(toIsoDate({ year: 2027, month: 1, day: 5 })).toBe('2027-01-05');
  });

  it('refuses what is not a real calendar date', () => {
    expect(() => parseIsoDate('21/11/2026')).toThrow();
    expect(() => parseIsoDate('2026-11-21T00:00:00Z')).toThrow();
    expect(() => parseIsoDate('2027-02-29')).toThrow();
    expect(() => parseIsoDate('2026-13-01')).toThrow();
    expect(parseIsoDate('2028-02-29').day).toBe(29);
  });

  it('writes dates day first with slashes, never month first, and leaves other text alone', () => {
    expect(formatDayMonthYear('2026-11-23')).toBe('23/11/2026');
    expect(formatDayMonthYear('2027-02-01')).toBe('01/02/2027');
    expect(formatDayMonthYear('kemarin')).toBe('kemarin');
    expect(formatDayMonthYear('')).toBe('');
  });

  it('moves a date by whole days, whatever the zone', () => {
    expect(shiftIsoDate('2026-11-30', 1)).toBe('2026-12-01');
    expect(shiftIsoDate('2028-03-01', -1)).toBe('2028-02-29');
    vi.stubEnv('TZ', 'Pacific/Kiritimati');
    expect(shiftIsoDate('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('shows office-local audit stamps day first', () => {
    expect(formatLocalStamp('2026-11-21T09:05:33')).toBe('21/11/2026 09:05');
    expect(formatLocalStamp('kemarin')).toBe('kemarin');
  });
});
