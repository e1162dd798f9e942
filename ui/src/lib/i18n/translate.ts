import { en } from './en';
import { id, type Key } from './id';

export type Locale = 'id' | 'en';
export type Params = Record<string, string | number>;

const tables: Record<Locale, Record<Key, string>> = { id, en };

/**
 * Looks a key up in a locale and fills `{name}` placeholders. Pure, so it is unit-tested.
 * A key missing from English falls back to Indonesian; a key missing everywhere (only possible for a
 * key built at run time) shows itself rather than nothing.
 */
export function translate(locale: Locale, key: Key, params?: Params): string {
  const text: string = tables[locale][key] ?? id[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isKey(key: string): key is Key {
  return Object.prototype.hasOwnProperty.call(id, key);
}

/** The BCP 47 tag used for `Intl` formatting in each UI language. */
export function intlTag(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : 'id-ID';
}
