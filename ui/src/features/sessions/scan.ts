// What the officer (or scanner, or camera) handed in, before anything asks Rust.
import type { BookingView, SessionKind } from '$lib/ipc';
import { BOOKING } from '$lib/ipc/states';

/** Text from the scan field: a proof payload, a booking code typed by hand, or nothing. */
export type ScanInput = { kind: 'proof'; text: string } | { kind: 'code'; code: string } | { kind: 'empty' };

export function classifyScan(raw: string): ScanInput {
  const text = raw.trim();
  if (!text) return { kind: 'empty' };
  // Case-insensitive: a scanner with Caps Lock on types "lkt1.…"; Rust then names the problem
  // instead of a misleading "no booking with that code".
  if (text.slice(0, 3).toUpperCase() === 'LKT') return { kind: 'proof', text };
  return { kind: 'code', code: text.toUpperCase() };
}

/**
 * The booking code inside a proof payload (`LKT1.<office>.<code>.…`), only to recognise a repeated
 * scan of the booking already on screen. Rust alone decides whether the proof is genuine.
 */
export function proofCode(text: string): string | null {
  const fields = text.trim().split('.');
  if (fields.length < 3 || fields[0]?.slice(0, 3).toUpperCase() !== 'LKT') return null;
  return fields[2] || null;
}

/**
 * The webcam reads the same QR many times a second while the proof is held up. A text is handed on
 * once, and again only after it was out of sight for `windowMs`: every sighting restarts the wait,
 * so a proof left lying in front of the camera is not submitted over and over.
 */
export function createRepeatGuard(windowMs = 3000) {
  const seen = new Map<string, number>();
  return {
    /** True when `text`, read at `now` (ms), should be submitted. */
    accept(text: string, now: number): boolean {
      const before = seen.get(text);
      // Forget old texts so a day of scanning does not pile up.
      for (const [t, at] of seen) if (now - at >= windowMs) seen.delete(t);
      seen.set(text, now);
      return before === undefined || now - before >= windowMs;
    },
    clear() {
      seen.clear();
    },
  };
}

/** Why a booking found by a typed code cannot be checked in here, as an i18n key and its values. */
export type ManualProblem =
  | { key: 'sessions.scan.cancelledBooking'; code: string }
  | { key: 'sessions.scan.otherDate'; code: string; date: string }
  | { key: 'sessions.scan.otherSession'; code: string; booked: SessionKind; open: SessionKind };

/**
 * The checks a proof gets in Rust (cancelled, today, the session being served), applied to a
 * booking opened by its typed code, so the manual fallback is no back door. `today` may be unknown
 * (empty) before the first list arrives; Rust still refuses another date when saving.
 */
export function manualProblem(
  b: Pick<BookingView, 'code' | 'status' | 'date' | 'session'>,
  today: string,
  serving: SessionKind,
): ManualProblem | null {
  if (b.status === BOOKING.cancelled) return { key: 'sessions.scan.cancelledBooking', code: b.code };
  if (today && b.date !== today) return { key: 'sessions.scan.otherDate', code: b.code, date: b.date };
  if (b.session !== serving) return { key: 'sessions.scan.otherSession', code: b.code, booked: b.session, open: serving };
  return null;
}
