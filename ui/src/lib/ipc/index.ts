// The only module the rest of the UI uses to talk to Rust. It unwraps tauri-specta's Result into a
// value or a thrown IpcFailure carrying the stable code and the message in both languages.
import { isTauri as tauriRuntime } from '@tauri-apps/api/core';
import { commands, type Result, type IpcError, type Text } from './bindings';

export type * from './bindings';

export class IpcFailure extends Error {
  readonly code: string;
  /** The sentence Rust wrote, in Indonesian and English; `message` is the Indonesian one. */
  readonly text: Text;
  constructor(error: IpcError) {
    super(error.message.id);
    this.name = 'IpcFailure';
    this.code = error.code;
    this.text = error.message;
  }
}

/** True inside the Loket window; false in a plain browser (`npm run dev`), where no command works. */
export function isTauri(): boolean {
  try {
    return tauriRuntime() || '__TAURI_INTERNALS__' in globalThis;
  } catch {
    return false;
  }
}

/** Codes after which the signed-in session is gone (signed out elsewhere, account disabled). */
const SESSION_LOST = new Set(['auth.required', 'auth.disabled']);
const sessionLostListeners = new Set<(failure: IpcFailure) => void>();

/** Called when any command but `login` reports that the session is gone. Returns the unsubscribe. */
export function onSessionLost(listener: (failure: IpcFailure) => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

/** Rust refuses everything but unlocking while the screen is locked. */
export const SCREEN_LOCKED = 'auth.screen_locked';
const lockListeners = new Set<(locked: boolean) => void>();

/** Called when the screen locks (idle, or a command found it locked) and when it unlocks. Returns
 * the unsubscribe. The camera pollers stop and resume on it; the app shows the lock. */
export function onScreenLock(listener: (locked: boolean) => void): () => void {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

export function announceScreenLock(locked: boolean): void {
  for (const listener of lockListeners) listener(locked);
}

export async function unwrap<T>(call: Promise<Result<T, IpcError>>, command = ''): Promise<T> {
  const result = await call;
  if (result.status === 'ok') return result.data;
  const failure = new IpcFailure(result.error);
  if (command !== 'login' && SESSION_LOST.has(failure.code)) {
    for (const listener of sessionLostListeners) listener(failure);
  }
  if (failure.code === SCREEN_LOCKED) announceScreenLock(true);
  throw failure;
}

type Commands = typeof commands;
type Data<R> = Awaited<R> extends Result<infer T, IpcError> ? T : never;
export type Api = {
  [K in keyof Commands]: (...args: Parameters<Commands[K]>) => Promise<Data<ReturnType<Commands[K]>>>;
};

type AnyCommand = (...args: unknown[]) => Promise<Result<unknown, IpcError>>;

/** Every command, returning its data or throwing `IpcFailure`. Built from the generated list, so a
 * regenerated `bindings.ts` brings its new commands along without an edit here. */
export const api = Object.fromEntries(
  Object.entries(commands as unknown as Record<string, AnyCommand>).map(([name, command]) => [
    name,
    (...args: unknown[]) => unwrap(command(...args), name),
  ]),
) as Api;
