#!/usr/bin/env node
// `npm run build`: the production build. The API, the worker and the database CLI become one
// JavaScript file each under server/dist/ (esbuild), run by plain `node` on a production-only
// install (scripts/install-prod.mjs); the web app is built without source maps into kiosk/out/web.
// Run after an install (`npm start`, `npm test` or scripts/install.mjs make one).
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { checkNode, pnpm, root, run } from './lib/bootstrap.mjs';
import { SERVER_BUNDLES } from './lib/production-steps.mjs';

checkNode();
const webOnly = process.argv.includes('--web-only');
const serverOnly = process.argv.includes('--server-only');

/**
 * The server's own dependencies stay imports, resolved at run time from server/node_modules; the
 * workspace's TypeScript (shared/, the generated Prisma client) and anything only shared/ depends
 * on is bundled in, so a production install needs the server's dependencies and nothing else.
 */
function externalPackages() {
  const pkg = JSON.parse(readFileSync(path.join(root, 'server/package.json'), 'utf8'));
  return Object.entries(pkg.dependencies)
    .filter(([, version]) => !String(version).startsWith('workspace:'))
    .map(([name]) => name);
}

export async function buildServer() {
  const outdir = path.join(root, 'server/dist');
  rmSync(outdir, { recursive: true, force: true });
  const external = externalPackages();
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(SERVER_BUNDLES.map((b) => [b.name, path.join(root, b.source)])),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The oldest Node the code supports (package.json engines); the image runs a newer LTS.
    target: 'node20.19',
    // `name/subpath` imports of an external package are external too.
    external: external.flatMap((name) => [name, `${name}/*`]),
    // Bundled CommonJS (there is little) may still call require().
    banner: {
      js: "import { createRequire as __marqueeCreateRequire } from 'node:module'; const require = __marqueeCreateRequire(import.meta.url);",
    },
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  console.log(`▸ server bundles: ${SERVER_BUNDLES.map((b) => `server/dist/${b.name}.js`).join(', ')}`);
}

if (!webOnly) {
  run(process.execPath, [path.join(root, 'scripts/prisma-generate.mjs')], { label: 'generating the Prisma client' });
  console.log('▸ build: API, worker and database CLI (esbuild)');
  await buildServer();
}
if (!serverOnly) {
  pnpm(['--filter', '@marquee/kiosk', 'run', 'build:web', '--sourcemap', 'false', '--logLevel', 'warn'], {
    label: 'build: web app, without source maps',
  });
}
