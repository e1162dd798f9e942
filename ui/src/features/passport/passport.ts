// "Pindai Paspor", apart from its markup: what the scanning panel tells the officer, when a read is
// new, and how a read and its flags are shown. Rust reads the zone and judges the flags; this module
// only decides how that is presented.
import type { CameraSnapshot, PassportFlag, PassportRead } from '$lib/ipc';
import { formatDayMonthYear } from '$lib/format/date';

/** What the officer should do now. */
export type ScanHint = 'waiting' | 'aim' | 'hold' | 'problem';

/**
 * From the newest snapshot: nothing from the camera yet, no zone in view ("aim the data page"), a
 * zone in view that frames still have to agree on ("hold still"), or the last accepted zone is not
 * a usable passport (an ID card, say).
 */
export function scanHint(s: CameraSnapshot | null): ScanHint {
  if (!s || s.frames === 0) return 'waiting';
  if (s.progress?.zoneInView || (s.progress?.agreeing ?? 0) > 0) return 'hold';
  if (s.passportProblem) return 'problem';
  return 'aim';
}

/** The passport a snapshot accepted since `seen` accepted ones, or null: each read is taken once. */
export function newRead(s: CameraSnapshot, seen: number): PassportRead | null {
  return s.kind === 'passport' && s.passportCount > seen && s.passport ? s.passport : null;
}

/** `YYYY-MM-DD` day first, `DD/MM/YYYY`, as every date field shows it; anything else as it is. */
export const displayDate = formatDayMonthYear;

/** The flags the officer has not acknowledged yet (by kind). */
export function openFlags(flags: readonly PassportFlag[], acknowledged: readonly string[]): PassportFlag[] {
  return flags.filter((f) => !acknowledged.includes(f.kind));
}

/** Ticks a flag's kind on or off. */
export function setFlag(acknowledged: readonly string[], kind: string, on: boolean): string[] {
  const rest = acknowledged.filter((k) => k !== kind);
  return on ? [...rest, kind] : rest;
}

/**
 * Names compared as an officer reads them: case, spacing and punctuation make no difference. An
 * MRZ drops apostrophes (O'NEIL → ONEIL) and prints hyphens as spaces, so the typed name is
 * compared the same way.
 */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .toUpperCase()
      .replace(/['’`]/g, '')
      .replace(/[^\p{L}]+/gu, ' ')
      .trim();
  return norm(a) === norm(b);
}
