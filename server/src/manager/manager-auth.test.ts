// Staff sign-in and who may do what: every refusal has the right code, a readable message, and
// changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password';
import { LOCK_AFTER_FAILURES, STAFF_COOKIE } from '../auth/staff-session';
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

beforeAll(async () => {
  ctx = await createTestContext();
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
    await expect(client.manager.me.query()).resolves.toMatchObject({ id: user.id });
    await expect(client.manager.fleet.query()).resolves.toMatchObject({ kiosks: expect.any(Array) as unknown[] });
    await client.manager.logout.mutate();
    await expect(client.manager.me.query()).resolves.toBeNull();
    expect(await refusal(client.manager.fleet.query())).toMatchObject({
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
    expect(wrong).toMatchObject({ message: 'That email and password do not match.', data: { code: 'UNAUTHORIZED' } });
    expect(unknown).toEqual(wrong);
    expect(await counts()).toEqual(before);
    expect(cookieJar(client).has(STAFF_COOKIE)).toBe(false);
  });

  it(`locks an account after ${LOCK_AFTER_FAILURES} wrong passwords, even against the right one, and audits it`, async () => {
    const user = await account('MANAGER');
    const client = createStaffClient(server.url);
    // Guessed in parallel: the count is kept in one statement, so none slips past the limit.
    await Promise.all(
      Array.from({ length: LOCK_AFTER_FAILURES }, () =>
        client.manager.login.mutate({ email: user.email, password: 'guess' }).catch(() => undefined),
      ),
    );
    const locked = await refusal(client.manager.login.mutate({ email: user.email, password: PASSWORD }));
    expect(locked).toMatchObject({
      message: expect.stringContaining('locked after too many wrong passwords') as string,
      data: { code: 'FORBIDDEN' },
    });
    expect(await ctx.prisma.staffSession.count({ where: { userId: user.id } })).toBe(0);
    expect(await ctx.prisma.auditLog.count({ where: { action: 'staff.locked', entityId: user.id } })).toBe(1);
  });

  it('refuses an expired session and a disabled account', async () => {
    const { user, client } = await signedIn('MANAGER');
    await ctx.prisma.staffSession.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await refusal(client.manager.fleet.query())).toMatchObject({ data: { code: 'UNAUTHORIZED' } });

    const other = await signedIn('MANAGER');
    await ctx.prisma.staffUser.update({ where: { id: other.user.id }, data: { disabledAt: new Date() } });
    expect(await refusal(other.client.manager.fleet.query())).toMatchObject({ data: { code: 'UNAUTHORIZED' } });
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
    expect(await refusal(client.manager.fleet.query())).toMatchObject({ data: { code: 'UNAUTHORIZED' } });
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
    expect(await refusal(manager.client.manager.kioskCode.mutate({ name: 'Sneaky kiosk' }))).toMatchObject({
      message: 'Only an admin can do that.',
      data: { code: 'FORBIDDEN' },
    });
    expect(
      await refusal(
        manager.client.manager.createStaff.mutate({
          email: 'x@cinema.test',
          name: 'X',
          role: 'ADMIN',
          password: 'a long enough password',
        }),
      ),
    ).toMatchObject({ data: { code: 'FORBIDDEN' } });
    expect(await refusal(door.client.manager.fleet.query())).toMatchObject({
      message: 'Only a manager or admin can do that.',
      data: { code: 'FORBIDDEN' },
    });
    expect(await refusal(door.client.manager.sales.query({ from: '2026-11-01', to: '2026-11-02' }))).toMatchObject({
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
      () => customer.manager.fleet.query(),
      () => customer.manager.refund.mutate({ bookingId: hold.bookingId, reason: 'give it back' }),
      () => customer.manager.blockSeats.mutate({ showtimeId: showtime.id, seatIds: [seatIds[1]!], reason: 'mine now' }),
      () => customer.manager.setOutOfService.mutate({ kioskId: kiosk.id, outOfService: true }),
      () => customer.manager.searchBookings.query({ query: hold.code }),
      () => customer.manager.queues.query(),
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
    expect(
      await refusal(forged.manager.setOutOfService.mutate({ kioskId: kiosk.id, outOfService: true })),
    ).toMatchObject({
      message: 'This action must be made from the Marquee dashboard.',
      data: { code: 'FORBIDDEN' },
    });
    expect(await ctx.prisma.kiosk.findUniqueOrThrow({ where: { id: kiosk.id } })).toMatchObject({
      outOfService: false,
    });
    // Reading is not an action: the same page may not change anything, and gets nothing it could not read anyway.
    const sameSite = createStaffClient(server.url, {
      headers: { origin: server.url, 'sec-fetch-site': 'same-origin' },
    });
    for (const [k, v] of cookieJar(client)) cookieJar(sameSite).set(k, v);
    await expect(sameSite.manager.setOutOfService.mutate({ kioskId: kiosk.id, outOfService: false })).resolves.toEqual({
      ok: true,
    });
  });

  it('lets an admin add staff (once per email) and disable them, which ends their sessions', async () => {
    const admin = await signedIn('ADMIN');
    const { id } = await admin.client.manager.createStaff.mutate({
      email: 'new.usher@cinema.test',
      name: 'New Usher',
      role: 'STAFF',
      password: 'a long enough password',
    });
    expect(
      await refusal(
        admin.client.manager.createStaff.mutate({
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
    await admin.client.manager.setStaffDisabled.mutate({ userId: id, disabled: true });
    await expect(usher.manager.me.query()).resolves.toBeNull();
    expect(
      await ctx.prisma.auditLog.findMany({
        where: { entityId: id },
        select: { action: true },
        orderBy: { createdAt: 'asc' },
      }),
    ).toEqual([{ action: 'staff.create' }, { action: 'staff.disable' }]);
    expect(
      await refusal(admin.client.manager.setStaffDisabled.mutate({ userId: admin.user.id, disabled: true })),
    ).toMatchObject({ message: 'You cannot disable your own account.' });
  });
});
