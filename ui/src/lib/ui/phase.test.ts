import { describe, expect, it } from 'vitest';
import { translate } from '$lib/i18n/translate';
import { minutesOf, phaseLabel, sessionPhase, type SessionPhase } from './phase';

// An office with pagi 08:00–12:00 and siang 13:00–16:00 (office-local).
const PAGI = ['08:00', '12:00'] as const;
const SIANG = ['13:00', '16:00'] as const;
const at = (now: string) => ({ pagi: sessionPhase(now, ...PAGI), siang: sessionPhase(now, ...SIANG) });
const label = (phase: SessionPhase, start: string, locale: 'id' | 'en' = 'id') => {
  const { key, params } = phaseLabel(phase, start);
  return translate(locale, key, params);
};

describe('session phase', () => {
  it('at 05:16 nothing is being served yet', () => {
    expect(at('05:16')).toEqual({ pagi: 'before', siang: 'before' });
    expect(label('before', '08:00')).toBe('Belum dimulai, mulai pukul 08:00');
  });

  it('at 08:00 pagi has started', () => {
    expect(at('08:00')).toEqual({ pagi: 'open', siang: 'before' });
  });

  it('at 11:59 pagi is still being served', () => {
    expect(at('11:59')).toEqual({ pagi: 'open', siang: 'before' });
  });

  it('at 12:00 pagi is over and siang has not started', () => {
    expect(at('12:00')).toEqual({ pagi: 'over', siang: 'before' });
    expect(label('before', '13:00')).toBe('Belum dimulai, mulai pukul 13:00');
  });

  it('at 13:30 siang is being served', () => {
    expect(at('13:30')).toEqual({ pagi: 'over', siang: 'open' });
    expect(label('open', '13:00')).toBe('Sedang dilayani');
  });

  it('after 16:00 both are over', () => {
    expect(at('16:00')).toEqual({ pagi: 'over', siang: 'over' });
    expect(label('over', '13:00')).toBe('Selesai');
  });

  it('has English labels too', () => {
    expect(label('open', '08:00', 'en')).toBe('Now serving');
    expect(label('before', '08:00', 'en')).toBe('Not started yet, starts at 08:00');
    expect(label('over', '08:00', 'en')).toBe('Finished');
  });

  it('gives no phase for a time it cannot read', () => {
    expect(sessionPhase('', ...PAGI)).toBeNull();
    expect(sessionPhase('10:00', '', '12:00')).toBeNull();
    expect(minutesOf('25:00')).toBeNull();
    expect(minutesOf('9:05')).toBe(545);
    expect(minutesOf('09:05:33')).toBe(545);
  });
});
