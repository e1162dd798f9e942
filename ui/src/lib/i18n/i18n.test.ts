import { describe, expect, it } from 'vitest';
import { en } from './en';
import { id, type Key } from './id';
import { intlTag, isKey, translate } from './translate';

describe('i18n', () => {
  it('English has exactly the Indonesian keys, none of them empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    for (const table of [id, en] as Record<string, string>[]) {
      for (const [key, text] of Object.entries(table)) expect(text.trim(), key).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(id) as Key[]) expect(names(en[key]), key).toEqual(names(id[key]));
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('id', 'users.locked', { time: '10:05' })).toBe('Terkunci sampai 10:05');
    expect(translate('en', 'users.locked', { time: '10:05' })).toBe('Locked until 10:05');
    expect(translate('id', 'users.locked')).toBe('Terkunci sampai {time}');
    expect(translate('id', 'home.hours', { start: '08:00', end: '12:00', zone: 'WITA' })).toBe('08:00–12:00 WITA');
  });

  it('Indonesian is the source: the screens named in Bahasa Indonesia', () => {
    expect(translate('id', 'login.submit')).toBe('Masuk');
    expect(translate('id', 'nav.home')).toBe('Beranda');
    expect(translate('id', 'nav.logout')).toBe('Keluar');
    expect(translate('id', 'weekday.short')).toBe('Sen,Sel,Rab,Kam,Jum,Sab,Min');
    expect(translate('id', 'colour.grey')).toBe('Abu-abu: hari libur nasional / cuti bersama / kantor tutup');
  });

  it('falls back to Indonesian, then to the key itself, never to nothing', () => {
    const partial = en as Record<string, string>;
    const saved = partial['login.submit'];
    delete partial['login.submit'];
    try {
      expect(translate('en', 'login.submit')).toBe('Masuk');
    } finally {
      partial['login.submit'] = saved!;
    }
    expect(translate('en', 'tidak.ada' as Key)).toBe('tidak.ada');
  });

  it('knows which keys exist, and only its own', () => {
    expect(isKey('login.submit')).toBe(true);
    // Rust writes the sentences it sends in both languages; the UI keeps no second copy of them.
    expect(isKey('errors.auth.disabled')).toBe(false);
    expect(isKey('tidak.ada')).toBe(false);
    expect(isKey('toString')).toBe(false);
  });

  it('formats with id-ID and en-GB', () => {
    expect(intlTag('id')).toBe('id-ID');
    expect(intlTag('en')).toBe('en-GB');
  });
});
