import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TKioskCommand } from '@marquee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerClient } from '../test/customer-client';
import { eventually } from '../test/eventually';
import { seedCinema } from '../test/fixtures';
import { refusal } from '../test/refusal';
import { signedInStaff } from '../test/staff-client';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';
import { hashToken } from '../auth/device-token';
import { issueRegistrationCode } from './registration-code';
import { setOutOfService } from './set-out-of-service';

let ctx: TTestContext;
let server: TTestServer;
let cinemaId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ cinemaId } = await seedCinema(ctx.prisma));
  server = await startTestServer(ctx);
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

const heartbeat = { appVersion: '0.1.0', screen: 'attract', printer: 'ok', lastError: null } as const;

async function registeredKiosk(name: string) {
  const { code } = await issueRegistrationCode(ctx, { cinemaId, name });
  const registered = await createCustomerClient(server.url).kiosks.register.mutate({ code });
  return { ...registered, client: createCustomerClient(server.url, { kioskToken: registered.deviceToken }) };
}

describe('kiosk registration', () => {
  it('trades a one-time code (typed with a dash, in lower case) for a device token stored only as a hash', async () => {
    const { code, kioskId } = await issueRegistrationCode(ctx, { cinemaId, name: 'Lobby 9' });
    const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase();

    const result = await createCustomerClient(server.url).kiosks.register.mutate({ code: typed });

    expect(result).toMatchObject({ kioskId, name: 'Lobby 9', deviceToken: expect.stringMatching(/^mqk_/) as string });
    const row = await ctx.prisma.kiosk.findUniqueOrThrow({ where: { id: kioskId } });
    expect(row).toMatchObject({ tokenHash: hashToken(result.deviceToken), registrationCodeHash: null });
    const kiosk = createCustomerClient(server.url, { kioskToken: result.deviceToken });
    await expect(kiosk.kiosks.me.query()).resolves.toMatchObject({ kioskId, name: 'Lobby 9', outOfService: false });
  });

  it('gives a code to one device only, even when two race with it', async () => {
    const { code } = await issueRegistrationCode(ctx, { cinemaId, name: 'Lobby 10' });
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => createCustomerClient(server.url).kiosks.register.mutate({ code })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses an expired, unknown or malformed code and changes nothing', async () => {
    const { code, kioskId } = await issueRegistrationCode(ctx, {
      cinemaId,
      name: 'Lobby 11',
      now: new Date(Date.now() - 25 * 3600_000),
    });
    const client = createCustomerClient(server.url);
    expect(await refusal(client.kiosks.register.mutate({ code }))).toMatchObject({
      message: expect.stringContaining('not valid or has expired') as string,
      data: { appCode: 'KIOSK_CODE_INVALID' },
    });
    expect(await refusal(client.kiosks.register.mutate({ code: 'ZZZZZZZZ' }))).toMatchObject({
      data: { appCode: 'KIOSK_CODE_INVALID' },
    });
    expect(await refusal(client.kiosks.register.mutate({ code: 'short' }))).toMatchObject({
      data: { appCode: 'INPUT_INVALID', fieldErrors: { code: expect.stringContaining('8-character') as string } },
    });
    expect(await ctx.prisma.kiosk.findUniqueOrThrow({ where: { id: kioskId } })).toMatchObject({
      tokenHash: null,
      registeredAt: null,
    });
  });
});

describe('kiosk heartbeat and commands', () => {
  it('records each heartbeat, and printer changes in the kiosk event log', async () => {
    const { client, kioskId } = await registeredKiosk('Heartbeat kiosk');
    await expect(client.kiosks.heartbeat.mutate(heartbeat)).resolves.toEqual({ outOfService: false });
    await client.kiosks.heartbeat.mutate({
      ...heartbeat,
      screen: 'seat-map',
      printer: 'paper_out',
      lastError: 'PRINTER_PAPER_OUT',
    });

    const row = await ctx.prisma.kiosk.findUniqueOrThrow({ where: { id: kioskId } });
    expect(row).toMatchObject({
      currentScreen: 'seat-map',
      printerStatus: 'PAPER_OUT',
      lastError: 'PRINTER_PAPER_OUT',
      appVersion: '0.1.0',
    });
    expect(row.lastHeartbeatAt!.getTime()).toBeGreaterThan(Date.now() - 5000);
    const events = await ctx.prisma.kioskEvent.findMany({ where: { kioskId }, orderBy: { createdAt: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['registered', 'printer', 'printer', 'error']);
  });

  it('refuses kiosk procedures to a web session and to a revoked device', async () => {
    const web = createCustomerClient(server.url);
    expect(await refusal(web.kiosks.heartbeat.mutate(heartbeat))).toMatchObject({
      message: 'This device is not a registered kiosk.',
      data: { code: 'UNAUTHORIZED' },
    });
    const { client, kioskId } = await registeredKiosk('Revoked kiosk');
    await ctx.prisma.kiosk.update({ where: { id: kioskId }, data: { revokedAt: new Date() } });
    expect(await refusal(client.kiosks.heartbeat.mutate(heartbeat))).toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    expect(await ctx.prisma.kiosk.findUniqueOrThrow({ where: { id: kioskId } })).toMatchObject({
      lastHeartbeatAt: null,
    });
  });

  it('refuses a malformed heartbeat with the field named', async () => {
    const { client } = await registeredKiosk('Bad heartbeat kiosk');
    const { data } = await refusal(client.kiosks.heartbeat.mutate({ ...heartbeat, printer: 'on fire' as 'ok' }));
    expect(data.fieldErrors).toHaveProperty('printer');
  });

  it('tells the kiosk its state at once, then out of service and back within a second', async () => {
    const { client, kioskId } = await registeredKiosk('Command kiosk');
    const received: TKioskCommand[] = [];
    const sub = client.kiosks.onCommand.subscribe(undefined, { onData: (c) => received.push(c) });
    try {
      await eventually(
        () => received.length,
        (n) => n >= 1,
      );
      expect(received[0]).toEqual({ type: 'state', kioskId, outOfService: false });

      const sentAt = Date.now();
      await setOutOfService(ctx, { kioskId, outOfService: true });
      await eventually(
        () => received.length,
        (n) => n >= 2,
        1000,
      );
      expect(Date.now() - sentAt).toBeLessThan(1000);
      expect(received[1]).toEqual({ type: 'state', kioskId, outOfService: true });
      await expect(client.kiosks.heartbeat.mutate(heartbeat)).resolves.toEqual({ outOfService: true });

      await setOutOfService(ctx, { kioskId, outOfService: false });
      await eventually(
        () => received.length,
        (n) => n >= 3,
        1000,
      );
      expect(received[2]).toEqual({ type: 'state', kioskId, outOfService: false });
    } finally {
      sub.unsubscribe();
    }
  });
});

describe('revoking a kiosk', () => {
  const NOT_REGISTERED = 'This kiosk is not registered. Please call staff.';
  // Registrations are limited per address (10 a minute); the tests above used this one's.
  beforeAll(() => ctx.redis.del('rl:kiosk-register:127.0.0.1'));

  /** A kiosk registered earlier (its token made here, as registration would). */
  async function kioskWithToken(name: string) {
    const token = `mqk_test_${name.replace(/\W/g, '_')}_${Date.now()}`;
    const kiosk = await ctx.prisma.kiosk.create({
      data: { cinemaId, name, tokenHash: hashToken(token), registeredAt: new Date() },
    });
    return { kioskId: kiosk.id, client: createCustomerClient(server.url, { kioskToken: token }) };
  }

  it('refuses its calls at once, and its command stream tells it and ends (dashboard, admins only)', async () => {
    const { client, kioskId } = await kioskWithToken('Stolen kiosk');
    const received: TKioskCommand[] = [];
    let completed = false;
    const sub = client.kiosks.onCommand.subscribe(undefined, {
      onData: (c) => received.push(c),
      onComplete: () => (completed = true),
    });
    try {
      await eventually(
        () => received.length,
        (n) => n >= 1,
      );
      const manager = await signedInStaff(ctx, server.url, { cinemaId, role: 'MANAGER' });
      expect(await refusal(manager.client.fleet.revoke.mutate({ kioskId }))).toMatchObject({
        message: 'Only an admin can do that.',
        data: { code: 'FORBIDDEN' },
      });
      await expect(client.kiosks.heartbeat.mutate(heartbeat)).resolves.toEqual({ outOfService: false });

      const admin = await signedInStaff(ctx, server.url, { cinemaId, role: 'ADMIN' });
      await expect(admin.client.fleet.revoke.mutate({ kioskId })).resolves.toEqual({ alreadyRevoked: false });
      await eventually(
        () => completed,
        (done) => done,
        2000,
      );
      expect(received.at(-1)).toEqual({ type: 'revoked', kioskId });
      expect(await refusal(client.kiosks.heartbeat.mutate(heartbeat))).toMatchObject({
        message: NOT_REGISTERED,
        data: { code: 'UNAUTHORIZED' },
      });
      expect(await refusal(client.kiosks.me.query())).toMatchObject({ data: { code: 'UNAUTHORIZED' } });
      expect(
        await ctx.prisma.auditLog.count({
          where: { action: 'kiosk.revoke', entityId: kioskId, actorUserId: admin.user.id },
        }),
      ).toBe(1);
      expect((await admin.client.fleet.list.query()).kiosks.map((k) => k.id)).not.toContain(kioskId);
      await expect(admin.client.fleet.revoke.mutate({ kioskId })).resolves.toEqual({ alreadyRevoked: true });

      // A new code registers the device again, with a new token.
      const { code } = await issueRegistrationCode(ctx, { cinemaId, name: 'Stolen kiosk' });
      const again = await createCustomerClient(server.url).kiosks.register.mutate({ code });
      expect(again.kioskId).toBe(kioskId);
      const renewed = createCustomerClient(server.url, { kioskToken: again.deviceToken });
      await expect(renewed.kiosks.me.query()).resolves.toMatchObject({ kioskId });
      expect(await refusal(client.kiosks.me.query())).toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    } finally {
      sub.unsubscribe();
    }
  });

  it("refuses another cinema's kiosk, changing nothing", async () => {
    const other = await ctx.prisma.cinema.create({ data: { slug: 'revoke-other', name: 'Other', city: 'Pune' } });
    const theirs = await ctx.prisma.kiosk.create({
      data: { cinemaId: other.id, name: 'Their kiosk', tokenHash: hashToken('theirs'), registeredAt: new Date() },
    });
    const admin = await signedInStaff(ctx, server.url, { cinemaId, role: 'ADMIN' });
    expect(await refusal(admin.client.fleet.revoke.mutate({ kioskId: theirs.id }))).toMatchObject({
      message: 'No such kiosk here.',
      data: { code: 'BAD_REQUEST' },
    });
    expect(await ctx.prisma.kiosk.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ revokedAt: null });
  });

  it('revokes by name or by id from the CLI (pnpm kiosk revoke)', async () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const cli = (arg: string) =>
      promisify(execFile)(path.join(root, 'node_modules/.bin/tsx'), ['server/src/kiosks/cli.ts', 'revoke', arg], {
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          DATABASE_URL: ctx.databaseUrl,
          REDIS_URL: ctx.env.REDIS_URL,
          REDIS_PREFIX: ctx.env.REDIS_PREFIX,
        },
      });
    const byName = await kioskWithToken('CLI kiosk by name');
    const byId = await kioskWithToken('CLI kiosk by id');
    expect((await cli('CLI kiosk by name')).stdout).toContain('kiosk "CLI kiosk by name" is revoked');
    expect((await cli(byId.kioskId)).stdout).toContain('kiosk "CLI kiosk by id" is revoked');
    for (const { client } of [byName, byId])
      expect(await refusal(client.kiosks.me.query())).toMatchObject({ message: NOT_REGISTERED });
    await expect(cli('No such kiosk')).rejects.toMatchObject({
      stderr: expect.stringContaining('no kiosk named "No such kiosk"') as string,
    });
  }, 60_000);
});
