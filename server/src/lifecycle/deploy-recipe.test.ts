// deploy/ runs what `npm test`'s production check runs: the Dockerfile's build steps and the
// commands of compose.yaml and the systemd units are exactly scripts/lib/production-steps.mjs
// (production-mode.test.ts runs those). There is no Docker daemon on the build machines, so the
// image itself is not built here: this holds the recipe to the commands that are run. The backup
// script is run for real, and its dump restored.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PRODUCTION_STEPS } from '../../../scripts/lib/production-steps.mjs';
import { canRun } from '../test/skip';
import { createEmptyTestDatabase, createTestDatabase, dropTestDatabase } from '../test/test-databases';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (file: string) => readFileSync(path.join(root, 'deploy', file), 'utf8');

interface TStage {
  from: string;
  instructions: { op: string; args: string }[];
}

/** The Dockerfile's stages and their instructions, continuation lines joined, comments dropped. */
function dockerStages(text: string): { args: Record<string, string>; stages: TStage[] } {
  const lines = text
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: TStage[] = [];
  for (const line of lines) {
    const [, op = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = op.toUpperCase();
    if (upper === 'FROM') stages.push({ from: rest, instructions: [] });
    else if (upper === 'ARG' && stages.length === 0) {
      const [name = '', value = ''] = rest.split('=');
      args[name] = value;
    } else stages.at(-1)?.instructions.push({ op: upper, args: rest });
  }
  return { args, stages };
}

/** A compose service's `command:` (one line, as compose.yaml writes them). */
function composeCommand(text: string, service: string): string | undefined {
  const block = new RegExp(`^  ${service}:\\n((?:    .*\\n|\\s*\\n)*)`, 'm').exec(text)?.[1] ?? '';
  return /^ {4}command: (.+)$/m.exec(block)?.[1]?.trim();
}

describe('deploy/Dockerfile', () => {
  const { args, stages } = dockerStages(read('Dockerfile'));
  const [build, final] = stages;
  const runs = (stage: TStage | undefined) => stage?.instructions.filter((i) => i.op === 'RUN').map((i) => i.args);

  it('builds with exactly the commands the production check runs', () => {
    expect(stages).toHaveLength(2);
    expect(runs(build)).toEqual([PRODUCTION_STEPS.install, PRODUCTION_STEPS.build, PRODUCTION_STEPS.installProd]);
  });

  it('starts the API with exactly its production command', () => {
    const cmd = final!.instructions.find((i) => i.op === 'CMD')!.args;
    expect((JSON.parse(cmd) as string[]).join(' ')).toBe(PRODUCTION_STEPS.api);
  });

  it('holds only the production folder, runs as a non-root user on a supported LTS, and checks /readyz', () => {
    expect(runs(final)).toEqual([]);
    const copies = final!.instructions.filter((i) => i.op === 'COPY').map((i) => i.args);
    const folder = PRODUCTION_STEPS.installProd.split(' ').at(-1)!;
    for (const copy of copies) expect(copy).toMatch(new RegExp(`^--from=build (--chown=\\S+ )?${folder}(/\\S*)? `));
    expect(final!.instructions.find((i) => i.op === 'USER')?.args).toBe('node');
    expect(final!.instructions.find((i) => i.op === 'ENV')?.args).toMatch(/NODE_ENV=production/);
    expect(final!.instructions.find((i) => i.op === 'HEALTHCHECK')?.args).toContain('/readyz');
    // Both stages on one image, a Node LTS that is still supported (22 or 24).
    expect(build!.from).toBe('${NODE_IMAGE} AS build');
    expect(final!.from).toBe('${NODE_IMAGE}');
    expect(args.NODE_IMAGE).toMatch(/^node:(22|24)[.-]/);
  });
});

describe('deploy/compose.yaml', () => {
  const compose = read('compose.yaml');

  it('runs the migration job, the API and the worker with exactly the production commands', () => {
    expect(composeCommand(compose, 'migrate')).toBe(PRODUCTION_STEPS.migrate);
    expect(composeCommand(compose, 'api')).toBe(PRODUCTION_STEPS.api);
    expect(composeCommand(compose, 'worker')).toBe(PRODUCTION_STEPS.worker);
    expect(compose).toContain('dockerfile: deploy/Dockerfile');
  });

  it('starts the API and the worker only after the migration job succeeded', () => {
    const after = compose.match(/migrate:\n\s+condition: service_completed_successfully/g) ?? [];
    expect(after).toHaveLength(2);
  });

  it('keeps Redis persistent and never evicting (holds and queues are not a cache), and trusts one proxy', () => {
    expect(composeCommand(compose, 'redis')).toMatch(/--appendonly yes/);
    expect(composeCommand(compose, 'redis')).toMatch(/--maxmemory-policy noeviction/);
    expect(compose).toMatch(/TRUST_PROXY: '1'/);
    // Only the proxy publishes ports; /metrics (9464) stays inside the network.
    expect(compose.match(/^ {4}ports:/gm)).toHaveLength(1);
    expect(compose).not.toMatch(/['"]?\d+:9464/);
  });
});

describe('deploy/systemd', () => {
  it.each([
    ['marquee-migrate.service', PRODUCTION_STEPS.migrate],
    ['marquee-api.service', PRODUCTION_STEPS.api],
    ['marquee-worker.service', PRODUCTION_STEPS.worker],
  ])('%s runs exactly its production command', (unit, command) => {
    const execStart = /^ExecStart=(.+)$/m.exec(read(`systemd/${unit}`))?.[1];
    expect(execStart).toBe(command.replace(/^node /, '/usr/bin/node '));
  });
});

const hasPgTools =
  spawnSync('pg_dump', ['--version']).status === 0 && spawnSync('pg_restore', ['--version']).status === 0;
describe.runIf(canRun('the PostgreSQL backup', hasPgTools, 'pg_dump and pg_restore are not installed'))(
  'deploy/backup-postgres.sh',
  () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marquee-backup-'));
    const databases: string[] = [];
    afterAll(async () => {
      for (const url of databases) await dropTestDatabase(url);
      rmSync(dir, { recursive: true, force: true });
    });

    it('dumps the database, and the dump restores into an empty one', async () => {
      const source = await createTestDatabase(inject('templateDatabase'), inject('testRunId'));
      databases.push(source);
      const file = execFileSync(path.join(root, 'deploy/backup-postgres.sh'), {
        env: { ...process.env, DATABASE_URL: source, BACKUP_DIR: dir, KEEP_DAYS: '14' },
        encoding: 'utf8',
      }).trim();
      expect(path.basename(file)).toMatch(/^marquee-\d{8}T\d{6}Z\.dump$/);
      const target = await createEmptyTestDatabase(inject('testRunId'));
      databases.push(target);
      execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '-d', target, file]);
      const count = async (url: string) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const { rows } = await client.query<{ n: string }>(
            'SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL',
          );
          return Number(rows[0]!.n);
        } finally {
          await client.end();
        }
      };
      const migrated = await count(source);
      expect(migrated).toBeGreaterThan(0);
      expect(await count(target)).toBe(migrated);
    });
  },
);
