// Zero-dependency bootstrap shared by `npm start` and `npm test`: it runs before anything is
// installed, so it may only use Node's standard library.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const pnpmVersion = pkg.packageManager.replace(/^pnpm@/, '');
const toolsDir = path.join(root, '.tools');
export const pnpmBin = path.join(toolsDir, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');

/** Environment every install and build step runs with: no binary downloads from outside npm. */
export const buildEnv = {
  ...process.env,
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  // `prisma generate` insists on a schema engine path even though it never runs it; the
  // engine binary cannot be downloaded here, and migrations run on the wasm engine instead.
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
};

export function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

export function run(cmd, args, { env = buildEnv, label, cwd = root } = {}) {
  if (label) console.log(`▸ ${label}`);
  const result = spawnSync(cmd, args, { cwd, stdio: 'inherit', env });
  if (result.error) fail(`${label ?? cmd} could not start: ${result.error.message}`);
  if (result.status !== 0)
    fail(`${label ?? [cmd, ...args].join(' ')} failed (exit ${result.status ?? result.signal}).`);
}

export function pnpm(args, opts) {
  run(process.execPath, [pnpmBin, ...args], opts);
}

function installedPnpmVersion() {
  const file = path.join(toolsDir, 'node_modules', 'pnpm', 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : null;
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19))
    fail(`Marquee needs Node.js 20.19 or newer; this is ${process.version}.`);
}

/** Installs the pinned pnpm under .tools/ (no corepack: its signature check fails offline-ish). */
export function ensurePnpm() {
  if (installedPnpmVersion() === pnpmVersion) return;
  run(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--prefix',
      toolsDir,
      `pnpm@${pnpmVersion}`,
    ],
    {
      label: `installing pnpm ${pnpmVersion} into .tools/`,
    },
  );
}

export function installDependencies() {
  ensurePnpm();
  const frozen = process.env.CI || existsSync(path.join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  pnpm(['install', ...frozen, '--reporter=append-only'], { label: 'installing dependencies (pnpm install)' });
  pnpm(['run', 'db:generate'], { label: 'generating the Prisma client' });
}
