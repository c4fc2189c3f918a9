// The boundaries of the code, checked by `npm test` (dependency-cruiser). docs/architecture.md draws
// the same map. Tests are left out: a test may reach into what it proves.

/**
 * Folders of server/src that hold no domain logic; any folder may import them, they import no
 * domain. `jobs/` is the queue layer: each queue's contract and the outbox, imported by the domains
 * that produce jobs; the consumers are in `workers/`.
 */
const INFRASTRUCTURE = [
  'audit',
  'db',
  'errors',
  'generated',
  'http',
  'jobs',
  'lifecycle',
  'mail',
  'metrics',
  'net',
  'razorpay',
  'realtime',
];
/** Not domains: test helpers, the demo data, the queue consumers and the web app's serving. */
const OTHER = ['test', 'seed', 'workers', 'web', 'health'];
/** Files of the composition root: they wire every domain together, so nothing below imports them. */
const COMPOSITION = ['app', 'router', 'direct-procedures', 'create-services', 'main', 'worker'];

const infrastructure = `^server/src/(${INFRASTRUCTURE.join('|')})/`;
const domainFolder = `^server/src/(?!(${[...INFRASTRUCTURE, ...OTHER].join('|')})/)[^/]+/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules import each other one way only, type imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment: 'Folders of server/src import each other one way only.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^server/src/[^/]+' },
      to: { circular: true },
    },
    {
      name: 'domain-public-surface',
      comment:
        "Another folder uses a domain only through its index.ts; the rest of the folder is the domain's own business.",
      severity: 'error',
      from: { path: '^server/src/([^/]+)/' },
      to: {
        path: domainFolder,
        pathNot: ['^server/src/$1/', '^server/src/[^/]+/index\\.ts$', '-router\\.ts$', '-routes\\.ts$'],
      },
    },
    {
      name: 'routers-from-the-root-only',
      comment: 'A tRPC router is merged by server/src/router.ts and nothing else.',
      severity: 'error',
      from: { pathNot: '^server/src/router\\.ts$' },
      to: { path: '^server/src/.+-router\\.ts$' },
    },
    {
      name: 'http-routes-from-the-app-only',
      comment: 'Fastify routes are registered by server/src/app.ts and nothing else.',
      severity: 'error',
      from: { pathNot: '^server/src/app\\.ts$' },
      to: { path: '^server/src/.+-routes\\.ts$' },
    },
    {
      name: 'workers-from-the-worker-process-only',
      comment:
        "Queue consumers are started by worker.ts (workers/start-workers.ts); producers use the queue's contract in jobs/.",
      severity: 'error',
      from: { pathNot: '^server/src/(worker\\.ts$|workers/)' },
      to: { path: '^server/src/workers/' },
    },
    {
      name: 'jobs-import-no-routers',
      comment: 'Jobs run without a request: they call services, never a tRPC router or HTTP route.',
      severity: 'error',
      from: { path: '^server/src/(jobs|workers)/' },
      to: { path: ['^server/src/trpc\\.ts$', '-router\\.ts$', '-routes\\.ts$'] },
    },
    {
      name: 'infrastructure-imports-no-domain',
      comment: 'Infrastructure serves every domain and knows none of them.',
      severity: 'error',
      from: { path: infrastructure },
      to: { path: [domainFolder, '^server/src/workers/'] },
    },
    {
      name: 'queue-contracts-stand-alone',
      comment:
        "A queue's contract (jobs/<queue>/index.ts: payload schema, job ids, options, enqueue) is imported by services.ts through the queues, so it imports no services.",
      severity: 'error',
      from: { path: '^server/src/jobs/([^/]+/index|queues)\\.ts$' },
      to: { path: '^server/src/services\\.ts$' },
    },
    {
      name: 'nothing-imports-the-composition-root',
      severity: 'error',
      comment: 'Command-line entries (cli.ts) and the process supervisor start the whole server too.',
      from: { pathNot: `^server/src/((${COMPOSITION.join('|')})|lifecycle/.+|.+/cli)\\.ts$` },
      to: { path: `^server/src/(${COMPOSITION.join('|')})\\.ts$`, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-imports-no-app',
      comment: 'shared/ is schemas and pure functions used by every app; it imports none of them.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(server|kiosk|sandbox|e2e|scripts)/' },
    },
    {
      name: 'kiosk-imports-only-server-types',
      comment: "The kiosk and web apps know the server by its router's type, never by its code.",
      severity: 'error',
      from: { path: '^kiosk/' },
      to: { path: '^server/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'renderer-imports-no-electron',
      comment: 'The renderer runs on the web too; it talks to window.api, never to Electron or Node.',
      severity: 'error',
      from: { path: '^kiosk/src/renderer/' },
      to: { path: ['^electron$', '^kiosk/src/(main|preload)/'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^server/src/generated/', '\\.test\\.tsx?$', '^server/src/test/', '^e2e/', '^scripts/'] },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.d.ts'],
    },
  },
};
