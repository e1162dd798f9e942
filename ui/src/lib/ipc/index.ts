// The only module the rest of the UI uses to talk to Rust. It unwraps tauri-specta's Result into a
// value or a thrown IpcFailure carrying the stable code and the Indonesian message.
import { commands, type Result, type IpcError } from './bindings';

export type * from './bindings';

export class IpcFailure extends Error {
  readonly code: string;
  constructor(error: IpcError) {
    super(error.message);
    this.name = 'IpcFailure';
    this.code = error.code;
  }
}

export async function unwrap<T>(call: Promise<Result<T, IpcError>>): Promise<T> {
  const result = await call;
  if (result.status === 'ok') return result.data;
  throw new IpcFailure(result.error);
}

type Commands = typeof commands;
type Unwrapped = {
  [K in keyof Commands]: (
    ...args: Parameters<Commands[K]>
  ) => Promise<Awaited<ReturnType<Commands[K]>> extends Result<infer T, IpcError> ? T : never>;
};

/** Every command, returning its data or throwing `IpcFailure`. */
export const api = new Proxy({} as Unwrapped, {
  get(_, name: string) {
    const command = commands[name as keyof Commands] as (...a: unknown[]) => Promise<Result<unknown, IpcError>>;
    return (...args: unknown[]) => unwrap(command(...args));
  },
});
