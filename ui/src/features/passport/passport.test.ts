import { describe, expect, it } from 'vitest';
import type { CameraSnapshot, PassportRead } from '$lib/ipc';
import { displayDate, newRead, openFlags, sameName, scanHint, setFlag } from './passport';

const read: PassportRead = {
  documentCode: 'P',
  number: 'C1234567',
  surname: 'WIJAYA',
  givenNames: 'ANDI',
  fullName: 'ANDI WIJAYA',
  nationality: 'IDN',
  birthDate: '1988-03-12',
  sex: 'L',
  expiryDate: '2027-02-23',
};

function snap(extra: Partial<CameraSnapshot> = {}): CameraSnapshot {
  return {
    source: 'Berkas gambar (1): paspor.png',
    preview: null,
    frames: 3,
    decoded: null,
    decodedCount: 0,
    error: null,
    kind: 'passport',
    passport: null,
    passportCount: 0,
    passportProblem: null,
    progress: { zoneFrames: 0, agreeing: 0, needed: 2, zoneInView: false },
    ...extra,
  };
}

describe('passport scan: what the officer is told', () => {
  it('asks to aim the data page until a zone is in view, then to hold still', () => {
    expect(scanHint(null)).toBe('waiting');
    expect(scanHint(snap({ frames: 0 }))).toBe('waiting');
    expect(scanHint(snap())).toBe('aim');
    expect(scanHint(snap({ progress: { zoneFrames: 1, agreeing: 0, needed: 2, zoneInView: true } }))).toBe('hold');
    expect(scanHint(snap({ progress: { zoneFrames: 4, agreeing: 1, needed: 2, zoneInView: false } }))).toBe('hold');
  });

  it('says why an accepted zone is no passport, until a zone is in view again', () => {
    const problem = {
      id: 'Dokumen yang terbaca bukan paspor (kode dokumen ID); pindai halaman data paspor.',
      en: 'The document read is not a passport (document code ID); scan the passport data page.',
    };
    expect(scanHint(snap({ passportProblem: problem }))).toBe('problem');
    expect(scanHint(snap({ passportProblem: problem, progress: { zoneFrames: 9, agreeing: 0, needed: 2, zoneInView: true } }))).toBe('hold');
  });

  it('hands on each accepted passport once', () => {
    expect(newRead(snap(), 0)).toBeNull();
    const accepted = snap({ passport: read, passportCount: 1 });
    expect(newRead(accepted, 0)).toEqual(read);
    expect(newRead(accepted, 1)).toBeNull();
    expect(newRead({ ...accepted, kind: 'qr' }, 0)).toBeNull();
  });
});

describe('passport scan: how a read and its flags are shown', () => {
  it('writes dates day first, as the date fields show them', () => {
    expect(displayDate('2027-02-23')).toBe('23/02/2027');
    expect(displayDate('kemarin')).toBe('kemarin');
  });

  it('lists the flags not yet acknowledged, by kind', () => {
    const flags = [
      { kind: 'passport_expires_soon', message: { id: 'Paspor lama habis berlaku 23-02-2027, kurang dari 6 bulan lagi.', en: 'Paspor lama habis berlaku 23-02-2027, kurang dari 6 bulan lagi.' } },
      { kind: 'passport_not_indonesian', message: { id: 'Paspor ini bukan paspor Indonesia (kewarganegaraan MYS).', en: 'Paspor ini bukan paspor Indonesia (kewarganegaraan MYS).' } },
    ];
    let acked = setFlag([], 'passport_expires_soon', true);
    expect(openFlags(flags, acked).map((f) => f.kind)).toEqual(['passport_not_indonesian']);
    acked = setFlag(setFlag(acked, 'passport_not_indonesian', true), 'passport_not_indonesian', true);
    expect(openFlags(flags, acked)).toEqual([]);
    expect(setFlag(acked, 'passport_expires_soon', false)).toEqual(['passport_not_indonesian']);
  });

  it('compares names the way the MRZ writes them', () => {
    expect(sameName('Andi  Wijaya', 'ANDI WIJAYA')).toBe(true);
    expect(sameName("Siti O'Neil", 'SITI ONEIL')).toBe(true);
    expect(sameName('Nur-Aini', 'NUR AINI')).toBe(true);
    expect(sameName('Andi Wijaya', 'ANDI WIJAYAKUSUMA')).toBe(false);
  });
});
