import { describe, expect, it } from 'vitest';
import type { Decision, ProposalDayView } from '$lib/ipc';
import { dateLines, decisionKey, formFromDays, weekdayOf } from './days';

const day = (date: string, session: 'pagi' | 'siang', decision: Decision = 'pending', extra: Partial<ProposalDayView> = {}): ProposalDayView => ({
  date,
  session,
  capacity: 100,
  online: 80,
  counter: 15,
  priority: 5,
  includeReason: null,
  decision,
  ...extra,
});

describe('proposal dates', () => {
  it('groups both sessions of a date on one line, in date order', () => {
    const lines = dateLines([day('2026-12-02', 'siang', 'approved'), day('2026-12-01', 'pagi', 'approved'), day('2026-12-02', 'pagi')]);
    expect(lines.map((l) => l.date)).toEqual(['2026-12-01', '2026-12-02']);
    expect(lines[0]).toMatchObject({ siang: null, pending: false });
    expect(lines[1]?.pagi?.decision).toBe('pending');
    expect(lines[1]?.siang?.decision).toBe('approved');
    expect(lines[1]?.pending).toBe(true);
  });

  it('labels the known decisions', () => {
    expect(decisionKey('rejected')).toBe('proposals.decision.rejected');
    expect(decisionKey('lain')).toBeNull();
  });

  it('knows the weekday, Monday first', () => {
    expect(weekdayOf('2026-11-30')).toBe(0); // Monday
    expect(weekdayOf('2026-12-06')).toBe(6); // Sunday
  });
});

describe('a draft back in the form', () => {
  it('takes the range, the weekdays present, each split and the included dates', () => {
    const form = formFromDays([
      day('2026-12-01', 'pagi', 'pending', { online: 60, counter: 30, priority: 10 }),
      day('2026-12-03', 'pagi'),
      day('2026-12-03', 'siang', 'pending', { online: 50, counter: 40, priority: 10 }),
      day('2026-12-05', 'pagi', 'pending', { includeReason: 'Layanan Sabtu' }),
    ]);
    expect(form.from).toBe('2026-12-01');
    expect(form.to).toBe('2026-12-05');
    expect(form.weekdays).toEqual([false, true, false, true, false, false, false]);
    expect(form.pagi).toEqual({ on: true, online: 60, counter: 30, priority: 10 });
    expect(form.siang).toEqual({ on: true, online: 50, counter: 40, priority: 10 });
    expect(form.include).toEqual([{ date: '2026-12-05', reason: 'Layanan Sabtu' }]);
  });

  it('leaves out a session with no day', () => {
    const form = formFromDays([day('2026-12-01', 'siang')]);
    expect(form.pagi.on).toBe(false);
    expect(form.siang.on).toBe(true);
  });
});
