import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '$lib/ipc';
import { allowedActions, cancelledTsv, isHoliday, opensText, shareRows, totals, workflowKey } from './detail';

const day = (over: Partial<CalendarDay>): CalendarDay => ({
  date: '2026-12-01',
  colour: 'green',
  reason: null,
  workflow: 'open',
  opensLocal: null,
  greyKind: null,
  pagi: null,
  siang: null,
  ...over,
});

describe('day detail helpers', () => {
  it('maps known workflow states to keys and unknown ones to null', () => {
    expect(workflowKey('submitted')).toBe('workflow.submitted');
    expect(workflowKey('not_set')).toBe('workflow.not_set');
    expect(workflowKey('weird')).toBeNull();
  });

  it('splits a session into share rows with remaining never below zero', () => {
    const q = { capacity: 100, booked: 72, shares: { online: 60, counter: 30, priority: 10 }, bookedShares: { online: 60, counter: 2, priority: 12 } };
    expect(shareRows(q)).toEqual([
      { share: 'online', capacity: 60, booked: 60, remaining: 0 },
      { share: 'counter', capacity: 30, booked: 2, remaining: 28 },
      { share: 'priority', capacity: 10, booked: 12, remaining: 0 },
    ]);
    expect(shareRows({ ...q, shares: null })).toEqual([]);
  });

  it('tells holidays from weekends and gates actions by role', () => {
    expect(isHoliday(day({ colour: 'grey', reason: { id: 'Hari Natal', en: 'Hari Natal' }, greyKind: 'holiday' }))).toBe(true);
    expect(isHoliday(day({ colour: 'grey', reason: { id: 'Akhir pekan', en: 'Akhir pekan' }, greyKind: 'weekend' }))).toBe(false);
    // An office closure is grey too, but it is not a holiday an admin could remove.
    expect(isHoliday(day({ colour: 'grey', reason: { id: 'Banjir', en: 'Banjir' }, greyKind: 'closure' }))).toBe(false);
    expect(isHoliday(day({ colour: 'green', reason: { id: 'x', en: 'x' } }))).toBe(false);
    expect(allowedActions('kepala', day({}))).toEqual(['close']);
    expect(allowedActions('kepala', day({ colour: 'grey', reason: { id: 'Akhir pekan', en: 'Akhir pekan' } }))).toEqual([]);
    expect(allowedActions('admin', day({}))).toEqual(['addHoliday']);
    expect(allowedActions('admin', day({ colour: 'grey', reason: { id: 'Hari Natal', en: 'Hari Natal' }, greyKind: 'holiday' }))).toEqual(['removeHoliday']);
    expect(allowedActions('petugas', day({}))).toEqual([]);
  });

  it('counts and copies the cancelled list as tab-separated text', () => {
    const list = [
      { code: 'AB12', session: 'pagi' as const, channel: 'online', applicants: 2 },
      { code: 'CD34', session: 'siang' as const, channel: 'counter', applicants: 1 },
    ];
    expect(totals(list)).toEqual({ bookings: 2, applicants: 3 });
    const text = cancelledTsv(list, ['Kode', 'Sesi', 'Kanal', 'Pemohon'], {
      session: (s) => (s === 'pagi' ? 'Pagi' : 'Siang'),
      channel: (c) => c.toUpperCase(),
    });
    expect(text).toBe('Kode\tSesi\tKanal\tPemohon\nAB12\tPagi\tONLINE\t2\nCD34\tSiang\tCOUNTER\t1');
  });

  it('formats the opening moment and leaves unknown text alone', () => {
    expect(opensText('2026-11-24 09:00', (iso) => `[${iso}]`)).toBe('[2026-11-24] 09:00');
    expect(opensText('soon', (iso) => iso)).toBe('soon');
  });
});
