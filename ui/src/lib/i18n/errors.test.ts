import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('$lib/ipc/bindings', () => ({ commands: {} }));

const { IpcFailure } = await import('$lib/ipc');
const { errorText } = await import('./errors');
const { i18n } = await import('./index.svelte');

afterEach(() => i18n.set('id'));

describe('error text', () => {
  const locked = new IpcFailure({ code: 'auth.locked', message: 'Akun terkunci karena 5 kali salah kata sandi. Coba lagi pukul 10:05.' });
  const disabled = new IpcFailure({ code: 'auth.disabled', message: 'Akun ini dinonaktifkan. Hubungi admin kantor.' });

  it('shows the backend message in Indonesian', () => {
    expect(errorText(locked)).toBe(locked.message);
    expect(errorText(disabled)).toBe('Akun ini dinonaktifkan. Hubungi admin kantor.');
  });

  it('keeps the Indonesian message in English unless the code has a translation', () => {
    i18n.set('en');
    expect(errorText(locked)).toBe(locked.message);
    expect(errorText(disabled)).toBe('This account is disabled. Contact the office admin.');
  });

  it('never shows an empty message', () => {
    expect(errorText(new Error(''))).toBe('Loket tidak dapat menampilkan layar ini. Data Anda tetap tersimpan.');
    expect(errorText(undefined)).not.toBe('');
    expect(errorText(new Error('rusak'))).toBe('rusak');
  });
});
