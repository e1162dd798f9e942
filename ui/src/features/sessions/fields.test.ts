import { describe, expect, it } from 'vitest';
import { isFreeText, restoreField, snapshotField, type FieldLike } from './fields';

function fake(tagName: string, value: string, type = 'text') {
  const events: string[] = [];
  const el: FieldLike & { events: string[]; range: [number, number] | null } = {
    tagName,
    type,
    value,
    isConnected: true,
    selectionStart: value.length,
    selectionEnd: value.length,
    range: null,
    events,
    setSelectionRange(start, end) {
      this.range = [start, end];
    },
    dispatchEvent(event: Event) {
      events.push(event.type);
      return true;
    },
  };
  return el;
}

describe('undoing leaked scanner characters', () => {
  it('puts a text field back as it was, caret included, and tells the bindings', () => {
    const el = fake('INPUT', 'Budi');
    const snap = snapshotField(el);
    el.value = 'BudiLKT1.jakarta.261123';
    expect(restoreField(snap)).toBe(true);
    expect(el.value).toBe('Budi');
    expect(el.range).toEqual([4, 4]);
    expect(el.events).toEqual(['input', 'change']);
  });

  it('restores a select changed by type-ahead, and a textarea', () => {
    const select = fake('SELECT', 'all', 'select-one');
    const s = snapshotField(select);
    select.value = 'no_show';
    expect(restoreField(s)).toBe(true);
    expect(select.value).toBe('all');
    expect(select.range).toBeNull();

    const area = fake('TEXTAREA', 'pindah jadwal');
    const a = snapshotField(area);
    area.value = 'pindah jadwalLKT1.x';
    restoreField(a);
    expect(area.value).toBe('pindah jadwal');
  });

  it('leaves an unchanged or removed field alone, and ignores non-fields', () => {
    const el = fake('INPUT', 'x');
    expect(restoreField(snapshotField(el))).toBe(false);
    expect(el.events).toEqual([]);
    const gone = fake('INPUT', 'x');
    const snap = snapshotField(gone);
    gone.value = 'xLKT';
    gone.isConnected = false;
    expect(restoreField(snap)).toBe(false);
    expect(snapshotField({ tagName: 'BUTTON' })).toBeNull();
    expect(snapshotField(null)).toBeNull();
    expect(restoreField(null)).toBe(false);
  });

  it('knows which controls take typed text', () => {
    expect(isFreeText(fake('INPUT', '', 'search'))).toBe(true);
    expect(isFreeText(fake('TEXTAREA', ''))).toBe(true);
    expect(isFreeText(fake('INPUT', '', 'date'))).toBe(false);
    expect(isFreeText(fake('INPUT', '', 'checkbox'))).toBe(false);
    expect(isFreeText(fake('SELECT', ''))).toBe(false);
    expect(isFreeText({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isFreeText({ tagName: 'BUTTON' })).toBe(false);
  });
});
