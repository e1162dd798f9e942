// Test data shaped like Rust's views, for the unit tests of this folder.
import type { ApplicantStatus, ApplicantView, BookingView } from '$lib/ipc';
import { APPLICANT } from '$lib/ipc/states';

export function applicant(position: number, status: ApplicantStatus, extra: Partial<ApplicantView> = {}): ApplicantView {
  return {
    id: `a${position}`,
    position,
    fullName: `Pemohon ${position}`,
    nik: `317401010190000${position}`,
    nikMasked: `3174••••••••000${position}`,
    relation: position === 1 ? 'pemohon' : 'anak',
    sex: 'L',
    birthDate: '1990-01-01',
    applicationType: 'baru',
    oldPassport: null,
    oldPassportExpiry: null,
    status,
    queueNumber: status === APPLICANT.arrived ? `A-${String(40 + position).padStart(3, '0')}` : null,
    arrivedAt: status === APPLICANT.arrived ? '08:1' + position : null,
    noShowReversal: null,
    ...extra,
  };
}

export function booking(code: string, statuses: ApplicantStatus[], extra: Partial<BookingView> = {}): BookingView {
  return {
    id: `b-${code}`,
    code,
    date: '2026-11-23',
    session: 'pagi',
    channel: 'online',
    category: 'reguler',
    priorityReason: null,
    status: 'active',
    cancelReason: null,
    kkNumber: '3174010101010001',
    applicants: statuses.map((s, i) => applicant(i + 1, s)),
    cancelDeadline: '2026-11-21',
    hasProof: true,
    ...extra,
  };
}
