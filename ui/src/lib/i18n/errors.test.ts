import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('$lib/ipc/bindings', () => ({ commands: {} }));

const { IpcFailure } = await import('$lib/ipc');
const { errorText } = await import('./errors');
const { i18n } = await import('./index.svelte');

afterEach(() => i18n.set('id'));

describe('error text', () => {
  const locked = new IpcFailure({
    code: 'auth.locked',
    message: {
      id: 'Akun terkunci karena 5 kali salah kata sandi. Coba lagi pukul 10:05.',
      en: 'The account is locked after 5 wrong passwords. Try again at 10:05.',
    },
  });

  it('shows the backend sentence in Indonesian', () => {
    expect(errorText(locked)).toBe('Akun terkunci karena 5 kali salah kata sandi. Coba lagi pukul 10:05.');
    expect(locked.message).toBe(locked.text.id);
  });

  it('shows the backend sentence in English, specifics included', () => {
    i18n.set('en');
    expect(errorText(locked)).toBe('The account is locked after 5 wrong passwords. Try again at 10:05.');
  });

  it('never shows an empty message', () => {
    expect(errorText(new Error(''))).toBe('Loket tidak dapat menampilkan layar ini. Data Anda tetap tersimpan.');
    expect(errorText(undefined)).not.toBe('');
    expect(errorText(new Error('rusak'))).toBe('rusak');
  });
});
