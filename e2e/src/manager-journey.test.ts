// The manager dashboard: a manager signs in, watches a kiosk go offline when its heartbeats stop,
// refunds a booking, and sees the sales figures change.
import { DEMO_LOGINS } from '@marquee/server/seed/seed-demo-cinema';
import { createCustomerClient } from '@marquee/server/test/customer-client';
import { formatRupees } from '@marquee/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, snap } from './browser';
import { paidWebBooking, startSystem, type TSystem } from './system';

let system: TSystem;
let browser: Browser;

beforeAll(async () => {
  system = await startSystem();
  browser = await launchChromium();
}, 480_000);
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

describe.skipIf(!hasChromium)('manager journey', () => {
  it('signs in, sees a kiosk go offline, refunds a booking and sees the sales change', async () => {
    const manager = DEMO_LOGINS.find((l) => l.role === 'MANAGER')!;
    const booking = await paidWebBooking(system, { seats: 2, email: 'refund.me@example.com' });
    const kiosk = createCustomerClient(system.server.url, { kioskToken: system.kiosk.token });
    await kiosk.kiosks.heartbeat.mutate({ appVersion: '0.1.0', screen: 'attract', printer: 'ok', lastError: null });

    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('pageerror', (err) => console.error('manager page error:', err));
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${system.server.url}/manager`);

    // A wrong password first: refused, with a message a person can act on.
    await page.getByLabel('Email').fill(manager.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That email and password do not match.').waitFor();
    await snap(page, 'manager-1-sign-in');
    await page.getByLabel('Password').fill(manager.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const row = page.getByRole('row', { name: `Kiosk ${system.kiosk.name}` });
    await row.getByText('online').waitFor();
    await snap(page, 'manager-2-fleet');

    // The kiosk stops beating: its last heartbeat ages past 45 s (backdated here rather than waited
    // for); the dashboard notices by itself, with nothing sent to it.
    await system.ctx.prisma.kiosk.update({
      where: { id: system.kiosk.id },
      data: { lastHeartbeatAt: new Date(Date.now() - 46_000) },
    });
    await row.getByText('offline').waitFor({ timeout: 10_000 });
    await page.getByRole('alert', { name: 'Kiosk alerts' }).getByText(`${system.kiosk.name}: offline`).waitFor();
    await snap(page, 'manager-3-kiosk-offline');

    await page.getByRole('button', { name: 'Sales' }).click();
    const all = page.getByRole('group', { name: 'All' });
    await expect.poll(() => all.getByLabel('All refunded').textContent()).toBe(formatRupees(0));
    const ticketsBefore = Number(await all.getByLabel('All tickets sold').textContent());
    expect(ticketsBefore).toBeGreaterThanOrEqual(2);

    await page.getByRole('button', { name: 'Bookings' }).click();
    await page.getByLabel('Booking code, email, phone or seat').fill(booking.code);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: new RegExp(`^${booking.code} · confirmed`) }).click();
    const detail = page.getByRole('article', { name: `Booking ${booking.code}` });
    await detail.getByText('confirmed', { exact: false }).first().waitFor();
    await snap(page, 'manager-4-booking');
    await detail.getByLabel('Reason for the refund').fill('Customer could not come');
    await detail.getByRole('button', { name: 'Refund in full' }).click();
    await detail.getByText('Refunded. The money goes back').waitFor();
    await detail.getByText(/manager: booking\.refund \(Customer could not come\)/i).waitFor();
    expect((await system.ctx.prisma.booking.findUniqueOrThrow({ where: { id: booking.bookingId } })).status).toBe(
      'REFUNDED',
    );

    await page.getByRole('button', { name: 'Sales' }).click();
    await expect.poll(() => all.getByLabel('All refunded').textContent()).toBe(formatRupees(booking.amountPaise));
    expect(Number(await all.getByLabel('All tickets sold').textContent())).toBe(ticketsBefore - 2);
    await snap(page, 'manager-5-sales');

    // A broken seat on that show: blocked from the seat map, refused to customers at once.
    const show = await system.ctx.prisma.booking.findUniqueOrThrow({
      where: { id: booking.bookingId },
      select: { showtimeId: true },
    });
    await page.getByRole('button', { name: 'Seats' }).click();
    await page.getByLabel('Show').selectOption(show.showtimeId);
    await page.getByRole('button', { name: /^5, row E,/ }).click();
    await page.getByLabel('Reason for blocking').fill('Broken armrest');
    await page.getByRole('button', { name: 'Block selected seats' }).click();
    await page.getByRole('button', { name: /^5, row E,.*(blocked|not available)/i }).waitFor();
    await snap(page, 'manager-6-seats');
    const e5 = await system.ctx.prisma.seat.findFirstOrThrow({
      where: { label: 'E5', screen: { showtimes: { some: { id: show.showtimeId } } } },
    });
    await expect(
      createCustomerClient(system.server.url).holds.create.mutate({ showtimeId: show.showtimeId, seatIds: [e5.id] }),
    ).rejects.toThrow('not available');

    // The queues are an admin's: the manager signs out and an admin signs in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    const admin = DEMO_LOGINS.find((l) => l.role === 'ADMIN')!;
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Queues' }).click();
    await page.getByRole('row', { name: /receipts/ }).waitFor();
    await snap(page, 'manager-7-queues');
    await page.close();
  });
});
