// The browser tests drive Debian's Chromium (Playwright's own browser downloads are not reachable).
// `npm test` makes sure it is there: installed with apt-get when it can be, else one clear line.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fail } from './bootstrap.mjs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium';

function chromiumOnPath() {
  const found = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() || null : null;
}

function findChromium() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : chromiumOnPath();
}

/** The Chromium executable the browser tests use (pass it on as CHROMIUM_PATH); installs Debian's when missing. */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH)
    fail(
      `CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist; unset it or point it at a Chromium.`,
    );
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!hasApt) fail('The browser tests need Chromium: install it and run again with CHROMIUM_PATH=<its executable>.');
  if (!isRoot) fail(`The browser tests need Chromium; install it with: sudo sh -c '${INSTALL}'`);
  console.log("▸ installing Debian's chromium for the browser tests (apt-get)");
  const installed = spawnSync('sh', ['-c', INSTALL], { stdio: ['ignore', 'ignore', 'inherit'] });
  const after = findChromium();
  if (installed.status !== 0 || !after)
    fail(`Installing chromium failed (exit ${installed.status ?? installed.signal}); run: ${INSTALL}`);
  return after;
}
