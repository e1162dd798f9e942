import { t, type Key } from '$lib/i18n/index.svelte';

/** The translation of `key`, or the raw backend value when it has none (a value added later). */
export function label(key: Key | null, raw: string): string {
  return key ? t(key) : raw;
}
