// The production build and start steps, in one place: deploy/Dockerfile and deploy/compose.yaml
// run exactly these commands (deploy/deploy.test.ts holds them together), and the production test
// (server/src/production.test.ts) runs them the same way on this machine.

/** The bundles `npm run build` makes: server/dist/<name>.js from its source. */
export const SERVER_BUNDLES = [
  { name: 'main', source: 'server/src/main.ts' },
  { name: 'worker', source: 'server/src/worker.ts' },
  { name: 'db', source: 'server/src/db/cli.ts' },
  { name: 'setup', source: 'server/src/setup/cli.ts' },
  { name: 'razorpay-check', source: 'server/src/razorpay/cli.ts' },
];

/** Every command as a shell line, as the Dockerfile's RUN and compose's command say it. */
export const PRODUCTION_STEPS = {
  /** Build stage: the pinned pnpm, every dependency (frozen lockfile), the generated Prisma client. */
  install: 'node scripts/install.mjs',
  /** Build stage: server/dist/*.js and the web app without source maps. */
  build: 'npm run build',
  /** Production stage: the server's production dependencies only, into the folder given. */
  installProd: 'node scripts/install-prod.mjs /srv/marquee',
  /** One-shot, before the API starts on a new release. */
  migrate: 'node server/dist/db.js migrate',
  api: 'node server/dist/main.js',
  worker: 'node server/dist/worker.js',
  /** Once, on a new installation: the first cinema and its admin (flags: README, Running it for real). */
  setup: 'node server/dist/setup.js',
};

/**
 * What a production folder holds besides the server's production dependencies: the bundles, the
 * schema and migrations (the migration job and the API's check read them), and the built web app.
 */
export const PRODUCTION_FILES = [
  'package.json',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'server/package.json',
  'server/dist',
  'shared/package.json',
  'prisma/schema.prisma',
  'prisma/migrations',
  'kiosk/out/web',
];
