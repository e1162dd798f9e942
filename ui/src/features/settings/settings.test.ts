import { describe, expect, it } from 'vitest';
import { cameraChoices, formatSize, fromChoice, parseGrace, parseIdleMinutes, toChoice } from './settings';

describe('camera choices', () => {
  it('starts with "the first camera" and lists the detected ones', () => {
    const list = cameraChoices([{ index: 0, name: 'USB Camera' }, { index: 2, name: 'Integrated' }], null);
    expect(list.map((c) => c.value)).toEqual(['', '0', '2']);
    expect(list.every((c) => c.present)).toBe(true);
  });

  it('keeps a saved camera that is not detected now, marked as missing', () => {
    const list = cameraChoices([], 1);
    expect(list).toEqual([
      { value: '', index: null, name: '', present: true },
      { value: '1', index: 1, name: '', present: false },
    ]);
  });

  it('round-trips values, index 0 included', () => {
    expect(toChoice(null)).toBe('');
    expect(fromChoice(toChoice(0))).toBe(0);
    expect(fromChoice('')).toBeNull();
    expect(fromChoice('x')).toBeNull();
  });
});

describe('grace minutes', () => {
  it('accepts whole minutes from 0 to 480', () => {
    expect(parseGrace(0)).toBe(0);
    expect(parseGrace(30)).toBe(30);
    expect(parseGrace(480)).toBe(480);
    expect(parseGrace('45')).toBe(45);
  });

  it('refuses empty, negative, fractional and too large values', () => {
    for (const bad of [null, undefined, '', ' ', -1, 12.5, 481, NaN, 'abc']) expect(parseGrace(bad), String(bad)).toBeNull();
  });
});

describe('idle minutes before the screen locks', () => {
  it('takes whole minutes from 1 to 60 and nothing else', () => {
    expect(parseIdleMinutes(5)).toBe(5);
    expect(parseIdleMinutes('60')).toBe(60);
    expect(parseIdleMinutes(1)).toBe(1);
    for (const wrong of [0, 61, 2.5, '', ' ', null, 'lima', -3]) expect(parseIdleMinutes(wrong)).toBeNull();
  });
});

describe('backup sizes', () => {
  it('reads as kB below a megabyte and MB with an Indonesian decimal comma above', () => {
    expect(formatSize(300)).toBe('300 kB');
    expect(formatSize(1536)).toBe('1,5 MB');
    expect(formatSize(40 * 1024)).toBe('40,0 MB');
  });
});
