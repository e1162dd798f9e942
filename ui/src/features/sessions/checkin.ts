// The check-in dialog's rules, apart from its markup: who is pre-chosen, what the keys do, and what
// the result says. The dialog is driven by the keyboard alone: 1–5, A, Enter, Esc, and P to scan the
// old passport of a renewal (penggantian).
import type { ApplicantView, BookingView } from '$lib/ipc';
import { APPLICANT, APPLICATION } from '$lib/ipc/states';

/** Everyone still expected: the usual case is the whole family at the counter. */
export function expectedIds(b: BookingView): string[] {
  return b.applicants.filter((a) => a.status === APPLICANT.expected).map((a) => a.id);
}

/** The applicant at `position` toggled in or out; anyone not expected cannot be chosen. */
export function toggle(b: BookingView, chosen: readonly string[], position: number): string[] {
  const a = b.applicants.find((x) => x.position === position);
  if (!a || a.status !== APPLICANT.expected) return [...chosen];
  return chosen.includes(a.id) ? chosen.filter((id) => id !== a.id) : [...chosen, a.id];
}

export type Hotkey = { kind: 'toggle'; position: number } | { kind: 'all' } | { kind: 'confirm' } | { kind: 'passport' };

/** What a key does in the choosing step; null leaves it to the focused control. */
export function hotkey(e: { key: string; ctrlKey?: boolean; altKey?: boolean; metaKey?: boolean }): Hotkey | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  if (/^[1-5]$/.test(e.key)) return { kind: 'toggle', position: Number(e.key) };
  if (e.key === 'a' || e.key === 'A') return { kind: 'all' };
  if (e.key === 'p' || e.key === 'P') return { kind: 'passport' };
  if (e.key === 'Enter') return { kind: 'confirm' };
  return null;
}

/** Whether nobody is left to check in (a repeated scan): arrived, no-show or cancelled already. */
export function nobodyExpected(b: BookingView): boolean {
  return b.applicants.every((a) => a.status !== APPLICANT.expected);
}

export function allArrived(b: BookingView): boolean {
  return b.applicants.every((a) => a.status === APPLICANT.arrived);
}

/** Applicants given a number just now: Rust lists the new numbers in applicant order. */
export function newlyNumbered(b: BookingView, numbers: readonly string[]): Set<string> {
  const fresh = new Set(numbers);
  return new Set(b.applicants.filter((a) => a.queueNumber !== null && fresh.has(a.queueNumber)).map((a) => a.id));
}

/** "A-041, A-042" for the announcement after saving. */
export function numbersText(numbers: readonly string[]): string {
  return numbers.join(', ');
}

export function byPosition(applicants: readonly ApplicantView[]): ApplicantView[] {
  return [...applicants].sort((a, b) => a.position - b.position);
}

/** The applicants renewing a passport (penggantian), in position order: they hand in an old one. */
export function renewals(b: BookingView): ApplicantView[] {
  return byPosition(b.applicants.filter((a) => a.applicationType === APPLICATION.penggantian && a.status !== APPLICANT.cancelled));
}

/** Whose old passport "P" scans: the first renewal not scanned yet (no expiry recorded), else the
 * first renewal, so P then Enter goes through a family one passport at a time. */
export function nextToScan(b: BookingView): ApplicantView | null {
  const list = renewals(b);
  return list.find((a) => !a.oldPassportExpiry) ?? list[0] ?? null;
}
