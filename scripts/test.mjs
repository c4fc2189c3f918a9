#!/usr/bin/env node
// `npm test`: every check of every package — typecheck, lint, then the vitest suites (unit,
// integration against real Postgres and Redis). Installs first, so it works on a fresh clone.
import path from 'node:path';
import { checkNode, installDependencies, root, run } from './lib/bootstrap.mjs';

checkNode();
installDependencies();

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const started = Date.now();
run(bin('tsc'), ['-p', 'shared'], { label: 'typecheck: shared' });
run(bin('tsc'), ['-p', 'server'], { label: 'typecheck: server' });
run(bin('tsc'), ['-p', 'sandbox'], { label: 'typecheck: sandbox' });
run(bin('tsc'), ['-p', 'tsconfig.json'], { label: 'typecheck: prisma, configs' });
run(bin('eslint'), ['--max-warnings', '0', '.'], { label: 'lint' });
run(bin('vitest'), ['run'], { label: 'tests (vitest)' });
console.log(`\n✔ all checks passed in ${Math.round((Date.now() - started) / 1000)} s`);
