// Two customers race for the same seats in two browsers, and a hold left alone runs out (a
// 12-second hold here), putting its seats back on every screen and its customer back on the seat map.
import { formatClock } from '@marquee/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditScreen } from './axe';
import { hasChromium, launchChromium, snap } from './browser';
import { showLaterToday, startSystem, type TSystem } from './system';

const HOLD_SECONDS = 12;
let system: TSystem;
let browser: Browser;
/** One show later today for both journeys (they use different rows). */
let showtime: Awaited<ReturnType<typeof showLaterToday>>['showtime'];

beforeAll(async () => {
  system = await startSystem({ HOLD_TTL_SECONDS: String(HOLD_SECONDS) });
  browser = await launchChromium();
  ({ showtime } = await showLaterToday(system));
}, 480_000);
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

/** A customer on their own phone (own browser context, own session), on the show's seat map. */
async function customerOnSeatMap(startsAt: Date, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 } });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`${name} page error:`, err));
  await page.goto(`${system.server.url}/`);
  await page.getByRole('button', { name: /^Starfall Express\b/ }).click();
  await page
    .getByRole('button', { name: new RegExp(`^${formatClock(startsAt.toISOString(), 'Asia/Kolkata')} Screen: Audi 2`) })
    .click();
  await page.getByRole('group', { name: 'Pick your seats' }).waitFor();
  return page;
}

const seat = (page: Page, label: string) =>
  page.getByRole('button', { name: new RegExp(`^${label.slice(1)}, row ${label[0]!},`) });

describe.skipIf(!hasChromium)('two customers, one seat', () => {
  it('lets one win; the other sees the seats taken live, picks others and holds them', async () => {
    const asha = await customerOnSeatMap(showtime.startsAt, 'asha');
    const ravi = await customerOnSeatMap(showtime.startsAt, 'ravi');
    for (const page of [asha, ravi]) {
      await seat(page, 'F5').click();
      await seat(page, 'F6').click();
    }
    await asha.getByRole('button', { name: 'Continue' }).click();
    await asha.getByRole('timer').waitFor();

    // Ravi did nothing: his screen shows F5 and F6 taken, and they left his selection.
    await ravi.getByText('Sorry, F5, F6 were just taken. Please pick other seats.').waitFor();
    await expect.poll(() => seat(ravi, 'F5').getAttribute('aria-label')).toMatch(/taken/);
    expect(await seat(ravi, 'F5').isDisabled()).toBe(true);
    await snap(ravi, 'web-5-seat-taken-live');
    // A customer who switches the language to read it is told again in theirs, and keeps the map as it was.
    await ravi.locator('.language-switch').click();
    await ravi.getByText('क्षमा करें, F5, F6 अभी बुक हो गईं। कृपया दूसरी सीटें चुनें।').waitFor();
    await ravi.locator('.language-switch').click();
    await ravi.getByText('Sorry, F5, F6 were just taken. Please pick other seats.').waitFor();
    await seat(ravi, 'F3').click();
    await seat(ravi, 'F4').click();
    await ravi.getByRole('button', { name: 'Continue' }).click();
    await ravi.getByRole('timer').waitFor();

    const holds = await system.ctx.prisma.booking.findMany({
      where: { showtimeId: showtime.id, status: 'PENDING' },
      include: { seats: { include: { seat: true } } },
    });
    expect(
      holds
        .map((b) =>
          b.seats
            .map((s) => s.seat.label)
            .sort()
            .join(','),
        )
        .sort(),
    ).toEqual(['F3,F4', 'F5,F6']);
    await asha.context().close();
    await ravi.context().close();
  }, 60_000);

  it('runs a hold out: the countdown ends, both screens get the seats back, and paying is refused', async () => {
    const leaver = await customerOnSeatMap(showtime.startsAt, 'leaver');
    const watcher = await customerOnSeatMap(showtime.startsAt, 'watcher');
    await seat(leaver, 'G7').click();
    await seat(leaver, 'G8').click();
    await leaver.getByRole('button', { name: 'Continue' }).click();
    await leaver.getByRole('timer').waitFor();
    await expect.poll(() => seat(watcher, 'G7').getAttribute('aria-label')).toMatch(/taken/);
    const booking = await system.ctx.prisma.booking.findFirstOrThrow({
      where: { showtimeId: showtime.id, status: 'PENDING', seats: { some: { seat: { label: 'G7' } } } },
    });

    // The customer walks away. The countdown runs out on their screen; the worker expires the hold.
    await leaver.getByText('Time is up. Your seats were released.').waitFor({ timeout: (HOLD_SECONDS + 5) * 1000 });
    // Back on the same show's seat map, to pick again.
    await leaver.getByRole('group', { name: 'Pick your seats' }).waitFor();
    await expect.poll(() => seat(leaver, 'G7').getAttribute('aria-label'), { timeout: 5_000 }).toMatch(/available/);
    await snap(leaver, 'web-6-time-is-up');
    expect(await auditScreen(leaver, 'web time is up')).toEqual([]);
    await expect.poll(() => seat(watcher, 'G7').getAttribute('aria-label'), { timeout: 5_000 }).toMatch(/available/);
    expect(await seat(watcher, 'G8').isDisabled()).toBe(false);
    const closed = await system.ctx.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(['EXPIRED', 'CANCELLED']).toContain(closed.status);

    // Paying for it afterwards (a stale tab, a slow phone) is refused with the reason.
    const refused = await leaver.evaluate(async (bookingId) => {
      const res = await fetch('/trpc/payments.createOrder', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bookingId, method: 'checkout' }),
      });
      return (await res.json()) as { error?: { message: string } };
    }, booking.id);
    expect(refused.error?.message).toMatch(/released|expired|time ran out|not found/i);
    await leaver.context().close();
    await watcher.context().close();
  }, 60_000);

  it('tells a kiosk customer whose hold ran out, and puts them back on the same seat map, not the attract screen', async () => {
    const kiosk = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
    kiosk.on('pageerror', (err) => console.error('kiosk page error:', err));
    await kiosk.goto(`${system.server.url}/kiosk?agent=${encodeURIComponent(system.agentUrl)}`);
    await kiosk.getByRole('button', { name: 'Touch to start' }).click();
    await kiosk.getByRole('button', { name: /^Starfall Express\b/ }).click();
    await kiosk
      .getByRole('button', {
        name: new RegExp(`^${formatClock(showtime.startsAt.toISOString(), 'Asia/Kolkata')} Screen: Audi 2`),
      })
      .click();
    await seat(kiosk, 'H2').click();
    await kiosk.getByRole('button', { name: 'Continue' }).click();
    await kiosk.getByRole('timer').waitFor();

    await kiosk.getByText('Time is up. Your seats were released.').waitFor({ timeout: (HOLD_SECONDS + 5) * 1000 });
    await kiosk.getByRole('group', { name: 'Pick your seats' }).waitFor();
    await expect.poll(() => seat(kiosk, 'H2').getAttribute('aria-label'), { timeout: 5_000 }).toMatch(/available/);
    expect(await kiosk.getByRole('button', { name: 'Touch to start' }).count()).toBe(0);
    await snap(kiosk, 'kiosk-8-time-is-up');
    expect(await auditScreen(kiosk, 'kiosk time is up')).toEqual([]);
    await kiosk.close();
  }, 60_000);

  it('does not take a payment that comes after the hold ran out, and tells the customer on the seat map', async () => {
    const page = await customerOnSeatMap(showtime.startsAt, 'late payer');
    await page.setViewportSize({ width: 360, height: 800 });
    await seat(page, 'E4').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('timer').waitFor();
    const booking = await system.ctx.prisma.booking.findFirstOrThrow({
      where: { showtimeId: showtime.id, status: 'PENDING', seats: { some: { seat: { label: 'E4' } } } },
    });
    // Checkout opened (the order exists), and the customer is still in their bank's app when the hold runs out.
    const order = await page.evaluate(async (bookingId) => {
      const res = await fetch('/trpc/payments.createOrder', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bookingId, method: 'checkout' }),
      });
      return ((await res.json()) as { result: { data: { orderId: string } } }).result.data;
    }, booking.id);
    await page.getByText('Time is up. Your seats were released.').waitFor({ timeout: (HOLD_SECONDS + 5) * 1000 });
    await expect
      .poll(async () => (await system.ctx.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status)
      .not.toBe('PENDING');

    // The bank authorizes the payment now: Marquee does not capture it; Razorpay releases it.
    const paid = await fetch(`${system.sandbox.url}/_sandbox/orders/${order.orderId}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'authorized' }),
    });
    const { razorpay_payment_id: paymentId } = (await paid.json()) as { razorpay_payment_id: string };
    await expect
      .poll(
        async () =>
          (await system.ctx.prisma.paymentAttempt.findFirst({ where: { razorpayPaymentId: paymentId } }))?.status,
        { timeout: 10_000 },
      )
      .toBe('RELEASED');
    expect(system.sandbox.store.payments.get(paymentId)?.status).toBe('authorized');
    expect(system.sandbox.store.captures.filter((c) => c.paymentId === paymentId)).toEqual([]);

    // The customer opens their pay link again: the seat map tells them the money was not taken.
    await page.goto(`${system.server.url}/bookings/${booking.id}/pay`);
    const notice = page.getByText('Your payment came after your seats were released, so it was not taken.', {
      exact: false,
    });
    await notice.waitFor();
    await page.getByRole('group', { name: 'Pick your seats' }).waitFor();
    expect(await auditScreen(page, 'web payment not taken')).toEqual([]);
    for (const language of ['en', 'hi'] as const) {
      if (language === 'hi') {
        // The notice is a message, not its English text: it follows the language switch.
        await page.evaluate(() => (document.querySelector('.language-switch') as HTMLButtonElement).click());
        await page.getByText('आपका भुगतान आपकी सीटें छूट जाने के बाद आया', { exact: false }).waitFor();
      }
      await page.setViewportSize({ width: 360, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await snap(page, `web-9-payment-not-taken-${language}-phone`);
      await page.setViewportSize({ width: 1080, height: 1920 });
      await snap(page, `web-9-payment-not-taken-${language}-portrait`);
    }
    await page.context().close();
  }, 60_000);
});
