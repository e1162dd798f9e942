// The states and kinds Rust sends, by name. Each object must list exactly the members of its
// generated union (a state renamed or added in Rust fails the type check here), so the screens
// compare with `BOOKING.cancelled` instead of a string they could misspell.
import type {
  ApplicantStatus,
  ApplicationType,
  BookingStatus,
  Category,
  Decision,
  ProposalStatus,
  Severity,
} from './bindings';

type Names<T extends string> = { readonly [K in T]: K };

export const BOOKING: Names<BookingStatus> = { active: 'active', cancelled: 'cancelled' };
export const APPLICANT: Names<ApplicantStatus> = {
  expected: 'expected',
  arrived: 'arrived',
  no_show: 'no_show',
  cancelled: 'cancelled',
};
export const APPLICATION: Names<ApplicationType> = { baru: 'baru', penggantian: 'penggantian' };
export const CATEGORY: Names<Category> = { reguler: 'reguler', prioritas: 'prioritas' };
export const PROPOSAL: Names<ProposalStatus> = { draft: 'draft', submitted: 'submitted', decided: 'decided' };
export const DECISION: Names<Decision> = { pending: 'pending', approved: 'approved', rejected: 'rejected' };
export const SEVERITY: Names<Severity> = { error: 'error', warning: 'warning' };
