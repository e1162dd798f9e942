import { describe, expect, it } from 'vitest';
import { translate } from '$lib/i18n/translate';
import { caretAfter, displayText, judge, readDate, stepDate, typedText, type Verdict } from './dateField';

/** The field's text after typing `keys` one by one into an empty field, as the component does. */
function typeKeys(keys: string, start = ''): string {
  let text = start;
  for (const key of keys) text = typedText(text + key, true);
  return text;
}

/** The text after pressing Backspace `n` times at the end. */
function backspace(text: string, n: number): string {
  let out = text;
  for (let i = 0; i < n; i++) out = typedText(out.slice(0, -1), false);
  return out;
}

const message = (v: Verdict, locale: 'id' | 'en' = 'id') => (v.problem ? translate(locale, v.problem.key, v.problem.params) : '');

describe('date field: typing', () => {
  it('puts the slashes in as digits are typed', () => {
    expect(typeKeys('23112026')).toBe('23/11/2026');
    expect(typeKeys('2')).toBe('2');
    expect(typeKeys('23')).toBe('23/');
    expect(typeKeys('231')).toBe('23/1');
    expect(typeKeys('2311')).toBe('23/11/');
    expect(typeKeys('231120')).toBe('23/11/20');
  });

  it('takes the slash typed after an automatic one as the same slash', () => {
    expect(typeKeys('23/11/2026')).toBe('23/11/2026');
    expect(typeKeys('11/01/2027')).toBe('11/01/2027');
  });

  it('turns dashes, dots and spaces into slashes', () => {
    expect(typeKeys('23-11-2026')).toBe('23/11/2026');
    expect(typeKeys('23.11.2026')).toBe('23/11/2026');
    expect(typeKeys('23 11 2026')).toBe('23/11/2026');
    expect(typedText('23.11.2026', true)).toBe('23/11/2026');
  });

  it('keeps one-digit days and months as typed', () => {
    expect(typeKeys('1/2/2026')).toBe('1/2/2026');
    expect(typeKeys('1-2-2026')).toBe('1/2/2026');
    expect(typeKeys('5/12/2026')).toBe('5/12/2026');
  });

  it('drops letters, doubled separators and digits past the year', () => {
    expect(typeKeys('2a3b')).toBe('23/');
    expect(typeKeys('//23//11')).toBe('23/11/');
    expect(typeKeys('23/11/20261')).toBe('23/11/2026');
    expect(typeKeys('231120269999')).toBe('23/11/2026');
    expect(typeKeys('23/11/2026/')).toBe('23/11/2026');
  });

  it('lets Backspace remove an automatic slash without it coming back', () => {
    expect(backspace('23/', 1)).toBe('23');
    expect(backspace('23/11/', 1)).toBe('23/11');
    expect(backspace('23/11/2026', 5)).toBe('23/11');
    expect(backspace('23/11/2026', 10)).toBe('');
  });

  it('turns a pasted ISO date into day first', () => {
    expect(typedText('2026-11-23', true)).toBe('23/11/2026');
    expect(typedText(' 2027-1-5 ', true)).toBe('05/01/2027');
    expect(typedText('  2026-11-23  ', true)).toBe('23/11/2026');
  });

  it('never grows past ten characters', () => {
    expect(typeKeys('12345678901234567890').length).toBeLessThanOrEqual(10);
  });

  it('keeps the caret after the digit it followed', () => {
    // "231" typed: the caret after the third digit lands after "23/1".
    expect(caretAfter('231', 3, '23/1')).toBe(4);
    // After two digits the automatic slash is stepped over.
    expect(caretAfter('23', 2, '23/')).toBe(3);
    expect(caretAfter('2a3', 1, '23/')).toBe(1);
    expect(caretAfter('abc', 3, '')).toBe(0);
  });
});

describe('date field: reading the date', () => {
  it('reads day first, with any of the separators', () => {
    expect(readDate('23/11/2026')).toEqual({ kind: 'date', iso: '2026-11-23' });
    expect(readDate('23-11-2026')).toEqual({ kind: 'date', iso: '2026-11-23' });
    expect(readDate('23.11.2026')).toEqual({ kind: 'date', iso: '2026-11-23' });
    expect(readDate('1/2/2026')).toEqual({ kind: 'date', iso: '2026-02-01' });
    expect(readDate(' 2026-11-23 ')).toEqual({ kind: 'date', iso: '2026-11-23' });
  });

  it('is unfinished until the year has four digits', () => {
    expect(readDate('')).toEqual({ kind: 'empty' });
    expect(readDate('   ')).toEqual({ kind: 'empty' });
    expect(readDate('23/11/')).toEqual({ kind: 'unfinished' });
    expect(readDate('23/11/26')).toEqual({ kind: 'unfinished' });
    expect(readDate('23')).toEqual({ kind: 'unfinished' });
  });

  it('knows leap years, and months of 30 days', () => {
    expect(readDate('29/02/2028')).toEqual({ kind: 'date', iso: '2028-02-29' });
    expect(readDate('29/02/2000')).toEqual({ kind: 'date', iso: '2000-02-29' });
    expect(readDate('29/02/2027')).toEqual({ kind: 'impossible' });
    expect(readDate('29/02/2100')).toEqual({ kind: 'impossible' });
    expect(readDate('31/02/2026')).toEqual({ kind: 'impossible' });
    expect(readDate('31/04/2026')).toEqual({ kind: 'impossible' });
    expect(readDate('30/04/2026')).toEqual({ kind: 'date', iso: '2026-04-30' });
    expect(readDate('31/12/2026')).toEqual({ kind: 'date', iso: '2026-12-31' });
    expect(readDate('00/11/2026')).toEqual({ kind: 'impossible' });
    expect(readDate('12/13/2026')).toEqual({ kind: 'impossible' });
    expect(readDate('01/01/0000')).toEqual({ kind: 'impossible' });
  });
});

describe('date field: value and message', () => {
  it('gives the parent the ISO date of a whole, real date', () => {
    expect(judge('23/11/2026')).toEqual({ value: '2026-11-23', problem: null, unfinished: false });
    expect(judge('')).toEqual({ value: '', problem: null, unfinished: false });
  });

  it('refuses an impossible date with a message in both languages', () => {
    const v = judge('31/02/2026');
    expect(v.value).toBe('');
    expect(v.unfinished).toBe(false);
    expect(message(v)).toBe('Tanggal 31/02/2026 tidak ada di kalender.');
    expect(message(v, 'en')).toBe('There is no such date as 31/02/2026.');
  });

  it('asks for the format only once typing has stopped', () => {
    const v = judge('23/11/20');
    expect(v).toMatchObject({ value: '', unfinished: true });
    expect(message(v)).toBe('Tanggal harus berformat HH/BB/TTTT, mis. 23/11/2026.');
  });

  it('honours min and max, both inclusive, and names them day first', () => {
    const limits = { min: '2026-11-23', max: '2026-12-31' };
    expect(judge('23/11/2026', limits).value).toBe('2026-11-23');
    expect(judge('31/12/2026', limits).value).toBe('2026-12-31');
    const early = judge('22/11/2026', limits);
    expect(early.value).toBe('');
    expect(message(early)).toBe('Tanggal paling awal 23/11/2026.');
    expect(message(early, 'en')).toBe('The earliest date allowed is 23/11/2026.');
    const late = judge('01/01/2027', limits);
    expect(late.value).toBe('');
    expect(message(late)).toBe('Tanggal paling akhir 31/12/2026.');
  });

  it('ignores a limit that is not an ISO date', () => {
    expect(judge('01/01/2020', { min: '' }).value).toBe('2020-01-01');
    expect(judge('01/01/2020', { min: '23/11/2026' }).value).toBe('2020-01-01');
  });

  it('shows an ISO value day first, and a stray one as it is', () => {
    expect(displayText('2026-11-23')).toBe('23/11/2026');
    expect(displayText('')).toBe('');
    expect(displayText('kemarin')).toBe('kemarin');
  });
});

describe('date field: arrow keys', () => {
  it('moves a day, across months, years and leap days', () => {
    expect(stepDate('23/11/2026', 1)).toBe('2026-11-24');
    expect(stepDate('30/11/2026', 1)).toBe('2026-12-01');
    expect(stepDate('01/01/2027', -1)).toBe('2026-12-31');
    expect(stepDate('28/02/2028', 1)).toBe('2028-02-29');
    expect(stepDate('28/02/2027', 1)).toBe('2027-03-01');
  });

  it('stays within the limits and starts from them on an empty field', () => {
    const limits = { min: '2026-11-23', max: '2026-11-30' };
    expect(stepDate('23/11/2026', -1, limits)).toBe('2026-11-23');
    expect(stepDate('30/11/2026', 1, limits)).toBe('2026-11-30');
    expect(stepDate('', 1, limits)).toBe('2026-11-23');
    expect(stepDate('', -1, limits)).toBe('2026-11-30');
    expect(stepDate('', 1)).toBeNull();
    expect(stepDate('31/02/2026', 1, { min: '2026-11-23' })).toBe('2026-11-23');
  });
});
