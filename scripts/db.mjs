#!/usr/bin/env node
// `npm run db:migrate` and friends: the database CLI from source (tsx) in development, and the built
// one (server/dist/db.js, `npm run build`) under NODE_ENV=production, where tsx is not installed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fail, root } from './lib/bootstrap.mjs';

const args = process.argv.slice(2);
const production = process.env.NODE_ENV === 'production';
const built = path.join(root, 'server/dist/db.js');
if (production && !existsSync(built)) fail('server/dist/db.js is missing: run `npm run build` first.');
const [command, ...rest] = production
  ? [process.execPath, built]
  : [path.join(root, 'node_modules', '.bin', 'tsx'), path.join(root, 'server/src/db/cli.ts')];
const result = spawnSync(command, [...rest, ...args], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
