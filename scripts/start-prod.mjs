#!/usr/bin/env node
// `npm run start:prod`: the built API and worker (server/dist, `npm run build`) with NODE_ENV=production,
// side by side, stopped together. Nothing else: no install, no migrations (`npm run db:migrate` is its
// own step, and the API refuses a database behind it), no demo data, no development helper. A server
// with systemd or containers runs the same two commands itself (deploy/).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkNode, fail, root } from './lib/bootstrap.mjs';
import { PRODUCTION_STEPS } from './lib/production-steps.mjs';
import { supervise } from './lib/supervise.mjs';

checkNode();
const commands = { api: PRODUCTION_STEPS.api, worker: PRODUCTION_STEPS.worker };
for (const command of Object.values(commands)) {
  const file = command.split(' ')[1];
  if (!existsSync(path.join(root, file))) fail(`${file} is missing: run \`npm run build\` first.`);
}
supervise(
  Object.entries(commands).map(([name, command]) => {
    const [, ...args] = command.split(' ');
    return { name, command: process.execPath, args };
  }),
  { cwd: root, env: { ...process.env, NODE_ENV: 'production' } },
);
