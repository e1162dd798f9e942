// The system save dialog, for "Simpan PDF". Kept here because only this folder may import
// `@tauri-apps/*`; the file itself is written by Rust (`save_pdf`).
import { save } from '@tauri-apps/plugin-dialog';

/** Asks where to save a PDF; resolves to the chosen path, or null when the officer cancels. */
export async function choosePdfPath(defaultName: string, title: string): Promise<string | null> {
  const path = await save({
    title,
    defaultPath: defaultName,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  return path ?? null;
}
