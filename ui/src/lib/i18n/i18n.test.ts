import { describe, expect, it } from 'vitest';
import { en } from './en';
import { id } from './id';
import { isKey, translate } from './translate';

describe('i18n', () => {
  it('English has exactly the Indonesian keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('id', 'users.locked', { time: '10:05' })).toBe('Terkunci sampai 10:05');
    expect(translate('en', 'users.locked', { time: '10:05' })).toBe('Locked until 10:05');
    expect(translate('id', 'users.locked')).toBe('Terkunci sampai {time}');
  });

  it('Indonesian is the default language of every key', () => {
    expect(translate('id', 'login.submit')).toBe('Masuk');
    expect(isKey('login.submit')).toBe(true);
    expect(isKey('tidak.ada')).toBe(false);
  });
});
