import type { OfficeView } from '$lib/ipc';

/** Offices whose name, city or province contain every word typed, case- and accent-insensitive. */
export function filterOffices(offices: OfficeView[], query: string): OfficeView[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return offices;
  return offices.filter((o) => {
    const hay = fold(`${o.name} ${o.city} ${o.province} ${o.slug}`);
    return words.every((w) => hay.includes(w));
  });
}
