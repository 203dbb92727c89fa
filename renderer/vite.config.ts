import { defineConfig } from 'vite';

// The renderer is built once into out/renderer and served from app:// by Electron and over HTTP
// by the browser host. Relative asset URLs keep it working under both.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  publicDir: 'public',
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  oxc: {
    jsx: { runtime: 'automatic' },
  },
});
