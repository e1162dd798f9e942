import type { SessionSummary } from '$lib/ipc';

/** Share of the booked applicants who have arrived, 0–100, whole numbers. */
export function arrivedPercent(s: Pick<SessionSummary, 'arrived' | 'booked'>): number {
  if (s.booked <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((s.arrived / s.booked) * 100)));
}
