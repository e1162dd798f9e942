import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchIdle } from './idle';

describe('watchIdle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('locks after the set minutes without activity, once', () => {
    const target = new EventTarget();
    const onidle = vi.fn();
    watchIdle(target, 5, onidle);
    vi.advanceTimersByTime(5 * 60_000 - 1);
    expect(onidle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onidle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * 60_000);
    expect(onidle).toHaveBeenCalledTimes(1);
  });

  it('starts the wait again on every key press or pointer movement', () => {
    const target = new EventTarget();
    const onidle = vi.fn();
    watchIdle(target, 1, onidle);
    for (const kind of ['keydown', 'pointermove', 'pointerdown', 'wheel']) {
      vi.advanceTimersByTime(50_000);
      target.dispatchEvent(new Event(kind));
    }
    expect(onidle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(onidle).toHaveBeenCalledTimes(1);
  });

  it('does nothing once stopped (signed out, or locked by hand)', () => {
    const target = new EventTarget();
    const onidle = vi.fn();
    const watch = watchIdle(target, 1, onidle);
    watch.stop();
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(10 * 60_000);
    expect(onidle).not.toHaveBeenCalled();
  });
});
