import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Tauri serves the built files itself; the dev server is only for `npm run dev`.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  // Root-relative: Vite resolves "/src/lib" against this folder in dev, build and vitest alike.
  resolve: { alias: { $lib: '/src/lib' } },
  server: { port: 1420, strictPort: true },
  envPrefix: ['VITE_', 'TAURI_'],
  // WebKitGTK (Linux) and WKWebView are Safari 15 class; Windows' WebView2 is newer.
  build: { target: ['safari15', 'es2021'], outDir: 'dist', emptyOutDir: true },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
