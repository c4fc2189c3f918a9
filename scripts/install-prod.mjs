#!/usr/bin/env node
// A production folder from a built checkout: the files production runs (scripts/lib/production-steps.mjs)
// and the server's production dependencies only (pnpm, frozen lockfile; no tsx, no build tools).
// Usage: node scripts/install-prod.mjs <folder>   (after `npm run build`)
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildEnv, checkNode, ensurePnpm, fail, pnpmBin, root, run } from './lib/bootstrap.mjs';
import { PRODUCTION_FILES, SERVER_BUNDLES } from './lib/production-steps.mjs';

checkNode();
const target = process.argv[2];
if (!target) fail('usage: node scripts/install-prod.mjs <folder>');
const dest = path.resolve(target);
if (dest === root) fail('the production folder must not be the checkout itself');
for (const { name } of SERVER_BUNDLES)
  if (!existsSync(path.join(root, 'server/dist', `${name}.js`)))
    fail(`server/dist/${name}.js is missing: run \`npm run build\` first.`);
if (!existsSync(path.join(root, 'kiosk/out/web/index.html')))
  fail('kiosk/out/web is missing: run `npm run build` first.');

ensurePnpm();
mkdirSync(dest, { recursive: true });
for (const file of PRODUCTION_FILES) {
  rmSync(path.join(dest, file), { recursive: true, force: true });
  cpSync(path.join(root, file), path.join(dest, file), { recursive: true });
}
// Where uploaded posters go by default (POSTERS_DIR): the one folder the app writes.
mkdirSync(path.join(dest, '.data/posters'), { recursive: true });
run(
  process.execPath,
  [pnpmBin, 'install', '--prod', '--frozen-lockfile', '--filter', '@marquee/server...', '--reporter=append-only'],
  {
    env: { ...buildEnv, CI: 'true' },
    cwd: dest,
    label: `installing the server's production dependencies into ${dest}`,
  },
);
