import { describe, expect, it } from 'vitest';
import { isKey, translate } from '$lib/i18n/translate';
import { APPLICATION_TYPES, MEMBER_RELATIONS, PRIORITY_REASONS, SESSIONS, SEXES } from './form';
import { isIsoDate, priorityKey, reasonKey, sessionKey, suggestionKey } from './labels';

describe('walk-in labels', () => {
  it('has a string in both languages for every choice the form offers', () => {
    const keys = [
      ...SESSIONS.map(sessionKey),
      priorityKey(''),
      ...PRIORITY_REASONS.flatMap((r) => [priorityKey(r), suggestionKey(r), reasonKey(r)]),
      ...['pemohon', ...MEMBER_RELATIONS].map((r) => `walkin.relation.${r}`),
      ...SEXES.map((s) => `walkin.sex.${s}`),
      ...APPLICATION_TYPES.map((type) => `walkin.type.${type}`),
    ];
    for (const key of keys) expect(isKey(key), key).toBe(true);
  });

  it('words the choices as the counter says them', () => {
    expect(translate('id', priorityKey(''))).toBe('Reguler');
    expect(translate('id', priorityKey('lansia'))).toBe('Prioritas — Lansia (60+)');
    expect(translate('id', suggestionKey('balita'))).toBe('Disarankan prioritas: balita (di bawah 5 tahun)');
    expect(translate('id', reasonKey('ibu_hamil'))).toBe('Ibu hamil');
    expect(translate('id', sessionKey('siang'))).toBe('Siang');
    expect(translate('en', sessionKey('pagi'))).toBe('Morning');
    expect(translate('id', 'walkin.draft.restored', { time: '14:05' })).toBe('Draf tersimpan pukul 14:05 dipulihkan');
    expect(translate('id', 'walkin.next', { session: 'Siang', date: 'Selasa, 24 November 2026', room: 12 })).toBe(
      'Sesi berikutnya yang masih ada kuota: Siang, Selasa, 24 November 2026 (12 kursi)',
    );
  });

  it('tells a real calendar date from anything else', () => {
    expect(isIsoDate('2026-11-24')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });
});
