import type { idPassport } from './id-passport';

// English for the strings in `id-passport.ts`; TypeScript refuses a missing or extra key.
export const enPassport: Record<keyof typeof idPassport, string> = {
  'passport.scan.titleFor': 'Scan Passport — Applicant {n}',
  'passport.scan.preview': 'Camera preview',
  'passport.scan.starting': 'Opening the camera…',
  'passport.scan.waiting': 'Waiting for a picture from the camera…',
  'passport.scan.unavailable': 'Camera unavailable',
  'passport.scan.aim': "Hold the passport's data page up to the camera: the two lines of code at the bottom of the page (MRZ) must be whole and sharp.",
  'passport.scan.hold': 'MRZ read, hold still…',
  'passport.scan.progress': '{frames} frames read · MRZ seen in {zone} frames · {agreeing} of {needed} consecutive reads agree',
  'passport.scan.source': 'Source: {source}',
  'passport.scan.failed': 'The camera cannot be used to scan the passport: {message}',
  'passport.scan.stopped': 'The camera stopped. Press “Try again” to open it again.',
  'passport.scan.manual': "Without a camera, the old passport's data can be typed in by hand.",
  'passport.scan.retry': 'Try again',
  'passport.name': 'Name on the passport',
  'passport.number': 'Passport number',
  'passport.nationality': 'Nationality',
  'passport.birth': 'Date of birth',
  'passport.sex': 'Sex',
  'passport.expiry': 'Valid until',
  'passport.sex.L': 'Male',
  'passport.sex.P': 'Female',
  'passport.sex.unspecified': 'Not stated',
  'passport.ack': 'Checked against the documents',
};
