// The walk-in draft: the whole form as JSON, stored by Rust per officer so a crash, a closed window
// or a trip to another screen loses nothing typed. The body is versioned; reading it back trusts
// nothing, since it may come from an older Loket or a damaged database row.
import {
  APPLICATION_TYPES,
  LIMITS,
  MAX_APPLICANTS,
  MEMBER_RELATIONS,
  PRIORITY_REASONS,
  SESSIONS,
  SEXES,
  type ApplicantForm,
  type WalkInForm,
} from './form';
import type { PassportRead } from '$lib/ipc';
import { formatDayMonthYear } from '$lib/format/date';

export const DRAFT_KIND = 'walk_in';
export const DRAFT_VERSION = 1;

export function draftBody(form: WalkInForm): string {
  return JSON.stringify({ v: DRAFT_VERSION, form });
}

export type DraftRead = { ok: true; form: WalkInForm } | { ok: false; reason: 'damaged' | 'version' };

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A text value, or '' for anything else: a missing or mistyped field costs that field only. */
function text(o: Json, key: string, max: number): string {
  const v = o[key];
  return typeof v === 'string' ? v.slice(0, max) : '';
}

function oneOf<T extends string>(o: Json, key: string, allowed: readonly T[], fallback: T): T {
  const v = o[key];
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

/** A region code of `digits` digits under `parent`; anything else is dropped, and with it the
 * levels below, since the pickers cannot show a code that is not in their lists. */
function regionCode(o: Json, key: string, digits: number, parent: string): string {
  const v = o[key];
  if (typeof v !== 'string' || !new RegExp(`^\\d{${digits}}$`).test(v)) return '';
  return v.startsWith(parent) ? v : '';
}

const READ_FIELDS = ['documentCode', 'number', 'surname', 'givenNames', 'fullName', 'nationality', 'birthDate', 'sex', 'expiryDate'] as const;

/** A stored scan, only if every field is text of a sane length; Rust checks its content again. */
function passportRead(v: unknown): PassportRead | null {
  if (!isObject(v)) return null;
  const out: Record<string, string> = {};
  for (const key of READ_FIELDS) {
    const x = v[key];
    if (typeof x !== 'string' || x.length > 100) return null;
    out[key] = x;
  }
  return out as unknown as PassportRead;
}

function applicant(o: Json, first: boolean): ApplicantForm {
  return {
    nik: text(o, 'nik', LIMITS.nik),
    fullName: text(o, 'fullName', LIMITS.fullName),
    relation: first ? '' : oneOf(o, 'relation', [...MEMBER_RELATIONS, ''], ''),
    sex: oneOf(o, 'sex', [...SEXES, ''], ''),
    birthDate: text(o, 'birthDate', LIMITS.date),
    applicationType: oneOf(o, 'applicationType', APPLICATION_TYPES, 'baru'),
    oldPassport: text(o, 'oldPassport', LIMITS.oldPassport),
    oldPassportExpiry: text(o, 'oldPassportExpiry', LIMITS.date),
    scanned: passportRead(o.scanned),
    hintedNik: text(o, 'hintedNik', LIMITS.nik),
  };
}

/**
 * The form stored in `body`. Structure it cannot do without (JSON, the version, 1–5 applicant
 * objects) makes the draft unreadable; a single odd value is reset to its default instead, so one
 * bad field does not throw away everything else the officer typed.
 */
export function readDraft(body: string): DraftRead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'damaged' };
  }
  if (!isObject(parsed)) return { ok: false, reason: 'damaged' };
  if (parsed.v !== DRAFT_VERSION) return { ok: false, reason: typeof parsed.v === 'number' ? 'version' : 'damaged' };
  const f = parsed.form;
  if (!isObject(f)) return { ok: false, reason: 'damaged' };
  const list = f.applicants;
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_APPLICANTS || !list.every(isObject)) {
    return { ok: false, reason: 'damaged' };
  }
  const acknowledged = Array.isArray(f.acknowledged) ? f.acknowledged.filter((k): k is string => typeof k === 'string') : [];
  const priority = oneOf(f, 'priority', [...PRIORITY_REASONS, ''], '');
  const provinsi = regionCode(f, 'provinsi', 2, '');
  const kabkota = provinsi ? regionCode(f, 'kabkota', 4, provinsi) : '';
  const kecamatan = kabkota ? regionCode(f, 'kecamatan', 6, kabkota) : '';
  return {
    ok: true,
    form: {
      date: text(f, 'date', LIMITS.date),
      session: oneOf(f, 'session', SESSIONS, 'pagi'),
      kkNumber: text(f, 'kkNumber', LIMITS.kk),
      provinsi,
      kabkota,
      kecamatan,
      addressLine: text(f, 'addressLine', LIMITS.addressLine),
      applicants: (list as Json[]).map((a, i) => applicant(a, i === 0)),
      priority,
      priorityChosen: f.priorityChosen === true,
      acknowledged,
      overrideReason: text(f, 'overrideReason', LIMITS.overrideReason),
    },
  };
}

/**
 * When the draft was saved, from Rust's office-local `YYYY-MM-DD HH:MM`: the time, and the date
 * (as `DD/MM/YYYY`) only when it was not today.
 */
export function draftStamp(updatedAt: string, today: string): { time: string; date: string | null } {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/.exec(updatedAt.trim());
  if (!m) return { time: updatedAt, date: null };
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  return { time: `${m[4]}:${m[5]}`, date: day === today ? null : formatDayMonthYear(day) };
}
