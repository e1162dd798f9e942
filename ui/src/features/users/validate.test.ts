import { describe, expect, it } from 'vitest';
import { checkNewUser, checkPassword, normaliseNip } from './validate';

const valid = { username: 'budi.s', fullName: 'Budi Santoso', nip: '', password: 'sandi-rahasia-1' };

describe('new user form checks', () => {
  it('accepts a complete form with or without a NIP', () => {
    expect(checkNewUser(valid)).toEqual({});
    expect(checkNewUser({ ...valid, nip: '198503172010121002' })).toEqual({});
    expect(checkNewUser({ ...valid, nip: '19850317 201012 1 002' })).toEqual({});
  });

  it('names each field that is wrong', () => {
    expect(checkNewUser({ username: ' ', fullName: '', nip: '12345', password: 'pendek' })).toEqual({
      username: 'validation.required',
      fullName: 'validation.required',
      nip: 'validation.nip',
      password: 'validation.passwordShort',
    });
    expect(checkNewUser({ ...valid, nip: '19850317201012100A' }).nip).toBe('validation.nip');
  });

  it('needs at least ten characters for a password', () => {
    expect(checkPassword('123456789')).toBe('validation.passwordShort');
    expect(checkPassword('1234567890')).toBeUndefined();
  });

  it('sends no NIP when none was typed, and strips the spaces of one typed in groups', () => {
    expect(normaliseNip('   ')).toBeNull();
    expect(normaliseNip('19850317 201012 1 002')).toBe('198503172010121002');
  });
});
