import { describe, expect, it } from 'vitest';
import { translate } from '$lib/i18n/translate';
import { canEditRelease, checkRelease, isClockTime, releaseSummary, trimRelease } from './release';

const days = 'Senin,Selasa,Rabu,Kamis,Jumat,Sabtu,Minggu'.split(',');
const weekly = { kind: 'weekly', openDay: 4, openTime: '14:00', closeDay: 6, closeTime: '16:00', monthlyTime: '09:00' };

describe('release schedule', () => {
  it('reads in words', () => {
    const w = releaseSummary(weekly, days)!;
    expect(translate('id', w.key, w.params)).toBe('Setiap Jumat 14:00 sampai Minggu 16:00 untuk minggu berikutnya');
    const m = releaseSummary({ ...weekly, kind: 'monthly' }, days)!;
    expect(translate('id', m.key, m.params)).toBe('Hari kerja terakhir setiap bulan pukul 09:00 untuk bulan berikutnya');
    expect(releaseSummary({ ...weekly, kind: 'lain' }, days)).toBeNull();
  });

  it('checks times as HH:MM and only for the chosen kind', () => {
    expect(isClockTime('09:00')).toBe(true);
    expect(isClockTime('9:00')).toBe(false);
    expect(isClockTime('24:00')).toBe(false);
    expect(checkRelease(weekly)).toEqual({});
    expect(checkRelease({ ...weekly, openTime: '14.00', closeDay: 7 })).toEqual({ openTime: 'validation.time', closeDay: 'validation.required' });
    expect(checkRelease({ ...weekly, kind: 'monthly', openTime: 'x', monthlyTime: '25:00' })).toEqual({ monthlyTime: 'validation.time' });
    expect(trimRelease({ ...weekly, openTime: ' 14:00 ' }).openTime).toBe('14:00');
  });

  it('lets the head and the admin edit it', () => {
    expect(canEditRelease('kepala')).toBe(true);
    expect(canEditRelease('admin')).toBe(true);
    expect(canEditRelease('petugas')).toBe(false);
  });
});
