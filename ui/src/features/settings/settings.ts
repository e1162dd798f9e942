// The settings form's pure part: camera choices as <select> values, and the grace minutes check.
import type { CameraView } from '$lib/ipc';

export interface CameraChoice {
  /** The <select> value: '' for "the first camera" (no index saved), else the index. */
  value: string;
  index: number | null;
  name: string;
  /** False for a saved camera the system no longer reports (unplugged): kept so it is not lost. */
  present: boolean;
}

export function toChoice(index: number | null): string {
  return index === null ? '' : String(index);
}

export function fromChoice(value: string): number | null {
  if (value === '') return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

export function cameraChoices(cameras: readonly CameraView[], saved: number | null): CameraChoice[] {
  const list: CameraChoice[] = [{ value: '', index: null, name: '', present: true }];
  for (const c of cameras) list.push({ value: toChoice(c.index), index: c.index, name: c.name, present: true });
  if (saved !== null && !cameras.some((c) => c.index === saved)) {
    list.push({ value: toChoice(saved), index: saved, name: '', present: false });
  }
  return list;
}

export const GRACE_MAX = 480;

/** Whole minutes 0–480 (Rust's limit), from a number field that gives a number, '' or null. */
export function parseGrace(value: unknown): number | null {
  const n = typeof value === 'string' ? (value.trim() === '' ? NaN : Number(value)) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= GRACE_MAX ? n : null;
}

/** Whole minutes 1–60 before an idle screen locks (Rust's limit). */
export function parseIdleMinutes(value: unknown): number | null {
  const n = typeof value === 'string' ? (value.trim() === '' ? NaN : Number(value)) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 60 ? n : null;
}

/** A backup's size as an admin reads it: kB below a megabyte, MB with one decimal above. */
export function formatSize(kib: number): string {
  if (kib < 1024) return `${kib} kB`;
  return `${(kib / 1024).toFixed(1).replace('.', ',')} MB`;
}
