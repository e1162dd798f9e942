// A proposal's days as the list shows them (one line per date, both sessions) and a draft turned
// back into the form for editing.
import type { Key } from '$lib/i18n/index.svelte';
import type { ProposalDayView } from '$lib/ipc';
import { parseIsoDate } from '$lib/format/date';
import { defaultForm, type ProposalForm, type SessionForm } from './logic';
import { DECISION } from '$lib/ipc/states';

export interface DateLine {
  date: string;
  pagi: ProposalDayView | null;
  siang: ProposalDayView | null;
  includeReason: string | null;
  /** Some session of this date still waits for the head's decision. */
  pending: boolean;
}

/** The days grouped by date, in date order. */
export function dateLines(days: ProposalDayView[]): DateLine[] {
  const byDate = new Map<string, DateLine>();
  for (const d of days) {
    let line = byDate.get(d.date);
    if (!line) {
      line = { date: d.date, pagi: null, siang: null, includeReason: null, pending: false };
      byDate.set(d.date, line);
    }
    line[d.session] = d;
    line.includeReason ??= d.includeReason;
    if (d.decision === DECISION.pending) line.pending = true;
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const DECISIONS: Record<string, Key> = {
  pending: 'proposals.decision.pending',
  approved: 'proposals.decision.approved',
  rejected: 'proposals.decision.rejected',
};

/** The label key of a decision, or null for one this UI does not know. */
export function decisionKey(decision: string): Key | null {
  return DECISIONS[decision] ?? null;
}

/** Monday = 0 … Sunday = 6. */
export function weekdayOf(iso: string): number {
  const { year, month, day } = parseIsoDate(iso);
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

/**
 * A draft back in the form: from its first to its last date, the weekdays its dates fall on, and
 * each session's split from the first day that has it (a session with no day is left out).
 * Dates added with a reason come back as included dates.
 */
export function formFromDays(days: ProposalDayView[]): ProposalForm {
  const form = defaultForm();
  const lines = dateLines(days);
  if (!lines.length) return form;
  form.from = lines[0]!.date;
  form.to = lines[lines.length - 1]!.date;
  const regular = lines.filter((l) => !l.includeReason);
  form.weekdays = [0, 1, 2, 3, 4, 5, 6].map((w) => regular.some((l) => weekdayOf(l.date) === w));
  if (!form.weekdays.some(Boolean)) form.weekdays = defaultForm().weekdays;
  for (const s of ['pagi', 'siang'] as const) {
    const first = days.find((d) => d.session === s);
    const session: SessionForm = first
      ? { on: true, online: first.online, counter: first.counter, priority: first.priority }
      : { ...form[s], on: false };
    form[s] = session;
  }
  form.include = lines.filter((l) => l.includeReason).map((l) => ({ date: l.date, reason: l.includeReason ?? '' }));
  return form;
}
