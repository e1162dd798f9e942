// Undoing what a USB scanner typed into the wrong field: the value of the focused control is noted
// when a burst may be starting and put back once the burst is recognised. Written against a
// minimal shape of form controls so it is unit-tested without a browser.

/** The parts of <input>, <textarea> and <select> used here. */
export interface FieldLike {
  tagName: string;
  type?: string;
  value: string;
  isConnected?: boolean;
  selectionStart?: number | null;
  selectionEnd?: number | null;
  setSelectionRange?: (start: number, end: number) => void;
  dispatchEvent: (event: Event) => boolean;
  isContentEditable?: boolean;
}

export interface FieldSnapshot {
  field: FieldLike;
  value: string;
  start: number | null;
  end: number | null;
}

// Input types where printable keys become text in the value.
const TEXT_TYPES = new Set(['', 'text', 'search', 'email', 'tel', 'url', 'password', 'number']);

function isField(el: unknown): el is FieldLike {
  if (!el || typeof el !== 'object') return false;
  const tag = (el as { tagName?: unknown }).tagName;
  return (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') && 'value' in el;
}

/** Whether typed characters land in this element as text (so they leak and must be undone). */
export function isFreeText(el: unknown): boolean {
  if (!el || typeof el !== 'object') return false;
  if ((el as FieldLike).isContentEditable) return true;
  if (!isField(el)) return false;
  if (el.tagName === 'TEXTAREA') return true;
  return el.tagName === 'INPUT' && TEXT_TYPES.has((el.type ?? '').toLowerCase());
}

/** The focused control's value before a burst; null for anything without a value. */
export function snapshotField(el: unknown): FieldSnapshot | null {
  if (!isField(el)) return null;
  // Only text inputs have a selection; reading it on others throws in some engines.
  const hasSelection = el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && isFreeText(el) && el.type !== 'number');
  return {
    field: el,
    value: el.value,
    start: hasSelection ? (el.selectionStart ?? null) : null,
    end: hasSelection ? (el.selectionEnd ?? null) : null,
  };
}

/**
 * Puts the noted value back (and the caret), and tells the page's bindings with the events a user
 * edit would fire. Returns whether anything had to change.
 */
export function restoreField(snap: FieldSnapshot | null): boolean {
  if (!snap) return false;
  const { field } = snap;
  if (field.isConnected === false || field.value === snap.value) return false;
  field.value = snap.value;
  if (snap.start !== null && snap.end !== null) field.setSelectionRange?.(snap.start, snap.end);
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}
