// Pure helpers for the day detail panel: workflow labels, per-share figures, the cancelled list.
import type { AffectedBookingView, CalendarDay, Role, SessionQuotaView } from '$lib/ipc';

export const WORKFLOWS = ['not_set', 'draft', 'submitted', 'approved', 'open', 'closed'] as const;
export type Workflow = (typeof WORKFLOWS)[number];

/** The i18n key of a workflow state, or null for a state this UI does not know yet. */
export function workflowKey(workflow: string): `workflow.${Workflow}` | null {
  return (WORKFLOWS as readonly string[]).includes(workflow) ? (`workflow.${workflow}` as `workflow.${Workflow}`) : null;
}

export const SHARES = ['online', 'counter', 'priority'] as const;
export type Share = (typeof SHARES)[number];

export interface ShareRow {
  share: Share;
  capacity: number;
  booked: number;
  remaining: number;
}

/** One row per share (online, walk-in, priority); empty when the quota was approved without a split. */
export function shareRows(q: SessionQuotaView): ShareRow[] {
  const shares = q.shares;
  if (!shares) return [];
  return SHARES.map((share) => ({
    share,
    capacity: shares[share],
    booked: q.bookedShares[share],
    remaining: Math.max(0, shares[share] - q.bookedShares[share]),
  }));
}


/** A grey date whose reason names a holiday (not the weekend), which an admin may remove. */
export function isHoliday(day: CalendarDay): boolean {
  return day.colour === 'grey' && day.greyKind === 'holiday';
}

export type Action = 'close' | 'addHoliday' | 'removeHoliday';

/** What the signed-in role may do on this date (Rust checks the same rules). */
export function allowedActions(role: Role, day: CalendarDay): Action[] {
  if (role === 'kepala') return day.colour === 'grey' ? [] : ['close'];
  if (role === 'admin') return isHoliday(day) ? ['removeHoliday'] : ['addHoliday'];
  return [];
}

/** Bookings and applicants a closure cancels. */
export function totals(list: AffectedBookingView[]): { bookings: number; applicants: number } {
  return { bookings: list.length, applicants: list.reduce((sum, b) => sum + b.applicants, 0) };
}

/** The cancelled list as tab-separated text with a header line, for pasting into a spreadsheet. */
export function cancelledTsv(
  list: AffectedBookingView[],
  headers: [string, string, string, string],
  label: { session: (s: string) => string; channel: (c: string) => string },
): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  const lines = [headers.map(clean).join('\t')];
  for (const b of list) {
    lines.push([b.code, label.session(b.session), label.channel(b.channel), String(b.applicants)].map(clean).join('\t'));
  }
  return lines.join('\n');
}

/** "2026-11-24 09:00" as the date in words (via `formatDate`) and the time; other text unchanged. */
export function opensText(opensLocal: string, formatDate: (iso: string) => string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(opensLocal);
  return m?.[1] && m[2] ? `${formatDate(m[1])} ${m[2]}` : opensLocal;
}
