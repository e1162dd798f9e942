import { describe, expect, it } from 'vitest';
import type { PassportRead } from '$lib/ipc';
import { emptyApplicant, emptyForm, isBlank, toRequest, type WalkInForm } from './form';
import { applyScan, matchesScan, scanDifference, useScanned } from './renewal';

const NIK = '3174011203880001';
const read: PassportRead = {
  documentCode: 'P',
  number: 'C1234567',
  surname: 'WIJAYA',
  givenNames: 'ANDI',
  fullName: 'ANDI WIJAYA',
  nationality: 'IDN',
  birthDate: '1988-03-12',
  sex: 'L',
  expiryDate: '2027-02-23',
};

function form(applicant: Partial<WalkInForm['applicants'][number]> = {}): WalkInForm {
  const f = emptyForm({ date: '2026-11-23', session: 'pagi' });
  f.applicants[0] = { ...emptyApplicant(), applicationType: 'penggantian', ...applicant };
  return f;
}

describe('walk-in renewal: what a passport scan fills in', () => {
  it('fills an empty applicant completely and makes it a renewal', () => {
    const f = applyScan(emptyForm({ date: '2026-11-23', session: 'pagi' }), 0, read);
    expect(f.applicants[0]).toMatchObject({
      applicationType: 'penggantian',
      fullName: 'ANDI WIJAYA',
      birthDate: '1988-03-12',
      sex: 'L',
      oldPassport: 'C1234567',
      oldPassportExpiry: '2027-02-23',
      scanned: read,
    });
    expect(isBlank(f)).toBe(false);
    // Rust gets the scan to judge against the NIK.
    expect(toRequest(f, { override: false }).applicants[0]).toMatchObject({ oldPassportExpiry: '2027-02-23', scannedPassport: read });
  });

  it('always takes the number and expiry from the passport, over what was typed', () => {
    const f = applyScan(form({ oldPassport: 'C7654321', oldPassportExpiry: '2030-01-01' }), 0, read);
    expect(f.applicants[0]).toMatchObject({ oldPassport: 'C1234567', oldPassportExpiry: '2027-02-23' });
    expect(scanDifference(f.applicants[0]!, 'oldPassport')).toBeNull();
    expect(matchesScan(f.applicants[0]!, 'oldPassport')).toBe(true);
  });

  it('keeps the name, birth date and sex the officer typed, and shows where the passport differs', () => {
    const typed = { nik: NIK, fullName: 'Andi  Wijaya', birthDate: '1988-03-21', sex: 'P' as const };
    const f = applyScan(form(typed), 0, read);
    const a = f.applicants[0]!;
    expect(a).toMatchObject(typed);
    // The same name in capitals and other spacing is no difference.
    expect(scanDifference(a, 'fullName')).toBeNull();
    expect(matchesScan(a, 'fullName')).toBe(true);
    expect(scanDifference(a, 'birthDate')).toBe('1988-03-12');
    expect(scanDifference(a, 'sex')).toBe('L');
    expect(scanDifference({ ...a, fullName: 'Andi Wijaya Kusuma' }, 'fullName')).toBe('ANDI WIJAYA');
  });

  it('"Pakai data paspor" takes the scanned value over, and the ticks of that applicant go', () => {
    let f = applyScan(form({ nik: NIK, birthDate: '1988-03-21' }), 0, read);
    f.acknowledged = ['applicants.0.oldPassportExpiry:passport_expires_soon'];
    f = useScanned(f, 0, 'birthDate');
    expect(f.applicants[0]!.birthDate).toBe('1988-03-12');
    expect(scanDifference(f.applicants[0]!, 'birthDate')).toBeNull();
    expect(f.acknowledged).toEqual([]);
  });

  it('a new scan asks for the warnings of that applicant to be looked at again', () => {
    const f = form({ nik: NIK });
    f.acknowledged = ['applicants.0.oldPassport:passport_not_indonesian', 'applicants.1.nik:historic_region'];
    expect(applyScan(f, 0, read).acknowledged).toEqual(['applicants.1.nik:historic_region']);
  });

  it('a passport with the sex unspecified leaves the sex alone and is never a difference there', () => {
    const unspecified = { ...read, sex: '' };
    const f = applyScan(form(), 0, unspecified);
    expect(f.applicants[0]!.sex).toBe('');
    expect(scanDifference({ ...f.applicants[0]!, sex: 'P' }, 'sex')).toBeNull();
    expect(useScanned(f, 0, 'sex')).toBe(f);
  });

  it('an emptied identity field is not a difference, an emptied passport field is', () => {
    const a = applyScan(form(), 0, read).applicants[0]!;
    expect(scanDifference({ ...a, birthDate: '' }, 'birthDate')).toBeNull();
    expect(scanDifference({ ...a, oldPassportExpiry: '' }, 'oldPassportExpiry')).toBe('2027-02-23');
    expect(scanDifference({ ...a, oldPassport: ' c1234567 ' }, 'oldPassport')).toBeNull();
    expect(scanDifference({ ...a, scanned: null }, 'oldPassport')).toBeNull();
  });

  it('a renewal switched back to a new passport sends neither the expiry nor the scan', () => {
    const f = applyScan(form(), 0, read);
    f.applicants[0]!.applicationType = 'baru';
    expect(toRequest(f, { override: false }).applicants[0]).toMatchObject({ oldPassport: '', oldPassportExpiry: '', scannedPassport: null });
  });
});
