// Writes the walk-in form's draft to Rust: one write at a time, in order, skipping a body that is
// already stored, and dropping the stored draft when the form is emptied by hand. Kept apart from
// the screen so the ordering rules are tested without a window.

/** Where drafts go (the IPC commands, or a fake in tests). */
export interface DraftSink {
  save(body: string): Promise<unknown>;
  discard(): Promise<unknown>;
}

export class DraftWriter {
  /** Writes run one after another, so the last one typed is the last one stored, and a save can
   * wait for all of them before Rust drops the draft. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The body Rust holds, as far as this screen knows; null = none, '' = unknown (a write failed). */
  private stored: string | null = null;

  constructor(
    private readonly sink: DraftSink,
    private readonly onResult: (error: unknown | null) => void,
  ) {}

  /** Tells the writer what Rust already holds (a restored draft), or that it holds nothing. */
  adopt(body: string | null): void {
    this.stored = body;
  }

  /** Stores `body`; `null` means the form is blank, and a stored draft of it is dropped. */
  write(body: string | null): void {
    if (body === null) {
      // Emptied by hand: a stored draft would only bring back an empty form.
      if (this.stored === null) return;
      this.stored = null;
      this.enqueue(() => this.sink.discard()).then(
        () => this.onResult(null),
        (e) => this.onResult(e),
      );
      return;
    }
    if (body === this.stored) return;
    this.stored = body;
    this.enqueue(() => this.sink.save(body)).then(
      () => this.onResult(null),
      (e) => {
        // Not stored after all: the next change (or a hidden window) tries again.
        if (this.stored === body) this.stored = '';
        this.onResult(e);
      },
    );
  }

  /** Drops the stored draft after every pending write; rejects when Rust could not drop it. */
  async discard(): Promise<void> {
    await this.enqueue(() => this.sink.discard());
    this.stored = null;
  }

  /** Resolves once every write asked for so far has landed (or failed). */
  idle(): Promise<unknown> {
    return this.queue;
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
