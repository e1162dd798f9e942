import { describe, expect, it } from 'vitest';
import { cameraChoices, fromChoice, parseGrace, toChoice } from './settings';

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
