import { describe, expect, it } from 'vitest';
import { classifyScan, createRepeatGuard, manualProblem, proofCode } from './scan';

const PROOF = 'LKT1.jakarta-selatan.261123-P-0001.20261123.P.5.pusat1.c2ln';

describe('what was scanned or typed', () => {
  it('tells a proof from a booking code', () => {
    expect(classifyScan(`  ${PROOF}\n`)).toEqual({ kind: 'proof', text: PROOF });
    expect(classifyScan('lkt1.x')).toEqual({ kind: 'proof', text: 'lkt1.x' });
    expect(classifyScan(' 261123-p-l01 ')).toEqual({ kind: 'code', code: '261123-P-L01' });
    expect(classifyScan('   ')).toEqual({ kind: 'empty' });
  });

  it('finds the booking code inside a proof', () => {
    expect(proofCode(PROOF)).toBe('261123-P-0001');
    expect(proofCode('261123-P-0001')).toBeNull();
    expect(proofCode('LKT1.')).toBeNull();
    expect(proofCode('LKT1.office..x')).toBeNull();
  });
});

describe('camera repeat guard', () => {
  it('submits a text once while it stays in view, again after 3 s out of sight', () => {
    const g = createRepeatGuard(3000);
    expect(g.accept('A', 0)).toBe(true);
    expect(g.accept('A', 150)).toBe(false);
    // Still in view: every sighting restarts the wait.
    expect(g.accept('A', 2900)).toBe(false);
    expect(g.accept('A', 5800)).toBe(false);
    // Out of sight for 3 s.
    expect(g.accept('A', 8800)).toBe(true);
  });

  it('keeps texts apart and forgets on clear', () => {
    const g = createRepeatGuard(3000);
    expect(g.accept('A', 0)).toBe(true);
    expect(g.accept('B', 100)).toBe(true);
    expect(g.accept('A', 200)).toBe(false);
    g.clear();
    expect(g.accept('A', 300)).toBe(true);
  });
});

describe('typed booking codes get the checks a proof gets', () => {
  const b = { code: '261123-P-A01', status: 'active' as const, date: '2026-11-23', session: 'pagi' as const };
  it('passes a booking for today and the session being served', () => {
    expect(manualProblem(b, '2026-11-23', 'pagi')).toBeNull();
  });
  it('refuses cancelled bookings, other dates and the other session', () => {
    expect(manualProblem({ ...b, status: 'cancelled' as const }, '2026-11-23', 'pagi')?.key).toBe('sessions.scan.cancelledBooking');
    expect(manualProblem(b, '2026-11-24', 'pagi')).toEqual({ key: 'sessions.scan.otherDate', code: b.code, date: '2026-11-23' });
    expect(manualProblem(b, '2026-11-23', 'siang')).toEqual({ key: 'sessions.scan.otherSession', code: b.code, booked: 'pagi', open: 'siang' });
  });
  it('leaves the date to Rust while today is not known yet', () => {
    expect(manualProblem(b, '', 'pagi')).toBeNull();
  });
});
