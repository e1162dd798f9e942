import { describe, expect, it } from 'vitest';
import { booking } from './fixtures';
import {
  canCancel,
  canCheckIn,
  countFor,
  defaultSession,
  filterBookings,
  isStatusFilter,
  relationKey,
  servingTime,
  shiftDate,
  statusKey,
} from './lists';

const list = [
  booking('A', ['arrived', 'expected']),
  booking('B', ['expected']),
  booking('C', ['no_show', 'no_show']),
  booking('D', ['cancelled'], { status: 'cancelled' }),
];

describe('status filter', () => {
  it('shows a booking when any applicant matches, in the original order', () => {
    const codes = (f: Parameters<typeof filterBookings>[1]) => filterBookings(list, f).map((b) => b.code);
    expect(codes('expected')).toEqual(['A', 'B']);
    expect(codes('arrived')).toEqual(['A']);
    expect(codes('no_show')).toEqual(['C']);
    expect(codes('cancelled')).toEqual(['D']);
  });

  it('returns the same array for "all" (nothing to copy on every paint)', () => {
    expect(filterBookings(list, 'all')).toBe(list);
  });

  it('stays quick for a busy office day', () => {
    const many = Array.from({ length: 400 }, (_, i) => booking(`X${i}`, ['arrived', 'expected', 'expected', 'no_show', 'arrived']));
    const start = performance.now();
    for (let i = 0; i < 50; i++) filterBookings(many, 'no_show');
    expect(performance.now() - start).toBeLessThan(200);
  });

  it('knows its values and counts', () => {
    expect(isStatusFilter('no_show')).toBe(true);
    expect(isStatusFilter('hadir')).toBe(false);
    const counts = { applicants: 96, expected: 50, arrived: 40, noShow: 6, cancelled: 0 };
    expect(countFor(counts, 'all')).toBe(96);
    expect(countFor(counts, 'no_show')).toBe(6);
    expect(countFor(counts, 'arrived')).toBe(40);
  });
});

describe('days and sessions', () => {
  it('moves across months, years and leap days', () => {
    expect(shiftDate('2026-11-30', 1)).toBe('2026-12-01');
    expect(shiftDate('2027-01-01', -1)).toBe('2026-12-31');
    expect(shiftDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(shiftDate('2026-11-23', 0)).toBe('2026-11-23');
  });

  it("judges the tabs by the office's clock, on the office's today only", () => {
    const today = { date: '2026-11-23', today: '2026-11-23', closedReason: null };
    const clock = { date: '2026-11-23', time: '05:16' };
    expect(servingTime(today, clock)).toBe('05:16');
    // Another date, a clock not read yet, or one read on the day before (midnight): no label.
    expect(servingTime({ ...today, date: '2026-11-24' }, clock)).toBeNull();
    expect(servingTime(today, null)).toBeNull();
    expect(servingTime(today, { date: '2026-11-22', time: '23:59' })).toBeNull();
    // A holiday or a closure: nobody is served that day.
    expect(servingTime({ ...today, closedReason: { id: 'Cuti bersama', en: 'Cuti bersama' } }, clock)).toBeNull();
  });

  it('opens on the session being served today, else the morning', () => {
    expect(defaultSession({ date: '2026-11-23', today: '2026-11-23', openSession: 'siang' })).toBe('siang');
    expect(defaultSession({ date: '2026-11-24', today: '2026-11-23', openSession: null })).toBe('pagi');
    expect(defaultSession({ date: '2026-11-23', today: '2026-11-23', openSession: null })).toBe('pagi');
  });
});

describe('row actions', () => {
  it('offers check-in only today, on an active booking with someone expected', () => {
    expect(canCheckIn(booking('A', ['arrived', 'expected']), '2026-11-23')).toBe(true);
    expect(canCheckIn(booking('A', ['arrived', 'expected']), '2026-11-24')).toBe(false);
    expect(canCheckIn(booking('A', ['arrived', 'no_show']), '2026-11-23')).toBe(false);
    expect(canCheckIn(booking('D', ['expected'], { status: 'cancelled' }), '2026-11-23')).toBe(false);
  });

  it('offers cancelling for active bookings today or later', () => {
    expect(canCancel(booking('A', ['expected']), '2026-11-23')).toBe(true);
    expect(canCancel(booking('A', ['expected']), '2026-11-22')).toBe(true);
    expect(canCancel(booking('A', ['expected']), '2026-11-24')).toBe(false);
    expect(canCancel(booking('D', ['cancelled'], { status: 'cancelled' }), '2026-11-22')).toBe(false);
  });
});

describe('labels', () => {
  it('names known values and admits unknown ones', () => {
    expect(statusKey('no_show')).toBe('sessions.status.no_show');
    expect(relationKey('suami_istri')).toBe('sessions.relation.suami_istri');
    expect(statusKey('baru_lagi')).toBeNull();
  });
});
