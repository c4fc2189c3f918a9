// electron-vite builds the three parts of the kiosk app: main (Node, ESM), the sandboxed preload
// (one CommonJS file: a sandboxed preload can require nothing but electron), and the renderer.
import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  main: {
    // Workspace packages are TypeScript source: bundled, not required at run time.
    build: { externalizeDeps: { exclude: ['@marquee/shared'] }, rollupOptions: { input: 'src/main/index.ts' } },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: { input: 'src/preload/index.ts', output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    define: { __APP_VERSION__: JSON.stringify(version) },
    build: { rollupOptions: { input: 'src/renderer/index.html' } },
  },
});
