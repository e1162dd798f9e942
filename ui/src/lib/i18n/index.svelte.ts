// The current language, kept across restarts, and `t()` for every visible string.
import type { Text } from '$lib/ipc';
import type { Key } from './id';
import { translate, type Locale, type Params } from './translate';

const STORAGE_KEY = 'loket.lang';

function stored(): Locale {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

function markDocument(locale: Locale) {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

const first = stored();
let current = $state<Locale>(first);
markDocument(first);

export const i18n = {
  get locale(): Locale {
    return current;
  },
  set(locale: Locale) {
    current = locale;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    } catch {
      // A locked-down profile without storage still switches for this session.
    }
    markDocument(locale);
  },
  toggle() {
    this.set(current === 'id' ? 'en' : 'id');
  },
};

/** The text of `key` in the current language; reactive wherever it is read in a component. */
export function t(key: Key, params?: Params): string {
  return translate(current, key, params);
}

/** A sentence Rust sent (an error, a field issue, why a date is grey) in the current language. */
export function say(text: Text): string;
export function say(text: Text | null | undefined): string | null;
export function say(text: Text | null | undefined): string | null {
  return text ? text[current] : null;
}

export type { Key, Locale };
