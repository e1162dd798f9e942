import { describe, expect, it } from 'vitest';
import { checkInclude, checkProposal, checkRejectReason, defaultForm, formatRange, isIsoDate, splitTotal, statusLook, toInput } from './logic';

const filled = () => ({ ...defaultForm(), from: '2026-12-01', to: '2026-12-31' });

describe('quota proposal form', () => {
  it('starts with Monday to Friday and both sessions at 80 / 15 / 5', () => {
    const form = defaultForm();
    expect(form.weekdays).toEqual([true, true, true, true, true, false, false]);
    expect(splitTotal(form.pagi)).toBe(100);
    expect(form.siang).toEqual({ on: true, online: 80, counter: 15, priority: 5 });
  });

  it('totals a split, counting an emptied or broken field as nothing', () => {
    expect(splitTotal({ online: 60, counter: 30, priority: 10 })).toBe(100);
    expect(splitTotal({ online: null as unknown as number, counter: 15, priority: 5 })).toBe(20);
    expect(splitTotal({ online: 1.5, counter: -3, priority: 5 })).toBe(5);
  });

  it('accepts a complete form and sends what Rust expects', () => {
    const form = filled();
    form.siang.on = false;
    expect(checkProposal(form)).toEqual({});
    expect(toInput({ ...form, from: ' 2026-12-01 ' })).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
      weekdays: [true, true, true, true, true, false, false],
      pagi: { online: 80, counter: 15, priority: 5 },
      siang: null,
      include: [],
    });
    expect(checkProposal({ ...filled(), to: '2026-12-01' })).toEqual({});
  });

  it('checks the dates: format, a real day, and from before to', () => {
    expect(isIsoDate('2026-12-01')).toBe(true);
    expect(isIsoDate('01-12-2026')).toBe(false);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(checkProposal({ ...filled(), from: '', to: '1/12/2026' })).toMatchObject({
      from: 'validation.required',
      to: 'validation.date',
    });
    expect(checkProposal({ ...filled(), from: '2026-12-31', to: '2026-12-01' })).toEqual({ to: 'validation.dateOrder' });
  });

  it('needs a day, a session, and whole non-negative numbers with a total above 0', () => {
    const form = filled();
    form.weekdays = form.weekdays.map(() => false);
    form.pagi = { on: true, online: -1, counter: 15, priority: 5 };
    form.siang = { on: true, online: 0, counter: 0, priority: 0 };
    expect(checkProposal(form)).toEqual({
      weekdays: 'validation.weekdays',
      pagi: 'validation.split',
      siang: 'validation.splitEmpty',
    });
    const none = filled();
    none.pagi.on = false;
    none.siang.on = false;
    none.siang.online = -5; // a session left out is not checked
    expect(checkProposal(none)).toEqual({ sessions: 'validation.sessions' });
  });

  it('requires a reason to reject', () => {
    expect(checkRejectReason('  ')).toBe('validation.rejectReason');
    expect(checkRejectReason('Petugas kurang')).toBeUndefined();
  });
});

describe('proposal list', () => {
  it('labels each status', () => {
    expect(statusLook('submitted')?.key).toBe('proposals.status.submitted');
    expect(statusLook('decided')?.pill).toBe('on');
    expect(statusLook('lain')).toBeNull();
  });

  it('shows a short date range, or one date for a single day', () => {
    expect(formatRange('2026-12-01', '2026-12-31', 'id')).toBe('1 Des 2026 – 31 Des 2026');
    expect(formatRange('2027-01-04', '2027-01-04', 'id')).toBe('4 Jan 2027');
    expect(formatRange('rusak', '2027-01-04', 'en')).toBe('rusak – 4 Jan 2027');
  });
});

describe('extra dates', () => {
  it('needs a real date, once, and a reason', () => {
    expect(checkInclude(' 2026-12-05 ', 'Layanan Sabtu', [])).toEqual({});
    expect(checkInclude('', ' ', [])).toEqual({ date: 'validation.required', reason: 'validation.includeReason' });
    expect(checkInclude('5/12/2026', 'x', [])).toEqual({ date: 'validation.date' });
    expect(checkInclude('2026-12-05', 'x', [{ date: '2026-12-05', reason: 'y' }])).toEqual({ date: 'validation.includeTwice' });
  });

  it('sends them trimmed with the proposal', () => {
    const form = { ...filled(), include: [{ date: ' 2026-12-05', reason: ' Layanan Sabtu ' }] };
    expect(toInput(form).include).toEqual([{ date: '2026-12-05', reason: 'Layanan Sabtu' }]);
  });
});
