// Client-side checks of the user forms, the same rules Rust enforces, shown next to the fields.
import type { Key } from '$lib/i18n/index.svelte';

export const MIN_PASSWORD = 10;

export type FieldErrors<F extends string> = Partial<Record<F, Key>>;

export function checkPassword(password: string): Key | undefined {
  return password.length < MIN_PASSWORD ? 'validation.passwordShort' : undefined;
}

/** A NIP is optional; when given it is 18 digits (spaces typed between groups are ignored). */
export function normaliseNip(nip: string): string | null {
  const digits = nip.replace(/\s+/g, '');
  return digits === '' ? null : digits;
}

export function checkNewUser(input: {
  username: string;
  fullName: string;
  nip: string;
  password: string;
}): FieldErrors<'username' | 'fullName' | 'nip' | 'password'> {
  const errors: FieldErrors<'username' | 'fullName' | 'nip' | 'password'> = {};
  if (!input.username.trim()) errors.username = 'validation.required';
  if (!input.fullName.trim()) errors.fullName = 'validation.required';
  const nip = normaliseNip(input.nip);
  if (nip !== null && !/^\d{18}$/.test(nip)) errors.nip = 'validation.nip';
  const password = checkPassword(input.password);
  if (password) errors.password = password;
  return errors;
}
