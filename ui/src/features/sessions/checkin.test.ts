import { describe, expect, it } from 'vitest';
import { booking } from './fixtures';
import { allArrived, byPosition, expectedIds, hotkey, newlyNumbered, nextToScan, nobodyExpected, numbersText, renewals, toggle } from './checkin';
import { applicant } from './fixtures';

const family = booking('261123-P-0001', ['expected', 'expected', 'arrived', 'expected', 'no_show']);

describe('check-in choices', () => {
  it('pre-chooses everyone still expected', () => {
    expect(expectedIds(family)).toEqual(['a1', 'a2', 'a4']);
  });

  it('toggles by position, never someone already arrived or absent', () => {
    let chosen = expectedIds(family);
    chosen = toggle(family, chosen, 2);
    expect(chosen).toEqual(['a1', 'a4']);
    chosen = toggle(family, chosen, 2);
    expect(chosen).toEqual(['a1', 'a4', 'a2']);
    expect(toggle(family, chosen, 3)).toEqual(chosen);
    expect(toggle(family, chosen, 5)).toEqual(chosen);
    expect(toggle(family, chosen, 9)).toEqual(chosen);
  });

  it('maps the keys: 1–5 toggle, A all, Enter confirm, anything else is left alone', () => {
    expect(hotkey({ key: '3' })).toEqual({ kind: 'toggle', position: 3 });
    expect(hotkey({ key: '6' })).toBeNull();
    expect(hotkey({ key: '0' })).toBeNull();
    expect(hotkey({ key: 'a' })).toEqual({ kind: 'all' });
    expect(hotkey({ key: 'A' })).toEqual({ kind: 'all' });
    expect(hotkey({ key: 'Enter' })).toEqual({ kind: 'confirm' });
    expect(hotkey({ key: 'p' })).toEqual({ kind: 'passport' });
    expect(hotkey({ key: 'P' })).toEqual({ kind: 'passport' });
    expect(hotkey({ key: 'p', altKey: true })).toBeNull();
    expect(hotkey({ key: 'a', ctrlKey: true })).toBeNull();
    expect(hotkey({ key: 'Tab' })).toBeNull();
  });
});

describe('check-in result', () => {
  it('knows when nobody is left and when everyone arrived', () => {
    expect(nobodyExpected(family)).toBe(false);
    const done = booking('X', ['arrived', 'arrived']);
    expect(nobodyExpected(done)).toBe(true);
    expect(allArrived(done)).toBe(true);
    const absent = booking('Y', ['arrived', 'no_show']);
    expect(nobodyExpected(absent)).toBe(true);
    expect(allArrived(absent)).toBe(false);
  });

  it('marks who got a number just now', () => {
    const after = booking('X', ['arrived', 'arrived', 'arrived']);
    // Fixture numbers; A-041 was handed out earlier.
    expect([...newlyNumbered(after, ['A-042', 'A-043'])]).toEqual(['a2', 'a3']);
    expect(numbersText(['A-042', 'A-043'])).toBe('A-042, A-043');
  });

  it('orders applicants by position, principal first', () => {
    const shuffled = [...family.applicants].reverse();
    expect(byPosition(shuffled).map((a) => a.position)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('check-in: the old passports of renewals', () => {
  const renewal = (position: number, extra = {}) => applicant(position, 'expected', { applicationType: 'penggantian', ...extra });
  const family = booking('261123-P-0002', [], {
    applicants: [renewal(2), applicant(1, 'expected'), renewal(3, { oldPassport: 'C1234567', oldPassportExpiry: '2027-02-23' })],
  });

  it('lists the renewals in position order', () => {
    expect(renewals(family).map((a) => a.position)).toEqual([2, 3]);
    expect(renewals(booking('x', ['expected']))).toEqual([]);
  });

  it('P scans the first renewal whose passport is not recorded yet, then starts over', () => {
    expect(nextToScan(family)?.position).toBe(2);
    const done = { ...family, applicants: family.applicants.map((a) => ({ ...a, oldPassportExpiry: '2030-01-01' })) };
    expect(nextToScan(done)?.position).toBe(2);
    expect(nextToScan(booking('x', ['expected']))).toBeNull();
  });
});
