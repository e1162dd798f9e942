// A renewal's old passport in the walk-in form: what "Pindai Paspor" fills in, what it only points
// out, and "Pakai data paspor". The scan is the source of truth for the passport's own data (number,
// expiry); for the applicant's identity (name, birth date, sex) it fills empty fields only, since
// the officer typed those from the e-KTP: a difference is shown next to the field, one click away
// from being taken over, and Rust flags it for acknowledgement.
import type { PassportRead } from '$lib/ipc';
import { sameName } from '../passport/passport';
import { forgetAcknowledged, type ApplicantForm, type Sex, type WalkInForm } from './form';

/** The applicant fields a scan speaks to. */
export const SCAN_FIELDS = ['fullName', 'birthDate', 'sex', 'oldPassport', 'oldPassportExpiry'] as const;
export type ScanField = (typeof SCAN_FIELDS)[number];

function passportSex(read: PassportRead): Sex {
  return read.sex === 'L' || read.sex === 'P' ? read.sex : '';
}

/** What the scan says for `field`, in the form's own terms ('' when it says nothing). */
export function scannedValue(read: PassportRead, field: ScanField): string {
  switch (field) {
    case 'fullName':
      return read.fullName;
    case 'birthDate':
      return read.birthDate;
    case 'sex':
      return passportSex(read);
    case 'oldPassport':
      return read.number;
    case 'oldPassportExpiry':
      return read.expiryDate;
  }
}

function same(field: ScanField, typed: string, scanned: string): boolean {
  if (field === 'fullName') return sameName(typed, scanned);
  if (field === 'oldPassport') return typed.replace(/\s+/g, '').toUpperCase() === scanned;
  return typed.trim() === scanned;
}

/**
 * Takes a scan into applicant `i`: the passport's number and expiry always, name, birth date and
 * sex where the field is still empty; the applicant becomes a renewal. Acknowledgements of this
 * applicant are dropped, since there is new data to look at.
 */
export function applyScan(form: WalkInForm, i: number, read: PassportRead): WalkInForm {
  const a = form.applicants[i];
  if (!a) return form;
  const next: ApplicantForm = {
    ...a,
    applicationType: 'penggantian',
    oldPassport: read.number,
    oldPassportExpiry: read.expiryDate,
    scanned: read,
  };
  if (a.fullName.trim() === '') next.fullName = read.fullName;
  if (a.birthDate.trim() === '') next.birthDate = read.birthDate;
  if (a.sex === '') next.sex = passportSex(read);
  const applicants = form.applicants.map((x, j) => (j === i ? next : x));
  return forgetAcknowledged({ ...form, applicants }, i, 'oldPassport');
}

/**
 * The scanned value of `field` when the form holds something else, to show next to the field; null
 * when there is no scan, the scan says nothing there, or the two agree. An identity field left
 * empty is not a difference (the officer emptied it); a passport field left empty is.
 */
export function scanDifference(a: ApplicantForm, field: ScanField): string | null {
  if (!a.scanned) return null;
  const scanned = scannedValue(a.scanned, field);
  const typed = a[field];
  if (scanned === '') return null;
  const identity = field === 'fullName' || field === 'birthDate' || field === 'sex';
  if (identity && typed.trim() === '') return null;
  return same(field, typed, scanned) ? null : scanned;
}

/** Whether `field` holds exactly what the scan read (for the quiet "as on the passport" note). */
export function matchesScan(a: ApplicantForm, field: ScanField): boolean {
  if (!a.scanned) return false;
  const scanned = scannedValue(a.scanned, field);
  return scanned !== '' && same(field, a[field], scanned);
}

/** "Pakai data paspor": the scanned value of `field` replaces what applicant `i` holds. */
export function useScanned(form: WalkInForm, i: number, field: ScanField): WalkInForm {
  const a = form.applicants[i];
  if (!a?.scanned) return form;
  const value = scannedValue(a.scanned, field);
  if (value === '') return form;
  const applicants = form.applicants.map((x, j) => (j === i ? { ...x, [field]: value } : x));
  return forgetAcknowledged({ ...form, applicants }, i, field);
}
