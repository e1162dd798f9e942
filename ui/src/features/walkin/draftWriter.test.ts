import { describe, expect, it } from 'vitest';
import { DraftWriter, type DraftSink } from './draftWriter';

/** A sink whose calls finish only when the test says so, to see the order writes land in. */
function gatedSink() {
  const log: string[] = [];
  const gates: Array<{ open: () => void; fail: (e: unknown) => void }> = [];
  const gate = (entry: string) =>
    new Promise<void>((open, fail) => {
      log.push(`start ${entry}`);
      gates.push({
        open: () => {
          log.push(`done ${entry}`);
          open();
        },
        fail,
      });
    });
  const sink: DraftSink = { save: (body) => gate(body), discard: () => gate('discard') };
  return { sink, log, gates };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('DraftWriter', () => {
  it('writes one draft at a time, in the order typed', async () => {
    const { sink, log, gates } = gatedSink();
    const w = new DraftWriter(sink, () => {});
    w.write('a');
    w.write('ab');
    await settle();
    expect(log).toEqual(['start a']);
    gates[0]?.open();
    await settle();
    expect(log).toEqual(['start a', 'done a', 'start ab']);
    gates[1]?.open();
    await w.idle();
    expect(log[log.length - 1]).toBe('done ab');
  });

  it('does not rewrite the body Rust already holds, and drops it when the form is emptied', async () => {
    const calls: string[] = [];
    const sink: DraftSink = {
      save: async (b) => calls.push(`save ${b}`),
      discard: async () => calls.push('discard'),
    };
    const w = new DraftWriter(sink, () => {});
    w.adopt('restored');
    w.write('restored');
    w.write(null);
    w.write(null);
    await w.idle();
    expect(calls).toEqual(['discard']);
  });

  it('tries again after a failed write and reports both outcomes', async () => {
    const results: unknown[] = [];
    let fail = true;
    const sink: DraftSink = {
      save: async () => {
        if (fail) throw new Error('disk full');
      },
      discard: async () => {},
    };
    const w = new DraftWriter(sink, (e) => results.push(e));
    w.write('x');
    await w.idle();
    await settle();
    fail = false;
    w.write('x');
    await w.idle();
    await settle();
    expect(results.map((e) => (e instanceof Error ? e.message : e))).toEqual(['disk full', null]);
  });

  it('waits for pending writes before discarding', async () => {
    const { sink, log, gates } = gatedSink();
    const w = new DraftWriter(sink, () => {});
    w.write('a');
    const discarded = w.discard();
    await settle();
    gates[0]?.open();
    await settle();
    gates[1]?.open();
    await discarded;
    expect(log).toEqual(['start a', 'done a', 'start discard', 'done discard']);
  });
});
