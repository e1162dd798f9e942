import { describe, expect, it } from 'vitest';
import { draftBody, draftStamp, readDraft } from './draft';
import { addApplicant, emptyApplicant, emptyForm, type WalkInForm } from './form';

function typed(): WalkInForm {
  const form = addApplicant(emptyForm({ date: '2026-11-23', session: 'siang' }));
  form.kkNumber = '3171010101010001';
  form.provinsi = '31';
  form.kabkota = '3171';
  form.kecamatan = '317101';
  form.addressLine = 'Jl. Melati 5';
  form.applicants[0] = { ...emptyApplicant(), nik: '3171014505900001', fullName: 'Siti', sex: 'P', birthDate: '1990-05-05', hintedNik: '3171014505900001' };
  form.applicants[1] = {
    ...emptyApplicant(),
    fullName: 'Budi',
    relation: 'anak',
    applicationType: 'penggantian',
    oldPassport: 'C123',
    oldPassportExpiry: '2027-02-23',
    scanned: {
      documentCode: 'P',
      number: 'C1234567',
      surname: 'SANTOSO',
      givenNames: 'BUDI',
      fullName: 'BUDI SANTOSO',
      nationality: 'IDN',
      birthDate: '2015-01-01',
      sex: 'L',
      expiryDate: '2027-02-23',
    },
  };
  form.priority = 'disabilitas';
  form.priorityChosen = true;
  form.acknowledged = ['applicants.0.nik:historic_region'];
  form.overrideReason = 'Datang dari luar kota';
  return form;
}

describe('walk-in draft', () => {
  it('round-trips the whole form', () => {
    const form = typed();
    const body = draftBody(form);
    expect(JSON.parse(body).v).toBe(1);
    expect(readDraft(body)).toEqual({ ok: true, form });
  });

  it('ignores a draft that is not JSON, not an object, or lacks its applicants', () => {
    expect(readDraft('{"v":1,')).toEqual({ ok: false, reason: 'damaged' });
    expect(readDraft('null')).toEqual({ ok: false, reason: 'damaged' });
    expect(readDraft('[1,2]')).toEqual({ ok: false, reason: 'damaged' });
    expect(readDraft('{"form":{}}')).toEqual({ ok: false, reason: 'damaged' });
    expect(readDraft('{"v":1}')).toEqual({ ok: false, reason: 'damaged' });
    expect(readDraft('{"v":1,"form":{"applicants":[]}}')).toEqual({ ok: false, reason: 'damaged' });
    expect(readDraft('{"v":1,"form":{"applicants":[1]}}')).toEqual({ ok: false, reason: 'damaged' });
    const six = JSON.stringify({ v: 1, form: { applicants: Array.from({ length: 6 }, () => ({})) } });
    expect(readDraft(six)).toEqual({ ok: false, reason: 'damaged' });
  });

  it('tells a draft from another version apart', () => {
    expect(readDraft(JSON.stringify({ v: 2, form: typed() }))).toEqual({ ok: false, reason: 'version' });
    expect(readDraft(JSON.stringify({ v: 0, applicants: [] }))).toEqual({ ok: false, reason: 'version' });
  });

  it('resets a single odd value to its default and keeps the rest', () => {
    const body = JSON.stringify({
      v: 1,
      form: {
        date: 20261123,
        session: 'malam',
        kkNumber: '3171010101010001',
        provinsi: '31',
        kabkota: '3271', // not in province 31
        kecamatan: '327101',
        applicants: [
          { nik: '3171014505900001', fullName: 'Siti', relation: 'anak', sex: 'X', applicationType: 'lama' },
          { fullName: 7, relation: 'pemohon' },
        ],
        priority: 'vip',
        priorityChosen: 'ya',
        acknowledged: ['applicants.0.nik:x', 5],
      },
    });
    const read = readDraft(body);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.form).toMatchObject({
      date: '',
      session: 'pagi',
      kkNumber: '3171010101010001',
      provinsi: '31',
      kabkota: '',
      kecamatan: '',
      addressLine: '',
      priority: '',
      priorityChosen: false,
      acknowledged: ['applicants.0.nik:x'],
      overrideReason: '',
    });
    // The principal never carries a relation; unknown choices fall back to "not chosen".
    expect(read.form.applicants[0]).toEqual({ ...emptyApplicant(), nik: '3171014505900001', fullName: 'Siti' });
    expect(read.form.applicants[1]).toEqual(emptyApplicant());
  });

  it('cuts an overlong value instead of flooding the form', () => {
    const form = typed();
    form.addressLine = 'x'.repeat(5000);
    const read = readDraft(draftBody(form));
    expect(read.ok && read.form.addressLine.length).toBe(500);
  });

  it('says when the draft was saved: the time, and the date when not today', () => {
    expect(draftStamp('2026-11-23 14:05', '2026-11-23')).toEqual({ time: '14:05', date: null });
    expect(draftStamp('2026-11-22 16:40', '2026-11-23')).toEqual({ time: '16:40', date: '22/11/2026' });
    // The office's today not known (Rust did not answer): the date is always said.
    expect(draftStamp('2026-11-23 14:05', '')).toEqual({ time: '14:05', date: '23/11/2026' });
    expect(draftStamp('kemarin', '2026-11-23')).toEqual({ time: 'kemarin', date: null });
  });
});

describe('walk-in draft: the old passport of a renewal', () => {
  it('reads a draft saved before the passport scan existed, with no expiry and no scan', () => {
    const form = typed();
    const old = JSON.parse(draftBody(form));
    delete old.form.applicants[1].oldPassportExpiry;
    delete old.form.applicants[1].scanned;
    const read = readDraft(JSON.stringify(old));
    expect(read.ok && read.form.applicants[1]).toMatchObject({ oldPassport: 'C123', oldPassportExpiry: '', scanned: null });
  });

  it('drops a stored scan with a missing or odd field, keeping the rest of the applicant', () => {
    const old = JSON.parse(draftBody(typed()));
    old.form.applicants[1].scanned.number = 7;
    const read = readDraft(JSON.stringify(old));
    expect(read.ok && read.form.applicants[1]).toMatchObject({ fullName: 'Budi', oldPassportExpiry: '2027-02-23', scanned: null });
  });
});
