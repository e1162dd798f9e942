import { afterEach, describe, expect, it, vi } from 'vitest';

// The generated bindings call Tauri; here they are replaced so the unwrapping alone is tested.
vi.mock('./bindings', () => ({
  commands: {
    login: vi.fn(async (req: { username: string }) =>
      req.username === 'admin'
        ? { status: 'ok', data: { username: 'admin' } }
        : { status: 'error', error: {
              code: 'auth.invalid_credentials',
              message: { id: 'Nama pengguna atau kata sandi salah.', en: 'Wrong username or password.' },
            },
          },
    ),
    logout: vi.fn(async () => ({ status: 'ok', data: null })),
    homeToday: vi.fn(async () => ({ status: 'error', error: { code: 'auth.required', message: { id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' } } })),
    calendarMonth: vi.fn(async (year: number, month: number) => ({ status: 'ok', data: { year, month, today: '2026-11-23', days: [] } })),
    listUsers: vi.fn(async () => {
      throw new TypeError('window.__TAURI_INTERNALS__ is undefined');
    }),
  },
}));

const { api, IpcFailure, isTauri, onSessionLost } = await import('./index');
const { commands } = await import('./bindings');

afterEach(() => vi.clearAllMocks());

describe('IPC unwrap', () => {
  it('returns the data of a successful command', async () => {
    await expect(api.login({ username: 'admin', password: 'x' })).resolves.toEqual({ username: 'admin' });
    await expect(api.logout()).resolves.toBeNull();
  });

  it('passes the arguments through unchanged', async () => {
    await expect(api.calendarMonth(2026, 11)).resolves.toMatchObject({ year: 2026, month: 11 });
    expect(commands.calendarMonth).toHaveBeenCalledWith(2026, 11);
  });

  it('throws an IpcFailure with the code and the message in both languages', async () => {
    const failure = await api.login({ username: 'budi', password: 'x' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(IpcFailure);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as InstanceType<typeof IpcFailure>).code).toBe('auth.invalid_credentials');
    expect((failure as Error).message).toBe('Nama pengguna atau kata sandi salah.');
    expect((failure as InstanceType<typeof IpcFailure>).text.en).toBe('Wrong username or password.');
  });

  it('lets a JavaScript error (no Tauri, a bug) through as it is', async () => {
    const failure = await api.listUsers().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TypeError);
    expect(failure).not.toBeInstanceOf(IpcFailure);
  });

  it('tells listeners when the session is gone, but not for a failed sign-in', async () => {
    const lost = vi.fn();
    const stop = onSessionLost(lost);
    await api.homeToday().catch(() => undefined);
    expect(lost).toHaveBeenCalledTimes(1);
    expect(lost.mock.calls[0]?.[0]).toMatchObject({ code: 'auth.required' });
    await api.login({ username: 'budi', password: 'x' }).catch(() => undefined);
    expect(lost).toHaveBeenCalledTimes(1);
    stop();
    await api.homeToday().catch(() => undefined);
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it('knows it is not inside the Tauri window here', () => {
    expect(isTauri()).toBe(false);
  });
});
