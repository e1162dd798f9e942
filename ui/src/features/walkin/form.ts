// The pure part of the walk-in form: its state, the request sent to Rust, where each backend issue
// is shown and when, the NIK hints and the priority suggestion, and adding or removing applicants.
// Rust judges every rule (`checkWalkIn`); this module only decides how the judgement is presented.
import type { FieldIssue, PassportRead, PriorityReason, Relation, SessionKind, WalkInApplicant, WalkInCheck, WalkInRequest } from '$lib/ipc';
import { APPLICATION, SEVERITY } from '$lib/ipc/states';

export const MAX_APPLICANTS = 5;
export const NIK_LENGTH = 16;
export const SESSIONS: SessionKind[] = ['pagi', 'siang'];
export const PRIORITY_REASONS: PriorityReason[] = ['lansia', 'balita', 'disabilitas', 'ibu_hamil'];
/** Relations an applicant after the first may have; the first is always the principal. */
export const MEMBER_RELATIONS = ['suami_istri', 'anak', 'ayah_ibu'] as const satisfies readonly Relation[];
export const SEXES = ['L', 'P'] as const;
export const APPLICATION_TYPES = ['baru', 'penggantian'] as const;
/** Input lengths (`maxlength`), generous beyond the rules (spaces in a NIK, a long name Rust then
 * reports); a draft read back is cut to the same, so a damaged one cannot flood the form. */
export const LIMITS = { nik: 40, kk: 40, fullName: 200, oldPassport: 40, addressLine: 500, overrideReason: 500, date: 20 } as const;

export type MemberRelation = (typeof MEMBER_RELATIONS)[number];
export type Sex = (typeof SEXES)[number] | '';
export type ApplicationType = (typeof APPLICATION_TYPES)[number];

/** The per-applicant inputs of the form; names follow `WalkInApplicant` so issue fields map 1:1. */
export const APPLICANT_FIELDS = ['nik', 'fullName', 'relation', 'sex', 'birthDate', 'applicationType', 'oldPassport', 'oldPassportExpiry'] as const;
/** Fields only a renewal (penggantian) has. */
const RENEWAL_FIELDS: ReadonlySet<string> = new Set(['oldPassport', 'oldPassportExpiry']);
export type ApplicantField = (typeof APPLICANT_FIELDS)[number];

export interface ApplicantForm {
  nik: string;
  fullName: string;
  /** Empty until chosen; never set on the first applicant. */
  relation: MemberRelation | '';
  sex: Sex;
  birthDate: string;
  applicationType: ApplicationType;
  /** Kept while the type is `baru` too, so switching back and forth loses nothing typed. */
  oldPassport: string;
  /** `YYYY-MM-DD` or empty: the old passport's last valid day, scanned or typed. */
  oldPassportExpiry: string;
  /** The old passport as "Pindai Paspor" read it; Rust judges it against the NIK. */
  scanned: PassportRead | null;
  /** The NIK whose hints (birth date, sex) were already offered, so a value the officer cleared on
   * purpose is not filled in again; a different NIK gets its hints. */
  hintedNik: string;
}

export interface WalkInForm {
  date: string;
  session: SessionKind;
  kkNumber: string;
  provinsi: string;
  kabkota: string;
  /** The 6-digit kecamatan code Rust needs; the two above only drive the pickers. */
  kecamatan: string;
  addressLine: string;
  applicants: ApplicantForm[];
  /** '' = reguler. Mirrors Rust's suggestion until the officer picks one (`priorityChosen`). */
  priority: PriorityReason | '';
  priorityChosen: boolean;
  /** Keys of the warnings the officer has matched against the documents. */
  acknowledged: string[];
  /** Only for the kepala kantor, only sent while the chosen session is full. */
  overrideReason: string;
}

export interface Slot {
  date: string;
  session: SessionKind;
}

export function emptyApplicant(): ApplicantForm {
  return {
    nik: '',
    fullName: '',
    relation: '',
    sex: '',
    birthDate: '',
    applicationType: 'baru',
    oldPassport: '',
    oldPassportExpiry: '',
    scanned: null,
    hintedNik: '',
  };
}

export function emptyForm(slot: Slot): WalkInForm {
  return {
    date: slot.date,
    session: slot.session,
    kkNumber: '',
    provinsi: '',
    kabkota: '',
    kecamatan: '',
    addressLine: '',
    applicants: [emptyApplicant()],
    priority: '',
    priorityChosen: false,
    acknowledged: [],
    overrideReason: '',
  };
}

/**
 * The slot a form starts on when Rust cannot propose one: the office's today (as Rust reported it;
 * '' when that is unknown too, and the officer types the date), pagi.
 */
export function fallbackSlot(officeToday: string): Slot {
  return { date: officeToday, session: 'pagi' };
}

/** Nothing typed yet: such a form is not worth a draft (and a stored draft of it is dropped). */
export function isBlank(form: WalkInForm): boolean {
  const header = [form.kkNumber, form.provinsi, form.kabkota, form.kecamatan, form.addressLine, form.overrideReason];
  if (header.some((v) => v.trim() !== '') || form.priorityChosen || form.applicants.length > 1) return false;
  return form.applicants.every((a) => !applicantHasContent(a));
}

/** Digits typed into a NIK or KK field; Rust ignores the spaces, dots and dashes people type. */
export function digitCount(text: string): number {
  return (text.match(/\d/g) ?? []).length;
}

export interface RequestOptions {
  /** Send the override reason: only the kepala sees it, only while the session is full. */
  override: boolean;
}

/** What Rust's `checkWalkIn` / `createWalkIn` expect, from the form as it stands. */
export function toRequest(form: WalkInForm, options: RequestOptions): WalkInRequest {
  const reason = form.overrideReason.trim();
  return {
    date: form.date.trim(),
    session: form.session,
    kkNumber: form.kkNumber,
    kecamatanCode: form.kecamatan,
    addressLine: form.addressLine,
    applicants: form.applicants.map(
      (a, i): WalkInApplicant => {
        const renewal = a.applicationType === APPLICATION.penggantian;
        return {
          nik: a.nik,
          fullName: a.fullName,
          relation: i === 0 || a.relation === '' ? null : a.relation,
          sex: a.sex,
          birthDate: a.birthDate.trim(),
          applicationType: a.applicationType,
          oldPassport: renewal ? a.oldPassport : '',
          oldPassportExpiry: renewal ? a.oldPassportExpiry.trim() : '',
          scannedPassport: renewal ? a.scanned : null,
        };
      },
    ),
    // Until the officer picks, send none: Rust then applies its own suggestion for the form it is
    // judging, which can never lag behind the way a copy of the last suggestion could.
    priority: form.priorityChosen && form.priority !== '' ? form.priority : null,
    acknowledged: [...form.acknowledged],
    overrideReason: options.override && reason !== '' ? reason : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Fields and issues

/** `applicants.<i>.<name>` for one applicant input. */
export function applicantField(i: number, name: ApplicantField): string {
  return `applicants.${i}.${name}`;
}

/** A DOM id for a field's input (`wi-applicants-0-nik`), and for the element holding its issues. */
export function inputId(field: string): string {
  return `wi-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
export function issuesId(field: string): string {
  return `${inputId(field)}-issues`;
}

export interface FieldIssues {
  errors: FieldIssue[];
  warnings: FieldIssue[];
}

const NO_ISSUES: FieldIssues = { errors: [], warnings: [] };

/** The issues of one field, errors and warnings apart. */
export function issuesAt(issues: readonly FieldIssue[], field: string): FieldIssues {
  const mine = issues.filter((i) => i.field === field);
  if (!mine.length) return NO_ISSUES;
  return { errors: mine.filter((i) => i.severity === SEVERITY.error), warnings: mine.filter((i) => i.severity !== SEVERITY.error) };
}

function isApplicantField(name: string): name is ApplicantField {
  return (APPLICANT_FIELDS as readonly string[]).includes(name);
}

/** Whether the officer has put something in the field (a select with its default counts). */
export function fieldHasContent(form: WalkInForm, field: string): boolean {
  switch (field) {
    case 'kk':
      return form.kkNumber.trim() !== '';
    case 'date':
      return form.date.trim() !== '';
    case 'address':
      return [form.provinsi, form.kabkota, form.kecamatan, form.addressLine].some((v) => v.trim() !== '');
    case 'session':
    case 'priority':
    case 'applicants':
      return true;
  }
  const m = /^applicants\.(\d+)\.(\w+)$/.exec(field);
  const a = m ? form.applicants[Number(m[1])] : undefined;
  const name = m?.[2] ?? '';
  // A field this UI does not know about: Rust knows better, so its message is shown.
  if (!a || !isApplicantField(name) || name === 'applicationType') return true;
  return a[name].trim() !== '';
}

export type Touched = Readonly<Record<string, boolean>>;

/**
 * Errors are held back only on an empty field the officer has not left yet, so a fresh form is not
 * covered in red while it is being typed; a save attempt shows them all.
 */
export function showError(form: WalkInForm, field: string, touched: Touched, attempted: boolean): boolean {
  return attempted || touched[field] === true || fieldHasContent(form, field);
}

/**
 * What `field` holds in a request, to tell whether it changed since a check; null for a field
 * this UI does not know (never called stale).
 */
export function fieldValue(req: WalkInRequest, field: string): string | null {
  switch (field) {
    case 'kk':
      return req.kkNumber;
    case 'date':
    case 'session':
      // "Session over" and "date passed" depend on both.
      return `${req.date}|${req.session}`;
    case 'address':
      return req.kecamatanCode;
    case 'priority':
      return String(req.priority);
    case 'applicants':
      return String(req.applicants.length);
  }
  const m = /^applicants\.(\d+)\.(\w+)$/.exec(field);
  if (!m) return null;
  const a = req.applicants[Number(m[1])];
  if (!a) return '\u0000none';
  const value = (a as unknown as Record<string, unknown>)[m[2] ?? ''];
  return value === undefined ? null : String(value ?? '');
}

/**
 * An error judged on an older value of its field. It is held back until Rust answers for the value
 * now typed: otherwise "NIK wajib diisi." would show under a NIK being typed, or "yang diisi 7
 * digit" under one that has 15 by now.
 */
export function isStale(checked: WalkInRequest | null, now: WalkInRequest, field: string): boolean {
  return checked !== null && fieldValue(checked, field) !== fieldValue(now, field);
}

/** The issues to show now: all warnings, and the errors `showError` lets through that are not
 * stale (`checked` = the request the issues answer, `now` = the form as it stands). */
export function visibleIssues(
  issues: readonly FieldIssue[],
  form: WalkInForm,
  touched: Touched,
  attempted: boolean,
  stale?: { checked: WalkInRequest | null; now: WalkInRequest },
): FieldIssue[] {
  return issues.filter(
    (i) =>
      i.severity !== SEVERITY.error ||
      (showError(form, i.field, touched, attempted) && !(stale && isStale(stale.checked, stale.now, i.field))),
  );
}

/**
 * The issues without the errors of fields that show a message of their own (a date field with an
 * impossible date hands Rust '', and "wajib diisi" under "tanggal tidak ada" would only confuse).
 * Warnings always stay.
 */
export function withoutOwnErrors(issues: readonly FieldIssue[], own: Touched): FieldIssue[] {
  return issues.filter((i) => i.severity !== SEVERITY.error || own[i.field] !== true);
}

/** Every field that has a place on the screen; an issue for any other field is listed above the
 * form, so no message from Rust is ever dropped. */
export function placedFields(form: WalkInForm): Set<string> {
  const fields = new Set(['kk', 'date', 'session', 'address', 'priority', 'applicants']);
  form.applicants.forEach((a, i) => {
    for (const name of APPLICANT_FIELDS) {
      if (RENEWAL_FIELDS.has(name) && a.applicationType !== APPLICATION.penggantian) continue;
      fields.add(applicantField(i, name));
    }
  });
  return fields;
}

/** Order in which fields appear on screen, to move the focus to the first problem. */
export function fieldOrder(form: WalkInForm): string[] {
  const order = ['date', 'session', 'kk', 'address', 'applicants'];
  form.applicants.forEach((_, i) => APPLICANT_FIELDS.forEach((name) => order.push(applicantField(i, name))));
  order.push('priority');
  return order;
}

/** The first field, in screen order, with an error among `issues`. */
export function firstErrorField(form: WalkInForm, issues: readonly FieldIssue[]): string | null {
  const wrong = new Set(issues.filter((i) => i.severity === SEVERITY.error).map((i) => i.field));
  return fieldOrder(form).find((f) => wrong.has(f)) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Warnings and their acknowledgement

/** Whether the warning `key` is acknowledged. */
export function isAcknowledged(form: WalkInForm, key: string): boolean {
  return form.acknowledged.includes(key);
}

export function setAcknowledged(form: WalkInForm, key: string, on: boolean): WalkInForm {
  const rest = form.acknowledged.filter((k) => k !== key);
  return { ...form, acknowledged: on ? [...rest, key] : rest };
}

/** The fields a NIK or old-passport warning is about: changing any of them means the officer must
 * look again. */
const IDENTITY_FIELDS: ReadonlySet<string> = new Set(['nik', 'sex', 'birthDate', 'oldPassport', 'oldPassportExpiry']);

/**
 * Drops the acknowledgements of applicant `i` after its NIK, sex, birth date or old passport changed
 * (a new scan counts as a change of the old passport): warning keys
 * name only the field and the kind of problem, so an old tick would otherwise silently accept the
 * same kind of mismatch for different data.
 */
export function forgetAcknowledged(form: WalkInForm, i: number, changed: ApplicantField): WalkInForm {
  if (!IDENTITY_FIELDS.has(changed)) return form;
  const prefix = `applicants.${i}.`;
  const kept = form.acknowledged.filter((k) => !k.startsWith(prefix));
  return kept.length === form.acknowledged.length ? form : { ...form, acknowledged: kept };
}

// ---------------------------------------------------------------------------------------------
// Adding and removing applicants

export type AddVerdict = { ok: true } | { ok: false; reason: 'max' };

/** A booking holds 1 to 5 applicants (one family card). */
export function canAddApplicant(form: WalkInForm): AddVerdict {
  return form.applicants.length < MAX_APPLICANTS ? { ok: true } : { ok: false, reason: 'max' };
}

export function addApplicant(form: WalkInForm): WalkInForm {
  if (!canAddApplicant(form).ok) return form;
  return { ...form, applicants: [...form.applicants, emptyApplicant()] };
}

/**
 * Moves an `applicants.<i>…` field (or warning key) when the applicant at `at` is removed
 * (`delta` -1: that applicant's fields become null, later ones move up) or one is inserted there
 * (`delta` +1: it and later ones move down). Other fields are returned unchanged.
 */
export function shiftField(field: string, at: number, delta: 1 | -1): string | null {
  const m = /^applicants\.(\d+)(\..*)$/.exec(field);
  if (!m) return field;
  const i = Number(m[1]);
  if (delta === -1 && i === at) return null;
  if (i < at) return field;
  return `applicants.${i + delta}${m[2]}`;
}

function shiftAll(fields: readonly string[], at: number, delta: 1 | -1): string[] {
  return fields.map((f) => shiftField(f, at, delta)).filter((f): f is string => f !== null);
}

/** Re-keys a record of fields (the `touched` map) after a removal or insertion. */
export function shiftRecord<T>(record: Readonly<Record<string, T>>, at: number, delta: 1 | -1): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [field, value] of Object.entries(record)) {
    const moved = shiftField(field, at, delta);
    if (moved !== null) out[moved] = value;
  }
  return out;
}

/** The last check's issues, moved along with their applicants so none lands on the wrong card
 * until the next check answers. */
export function shiftIssues(issues: readonly FieldIssue[], at: number, delta: 1 | -1): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    const field = shiftField(issue.field, at, delta);
    const key = shiftField(issue.key, at, delta);
    if (field !== null && key !== null) out.push({ ...issue, field, key });
  }
  return out;
}

/** Removes applicant `i` (never the principal), moving the acknowledgements of those after it. */
export function removeApplicant(form: WalkInForm, i: number): WalkInForm {
  if (i <= 0 || i >= form.applicants.length) return form;
  return {
    ...form,
    applicants: form.applicants.filter((_, j) => j !== i),
    acknowledged: shiftAll(form.acknowledged, i, -1),
  };
}

/** Puts a removed applicant back where it was (the undo after a remove). */
export function insertApplicant(form: WalkInForm, i: number, applicant: ApplicantForm): WalkInForm {
  if (!canAddApplicant(form).ok) return form;
  const at = Math.max(1, Math.min(i, form.applicants.length));
  const applicants = [...form.applicants];
  applicants.splice(at, 0, applicant);
  return { ...form, applicants, acknowledged: shiftAll(form.acknowledged, at, 1) };
}

/** Anything typed into an applicant card (removing an empty card needs no undo). */
export function applicantHasContent(a: ApplicantForm): boolean {
  return (
    [a.nik, a.fullName, a.relation, a.sex, a.birthDate, a.oldPassport, a.oldPassportExpiry].some((v) => v.trim() !== '') ||
    a.applicationType !== APPLICATION.baru ||
    a.scanned !== null
  );
}

// ---------------------------------------------------------------------------------------------
// What a check answer changes in the form

/**
 * Fills birth date and sex from what the NIK says, once per NIK and only into empty fields: the
 * officer's own entry always wins (a difference then comes back as a warning to acknowledge).
 * `sent` is the request the hints answer; a hint for a NIK the officer has since changed is ignored.
 * Returns the same form when nothing changes, so callers can tell.
 */
export function applyHints(form: WalkInForm, sent: WalkInRequest, check: Pick<WalkInCheck, 'hints'>): WalkInForm {
  let changed = false;
  const applicants = form.applicants.map((a, i) => {
    const hint = check.hints[i];
    const asked = sent.applicants[i];
    if (!hint || !asked || asked.nik !== a.nik || a.hintedNik === a.nik) return a;
    // No sex from the NIK means Rust could not read it: nothing to offer (yet).
    if (hint.nikSex !== 'L' && hint.nikSex !== 'P') return a;
    changed = true;
    const next = { ...a, hintedNik: a.nik };
    if (a.sex === '') next.sex = hint.nikSex;
    if (a.birthDate.trim() === '' && hint.nikBirthDate) next.birthDate = hint.nikBirthDate;
    return next;
  });
  return changed ? { ...form, applicants } : form;
}

/** Follows Rust's priority suggestion until the officer picks a category. */
export function followSuggestion(form: WalkInForm, suggested: PriorityReason | null): WalkInForm {
  if (form.priorityChosen) return form;
  const priority = suggested ?? '';
  return form.priority === priority ? form : { ...form, priority };
}

/** The category Rust will book: the officer's pick, else its own suggestion (Rust applies the
 * suggestion even over an explicit "Reguler", see `priorityForced`). */
export function effectivePriority(form: WalkInForm, suggested: PriorityReason | null): PriorityReason | null {
  return (form.priorityChosen && form.priority !== '' ? form.priority : null) ?? suggested;
}

/** The officer picked "Reguler" but the ages make it priority: Rust books it as priority anyway. */
export function priorityForced(form: WalkInForm, suggested: PriorityReason | null): boolean {
  return form.priorityChosen && form.priority === '' && suggested !== null;
}

/** The chosen session has fewer seats left in this walk-in's share than applicants. */
export function isFull(check: Pick<WalkInCheck, 'room'>, applicants: number): boolean {
  return check.room < Math.max(1, applicants);
}

/** Moves the form to another session, keeping everything typed (an override reason too: it is
 * only sent while the session shown is full, so it cannot slip into one with room). */
export function moveTo(form: WalkInForm, slot: Slot): WalkInForm {
  return { ...form, date: slot.date, session: slot.session };
}
