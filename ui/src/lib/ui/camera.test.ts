import { describe, expect, it, vi } from 'vitest';
import { resumeAfterLock } from './camera';
import type { Poller } from './poller';

function fakePoller(): Poller & { starts: number } {
  const p = {
    starts: 0,
    running: false,
    async start() {
      p.starts += 1;
      p.running = true;
    },
    stop() {
      p.running = false;
    },
    dispose() {
      p.running = false;
    },
  };
  return p;
}

function lockBell() {
  const listeners = new Set<(locked: boolean) => void>();
  return {
    subscribe: (l: (locked: boolean) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    ring: (locked: boolean) => listeners.forEach((l) => l(locked)),
    get size() {
      return listeners.size;
    },
  };
}

describe('resumeAfterLock', () => {
  it('stops a running camera when the screen locks and opens it again on unlock', async () => {
    const inner = fakePoller();
    const bell = lockBell();
    const poller = resumeAfterLock(inner, bell.subscribe);
    await poller.start();
    bell.ring(true);
    expect(poller.running).toBe(false);
    bell.ring(true); // a second notice while locked changes nothing
    bell.ring(false);
    expect(inner.starts).toBe(2);
    expect(poller.running).toBe(true);
  });

  it('leaves a camera the officer had stopped alone, and unsubscribes when disposed', async () => {
    const inner = fakePoller();
    const bell = lockBell();
    const poller = resumeAfterLock(inner, bell.subscribe);
    await poller.start();
    poller.stop();
    bell.ring(true);
    bell.ring(false);
    expect(inner.starts).toBe(1);
    poller.dispose();
    expect(bell.size).toBe(0);
    const spy = vi.spyOn(inner, 'start');
    bell.ring(false);
    expect(spy).not.toHaveBeenCalled();
  });
});
