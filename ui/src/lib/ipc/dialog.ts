// The system save dialog, for "Simpan PDF". Kept here because only this folder may import
// `@tauri-apps/*`; the file itself is written by Rust (`save_pdf`).
import { open, save } from '@tauri-apps/plugin-dialog';

/** Asks where to save a PDF; resolves to the chosen path, or null when the officer cancels. */
export async function choosePdfPath(defaultName: string, title: string): Promise<string | null> {
  const path = await save({
    title,
    defaultPath: defaultName,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  return path ?? null;
}

/** Asks for a folder (the backups' USB disk); resolves to its path, or null when cancelled. */
export async function chooseFolder(title: string): Promise<string | null> {
  const path = await open({ title, directory: true, multiple: false });
  return typeof path === 'string' ? path : null;
}
