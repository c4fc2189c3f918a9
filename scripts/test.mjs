#!/usr/bin/env node
// `npm test`: every check of every package — typecheck, lint, then the vitest suites (unit,
// integration against real Postgres and Redis). Installs first, so it works on a fresh clone.
import path from 'node:path';
import { buildEnv, checkNode, installDependencies, pnpm, root, run } from './lib/bootstrap.mjs';
import { ensureChromium } from './lib/chromium.mjs';
import { PRODUCTION_STEPS } from './lib/production-steps.mjs';

checkNode();
installDependencies();
// The browser journeys and the Checkout test run on every `npm test`, never skipped for want of a browser.
const chromium = ensureChromium();

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
/** The folders whose imports .dependency-cruiser.cjs rules on; `npm run boundaries` runs the same. */
const DEPCRUISE_ARGS = ['server/src', 'shared/src', 'kiosk/src', 'sandbox/src', '--config', '.dependency-cruiser.cjs'];
const started = Date.now();
run(bin('tsc'), ['-p', 'shared'], { label: 'typecheck: shared' });
run(bin('tsc'), ['-p', 'server'], { label: 'typecheck: server' });
run(bin('tsc'), ['-p', 'sandbox'], { label: 'typecheck: sandbox' });
run(bin('tsc'), ['-p', 'kiosk/tsconfig.node.json'], { label: 'typecheck: kiosk main, preload' });
run(bin('tsc'), ['-p', 'kiosk/tsconfig.web.json'], { label: 'typecheck: kiosk renderer' });
run(bin('tsc'), ['-p', 'e2e'], { label: 'typecheck: browser journeys' });
run(bin('tsc'), ['-p', 'tsconfig.json'], { label: 'typecheck: prisma, configs' });
run(bin('eslint'), ['--max-warnings', '0', '.'], { label: 'lint' });
run(bin('prettier'), ['--check', '--log-level', 'warn', '.'], {
  label: 'format (prettier --check; npm run format fixes it)',
});
run(bin('depcruise'), [...DEPCRUISE_ARGS], { label: 'boundaries (dependency-cruiser; docs/architecture.md)' });
// The Electron app builds here without the Electron binary (main, preload, renderer); the web
// build is what the server serves and the browser journeys drive.
pnpm(['--filter', '@marquee/kiosk', 'run', 'build', '--logLevel', 'warn'], {
  label: 'build: kiosk Electron app (electron-vite)',
});
// The production build (deploy/'s build step): the server bundles the production check runs, and the
// web app (without source maps) that the server serves and the browser journeys drive.
const [buildCommand, ...buildArgs] = PRODUCTION_STEPS.build.split(' ');
run(buildCommand, buildArgs, { label: `build: production (${PRODUCTION_STEPS.build})` });
run(bin('vitest'), ['run'], { label: 'tests (vitest)', env: { ...buildEnv, CHROMIUM_PATH: chromium } });
console.log(`\n✔ all checks passed in ${Math.round((Date.now() - started) / 1000)} s`);
