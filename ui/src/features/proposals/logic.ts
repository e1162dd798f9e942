// The pure part of the quota-proposal screen: the form's defaults and checks (the same rules Rust
// enforces, shown next to the fields), the input sent to Rust, and how a proposal is labelled.
import type { Key } from '$lib/i18n/index.svelte';
import type { Locale } from '$lib/i18n/translate';
import type { IncludedDate, ProposalInput, SessionKind, SplitInput } from '$lib/ipc';
import { formatShortDate, parseIsoDate } from '$lib/format/date';

export const SESSIONS: SessionKind[] = ['pagi', 'siang'];

export type SessionForm = SplitInput & { on: boolean };
export interface ProposalForm {
  from: string;
  to: string;
  /** Monday first, as Rust expects. */
  weekdays: boolean[];
  pagi: SessionForm;
  siang: SessionForm;
  /** Dates outside the weekdays (or otherwise not worked) proposed anyway, each with its reason. */
  include: IncludedDate[];
}
export type ProposalField = 'from' | 'to' | 'weekdays' | 'sessions' | SessionKind;
export type ProposalErrors = Partial<Record<ProposalField, Key>>;

export function defaultForm(): ProposalForm {
  return {
    from: '',
    to: '',
    weekdays: [true, true, true, true, true, false, false],
    pagi: { on: true, online: 80, counter: 15, priority: 5 },
    siang: { on: true, online: 80, counter: 15, priority: 5 },
    include: [],
  };
}

/** A whole number of places, 0 or more. An emptied number field arrives as null or ''. */
export function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

/** The session's capacity; a field not (yet) holding a valid count adds nothing. */
export function splitTotal(split: SplitInput): number {
  return [split.online, split.counter, split.priority].reduce((sum, n) => sum + (isCount(n) ? n : 0), 0);
}

export function isIsoDate(text: string): boolean {
  try {
    parseIsoDate(text.trim());
    return true;
  } catch {
    return false;
  }
}

export function checkProposal(form: ProposalForm): ProposalErrors {
  const errors: ProposalErrors = {};
  const from = form.from.trim();
  const to = form.to.trim();
  if (!from) errors.from = 'validation.required';
  else if (!isIsoDate(from)) errors.from = 'validation.date';
  if (!to) errors.to = 'validation.required';
  else if (!isIsoDate(to)) errors.to = 'validation.date';
  // ISO dates sort as text.
  if (!errors.from && !errors.to && to < from) errors.to = 'validation.dateOrder';
  if (!form.weekdays.some(Boolean)) errors.weekdays = 'validation.weekdays';
  if (!SESSIONS.some((s) => form[s].on)) errors.sessions = 'validation.sessions';
  for (const s of SESSIONS) {
    const split = form[s];
    if (!split.on) continue;
    if (![split.online, split.counter, split.priority].every(isCount)) errors[s] = 'validation.split';
    else if (splitTotal(split) === 0) errors[s] = 'validation.splitEmpty';
  }
  return errors;
}

function split(session: SessionForm): SplitInput | null {
  return session.on ? { online: session.online, counter: session.counter, priority: session.priority } : null;
}

export function toInput(form: ProposalForm): ProposalInput {
  return {
    from: form.from.trim(),
    to: form.to.trim(),
    weekdays: [...form.weekdays],
    pagi: split(form.pagi),
    siang: split(form.siang),
    include: form.include.map((i) => ({ date: i.date.trim(), reason: i.reason.trim() })),
  };
}

export function checkRejectReason(reason: string): Key | undefined {
  return reason.trim() ? undefined : 'validation.rejectReason';
}

const STATUS: Record<string, { key: Key; pill: string }> = {
  draft: { key: 'proposals.status.draft', pill: 'off' },
  submitted: { key: 'proposals.status.submitted', pill: 'warn' },
  decided: { key: 'proposals.status.decided', pill: 'on' },
};

/** The label key and pill colour of a status; null for one this UI does not know. */
export function statusLook(status: string): { key: Key; pill: string } | null {
  return STATUS[status] ?? null;
}

/** "1 Des 2026 – 31 Des 2026", or one date when the range is a single day. */
export function formatRange(first: string, last: string, locale: Locale): string {
  const show = (iso: string) => (isIsoDate(iso) ? formatShortDate(iso, locale) : iso);
  return first === last ? show(first) : `${show(first)} – ${show(last)}`;
}

export type IncludeErrors = Partial<Record<'date' | 'reason', Key>>;

/** One extra date to add: a real `YYYY-MM-DD` date, not yet listed, and a reason. */
export function checkInclude(date: string, reason: string, listed: IncludedDate[]): IncludeErrors {
  const errors: IncludeErrors = {};
  const d = date.trim();
  if (!d) errors.date = 'validation.required';
  else if (!isIsoDate(d)) errors.date = 'validation.date';
  else if (listed.some((i) => i.date === d)) errors.date = 'validation.includeTwice';
  if (!reason.trim()) errors.reason = 'validation.includeReason';
  return errors;
}
