// Staff sign-in and who may do what: every refusal has the right code, a readable message, and
// changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password';
import { BAD_LOGIN, STAFF_COOKIE } from '../auth/staff-session';
import { createCustomerClient } from '../test/customer-client';
import { futureShowtime, seedCinema } from '../test/fixtures';
import { refusal } from '../test/refusal';
import { cookieJar, createStaffClient } from '../test/staff-client';
import { createTestContext, type TTestContext } from '../test/test-context';
import { startTestServer, type TTestServer } from '../test/test-server';

let ctx: TTestContext;
let server: TTestServer;
let cinemaId: string;

const PASSWORD = 'correct horse battery staple';
const FREE_FAILURES = 5; // LOGIN_FREE_FAILURES' default

beforeAll(async () => {
  // This test plays the proxy that tells the API each client's address.
  ctx = await createTestContext({ TRUST_PROXY: '127.0.0.1' });
  ({ cinemaId } = await seedCinema(ctx.prisma));
  server = await startTestServer(ctx);
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

let n = 0;
async function account(role: 'ADMIN' | 'MANAGER' | 'STAFF') {
  const email = `${role.toLowerCase()}${++n}@cinema.test`;
  const user = await ctx.prisma.staffUser.create({
    data: { email, name: `${role} ${n}`, role, cinemaId, passwordHash: await hashPassword(PASSWORD) },
  });
  return { ...user, email };
}

async function signedIn(role: 'ADMIN' | 'MANAGER' | 'STAFF') {
  const user = await account(role);
  const client = createStaffClient(server.url);
  await client.manager.login.mutate({ email: user.email, password: PASSWORD });
  return { user, client };
}

const counts = async () => ({
  kiosks: await ctx.prisma.kiosk.count(),
  refunds: await ctx.prisma.refund.count(),
  blocks: await ctx.prisma.seatBlock.count(),
  staff: await ctx.prisma.staffUser.count(),
  sessions: await ctx.prisma.staffSession.count(),
});

describe('staff sign-in', () => {
  it('signs in with the right password (email in any case), sets a strict httpOnly cookie, and signs out', async () => {
    const user = await account('MANAGER');
    const client = createStaffClient(server.url);
    const res = await fetch(`${server.url}/trpc/manager.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email.toUpperCase(), password: PASSWORD }),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${STAFF_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);

    await expect(client.manager.login.mutate({ email: user.email, password: PASSWORD })).resolves.toMatchObject({
      role: 'MANAGER',
      email: user.email,
    });
    await expect(client.manager.me.query()).resolves.toMatchObject({ id: user.id, cinemaTimeZone: 'Asia/Kolkata' });
    await expect(client.fleet.list.query()).resolves.toMatchObject({ kiosks: expect.any(Array) as unknown[] });
    await client.manager.logout.mutate();
    await expect(client.manager.me.query()).resolves.toBeNull();
    expect(await refusal(client.fleet.list.query())).toMatchObject({
      message: 'Please sign in to the dashboard.',
      data: { code: 'UNAUTHORIZED' },
    });
  });

  it('refuses a wrong password and an unknown email alike, and starts no session', async () => {
    const user = await account('MANAGER');
    const before = await counts();
    const client = createStaffClient(server.url);
    const wrong = await refusal(client.manager.login.mutate({ email: user.email, password: 'not it' }));
    const unknown = await refusal(client.manager.login.mutate({ email: 'nobody@cinema.test', password: 'not it' }));
    expect(wrong).toMatchObject({ message: BAD_LOGIN, data: { code: 'UNAUTHORIZED' } });
    expect(unknown).toEqual(wrong);
    expect(await counts()).toEqual(before);
    expect(cookieJar(client).has(STAFF_COOKIE)).toBe(false);
  });

  it('makes only the guessing address wait: the owner still signs in from elsewhere, and it is audited once', async () => {
    const user = await account('MANAGER');
    const stranger = createStaffClient(server.url, { headers: { 'x-forwarded-for': '203.0.113.10' } });
    // Guessed in parallel: the count is kept in one statement, so none slips past the limit.
    await Promise.all(
      Array.from({ length: FREE_FAILURES }, () =>
        stranger.manager.login.mutate({ email: user.email, password: 'guess' }).catch(() => undefined),
      ),
    );
    // The stranger's address now waits, even with the right password, and is told nothing new.
    expect(await refusal(stranger.manager.login.mutate({ email: user.email, password: PASSWORD }))).toMatchObject({
      message: BAD_LOGIN,
      data: { code: 'UNAUTHORIZED' },
    });
    expect(await ctx.prisma.staffSession.count({ where: { userId: user.id } })).toBe(0);
    expect(await ctx.prisma.auditLog.count({ where: { action: 'staff.locked', entityId: user.id } })).toBe(1);

    const owner = createStaffClient(server.url, { headers: { 'x-forwarded-for': '198.51.100.20' } });
    await expect(owner.manager.login.mutate({ email: user.email, password: PASSWORD })).resolves.toMatchObject({
      id: user.id,
    });
  });

  it('answers an unknown email, a wrong password and a waiting address with one message', async () => {
    const user = await account('MANAGER');
    const client = createStaffClient(server.url, { headers: { 'x-forwarded-for': '203.0.113.11' } });
    const unknown = await refusal(client.manager.login.mutate({ email: 'nobody2@cinema.test', password: 'x' }));
    const wrong = [];
    for (let i = 0; i < FREE_FAILURES; i++)
      wrong.push(await refusal(client.manager.login.mutate({ email: user.email, password: `guess ${i}` })));
    const waiting = await refusal(client.manager.login.mutate({ email: user.email, password: PASSWORD }));
    for (const answer of [...wrong, waiting]) expect(answer).toEqual(unknown);
    expect(unknown.message).toBe(BAD_LOGIN);
  });

  it('makes each further failure from that address wait twice as long, up to the longest wait', async () => {
    const user = await account('MANAGER');
    const client = createStaffClient(server.url, { headers: { 'x-forwarded-for': '203.0.113.12' } });
    const waitAfterNextFailure = async () => {
      // The wait has run out: the next try is a real one, and fails.
      await ctx.prisma.staffLoginFailure.updateMany({ where: { userId: user.id }, data: { blockedUntil: null } });
      const before = Date.now();
      await refusal(client.manager.login.mutate({ email: user.email, password: 'guess' }));
      const row = await ctx.prisma.staffLoginFailure.findFirstOrThrow({ where: { userId: user.id } });
      return Math.round((row.blockedUntil!.getTime() - before) / 1000);
    };
    for (let i = 1; i < FREE_FAILURES; i++)
      await refusal(client.manager.login.mutate({ email: user.email, password: 'guess' }));
    const row = await ctx.prisma.staffLoginFailure.findFirstOrThrow({ where: { userId: user.id } });
    expect(row).toMatchObject({ ip: '203.0.113.12', failures: FREE_FAILURES - 1, blockedUntil: null });
    const waits = [];
    // (Ten tries a minute per email and address: this stays within them.)
    for (let i = 0; i < 5; i++) waits.push(await waitAfterNextFailure());
    await ctx.prisma.staffLoginFailure.updateMany({ where: { userId: user.id }, data: { failures: 40 } });
    waits.push(await waitAfterNextFailure());
    const expected = [15, 30, 60, 120, 240, 900];
    waits.forEach((wait, i) =>
      expect(Math.abs(wait - expected[i]!), `wait ${i + 1}: ${wait} s`).toBeLessThanOrEqual(2),
    );
  });

  it('lets an admin unlock an account for every address at once, and audits it; a manager may not', async () => {
    const user = await account('MANAGER');
    const stranger = createStaffClient(server.url, { headers: { 'x-forwarded-for': '203.0.113.13' } });
    for (let i = 0; i < FREE_FAILURES; i++)
      await refusal(stranger.manager.login.mutate({ email: user.email, password: 'guess' }));
    const admin = await signedIn('ADMIN');
    expect((await admin.client.staffAccounts.list.query()).find((u) => u.id === user.id)).toMatchObject({
      locked: true,
    });

    const manager = await signedIn('MANAGER');
    expect(await refusal(manager.client.staffAccounts.unlock.mutate({ userId: user.id }))).toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    expect(await ctx.prisma.staffLoginFailure.count({ where: { userId: user.id } })).toBe(1);

    await expect(admin.client.staffAccounts.unlock.mutate({ userId: user.id })).resolves.toEqual({ cleared: 1 });
    expect((await admin.client.staffAccounts.list.query()).find((u) => u.id === user.id)).toMatchObject({
      locked: false,
    });
    expect(
      await ctx.prisma.auditLog.count({
        where: { action: 'staff.unlock', entityId: user.id, actorUserId: admin.user.id },
      }),
    ).toBe(1);
    await expect(stranger.manager.login.mutate({ email: user.email, password: PASSWORD })).resolves.toMatchObject({
      id: user.id,
    });
  });

  it('refuses an expired session and a disabled account', async () => {
    const { user, client } = await signedIn('MANAGER');
    await ctx.prisma.staffSession.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await refusal(client.fleet.list.query())).toMatchObject({ data: { code: 'UNAUTHORIZED' } });

    const other = await signedIn('MANAGER');
    await ctx.prisma.staffUser.update({ where: { id: other.user.id }, data: { disabledAt: new Date() } });
    expect(await refusal(other.client.fleet.list.query())).toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    expect(
      await refusal(
        createStaffClient(server.url).manager.login.mutate({ email: other.user.email, password: PASSWORD }),
      ),
    ).toMatchObject({ message: 'This account is disabled. Ask an admin.' });
  });

  it('refuses a forged or tampered cookie', async () => {
    const { client } = await signedIn('MANAGER');
    const real = cookieJar(client).get(STAFF_COOKIE)!;
    cookieJar(client).set(STAFF_COOKIE, `${real.slice(0, -2)}xx`);
    expect(await refusal(client.fleet.list.query())).toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });

  it('validates the sign-in form with readable field errors', async () => {
    const err = await refusal(
      createStaffClient(server.url).manager.login.mutate({ email: 'not-an-email', password: '' }),
    );
    expect(err).toMatchObject({
      data: {
        code: 'BAD_REQUEST',
        fieldErrors: { email: expect.stringContaining('email address') as string, password: 'enter your password' },
      },
    });
  });
});

describe('who may do what', () => {
  it('refuses a manager an admin action, and door staff any manager procedure, changing nothing', async () => {
    const manager = await signedIn('MANAGER');
    const door = await signedIn('STAFF');
    const before = await counts();
    expect(await refusal(manager.client.fleet.issueCode.mutate({ name: 'Sneaky kiosk' }))).toMatchObject({
      message: 'Only an admin can do that.',
      data: { code: 'FORBIDDEN' },
    });
    expect(
      await refusal(
        manager.client.staffAccounts.create.mutate({
          email: 'x@cinema.test',
          name: 'X',
          role: 'ADMIN',
          password: 'a long enough password',
        }),
      ),
    ).toMatchObject({ data: { code: 'FORBIDDEN' } });
    expect(await refusal(door.client.fleet.list.query())).toMatchObject({
      message: 'Only a manager or admin can do that.',
      data: { code: 'FORBIDDEN' },
    });
    expect(await refusal(door.client.sales.report.query({ from: '2026-11-01', to: '2026-11-02' }))).toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses every manager procedure to a customer session and to a kiosk, changing nothing', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    const customer = createCustomerClient(server.url);
    const hold = await customer.holds.create.mutate({ showtimeId: showtime.id, seatIds: [seatIds[0]!] });
    const kiosk = await ctx.prisma.kiosk.findFirstOrThrow();
    const before = await counts();
    const calls = [
      () => customer.fleet.list.query(),
      () => customer.bookingDesk.refund.mutate({ bookingId: hold.bookingId, reason: 'give it back' }),
      () => customer.seatBlocks.block.mutate({ showtimeId: showtime.id, seatIds: [seatIds[1]!], reason: 'mine now' }),
      () => customer.fleet.setOutOfService.mutate({ kioskId: kiosk.id, outOfService: true }),
      () => customer.bookingDesk.search.query({ query: hold.code }),
      () => customer.queues.health.query(),
    ];
    for (const call of calls)
      expect(await refusal(call())).toMatchObject({ data: { code: 'UNAUTHORIZED', appCode: 'AUTH_REQUIRED' } });
    const csv = await fetch(`${server.url}/manager/sales.csv?from=2026-11-01&to=2026-11-02`);
    expect(csv.status).toBe(401);
    expect(await counts()).toEqual(before);
    expect(await ctx.prisma.kiosk.findUniqueOrThrow({ where: { id: kiosk.id } })).toMatchObject({
      outOfService: false,
    });
  });

  it('refuses a staff mutation sent from another site (CSRF), even with a valid session', async () => {
    const { client } = await signedIn('ADMIN');
    const kiosk = await ctx.prisma.kiosk.findFirstOrThrow();
    const forged = createStaffClient(server.url, {
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    for (const [k, v] of cookieJar(client)) cookieJar(forged).set(k, v);
    expect(await refusal(forged.fleet.setOutOfService.mutate({ kioskId: kiosk.id, outOfService: true }))).toMatchObject(
      {
        message: 'This action must be made from the Marquee dashboard.',
        data: { code: 'FORBIDDEN' },
      },
    );
    expect(await ctx.prisma.kiosk.findUniqueOrThrow({ where: { id: kiosk.id } })).toMatchObject({
      outOfService: false,
    });
    // Reading is not an action: the same page may not change anything, and gets nothing it could not read anyway.
    const sameSite = createStaffClient(server.url, {
      headers: { origin: server.url, 'sec-fetch-site': 'same-origin' },
    });
    for (const [k, v] of cookieJar(client)) cookieJar(sameSite).set(k, v);
    await expect(sameSite.fleet.setOutOfService.mutate({ kioskId: kiosk.id, outOfService: false })).resolves.toEqual({
      ok: true,
    });
  });

  it('lets an admin add staff (once per email) and disable them, which ends their sessions', async () => {
    const admin = await signedIn('ADMIN');
    const { id } = await admin.client.staffAccounts.create.mutate({
      email: 'new.usher@cinema.test',
      name: 'New Usher',
      role: 'STAFF',
      password: 'a long enough password',
    });
    expect(
      await refusal(
        admin.client.staffAccounts.create.mutate({
          email: 'New.Usher@cinema.test',
          name: 'Again',
          role: 'STAFF',
          password: 'a long enough password',
        }),
      ),
    ).toMatchObject({
      message: 'There is already an account with that email.',
    });
    const usher = createStaffClient(server.url);
    await usher.manager.login.mutate({ email: 'new.usher@cinema.test', password: 'a long enough password' });
    await admin.client.staffAccounts.setDisabled.mutate({ userId: id, disabled: true });
    await expect(usher.manager.me.query()).resolves.toBeNull();
    expect(
      await ctx.prisma.auditLog.findMany({
        where: { entityId: id },
        select: { action: true },
        orderBy: { createdAt: 'asc' },
      }),
    ).toEqual([{ action: 'staff.create' }, { action: 'staff.disable' }]);
    expect(
      await refusal(admin.client.staffAccounts.setDisabled.mutate({ userId: admin.user.id, disabled: true })),
    ).toMatchObject({ message: 'You cannot disable your own account.' });
  });
});
