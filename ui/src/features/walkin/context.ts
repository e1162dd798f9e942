// The walk-in screen hands its issue board to every field through context, so a field needs only
// its name to show its errors, its warnings and their acknowledgement ticks.
import { getContext, setContext } from 'svelte';
import type { FieldIssues } from './form';

export interface IssueBoard {
  /** The issues to show now for `field` (errors already filtered by touched/attempted). */
  at(field: string): FieldIssues;
  acked(key: string): boolean;
  ack(key: string, on: boolean): void;
  /** The input of `field` shows (or no longer shows) a message of its own, e.g. an impossible date. */
  own(field: string, shown: boolean): void;
}

const KEY = Symbol('walkin-issues');

export function provideIssues(board: IssueBoard): void {
  setContext(KEY, board);
}

export function useIssues(): IssueBoard {
  const board = getContext<IssueBoard | undefined>(KEY);
  if (!board) throw new Error('walk-in fields need the issue board of WalkIn.svelte');
  return board;
}

/** What a field's input carries: its id, its description and state, and the field name that
 * marks it touched when the officer leaves it. */
export interface InputAttrs {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': 'true' | undefined;
  'data-field': string;
}
