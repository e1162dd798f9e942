import { describe, expect, it, vi } from 'vitest';

// The generated bindings call Tauri; here they are replaced so the unwrapping alone is tested.
vi.mock('./bindings', () => ({
  commands: {
    login: vi.fn(async (req: { username: string }) =>
      req.username === 'admin'
        ? { status: 'ok', data: { username: 'admin' } }
        : { status: 'error', error: { code: 'auth.invalid_credentials', message: 'Nama pengguna atau kata sandi salah.' } },
    ),
  },
}));

const { api, IpcFailure } = await import('./index');

describe('IPC unwrap', () => {
  it('returns the data of a successful command', async () => {
    await expect(api.login({ username: 'admin', password: 'x' })).resolves.toEqual({ username: 'admin' });
  });

  it('throws an IpcFailure with the code and the Indonesian message', async () => {
    const failure = await api.login({ username: 'budi', password: 'x' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(IpcFailure);
    expect((failure as InstanceType<typeof IpcFailure>).code).toBe('auth.invalid_credentials');
    expect((failure as Error).message).toBe('Nama pengguna atau kata sandi salah.');
  });
});
