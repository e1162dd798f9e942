import { describe, expect, it } from 'vitest';
import { createBurstDetector, type BurstVerdict, type ScanKey } from './scanner';

const PROOF = 'LKT1.jakarta-selatan.261123-P-0001.20261123.P.5.pusat1.c2lnbmF0dXJl';

/** Types `text` then Enter, `gap` ms apart, starting at `t0`; returns every verdict. */
function type(detector: ReturnType<typeof createBurstDetector>, text: string, gap: number, t0 = 1000, enterGap = gap) {
  const out: BurstVerdict[] = [];
  let t = t0;
  for (const key of text) {
    out.push(detector.feed({ key, time: t }));
    t += gap;
  }
  out.push(detector.feed({ key: 'Enter', time: t - gap + enterGap }));
  return out;
}

const last = (v: BurstVerdict[]) => v[v.length - 1];

describe('USB scanner burst detector', () => {
  it('recognises a scanner burst ended by Enter and reports the payload', () => {
    const d = createBurstDetector();
    const v = type(d, PROOF, 5);
    expect(last(v)).toEqual({ kind: 'burst', payload: PROOF });
  });

  it('marks the first character as the start, so the caller can note the field before it leaks', () => {
    const d = createBurstDetector();
    const v = type(d, PROOF, 5);
    expect(v[0]).toEqual({ kind: 'char', start: true, likely: false });
    expect(v.slice(1, PROOF.length).every((x) => x.kind === 'char' && !x.start)).toBe(true);
  });

  it('flags characters after the prefix as likely scanner keys (not shortcuts)', () => {
    const d = createBurstDetector();
    const v = type(d, PROOF, 5);
    expect(v.slice(0, 3).map((x) => x.kind === 'char' && x.likely)).toEqual([false, false, false]);
    expect(v.slice(3, PROOF.length).every((x) => x.kind === 'char' && x.likely)).toBe(true);
  });

  it('a person typing "LKT1.abc" and Enter is not a burst', () => {
    const d = createBurstDetector();
    const v = type(d, 'LKT1.abc', 120);
    expect(last(v)).toEqual({ kind: 'enter' });
    expect(v.some((x) => x.kind === 'char' && x.likely)).toBe(false);
  });

  it('a fast typist at 45 ms per key is still a person', () => {
    const d = createBurstDetector();
    expect(last(type(d, PROOF, 45))).toEqual({ kind: 'enter' });
  });

  it('a burst split by a 200 ms pause is not one', () => {
    const d = createBurstDetector();
    const verdicts: BurstVerdict[] = [];
    let t = 0;
    for (const [i, key] of [...PROOF].entries()) {
      t += i === 20 ? 200 : 5;
      verdicts.push(d.feed({ key, time: t }));
    }
    verdicts.push(d.feed({ key: 'Enter', time: t + 5 }));
    // The second half does not start with the prefix, so it is no candidate of its own either.
    expect(last(verdicts)).toEqual({ kind: 'enter' });
  });

  it('Enter without any burst does nothing', () => {
    const d = createBurstDetector();
    expect(d.feed({ key: 'Enter', time: 10 })).toEqual({ kind: 'enter' });
    expect(d.feed({ key: 'Enter', time: 12 })).toEqual({ kind: 'enter' });
  });

  it('a fast burst too short to be a proof is not one', () => {
    const d = createBurstDetector();
    expect(last(type(d, 'LKT1.ab', 5))).toEqual({ kind: 'enter' });
  });

  it('a fast burst that does not start with the prefix is not one', () => {
    const d = createBurstDetector();
    expect(last(type(d, '261123-P-0001-XYZ', 5))).toEqual({ kind: 'enter' });
    expect(last(type(d, 'XLKT1.abcdefgh', 5))).toEqual({ kind: 'enter' });
  });

  it('ignores Shift between the characters, as scanners send it for capitals', () => {
    const d = createBurstDetector();
    let t = 0;
    for (const key of PROOF) {
      if (key >= 'A' && key <= 'Z') d.feed({ key: 'Shift', time: (t += 1) });
      d.feed({ key, time: (t += 3) });
    }
    expect(d.feed({ key: 'Enter', time: t + 3 })).toEqual({ kind: 'burst', payload: PROOF });
  });

  it('a non-printable key or a shortcut in between ends the candidate', () => {
    const d = createBurstDetector();
    let t = 0;
    for (const key of PROOF.slice(0, 10)) d.feed({ key, time: (t += 5) });
    d.feed({ key: 'Backspace', time: (t += 5) });
    for (const key of PROOF.slice(10)) d.feed({ key, time: (t += 5) });
    expect(d.feed({ key: 'Enter', time: t + 5 })).toEqual({ kind: 'enter' });

    const e = createBurstDetector();
    const keys: ScanKey[] = [...PROOF].map((key, i) => ({ key, time: i * 5, ctrlKey: i === 6 }));
    for (const k of keys) e.feed(k);
    expect(e.feed({ key: 'Enter', time: keys.length * 5 })).toEqual({ kind: 'enter' });
  });

  it('an Enter that comes long after the burst is left to the field', () => {
    const d = createBurstDetector();
    expect(last(type(d, PROOF, 5, 0, 400))).toEqual({ kind: 'enter' });
  });

  it('recognises a second burst right after the first, and a burst after slow typing', () => {
    const d = createBurstDetector();
    expect(last(type(d, PROOF, 4, 0))).toEqual({ kind: 'burst', payload: PROOF });
    expect(last(type(d, PROOF, 4, 500))).toEqual({ kind: 'burst', payload: PROOF });
    // "Budi " typed by hand into the search box, then a scan.
    let t = 2000;
    for (const key of 'Budi ') d.feed({ key, time: (t += 150) });
    const v = type(d, PROOF, 4, t + 150);
    expect(v[0]).toMatchObject({ kind: 'char', start: true });
    expect(last(v)).toEqual({ kind: 'burst', payload: PROOF });
  });

  it('is not fooled by a slow "L" right before a fast payload', () => {
    const d = createBurstDetector();
    d.feed({ key: 'L', time: 0 });
    const v = type(d, PROOF, 5, 300);
    expect(v[0]).toMatchObject({ start: true });
    expect(last(v)).toEqual({ kind: 'burst', payload: PROOF });
  });

  it('takes a payload typed with Caps Lock on (the backend then says what is wrong)', () => {
    const d = createBurstDetector();
    const flipped = 'lkt1.JAKARTA.261123-p-0001';
    expect(last(type(d, flipped, 5))).toEqual({ kind: 'burst', payload: flipped });
  });

  it('drops a candidate while an input method composes', () => {
    const d = createBurstDetector();
    let t = 0;
    for (const key of PROOF.slice(0, 12)) d.feed({ key, time: (t += 5) });
    expect(d.feed({ key: 'x', time: (t += 5), isComposing: true })).toEqual({ kind: 'other' });
    expect(d.feed({ key: 'Enter', time: t + 5 })).toEqual({ kind: 'enter' });
  });

  it('honours custom thresholds', () => {
    const d = createBurstDetector({ maxGapMs: 100, minLength: 4 });
    expect(last(type(d, 'LKT1', 80))).toEqual({ kind: 'burst', payload: 'LKT1' });
  });
});
