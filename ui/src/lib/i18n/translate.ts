import { en } from './en';
import { id, type Key } from './id';

export type Locale = 'id' | 'en';
export type Params = Record<string, string | number>;

/** Looks a key up in a locale and fills `{name}` placeholders. Pure, so it is unit-tested. */
export function translate(locale: Locale, key: Key, params?: Params): string {
  const text: string = (locale === 'en' ? en : id)[key] ?? id[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isKey(key: string): key is Key {
  return key in id;
}
