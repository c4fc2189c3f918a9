#!/usr/bin/env node
// `npm start`: one command from a fresh clone to a running Marquee with a demo cinema.
// Installs (pinned pnpm), generates the Prisma client, creates/migrates/seeds the database, then
// runs every process and stops them all cleanly on Ctrl-C.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildEnv, checkNode, fail, installDependencies, pnpm, root, run } from './lib/bootstrap.mjs';
import { checkServices } from './lib/services-check.mjs';
import { API_NODE_FLAGS } from './lib/node-flags.mjs';

const watch = process.argv.includes('--watch');
checkNode();
installDependencies();

const env = {
  ...buildEnv,
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/marquee',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  PORT: process.env.PORT ?? '3000',
  HOST: process.env.HOST ?? '127.0.0.1',
  RAZORPAY_SANDBOX_PORT: process.env.RAZORPAY_SANDBOX_PORT ?? '3100',
  // `npm run dev` restarts the API on every change: one instance is enough there.
  ...(watch && !process.env.API_INSTANCES ? { API_INSTANCES: '1' } : {}),
};
// `npm start` is for development: it seeds a demo cinema and runs the development helpers below (mail
// catcher, payment sandbox, virtual printer, print agent), which are for a machine on a desk, never
// beside real customers. Production is the built code (`npm run build`, `npm run start:prod`).
if (process.env.NODE_ENV === 'production')
  fail(
    'npm start is the development command (demo data, development helpers). For production: `npm run build`, `NODE_ENV=production npm run db:migrate`, then `npm run start:prod` (README: Running it for real).',
  );
// Without an SMTP server of your own, mail goes to a local catcher that saves it under .data/mail.
const useMailCatcher = !process.env.SMTP_URL;
if (useMailCatcher) env.SMTP_URL = 'smtp://127.0.0.1:2525';
// Without real Razorpay settings, payments go to the sandbox this command runs.
const useSandbox = !process.env.RAZORPAY_API_URL && !process.env.RAZORPAY_KEY_ID;
// Without a real thermal printer, tickets go to a virtual one that keeps each as an SVG under .data/prints.
const useVirtualPrinter = !process.env.PRINTER_HOST;
// The print agent lets the kiosk UI in a browser print; real kiosks print from the Electron app.
env.MARQUEE_API_URL = `http://${env.HOST}:${env.PORT}`;
if (useSandbox) {
  env.RAZORPAY_API_URL = `http://127.0.0.1:${env.RAZORPAY_SANDBOX_PORT}`;
  env.RAZORPAY_WEBHOOK_URL = `http://${env.HOST}:${env.PORT}/webhooks/razorpay`;
}

const problems = await checkServices({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL });
if (problems.length) fail(problems.join('\n✖ '));

const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
run(tsx, ['server/src/db/cli.ts', 'ensure-database'], { env, label: 'database: create if missing' });
run(tsx, ['server/src/db/cli.ts', 'migrate'], { env, label: 'database: apply migrations' });
run(tsx, ['prisma/seed.ts'], { env, label: 'database: seed the demo cinema' });
pnpm(['--filter', '@marquee/kiosk', 'run', 'build:web', '--logLevel', 'warn'], {
  env,
  label: 'kiosk: building the web app (served at / and /kiosk)',
});

/** Every long-running part of the system. Each later part (workers, sandbox, printer) adds a line. */
const processes = [
  { name: 'api', args: [...(watch ? ['watch'] : []), ...API_NODE_FLAGS, 'server/src/main.ts'] },
  { name: 'worker', args: [...(watch ? ['watch'] : []), 'server/src/worker.ts'] },
  ...(useSandbox ? [{ name: 'sandbox', args: ['sandbox/src/main.ts'] }] : []),
  ...(useMailCatcher ? [{ name: 'mail', args: ['server/src/mail/mail-catcher.ts'] }] : []),
  ...(useVirtualPrinter ? [{ name: 'printer', args: ['kiosk/src/main/printer/virtual-printer-main.ts'] }] : []),
  { name: 'print-agent', args: ['kiosk/src/main/printer/print-agent-main.ts'] },
];

const children = new Map();
let stopping = false;

function prefixLines(name, stream, out) {
  let buffer = '';
  stream.on('data', (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) out.write(`[${name}] ${line}\n`);
  });
}

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 12_000);
  const wait = () => {
    if (children.size === 0) {
      clearTimeout(force);
      process.exit(code);
    } else setTimeout(wait, 100);
  };
  wait();
}

for (const { name, args } of processes) {
  const child = spawn(tsx, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.set(name, child);
  prefixLines(name, child.stdout, process.stdout);
  prefixLines(name, child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`\n✖ ${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the rest.`);
      stopAll(1);
    }
  });
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

const base = `http://${env.HOST}:${env.PORT}`;
for (let i = 0; i < 100 && !stopping; i++) {
  const up = await fetch(`${base}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  if (up) {
    console.log(`\n✔ Marquee is running (Ctrl-C stops it)
  web app         ${base}/        (online customers)
  dashboard       ${base}/manager (managers: sign in with a demo login printed above)
  kiosk UI        ${base}/kiosk   (in a browser; prints through the print agent on 127.0.0.1:${process.env.PRINT_AGENT_PORT ?? 9180})
  printer         ${useVirtualPrinter ? 'virtual thermal printer on 127.0.0.1:9100, tickets kept as SVG under .data/prints/' : `${process.env.PRINTER_HOST}:${process.env.PRINTER_PORT ?? 9100}`}
  API (tRPC)      ${base}/trpc   e.g. curl ${base}/trpc/catalog.showtimes
  health          ${base}/healthz  ${base}/readyz  ${base}/metrics
  mail            ${useMailCatcher ? 'saved under .data/mail/ (local catcher on 127.0.0.1:2525)' : env.SMTP_URL}
  payments        ${useSandbox ? `Razorpay sandbox at ${env.RAZORPAY_API_URL} (pay an order: POST /_sandbox/orders/<id>/pay)` : (env.RAZORPAY_API_URL ?? 'Razorpay')}
  demo logins and kiosk tokens were printed by the seed above (tokens: .data/demo-kiosks.json)\n`);
    break;
  }
  await new Promise((r) => setTimeout(r, 300));
}
