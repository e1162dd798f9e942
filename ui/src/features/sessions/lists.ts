// The pure part of "Sesi Hari Ini": which bookings a filter shows, moving a day, and which i18n key
// names each backend value. Kept free of components so it is unit-tested and cheap per row.
import type { Key } from '$lib/i18n/index.svelte';
import type { ApplicantStatus, BookingView, DayLists, SessionKind, SessionList, StatusCounts } from '$lib/ipc';
import { shiftIsoDate } from '$lib/format/date';
import { APPLICANT, BOOKING } from '$lib/ipc/states';

export type StatusFilter = 'all' | ApplicantStatus;
export const STATUS_FILTERS: StatusFilter[] = ['all', ...(Object.values(APPLICANT) as ApplicantStatus[])];
export const SESSIONS: SessionKind[] = ['pagi', 'siang'];

export function isStatusFilter(value: string): value is StatusFilter {
  return (STATUS_FILTERS as string[]).includes(value);
}

/** The bookings with at least one applicant in `status`, in their order; one pass, no copies for "all". */
export function filterBookings(bookings: BookingView[], status: StatusFilter): BookingView[] {
  if (status === 'all') return bookings;
  const out: BookingView[] = [];
  for (const b of bookings) {
    for (const a of b.applicants) {
      if (a.status === status) {
        out.push(b);
        break;
      }
    }
  }
  return out;
}

/** How many applicants a filter option stands for, from the counts Rust already made. */
export function countFor(counts: StatusCounts, status: StatusFilter): number {
  switch (status) {
    case 'all':
      return counts.applicants;
    case APPLICANT.expected:
      return counts.expected;
    case APPLICANT.arrived:
      return counts.arrived;
    case APPLICANT.no_show:
      return counts.noShow;
    case APPLICANT.cancelled:
      return counts.cancelled;
  }
}

/** `iso` moved by whole days, across months and years. */
export const shiftDate = shiftIsoDate;

/** The office's clock as Rust reports it (`homeToday`): its date and its `HH:MM`. */
export interface OfficeClock {
  date: string;
  time: string;
}

/**
 * The office-local time the session tabs are judged by: only while the lists shown are of the
 * office's today and the office serves that day; null otherwise (no tab is then "being served").
 */
export function servingTime(lists: Pick<DayLists, 'date' | 'today' | 'closedReason'>, clock: OfficeClock | null): string | null {
  if (!clock || lists.closedReason !== null || lists.date !== lists.today || clock.date !== lists.today) return null;
  return clock.time;
}

/** The session tab to show first: the one being served today, else the morning. */
export function defaultSession(lists: { date: string; today: string; openSession: SessionKind | null }): SessionKind {
  return lists.date === lists.today && lists.openSession ? lists.openSession : 'pagi';
}

export function sessionOf(sessions: SessionList[], kind: SessionKind): SessionList | undefined {
  return sessions.find((s) => s.session === kind);
}

/** Whether the officer can record arrivals for this booking from the list now. */
export function canCheckIn(b: BookingView, today: string): boolean {
  return b.status === BOOKING.active && b.date === today && b.applicants.some((a) => a.status === APPLICANT.expected);
}

/** Whether "Batalkan" makes sense: active and not in the past (Rust refuses past dates). */
export function canCancel(b: BookingView, today: string): boolean {
  return b.status === BOOKING.active && b.date >= today;
}

const STATUS: Record<string, Key> = {
  expected: 'sessions.status.expected',
  arrived: 'sessions.status.arrived',
  no_show: 'sessions.status.no_show',
  cancelled: 'sessions.status.cancelled',
};
const RELATION: Record<string, Key> = {
  pemohon: 'sessions.relation.pemohon',
  suami_istri: 'sessions.relation.suami_istri',
  anak: 'sessions.relation.anak',
  ayah_ibu: 'sessions.relation.ayah_ibu',
};
const TYPE: Record<string, Key> = { baru: 'sessions.type.baru', penggantian: 'sessions.type.penggantian' };
const CHANNEL: Record<string, Key> = { online: 'sessions.channel.online', loket: 'sessions.channel.loket' };
const PRIORITY: Record<string, Key> = {
  lansia: 'sessions.priority.lansia',
  balita: 'sessions.priority.balita',
  disabilitas: 'sessions.priority.disabilitas',
  ibu_hamil: 'sessions.priority.ibu_hamil',
};
const SESSION: Record<SessionKind, Key> = { pagi: 'home.session.pagi', siang: 'home.session.siang' };

// A value Rust adds later has no key yet: the caller shows the raw value rather than nothing.
export const statusKey = (status: string): Key | null => STATUS[status] ?? null;
export const relationKey = (relation: string): Key | null => RELATION[relation] ?? null;
export const typeKey = (type: string): Key | null => TYPE[type] ?? null;
export const channelKey = (channel: string): Key | null => CHANNEL[channel] ?? null;
export const priorityKey = (reason: string): Key | null => PRIORITY[reason] ?? null;
export const sessionKey = (session: SessionKind): Key => SESSION[session];
export const filterKey = (f: StatusFilter): Key => (f === 'all' ? 'sessions.filter.all' : STATUS[f]!);
