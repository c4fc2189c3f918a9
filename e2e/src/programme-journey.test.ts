// A manager builds the programme and cancels a show: adds a movie, a screen from a drawn layout and a
// week of shows; a customer buys at the kiosk; the manager cancels the show; the kiosk stops offering
// it and the customer's refund and cancellation email arrive.
import { DEMO_LOGINS } from '@marquee/server/seed/seed-demo-cinema';
import { eventually } from '@marquee/server/test/eventually';
import { cinemaDate } from '@marquee/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, snap } from './browser';
import { startSystem, type TSystem } from './system';

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

/**
 * A time on the cinema clock a few minutes from now (HH:MM) and still today there, where the kiosk
 * sells: 20 minutes ahead, or less late in the evening (as showLaterToday does).
 */
function soonOnCinemaClock(): { date: string; time: string } {
  const now = new Date();
  const istMinutes = (now.getUTCHours() * 60 + now.getUTCMinutes() + 330) % 1440;
  const ahead = Math.max(2, Math.min(20, 1440 - istMinutes - 2));
  const at = new Date(now.getTime() + ahead * 60_000);
  const ist = new Date(at.getTime() + 330 * 60_000);
  return { date: cinemaDate(at, 'Asia/Kolkata'), time: ist.toISOString().slice(11, 16) };
}

describe.skipIf(!hasChromium)('programme journey', () => {
  it('adds a movie, a screen and a week of shows, sells one at the kiosk, cancels it with a refund, and the kiosk stops offering it', async () => {
    const manager = DEMO_LOGINS.find((l) => l.role === 'MANAGER')!;
    const desk = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    desk.on('pageerror', (err) => console.error('manager page error:', err));
    await desk.goto(`${system.server.url}/manager`);
    await desk.getByLabel('Email').fill(manager.email);
    await desk.getByLabel('Password').fill(manager.password);
    await desk.getByRole('button', { name: 'Sign in' }).click();

    await desk.getByRole('button', { name: 'Movies' }).click();
    const movieForm = desk.getByRole('form', { name: 'Add a movie' });
    await movieForm.getByLabel('Title').fill('Chai at Dawn');
    await movieForm.getByLabel('Language').fill('Marathi');
    await movieForm.getByLabel('Certificate').selectOption('U');
    await movieForm.getByLabel('Runtime (minutes)').fill('112');
    await movieForm.getByRole('button', { name: 'Add movie' }).click();
    await desk.getByRole('rowheader', { name: /^Chai at Dawn/ }).waitFor();

    await desk.getByRole('button', { name: 'Screens' }).click();
    await desk.getByLabel('Name').fill('Audi 3');
    await desk.getByRole('textbox', { name: /^Layout/ }).fill('A: SSSSSSS\nB: SSSS.C');
    await desk
      .getByRole('alert', { name: 'Layout problems' })
      .getByText('a companion seat must sit next to a wheelchair space')
      .waitFor();
    await desk.getByRole('textbox', { name: /^Layout/ }).fill('A: WC.SSSS.SSSS\nB: SSSSSS.SSSSSS\nC: RRR..RRR');
    await desk
      .getByRole('group', { name: 'Pick your seats' })
      .getByRole('button', { name: /^6, row C,/ })
      .waitFor();
    await snap(desk, 'manager-8-layout-editor');
    await desk.getByRole('button', { name: 'Create screen' }).click();
    await desk.getByText('Saved: 28 seats added, 0 changed, 0 removed.').waitFor();

    const soon = soonOnCinemaClock();
    await desk.getByRole('button', { name: 'Shows' }).click();
    const schedule = desk.getByRole('form', { name: 'Schedule shows' });
    await schedule.getByLabel('Movie').selectOption({ label: 'Chai at Dawn (Marathi, 112 min)' });
    await schedule.getByLabel('Screen').selectOption({ label: 'Audi 3' });
    await schedule.getByLabel('First day').fill(soon.date);
    await schedule.getByLabel('Days').fill('7');
    await schedule.getByLabel('Times (cinema clock)').fill(soon.time);
    await schedule.getByRole('button', { name: 'Schedule 7 shows' }).click();
    await schedule.getByText('Scheduled 7 shows.').waitFor();
    // The same again clashes with itself on every day, and nothing is added.
    await schedule.getByRole('button', { name: 'Schedule 7 shows' }).click();
    await schedule.getByText('7 shows clash with another on Audi 3').waitFor();
    expect(await system.ctx.prisma.showtime.count({ where: { screen: { name: 'Audi 3' } } })).toBe(7);

    // Before anyone buys, the manager changes today's recliner price: one GST cannot carry is
    // refused, then a new one is saved, and the kiosk sells at it.
    const today = desk.getByRole('row', { name: /^Show Chai at Dawn/ });
    await today.getByRole('button', { name: 'Change prices…' }).click();
    const reprice = today.getByRole('form', { name: 'Prices of Chai at Dawn' });
    await reprice.getByLabel('recliner (₹, GST incl.)').fill('110');
    await reprice.getByRole('button', { name: 'Save prices' }).click();
    await reprice.getByRole('alert').getByText('The recliner price:').waitFor();
    await reprice.getByLabel('recliner (₹, GST incl.)').fill('650');
    await reprice.getByRole('button', { name: 'Save prices' }).click();
    await today.getByText('recliner ₹650.00').waitFor();
    await snap(desk, 'manager-9-show-prices');

    // A walk-up customer buys two recliners for it at the kiosk.
    const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1600 } });
    kiosk.on('pageerror', (err) => console.error('kiosk page error:', err));
    await kiosk.goto(`${system.server.url}/kiosk?agent=${encodeURIComponent(system.agentUrl)}`);
    await kiosk.getByRole('button', { name: 'Touch to start' }).click();
    await kiosk.getByRole('button', { name: /^Chai at Dawn\b/ }).click();
    await kiosk.getByRole('button', { name: new RegExp(`Screen: Audi 3`) }).click();
    await kiosk.getByRole('button', { name: /^1, row C,/ }).click();
    await kiosk.getByRole('button', { name: /^2, row C,/ }).click();
    await kiosk.getByRole('button', { name: /^3, row C,/ }).click();
    await kiosk.getByRole('button', { name: 'Continue' }).click();
    await kiosk.getByLabel('Email for your receipt (optional)').fill('chai.fan@example.com');
    await kiosk.getByRole('button', { name: 'Pay by UPI' }).click();
    await kiosk.getByRole('img', { name: 'Scan with any UPI app to pay' }).waitFor();
    const booking = await system.ctx.prisma.booking.findFirstOrThrow({
      where: { showtime: { screen: { name: 'Audi 3' } }, status: 'PENDING' },
    });
    expect(
      (await system.ctx.prisma.bookingSeat.findMany({ where: { bookingId: booking.id } })).map((s) => s.pricePaise),
    ).toEqual([65_000, 65_000, 65_000]);
    await fetch(`${system.sandbox.url}/_sandbox/qr_codes/${booking.razorpayQrId}/pay`, { method: 'POST' });
    await kiosk.getByText('Take your tickets below.').waitFor({ timeout: 20_000 });
    await kiosk.getByRole('button', { name: 'Done' }).click();
    await kiosk.getByRole('button', { name: 'Touch to start' }).click();
    await kiosk.getByRole('button', { name: /^Chai at Dawn\b/ }).waitFor();

    // The projector breaks: the manager cancels the show.
    // The reload stays on the Shows section (its address is /manager/shows).
    await desk.reload();
    await desk.waitForURL('**/manager/shows');
    await desk.getByRole('button', { name: 'Shows', exact: true }).click();
    const row = desk.getByRole('row', { name: /^Show Chai at Dawn/ });
    // Sold: its prices stay as they were sold.
    await row.getByText('Prices fixed: seats held or sold.').waitFor();
    expect(await row.getByRole('button', { name: 'Change prices…' }).count()).toBe(0);
    await row.getByRole('button', { name: 'Cancel show…' }).click();
    await row.getByLabel('Why is it cancelled?').fill('Projector broke down');
    await row.getByRole('button', { name: 'Cancel the show and refund everyone' }).click();
    await row
      .getByRole('status', { name: 'Refund progress' })
      .getByText('Refunds 1 of 1 · emails 1 of 1')
      .waitFor({ timeout: 20_000 });
    await snap(desk, 'manager-9-show-cancelled');

    // The kiosk, still on the movie list, drops it at once (no other Chai at Dawn show today).
    await kiosk.getByRole('button', { name: /^Chai at Dawn\b/ }).waitFor({ state: 'detached', timeout: 5_000 });
    await snap(kiosk, 'kiosk-6-after-cancel');
    const refunded = await system.ctx.prisma.booking.findUniqueOrThrow({
      where: { id: booking.id },
      include: { refunds: true },
    });
    expect(refunded.status).toBe('REFUNDED');
    expect(refunded.refunds).toEqual([
      expect.objectContaining({ amountPaise: refunded.amountPaise, requestedBy: 'SYSTEM' }),
    ]);
    const mail = await eventually(
      () => system.smtp.messages.filter((m) => m.subject?.startsWith('Cancelled: Chai at Dawn')),
      (m) => m.length === 1,
    );
    expect(mail[0]!.text).toContain(`Your booking ${booking.code} is refunded in full`);
    await kiosk.close();
    await desk.close();
  }, 90_000);

  it('shows the GST each price carries as it is typed, refuses one GST cannot carry, and fixes a template saved before', async () => {
    const manager = DEMO_LOGINS.find((l) => l.role === 'MANAGER')!;
    const cinema = await system.ctx.prisma.cinema.findFirstOrThrow();
    await system.ctx.prisma.priceTemplate.create({
      data: { cinemaId: cinema.id, name: 'Old matinee', prices: { STANDARD: 110_00, PREMIUM: 150_00 } },
    });
    for (const viewport of [
      { width: 1440, height: 1100 },
      { width: 360, height: 800 },
    ]) {
      const desk = await browser.newPage({ viewport });
      desk.on('pageerror', (err) => console.error('manager page error:', err));
      await desk.goto(`${system.server.url}/manager`);
      await desk.getByLabel('Email').fill(manager.email);
      await desk.getByLabel('Password').fill(manager.password);
      await desk.getByRole('button', { name: 'Sign in' }).click();
      await desk.getByRole('button', { name: 'Prices' }).click();
      const notice = desk.getByRole('status', { name: 'Prices GST cannot carry' });
      await notice.getByText('One saved price cannot be charged under GST.').waitFor();
      await notice.getByText(/Template "Old matinee", standard: ₹110.00 fits no GST slab/).waitFor();

      const form = desk.getByRole('form', { name: 'New price template' });
      await form.getByLabel('Template name').fill('Matinee');
      await form.getByRole('textbox', { name: /^standard/ }).fill('99');
      await form.getByText('₹94.29 + 5 % GST ₹4.71').waitFor();
      await form.getByRole('textbox', { name: /^premium/ }).fill('112');
      await form.getByText('Fits no GST slab: use ₹105.00 or ₹118.01').waitFor();
      await snap(desk, viewport.width > 1000 ? 'manager-10-prices' : 'manager-10-prices-phone');
      if (viewport.width < 1000) {
        await desk.close();
        break;
      }
      await form.getByRole('button', { name: 'Save template' }).click();
      await form
        .getByRole('alert')
        .getByText('The premium price: ₹112.00 fits no GST slab', { exact: false })
        .waitFor();
      expect(await system.ctx.prisma.priceTemplate.count({ where: { name: 'Matinee' } })).toBe(0);
      await form.getByRole('textbox', { name: /^premium/ }).fill('118.01');
      await form.getByText('₹100.01 + 18 % GST ₹18.00').waitFor();
      await form.getByRole('button', { name: 'Save template' }).click();
      await desk.getByText(/^Matinee:/).waitFor();

      // The template saved before: edited to the nearest price that can be charged, and the notice goes.
      await desk.getByRole('button', { name: 'Edit Old matinee' }).click();
      const edit = desk.getByRole('form', { name: 'Edit template Old matinee' });
      await expect.poll(() => edit.getByRole('textbox', { name: /^standard/ }).inputValue()).toBe('110');
      await edit.getByRole('textbox', { name: /^standard/ }).fill('105');
      await edit.getByRole('button', { name: 'Save template' }).click();
      await notice.waitFor({ state: 'detached' });
      expect(
        (await system.ctx.prisma.priceTemplate.findFirstOrThrow({ where: { name: 'Old matinee' } })).prices,
      ).toEqual({ STANDARD: 105_00, PREMIUM: 150_00 });
      await desk.close();
      await system.ctx.prisma.priceTemplate.update({
        where: { cinemaId_name: { cinemaId: cinema.id, name: 'Old matinee' } },
        data: { prices: { STANDARD: 110_00, PREMIUM: 150_00 } },
      });
    }
  }, 90_000);
});
