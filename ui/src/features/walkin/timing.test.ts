import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Sequencer, debounce } from './timing';

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once after the calls stop', () => {
    const action = vi.fn();
    const d = debounce(action, 250);
    d();
    vi.advanceTimersByTime(200);
    d();
    vi.advanceTimersByTime(200);
    expect(action).not.toHaveBeenCalled();
    expect(d.pending).toBe(true);
    vi.advanceTimersByTime(50);
    expect(action).toHaveBeenCalledTimes(1);
    expect(d.pending).toBe(false);
  });

  it('flushes a pending action at once (the window is closing) and only then', () => {
    const action = vi.fn();
    const d = debounce(action, 300);
    d.flush();
    expect(action).not.toHaveBeenCalled();
    d();
    d.flush();
    expect(action).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(action).toHaveBeenCalledTimes(1);
  });

  it('forgets a cancelled action', () => {
    const action = vi.fn();
    const d = debounce(action, 300);
    d();
    d.cancel();
    vi.advanceTimersByTime(1000);
    d.flush();
    expect(action).not.toHaveBeenCalled();
  });
});

describe('Sequencer', () => {
  it('drops an answer older than one already applied, not the ones still in flight', () => {
    const s = new Sequencer();
    const a = s.next();
    const b = s.next();
    const c = s.next();
    expect(s.accept(b)).toBe(true); // b answered first
    expect(s.accept(a)).toBe(false); // a is older than b: stale
    expect(s.accept(c)).toBe(true);
    expect(s.accept(c)).toBe(false);
  });

  it('accepts the first answer even while newer requests are pending', () => {
    const s = new Sequencer();
    const first = s.next();
    s.next();
    s.next();
    expect(s.accept(first)).toBe(true);
  });

  it('refuses everything sent before an invalidation (a new form)', () => {
    const s = new Sequencer();
    const old = s.next();
    s.invalidate();
    expect(s.accept(old)).toBe(false);
    expect(s.accept(s.next())).toBe(true);
  });
});
