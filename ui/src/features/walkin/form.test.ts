import { describe, expect, it } from 'vitest';
import type { FieldIssue, WalkInCheck } from '$lib/ipc';
import {
  addApplicant,
  applyHints,
  canAddApplicant,
  digitCount,
  effectivePriority,
  emptyApplicant,
  emptyForm,
  fallbackSlot,
  fieldHasContent,
  fieldValue,
  firstErrorField,
  followSuggestion,
  forgetAcknowledged,
  insertApplicant,
  inputId,
  isBlank,
  isStale,
  isFull,
  issuesAt,
  issuesId,
  moveTo,
  placedFields,
  priorityForced,
  removeApplicant,
  setAcknowledged,
  shiftField,
  shiftIssues,
  shiftRecord,
  showError,
  toRequest,
  visibleIssues,
  withoutOwnErrors,
  type WalkInForm,
} from './form';

const slot = { date: '2026-11-23', session: 'pagi' as const };
const NIK = '3171014505900001';
const NIK2 = '3171010101150002';

function filled(): WalkInForm {
  const form = emptyForm(slot);
  form.kkNumber = '3171010101010001';
  form.provinsi = '31';
  form.kabkota = '3171';
  form.kecamatan = '317101';
  form.addressLine = 'Jl. Melati 5 RT 01/RW 02';
  form.applicants[0] = { ...emptyApplicant(), nik: NIK, fullName: 'Siti Aminah', sex: 'P', birthDate: '1990-05-05' };
  return form;
}

const issue = (field: string, severity: 'error' | 'warning', kind = 'error', message = 'pesan'): FieldIssue => ({
  field,
  severity,
  key: `${field}:${kind}`,
  message: { id: message, en: message },
});

describe('walk-in form: state and request', () => {
  it('starts with one empty principal on the given slot, nothing to save as a draft', () => {
    const form = emptyForm(slot);
    expect(form.date).toBe('2026-11-23');
    expect(form.session).toBe('pagi');
    expect(form.applicants).toHaveLength(1);
    expect(form.applicants[0]!.applicationType).toBe('baru');
    expect(isBlank(form)).toBe(true);
    expect(isBlank({ ...form, date: '2026-12-01', session: 'siang' })).toBe(true);
    expect(isBlank(filled())).toBe(false);
    expect(isBlank({ ...form, kkNumber: ' 3' })).toBe(false);
    expect(isBlank(addApplicant(form))).toBe(false);
  });

  it('sends what Rust expects: no relation for the principal, no passport for a new one', () => {
    const form = addApplicant(filled());
    form.applicants[1] = {
      ...emptyApplicant(),
      nik: NIK2,
      fullName: 'Budi',
      relation: 'anak',
      sex: 'L',
      birthDate: '2015-01-01',
      oldPassport: 'C1234567',
      oldPassportExpiry: '2027-01-31',
    };
    form.acknowledged = ['applicants.0.nik:birth_date_differs'];
    const req = toRequest(form, { override: false });
    expect(req).toEqual({
      date: '2026-11-23',
      session: 'pagi',
      kkNumber: '3171010101010001',
      kecamatanCode: '317101',
      addressLine: 'Jl. Melati 5 RT 01/RW 02',
      applicants: [
        {
          nik: NIK,
          fullName: 'Siti Aminah',
          relation: null,
          sex: 'P',
          birthDate: '1990-05-05',
          applicationType: 'baru',
          oldPassport: '',
          oldPassportExpiry: '',
          scannedPassport: null,
        },
        {
          nik: NIK2,
          fullName: 'Budi',
          relation: 'anak',
          sex: 'L',
          birthDate: '2015-01-01',
          applicationType: 'baru',
          oldPassport: '',
          oldPassportExpiry: '',
          scannedPassport: null,
        },
      ],
      priority: null,
      acknowledged: ['applicants.0.nik:birth_date_differs'],
      overrideReason: null,
    });
    form.applicants[1]!.applicationType = 'penggantian';
    form.applicants[1]!.relation = '';
    const again = toRequest(form, { override: false });
    expect(again.applicants[1]).toMatchObject({
      relation: null,
      applicationType: 'penggantian',
      oldPassport: 'C1234567',
      oldPassportExpiry: '2027-01-31',
      scannedPassport: null,
    });
  });

  it('sends the priority only once the officer picked it, and the override only when allowed', () => {
    const form = { ...filled(), priority: 'balita' as const, overrideReason: '  Pemohon dari luar kota  ' };
    expect(toRequest(form, { override: false })).toMatchObject({ priority: null, overrideReason: null });
    expect(toRequest({ ...form, priorityChosen: true }, { override: true })).toMatchObject({
      priority: 'balita',
      overrideReason: 'Pemohon dari luar kota',
    });
    expect(toRequest({ ...form, priorityChosen: true, priority: '', overrideReason: '  ' }, { override: true })).toMatchObject({
      priority: null,
      overrideReason: null,
    });
  });

  it('counts the digits of a NIK as typed, spaces and dashes aside', () => {
    expect(digitCount('')).toBe(0);
    expect(digitCount('3171 0145 0590 001')).toBe(15);
    expect(digitCount('3171-0145-0590-0001')).toBe(16);
    expect(digitCount('31a7')).toBe(3);
  });

  it("falls back to the office's today, never the PC's, or to no date at all", () => {
    expect(fallbackSlot('2026-11-23')).toEqual({ date: '2026-11-23', session: 'pagi' });
    expect(emptyForm(fallbackSlot('')).date).toBe('');
  });
});

describe('walk-in form: issues next to their fields', () => {
  const issues = [
    issue('applicants.0.nik', 'error'),
    issue('applicants.0.nik', 'warning', 'birth_date_differs'),
    issue('applicants.0.nik', 'warning', 'historic_region'),
    issue('kk', 'error'),
  ];

  it('looks the issues of one field up, errors and warnings apart', () => {
    const nik = issuesAt(issues, 'applicants.0.nik');
    expect(nik.errors).toHaveLength(1);
    expect(nik.warnings.map((w) => w.key)).toEqual(['applicants.0.nik:birth_date_differs', 'applicants.0.nik:historic_region']);
    expect(issuesAt(issues, 'date')).toEqual({ errors: [], warnings: [] });
  });

  it('gives each field a DOM id and an id for its messages', () => {
    expect(inputId('applicants.0.nik')).toBe('wi-applicants-0-nik');
    expect(issuesId('kk')).toBe('wi-kk-issues');
  });

  it('holds back errors on empty untouched fields only', () => {
    const form = emptyForm(slot);
    expect(showError(form, 'kk', {}, false)).toBe(false);
    expect(showError(form, 'kk', { kk: true }, false)).toBe(true);
    expect(showError(form, 'kk', {}, true)).toBe(true);
    expect(showError({ ...form, kkNumber: '123' }, 'kk', {}, false)).toBe(true);
    // The quota of a session, the list as a whole and the date (filled in) always speak.
    expect(showError(form, 'session', {}, false)).toBe(true);
    expect(showError(form, 'applicants', {}, false)).toBe(true);
    expect(showError(form, 'date', {}, false)).toBe(true);
    expect(showError({ ...form, date: '' }, 'date', {}, false)).toBe(false);
    expect(showError(form, 'applicants.0.nik', {}, false)).toBe(false);
    expect(showError(form, 'applicants.0.applicationType', {}, false)).toBe(true);
    expect(showError(form, 'something.new', {}, false)).toBe(true);
  });

  it('counts an address as begun once any of its parts is chosen', () => {
    const form = emptyForm(slot);
    expect(fieldHasContent(form, 'address')).toBe(false);
    expect(fieldHasContent({ ...form, provinsi: '31' }, 'address')).toBe(true);
    expect(fieldHasContent({ ...form, addressLine: 'Jl. Mawar' }, 'address')).toBe(true);
  });

  it('shows a wrong NIK length while typing, but not "required" on an empty fresh form', () => {
    const fresh = emptyForm(slot);
    const answer = [issue('applicants.0.nik', 'error'), issue('kk', 'error'), issue('applicants.0.fullName', 'error')];
    expect(visibleIssues(answer, fresh, {}, false)).toEqual([]);
    const typing = emptyForm(slot);
    typing.applicants[0]!.nik = '317101450590001';
    expect(visibleIssues(answer, typing, {}, false).map((i) => i.field)).toEqual(['applicants.0.nik']);
    expect(visibleIssues(answer, typing, { 'applicants.0.fullName': true }, false)).toHaveLength(2);
    expect(visibleIssues(answer, fresh, {}, true)).toHaveLength(3);
    // Warnings are always shown: they need a tick.
    expect(visibleIssues([issue('applicants.0.nik', 'warning', 'x')], fresh, {}, false)).toHaveLength(1);
  });

  it("holds back Rust's error on a field that shows its own message, never a warning", () => {
    const answer = [
      issue('date', 'error'),
      issue('applicants.0.birthDate', 'error'),
      issue('applicants.0.birthDate', 'warning', 'birth_date_differs'),
      issue('kk', 'error'),
    ];
    const own = { date: true, 'applicants.0.birthDate': true, kk: false };
    expect(withoutOwnErrors(answer, own).map((i) => i.key)).toEqual(['applicants.0.birthDate:birth_date_differs', 'kk:error']);
    expect(withoutOwnErrors(answer, {})).toHaveLength(4);
  });

  it('holds back an error judged on an older value of its field', () => {
    const before = emptyForm(slot);
    const checked = toRequest(before, { override: false });
    const typing = emptyForm(slot);
    typing.applicants[0]!.nik = '317401120388000';
    const now = toRequest(typing, { override: false });
    const answer = [issue('applicants.0.nik', 'error'), issue('session', 'error'), issue('applicants.0.nik', 'warning', 'x')];
    // "NIK wajib diisi." was about the empty field: not shown under the digits now typed.
    expect(visibleIssues(answer, typing, {}, true, { checked, now }).map((i) => i.key)).toEqual(['session:error', 'applicants.0.nik:x']);
    expect(visibleIssues(answer, typing, {}, true, { checked: now, now })).toHaveLength(3);
    expect(isStale(null, now, 'kk')).toBe(false);
    expect(isStale(checked, now, 'kk')).toBe(false);
    expect(isStale(checked, { ...now, session: 'siang' }, 'date')).toBe(true);
    expect(isStale(checked, { ...now, kecamatanCode: '317101' }, 'address')).toBe(true);
    expect(isStale(checked, { ...now, applicants: [] }, 'applicants.0.sex')).toBe(true);
    expect(isStale(checked, { ...now, applicants: [] }, 'applicants')).toBe(true);
    expect(isStale(checked, now, 'something.else')).toBe(false);
    expect(fieldValue(now, 'applicants.0.nik')).toBe('317401120388000');
    expect(fieldValue(now, 'applicants.0.relation')).toBe('');
    expect(fieldValue(now, 'applicants.0.unknown')).toBeNull();
  });

  it('knows which fields have a place, so any other issue is listed above the form', () => {
    const form = addApplicant(filled());
    const placed = placedFields(form);
    expect(placed.has('kk')).toBe(true);
    expect(placed.has('applicants.1.relation')).toBe(true);
    expect(placed.has('applicants.0.relation')).toBe(true);
    expect(placed.has('applicants.1.oldPassport')).toBe(false);
    form.applicants[1]!.applicationType = 'penggantian';
    expect(placedFields(form).has('applicants.1.oldPassport')).toBe(true);
    expect(placedFields(form).has('applicants.1.oldPassportExpiry')).toBe(true);
    expect(placed.has('applicants.1.oldPassportExpiry')).toBe(false);
    expect(placed.has('applicants.2.nik')).toBe(false);
  });

  it('finds the first field with an error in screen order', () => {
    const form = addApplicant(filled());
    expect(firstErrorField(form, [issue('applicants.1.nik', 'error'), issue('kk', 'error')])).toBe('kk');
    expect(firstErrorField(form, [issue('applicants.1.sex', 'error'), issue('applicants.0.nik', 'warning', 'x')])).toBe('applicants.1.sex');
    expect(firstErrorField(form, [issue('priority', 'error')])).toBe('priority');
    expect(firstErrorField(form, [])).toBeNull();
  });
});

describe('walk-in form: acknowledging warnings', () => {
  it('ticks and unticks a warning', () => {
    let form = setAcknowledged(filled(), 'applicants.0.nik:sex_differs', true);
    form = setAcknowledged(form, 'applicants.0.nik:sex_differs', true);
    expect(form.acknowledged).toEqual(['applicants.0.nik:sex_differs']);
    expect(setAcknowledged(form, 'applicants.0.nik:sex_differs', false).acknowledged).toEqual([]);
  });

  it('forgets the ticks of an applicant whose NIK, sex, birth date or old passport changed', () => {
    const form = { ...filled(), acknowledged: ['applicants.0.nik:sex_differs', 'applicants.1.nik:historic_region'] };
    expect(forgetAcknowledged(form, 0, 'birthDate').acknowledged).toEqual(['applicants.1.nik:historic_region']);
    expect(forgetAcknowledged(form, 1, 'nik').acknowledged).toEqual(['applicants.0.nik:sex_differs']);
    expect(forgetAcknowledged(form, 0, 'fullName')).toBe(form);
    expect(forgetAcknowledged(form, 3, 'sex')).toBe(form);
    expect(forgetAcknowledged(form, 0, 'oldPassport').acknowledged).toEqual(['applicants.1.nik:historic_region']);
    expect(forgetAcknowledged(form, 1, 'oldPassportExpiry').acknowledged).toEqual(['applicants.0.nik:sex_differs']);
  });
});

describe('walk-in form: adding and removing applicants', () => {
  it('adds up to five, then says why not', () => {
    let form = filled();
    for (let n = 2; n <= 5; n++) {
      expect(canAddApplicant(form)).toEqual({ ok: true });
      form = addApplicant(form);
      expect(form.applicants).toHaveLength(n);
    }
    expect(canAddApplicant(form)).toEqual({ ok: false, reason: 'max' });
    expect(addApplicant(form)).toBe(form);
    expect(form.applicants[4]).toEqual(emptyApplicant());
  });

  it('moves fields and warning keys along with their applicants', () => {
    expect(shiftField('applicants.2.nik', 1, -1)).toBe('applicants.1.nik');
    expect(shiftField('applicants.1.nik:sex_differs', 1, -1)).toBeNull();
    expect(shiftField('applicants.0.nik', 1, -1)).toBe('applicants.0.nik');
    expect(shiftField('applicants.1.sex', 1, 1)).toBe('applicants.2.sex');
    expect(shiftField('applicants.12.sex', 3, 1)).toBe('applicants.13.sex');
    expect(shiftField('kk', 1, -1)).toBe('kk');
    expect(shiftField('applicants', 0, 1)).toBe('applicants');
    expect(shiftRecord({ 'applicants.1.nik': true, 'applicants.2.sex': true, kk: true }, 1, -1)).toEqual({
      'applicants.1.sex': true,
      kk: true,
    });
    expect(shiftIssues([issue('applicants.2.nik', 'warning', 'historic_region'), issue('applicants.1.nik', 'error')], 1, -1)).toEqual([
      { field: 'applicants.1.nik', severity: 'warning', key: 'applicants.1.nik:historic_region', message: { id: 'pesan', en: 'pesan' } },
    ]);
  });

  it('removes a family member but never the principal, and puts one back where it was', () => {
    let form = addApplicant(addApplicant(filled()));
    form.applicants[1]!.fullName = 'Dua';
    form.applicants[2]!.fullName = 'Tiga';
    form.acknowledged = ['applicants.1.nik:sex_differs', 'applicants.2.nik:historic_region', 'applicants.0.nik:placeholder_date'];
    expect(removeApplicant(form, 0)).toBe(form);
    expect(removeApplicant(form, 7)).toBe(form);
    const removed = removeApplicant(form, 1);
    expect(removed.applicants.map((a) => a.fullName)).toEqual(['Siti Aminah', 'Tiga']);
    expect(removed.acknowledged).toEqual(['applicants.1.nik:historic_region', 'applicants.0.nik:placeholder_date']);
    const back = insertApplicant(removed, 1, form.applicants[1]!);
    expect(back.applicants.map((a) => a.fullName)).toEqual(['Siti Aminah', 'Dua', 'Tiga']);
    expect(back.acknowledged).toEqual(['applicants.2.nik:historic_region', 'applicants.0.nik:placeholder_date']);
    // Never in front of the principal, never past the end.
    expect(insertApplicant(removed, 0, form.applicants[1]!).applicants[1]!.fullName).toBe('Dua');
    expect(insertApplicant(removed, 9, form.applicants[1]!).applicants[2]!.fullName).toBe('Dua');
  });
});

describe('walk-in form: what a check answer changes', () => {
  const hint = (nikBirthDate: string | null, nikSex: string | null) => ({ nikBirthDate, nikSex, age: null });

  it('prefills an empty birth date and sex from the NIK, once per NIK', () => {
    const form = emptyForm(slot);
    form.applicants[0]!.nik = NIK;
    const sent = toRequest(form, { override: false });
    const check = { hints: [hint('1990-05-05', 'P')] };
    const next = applyHints(form, sent, check);
    expect(next.applicants[0]).toMatchObject({ sex: 'P', birthDate: '1990-05-05', hintedNik: NIK });
    // The officer clears the birth date on purpose: the same NIK does not fill it in again.
    next.applicants[0]!.birthDate = '';
    expect(applyHints(next, sent, check)).toBe(next);
    // A different NIK gets its own hints.
    next.applicants[0]!.nik = NIK2;
    const resent = toRequest(next, { override: false });
    expect(applyHints(next, resent, { hints: [hint('2015-01-01', 'L')] }).applicants[0]).toMatchObject({
      sex: 'P',
      birthDate: '2015-01-01',
      hintedNik: NIK2,
    });
  });

  it('never overwrites what the officer typed, and ignores hints for a NIK changed since', () => {
    const form = emptyForm(slot);
    form.applicants[0] = { ...emptyApplicant(), nik: NIK, sex: 'L', birthDate: '1990-06-05' };
    const sent = toRequest(form, { override: false });
    expect(applyHints(form, sent, { hints: [hint('1990-05-05', 'P')] }).applicants[0]).toMatchObject({
      sex: 'L',
      birthDate: '1990-06-05',
      hintedNik: NIK,
    });
    const moved = { ...form, applicants: [{ ...form.applicants[0]!, nik: NIK2, sex: '' as const, birthDate: '' }] };
    expect(applyHints(moved, sent, { hints: [hint('1990-05-05', 'P')] })).toBe(moved);
    // A NIK Rust could not read gives nothing to fill in, and is asked again once it can.
    expect(applyHints(form, sent, { hints: [hint(null, null)] })).toBe(form);
    expect(applyHints(form, sent, { hints: [] })).toBe(form);
  });

  it('follows the priority suggestion until the officer picks', () => {
    const form = filled();
    const balita = followSuggestion(form, 'balita');
    expect(balita.priority).toBe('balita');
    expect(followSuggestion(balita, 'balita')).toBe(balita);
    expect(followSuggestion(balita, null).priority).toBe('');
    const chosen = { ...form, priority: 'disabilitas' as const, priorityChosen: true };
    expect(followSuggestion(chosen, 'lansia')).toBe(chosen);
    expect(effectivePriority(chosen, 'lansia')).toBe('disabilitas');
    expect(effectivePriority(balita, 'balita')).toBe('balita');
    expect(effectivePriority(form, null)).toBeNull();
  });

  it('says when Rust books priority although the officer picked Reguler', () => {
    const reguler = { ...filled(), priority: '' as const, priorityChosen: true };
    expect(priorityForced(reguler, 'lansia')).toBe(true);
    expect(effectivePriority(reguler, 'lansia')).toBe('lansia');
    expect(priorityForced(reguler, null)).toBe(false);
    expect(priorityForced({ ...reguler, priorityChosen: false }, 'lansia')).toBe(false);
  });

  it('calls a session full when it has fewer seats than applicants', () => {
    const check: Pick<WalkInCheck, 'room'> = { room: 2 };
    expect(isFull(check, 2)).toBe(false);
    expect(isFull(check, 3)).toBe(true);
    expect(isFull({ room: 0 }, 0)).toBe(true);
  });

  it('moves to another session keeping everything typed', () => {
    const form = { ...filled(), overrideReason: 'Alasan' };
    const moved = moveTo(form, { date: '2026-11-24', session: 'siang' });
    expect(moved).toEqual({ ...form, date: '2026-11-24', session: 'siang' });
  });
});
