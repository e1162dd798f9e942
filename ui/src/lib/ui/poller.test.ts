import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPoller, type PollerOptions, type PollStage } from './poller';

const EVERY = 150;
const RETRY = 1000;

/** A promise the test settles by hand, to land a step at a chosen moment. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A poller over fakes that log what happened; `read` counts up unless a test replaces it. The
 * `read` returned spies on whichever ran; `release` only on the default one (a spy handles the
 * rejections of the promises it returns, which would hide one the poller leaves unhandled). */
function setup(overrides: Partial<PollerOptions<string, number>> = {}) {
  const log: string[] = [];
  const errors: Array<{ error: unknown; stage: PollStage }> = [];
  let reads = 0;
  const read = vi.fn(overrides.read ?? (async () => ++reads));
  const release = vi.fn(async () => {});
  const poller = createPoller<string, number>({
    every: EVERY,
    retry: RETRY,
    open: async () => 'first',
    onopen: (v) => log.push(`open ${v}`),
    onread: (v) => log.push(`read ${v}`),
    onerror: (error, stage) => errors.push({ error, stage }),
    release,
    ...overrides,
    read,
  });
  return { poller, log, errors, read, release };
}

describe('createPoller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens, then reads at the interval while running', async () => {
    const { poller, log, read } = setup();
    await poller.start();
    expect(log).toEqual(['open first']);
    expect(poller.running).toBe(true);
    await vi.advanceTimersByTimeAsync(EVERY - 1);
    expect(read).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(read).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(EVERY * 2);
    expect(log).toEqual(['open first', 'read 1', 'read 2', 'read 3']);
  });

  it('retries a failed read after the retry interval, reports it, then reads at the interval again', async () => {
    const failure = new Error('gone');
    let calls = 0;
    const { poller, log, errors } = setup({
      read: async () => {
        calls += 1;
        if (calls === 1) throw failure;
        return calls;
      },
    });
    await poller.start();
    await vi.advanceTimersByTimeAsync(EVERY);
    expect(errors).toEqual([{ error: failure, stage: 'read' }]);
    await vi.advanceTimersByTimeAsync(RETRY - 1);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(EVERY);
    expect(log).toEqual(['open first', 'read 2', 'read 3']);
    expect(poller.running).toBe(true);
  });

  it('reports a failed open and polls nothing', async () => {
    const failure = new Error('no camera');
    const { poller, log, errors, read } = setup({ open: async () => Promise.reject(failure) });
    await poller.start();
    expect(errors).toEqual([{ error: failure, stage: 'open' }]);
    expect(poller.running).toBe(false);
    await vi.advanceTimersByTimeAsync(RETRY * 3);
    expect(read).not.toHaveBeenCalled();
    expect(log).toEqual([]);
  });

  it('stops reading after stop(), and ignores a read that lands after it', async () => {
    const pending = deferred<number>();
    const { poller, log, errors, read } = setup({ read: () => pending.promise });
    await poller.start();
    await vi.advanceTimersByTimeAsync(EVERY);
    expect(read).toHaveBeenCalledTimes(1);
    poller.stop();
    expect(poller.running).toBe(false);
    pending.resolve(7);
    await vi.advanceTimersByTimeAsync(EVERY * 10);
    expect(read).toHaveBeenCalledTimes(1);
    expect(log).toEqual(['open first']);
    expect(errors).toEqual([]);
  });

  it('stops when a handler calls stop(), as a screen does when it is done', async () => {
    const { poller, log, read } = setup({
      onread: (v) => {
        log.push(`read ${v}`);
        if (v === 2) poller.stop();
      },
    });
    await poller.start();
    await vi.advanceTimersByTimeAsync(EVERY * 10);
    expect(read).toHaveBeenCalledTimes(2);
    expect(log).toEqual(['open first', 'read 1', 'read 2']);
  });

  it('opens again when a handler calls start(), and ignores nothing of the new run', async () => {
    let opens = 0;
    const { poller, log } = setup({
      open: async () => `open#${++opens}`,
      onread: (v) => {
        log.push(`read ${v}`);
        if (v === 1) void poller.start();
      },
    });
    await poller.start();
    await vi.advanceTimersByTimeAsync(EVERY);
    await vi.advanceTimersByTimeAsync(EVERY);
    expect(log).toEqual(['open open#1', 'read 1', 'open open#2', 'read 2']);
  });

  it('releases on dispose and stops reading; a read that lands afterwards does nothing', async () => {
    const pending = deferred<number>();
    const { poller, log, errors, read, release } = setup({ read: () => pending.promise });
    await poller.start();
    await vi.advanceTimersByTimeAsync(EVERY);
    poller.dispose();
    expect(release).toHaveBeenCalledTimes(1);
    pending.resolve(3);
    await vi.advanceTimersByTimeAsync(EVERY * 10);
    expect(read).toHaveBeenCalledTimes(1);
    expect(log).toEqual(['open first']);
    expect(errors).toEqual([]);
  });

  it('ignores a read that fails after dispose', async () => {
    const pending = deferred<number>();
    const { poller, errors, read } = setup({ read: () => pending.promise });
    await poller.start();
    await vi.advanceTimersByTimeAsync(EVERY);
    poller.dispose();
    pending.reject(new Error('late'));
    await vi.advanceTimersByTimeAsync(RETRY * 2);
    expect(errors).toEqual([]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('releases what an open started when it lands after dispose, without handing it on', async () => {
    const opening = deferred<string>();
    const { poller, log, release, read } = setup({ open: () => opening.promise });
    const started = poller.start();
    poller.dispose();
    expect(release).toHaveBeenCalledTimes(1);
    opening.resolve('late');
    await started;
    expect(release).toHaveBeenCalledTimes(2);
    expect(log).toEqual([]);
    expect(poller.running).toBe(false);
    await vi.advanceTimersByTimeAsync(EVERY * 10);
    expect(read).not.toHaveBeenCalled();
  });

  it('says nothing when an open fails after dispose, and ignores a failing release', async () => {
    const opening = deferred<string>();
    const { poller, errors } = setup({
      open: () => opening.promise,
      release: () => Promise.reject(new Error('already closed')),
    });
    const started = poller.start();
    poller.dispose();
    opening.reject(new Error('no camera'));
    await started;
    // An unhandled rejection surfaces only after a real turn of the event loop.
    vi.useRealTimers();
    await new Promise((r) => setTimeout(r, 10));
    expect(errors).toEqual([]);
  });

  it('does not open once disposed', async () => {
    const open = vi.fn(async () => 'x');
    const { poller } = setup({ open });
    poller.dispose();
    await poller.start();
    expect(open).not.toHaveBeenCalled();
  });

  it('hands on only the newest of two opens, whichever lands first', async () => {
    const opens = [deferred<string>(), deferred<string>()];
    let n = 0;
    const { poller, log } = setup({ open: () => opens[n++]!.promise });
    const first = poller.start();
    const second = poller.start();
    opens[1]!.resolve('second');
    opens[0]!.resolve('first');
    await Promise.all([first, second]);
    await vi.advanceTimersByTimeAsync(EVERY);
    expect(log).toEqual(['open second', 'read 1']);
  });

  it('counts a handler that throws as a failed step, as the screens did', async () => {
    const broken = new Error('handler');
    const opening = setup({
      onopen: () => {
        throw broken;
      },
    });
    await opening.poller.start();
    expect(opening.errors).toEqual([{ error: broken, stage: 'open' }]);
    expect(opening.poller.running).toBe(false);
    await vi.advanceTimersByTimeAsync(RETRY * 2);
    expect(opening.read).not.toHaveBeenCalled();

    const reading = setup({
      onread: (v) => {
        if (v === 1) throw broken;
        reading.log.push(`read ${v}`);
      },
    });
    await reading.poller.start();
    await vi.advanceTimersByTimeAsync(EVERY);
    expect(reading.errors).toEqual([{ error: broken, stage: 'read' }]);
    await vi.advanceTimersByTimeAsync(RETRY);
    expect(reading.log).toEqual(['open first', 'read 2']);
  });

  it('restarting drops a read still in flight from the run before', async () => {
    const pending = deferred<number>();
    let calls = 0;
    const { poller, log } = setup({
      read: () => {
        calls += 1;
        return calls === 1 ? pending.promise : Promise.resolve(100 + calls);
      },
    });
    await poller.start();
    await vi.advanceTimersByTimeAsync(EVERY);
    await poller.start();
    pending.resolve(1);
    await vi.advanceTimersByTimeAsync(EVERY);
    expect(log).toEqual(['open first', 'open first', 'read 102']);
  });
});
