// The boundary rules of docs/architecture.md (.dependency-cruiser.cjs) refuse what they say they
// refuse: a small tree that breaks each rule once, cruised with the repository's own config.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tree = mkdtempSync(path.join(tmpdir(), 'marquee-boundaries-'));
afterAll(() => rmSync(tree, { recursive: true, force: true }));

const files: Record<string, string> = {
  // Two domains leaning on each other, one of them through the other's internals.
  'server/src/holds/index.ts': "export { hold } from './hold';\n",
  'server/src/holds/hold.ts': "import { book } from '../bookings/book';\nexport const hold = book;\n",
  'server/src/bookings/index.ts': "export { book } from './book';\n",
  'server/src/bookings/book.ts': "import type { hold } from '../holds';\nexport const book: typeof hold | 1 = 1;\n",
  // Infrastructure reaching up into a domain.
  'server/src/jobs/expiry/index.ts': "import { book } from '../../bookings';\nexport const expiry = book;\n",
  // A domain starting a queue consumer itself, and a router.
  'server/src/seats/block.ts':
    "import '../workers/expiry/expiry-worker';\nimport { r } from '../catalog/catalog-router';\nexport const b = r;\n",
  'server/src/workers/expiry/expiry-worker.ts': 'export const worker = 1;\n',
  'server/src/catalog/catalog-router.ts': 'export const r = 1;\n',
  // shared/ importing an app; the renderer importing server code and the kiosk's main process.
  'shared/src/money.ts': "import { hold } from '../../server/src/holds';\nexport const m = hold;\n",
  'kiosk/src/renderer/src/screen.ts':
    "import { hold } from '../../../../server/src/holds';\nimport { print } from '../../main/print';\nexport const s = [hold, print];\n",
  'kiosk/src/main/print.ts': 'export const print = 1;\n',
  // Allowed: the renderer knowing the server by a type only.
  'kiosk/src/renderer/src/types.ts':
    "import type { hold } from '../../../../server/src/holds';\nexport type T = typeof hold;\n",
};

interface TViolation {
  from: string;
  to: string;
  rule: { name: string };
}

function cruise(): TViolation[] {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
    writeFileSync(path.join(tree, file), text);
  }
  const out = execFileSync(
    path.join(root, 'node_modules/.bin/depcruise'),
    [
      'server/src',
      'shared/src',
      'kiosk/src',
      '--config',
      path.join(root, '.dependency-cruiser.cjs'),
      '--output-type',
      'json',
    ],
    { cwd: tree, encoding: 'utf8' },
  );
  return (JSON.parse(out) as { summary: { violations: TViolation[] } }).summary.violations;
}

describe('the boundary rules', () => {
  const violations = cruise();
  const broken = (rule: string) => violations.filter((v) => v.rule.name === rule).map((v) => `${v.from} → ${v.to}`);

  it('refuse a module cycle and a folder cycle', () => {
    expect(broken('no-circular').length).toBeGreaterThan(0);
    expect(broken('no-folder-cycles').length).toBeGreaterThan(0);
  });

  it("refuse reaching into a domain's internals instead of its index.ts", () => {
    expect(broken('domain-public-surface')).toContain('server/src/holds/hold.ts → server/src/bookings/book.ts');
  });

  it('refuse infrastructure importing a domain', () => {
    expect(broken('infrastructure-imports-no-domain')).toContain(
      'server/src/jobs/expiry/index.ts → server/src/bookings/index.ts',
    );
  });

  it('refuse a worker or a router imported from a domain', () => {
    expect(broken('workers-from-the-worker-process-only')).toEqual([
      'server/src/seats/block.ts → server/src/workers/expiry/expiry-worker.ts',
    ]);
    expect(broken('routers-from-the-root-only')).toEqual([
      'server/src/seats/block.ts → server/src/catalog/catalog-router.ts',
    ]);
  });

  it('refuse shared/ importing an app, and the renderer importing server code or the main process', () => {
    expect(broken('shared-imports-no-app')).toEqual(['shared/src/money.ts → server/src/holds/index.ts']);
    expect(broken('kiosk-imports-only-server-types')).toEqual([
      'kiosk/src/renderer/src/screen.ts → server/src/holds/index.ts',
    ]);
    expect(broken('renderer-imports-no-electron')).toEqual([
      'kiosk/src/renderer/src/screen.ts → kiosk/src/main/print.ts',
    ]);
  });
});
