// Small timing tools for the walk-in form: a debounce that can be flushed (the draft must reach
// the disk when the window closes, not 300 ms later) and a gate that drops stale IPC answers.

export interface Debounced {
  /** (Re)starts the wait; the action runs once the calls stop for `ms`. */
  (): void;
  /** Runs a pending action now; does nothing when none is waiting. */
  flush(): void;
  /** Forgets a pending action. */
  cancel(): void;
  readonly pending: boolean;
}

export function debounce(action: () => void, ms: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    action();
  };
  const call = (() => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(run, ms);
  }) as Debounced;
  call.flush = () => {
    if (timer === null) return;
    clearTimeout(timer);
    run();
  };
  call.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  Object.defineProperty(call, 'pending', { get: () => timer !== null });
  return call;
}

/**
 * Numbers the requests of one kind and accepts an answer only when nothing newer has been applied.
 * Answers may arrive out of order (the Rust side runs commands concurrently); dropping only the
 * ones older than the last applied, rather than all but the very last sent, keeps the form updating
 * while the officer types faster than the round trip.
 */
export class Sequencer {
  private sent = 0;
  private applied = 0;

  /** A ticket for a request about to be sent. */
  next(): number {
    this.sent += 1;
    return this.sent;
  }

  /** Whether the answer to `ticket` may be applied; if so, older answers are refused from now on. */
  accept(ticket: number): boolean {
    if (ticket <= this.applied) return false;
    this.applied = ticket;
    return true;
  }

  /** Refuses every answer to a request sent so far (the form they judged is gone). */
  invalidate(): void {
    this.applied = this.sent;
  }
}
