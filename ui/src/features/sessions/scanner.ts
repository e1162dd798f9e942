// A USB barcode scanner is a keyboard: it "types" the QR payload a few milliseconds per character
// and presses Enter, into whatever has the focus. No person types that fast, so a run of quick
// printable keys that starts like a booking proof ("LKT") and ends with Enter is taken as a scan.
// This module only decides; the screen reacts (restores the field the characters leaked into and
// submits the payload). Pure and clock-free, so it is unit-tested with made-up timestamps.

export interface BurstOptions {
  /** Characters a payload needs at least; a proof is far longer, a typed code shorter. */
  minLength: number;
  /** Each character must follow the previous one within less than this (ms). */
  maxGapMs: number;
  /** The Enter ending a burst may lag a little more: some scanners pause before the suffix. */
  enterGapMs: number;
  /** What every proof starts with (compared case-insensitively: Caps Lock flips a scanner's case,
   * and the characters must still not land in a text field). */
  prefix: string;
}

export const DEFAULT_BURST: BurstOptions = { minLength: 8, maxGapMs: 40, enterGapMs: 100, prefix: 'LKT' };

/** A keydown as the detector needs it; `time` in ms (the event's `timeStamp`). */
export interface ScanKey {
  key: string;
  time: number;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
}

export type BurstVerdict =
  /** Not typing the detector cares about (Shift, Caps Lock…) or a key that ended a candidate. */
  | { kind: 'other' }
  /**
   * A printable character. `start`: it begins a new candidate, so the caller notes the focused
   * field's value now, before the character lands. `likely`: the candidate already matches the
   * prefix and keeps coming at scanner speed, so this key should not act as a shortcut.
   */
  | { kind: 'char'; start: boolean; likely: boolean }
  /** Enter ending a burst: the caller submits `payload` and undoes the leaked characters. */
  | { kind: 'burst'; payload: string }
  /** Enter that ends no burst: left to whatever has the focus. */
  | { kind: 'enter' };

// Keys a scanner's keyboard emulation sends around characters (Shift for capitals) that must not
// break a burst.
const NEUTRAL = new Set(['Shift', 'CapsLock', 'NumLock', 'Unidentified']);

// Nothing legitimate is this long; a stuck key or a runaway device should not grow memory.
const MAX_PAYLOAD = 2048;

export interface BurstDetector {
  feed(key: ScanKey): BurstVerdict;
  reset(): void;
}

export function createBurstDetector(options: Partial<BurstOptions> = {}): BurstDetector {
  const o: BurstOptions = { ...DEFAULT_BURST, ...options };
  const prefix = o.prefix.toUpperCase();
  let buffer = '';
  let last = -Infinity;

  // Whether `text` can still grow into a proof: the prefix so far, or more after the full prefix.
  const fits = (text: string) => {
    const head = text.slice(0, prefix.length).toUpperCase();
    return prefix.startsWith(head);
  };

  const reset = () => {
    buffer = '';
    last = -Infinity;
  };

  function feed(k: ScanKey): BurstVerdict {
    if (k.isComposing) {
      reset();
      return { kind: 'other' };
    }
    if (k.key === 'Enter') {
      const done = buffer.length >= o.minLength && buffer.length > prefix.length && k.time - last < o.enterGapMs;
      const payload = buffer;
      reset();
      return done ? { kind: 'burst', payload } : { kind: 'enter' };
    }
    if (NEUTRAL.has(k.key)) return { kind: 'other' };
    const printable = k.key.length === 1 && !k.ctrlKey && !k.altKey && !k.metaKey;
    if (!printable) {
      // Backspace, arrows, shortcuts: a person at the keyboard.
      reset();
      return { kind: 'other' };
    }
    // A run of fast keys is one unit: it is a candidate only if it started like a proof, so a fast
    // "XLKT1…" is not cut into a scan of its tail.
    const fast = k.time - last < o.maxGapMs;
    let start = false;
    if (fast) {
      buffer = buffer !== '' && buffer.length < MAX_PAYLOAD && fits(buffer + k.key) ? buffer + k.key : '';
    } else if (fits(k.key)) {
      buffer = k.key;
      start = true;
    } else {
      buffer = '';
    }
    last = k.time;
    const likely = buffer.length > prefix.length;
    return { kind: 'char', start, likely };
  }

  return { feed, reset };
}
