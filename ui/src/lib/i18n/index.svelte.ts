// The current language, kept across restarts, and `t()` for every visible string.
import type { Key } from './id';
import { translate, type Locale, type Params } from './translate';

const STORAGE_KEY = 'loket.lang';

function initial(): Locale {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

let current = $state<Locale>(initial());

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
    document.documentElement.lang = locale;
  },
  toggle() {
    this.set(current === 'id' ? 'en' : 'id');
  },
};

export function t(key: Key, params?: Params): string {
  return translate(current, key, params);
}

export type { Key, Locale };
