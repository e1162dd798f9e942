// Opens something that Rust runs on its own (the camera loop), reads its newest state on a timer
// and releases it when the screen goes away. The poller owns the timer, the "still mounted" flag
// and the back-off after a failed read; the screen keeps its own phases and words. It takes its
// async steps as functions (the IPC calls in the app, fakes in tests), so it never talks to Rust
// itself.

/** Which step failed: opening (nothing is polled then) or a read (tried again after `retry`). */
export type PollStage = 'open' | 'read';

export interface PollerOptions<Opened, Read> {
  /** Milliseconds between reads. */
  every: number;
  /** Milliseconds before the next read after one failed: keep trying, without hammering a broken
   * backend. */
  retry: number;
  /** Starts what is polled and returns its first state. */
  open: () => Promise<Opened>;
  /** Reads the newest state. */
  read: () => Promise<Read>;
  /** Releases what `open` started. Its failure is ignored: the screen is gone, no one is left to
   * tell. */
  release: () => Promise<unknown>;
  /** `open` has landed. Polling follows unless this calls `stop()`. */
  onopen: (value: Opened) => void;
  /** A read has landed. Polling goes on unless this calls `stop()` (or `start()` again). */
  onread: (value: Read) => void;
  /** A step failed, or its handler threw without stopping first. */
  onerror: (error: unknown, stage: PollStage) => void;
}

export interface Poller {
  /** Stops any polling, opens, hands the first state to `onopen`, then reads every `every` ms.
   * Does nothing once disposed; resolves when the open step is over. */
  start(): Promise<void>;
  /** Stops reading. A step still in flight is ignored when it lands. */
  stop(): void;
  /** The screen is gone: stops for good and releases. An `open` that lands later is released too. */
  dispose(): void;
  /** True between a landed `open` and `stop()`/`dispose()`. */
  readonly running: boolean;
}

export function createPoller<Opened, Read>(options: PollerOptions<Opened, Read>): Poller {
  const { every, retry, open, read, release, onopen, onread, onerror } = options;
  let alive = true;
  let running = false;
  /** Bumped by every stop: a step started before it is stale when it lands. */
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const current = (started: number) => alive && started === generation;
  const releaseQuietly = () => {
    release().catch(() => {});
  };

  function schedule(ms: number) {
    clearTimeout(timer);
    if (alive && running) timer = setTimeout(tick, ms);
  }

  async function tick() {
    if (!alive || !running) return;
    const started = generation;
    try {
      const value = await read();
      if (!current(started)) return;
      onread(value);
      schedule(every);
    } catch (e) {
      if (!current(started)) return;
      onerror(e, 'read');
      schedule(retry);
    }
  }

  function stop() {
    running = false;
    generation += 1;
    clearTimeout(timer);
  }

  async function start() {
    stop();
    if (!alive) return;
    const started = generation;
    try {
      const value = await open();
      if (!alive) {
        // Gone while the camera was opening: release it at once.
        releaseQuietly();
        return;
      }
      if (started !== generation) return;
      running = true;
      onopen(value);
      schedule(every);
    } catch (e) {
      if (!current(started)) return;
      stop();
      onerror(e, 'open');
    }
  }

  function dispose() {
    alive = false;
    stop();
    releaseQuietly();
  }

  return {
    start,
    stop,
    dispose,
    get running() {
      return running;
    },
  };
}
