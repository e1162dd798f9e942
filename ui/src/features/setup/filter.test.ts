import { describe, expect, it } from 'vitest';
import type { OfficeView } from '$lib/ipc';
import { filterOffices } from './filter';

const office = (slug: string, name: string, city: string, province: string): OfficeView => ({
  slug, name, city, province, kelas: 'Kelas I TPI', zone: 'WIB', ianaTz: 'Asia/Jakarta',
});
const all = [
  office('ambon', 'Kantor Imigrasi Kelas I TPI Ambon', 'Kota Ambon', 'Maluku'),
  office('jakartaselatan', 'Kantor Imigrasi Kelas I Khusus Non TPI Jakarta Selatan', 'Kota Jakarta Selatan', 'DKI Jakarta'),
  office('jakartautara', 'Kantor Imigrasi Kelas I TPI Jakarta Utara', 'Kota Jakarta Utara', 'DKI Jakarta'),
];

describe('office search on first run', () => {
  it('matches every word typed, in any order and case', () => {
    expect(filterOffices(all, 'selatan JAKARTA').map((o) => o.slug)).toEqual(['jakartaselatan']);
    expect(filterOffices(all, 'maluku').map((o) => o.slug)).toEqual(['ambon']);
  });

  it('shows everything for an empty query and nothing for a foreign one', () => {
    expect(filterOffices(all, '  ')).toHaveLength(3);
    expect(filterOffices(all, 'Atlantis')).toHaveLength(0);
  });
});
