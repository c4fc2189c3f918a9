// The renderer as the web app: served by the API server at / (online customers) and /kiosk (the
// kiosk UI in a browser, printing through the print agent).
import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  root: 'src/renderer',
  base: '/',
  plugins: [react()],
  define: { __APP_VERSION__: JSON.stringify(version) },
  build: { outDir: '../../out/web', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 600 },
});
