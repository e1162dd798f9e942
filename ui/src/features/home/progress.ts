import type { HomeToday, SessionSummary } from '$lib/ipc';

/** Share of the booked applicants who have arrived, 0–100, whole numbers. */
export function arrivedPercent(s: Pick<SessionSummary, 'arrived' | 'booked'>): number {
  if (s.booked <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((s.arrived / s.booked) * 100)));
}

/** The office-local time the session cards are judged by ("Sedang dilayani" only between a
 * session's start and end); none on a day the office does not serve. */
export function servingTime(today: Pick<HomeToday, 'nowLocal' | 'colour'>): string | null {
  return today.colour === 'grey' ? null : today.nowLocal;
}
