// The kiosk sale by UPI QR: a walk-up customer at the kiosk UI in a real browser buys a seat,
// pays the UPI QR, gets a printed ticket and a receipt email, and the kiosk resets.
import { bookingGst, formatClock, formatRupees, formatShowTime, verifyTicketToken } from '@marquee/shared';
import { ticketQrCodes, ticketText } from '@marquee/kiosk/printer/escpos-decoder';
import { DEMO_LOGINS } from '@marquee/server/seed/seed-demo-cinema';
import { ticketPublicKeys } from '@marquee/server/tickets/ticket-keys';
import { eventually } from '@marquee/server/test/eventually';
import { createCustomerClient } from '@marquee/server/test/customer-client';
import { holdAndPay } from '@marquee/server/test/pay';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auditScreen } from './axe';
import { hasChromium, launchChromium, snap } from './browser';
import { qrCameraFile } from './fake-camera';
import { showLaterToday, startSystem, type TSystem } from './system';

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

async function kioskPage(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
  page.on('pageerror', (err) => console.error('kiosk page error:', err));
  await page.goto(`${system.server.url}/kiosk?agent=${encodeURIComponent(system.agentUrl)}`);
  return page;
}

/** The printed tickets' QR payloads, for the door test below. */
let printedTickets: { token: string; seat: string }[] = [];

describe.skipIf(!hasChromium)('kiosk journey', () => {
  it('sells a seat by UPI QR, prints its ticket, mails the receipt and resets to the attract screen', async () => {
    const { showtime } = await showLaterToday(system);
    const page = await kioskPage();

    await page.getByRole('button', { name: 'Touch to start' }).waitFor();
    await snap(page, 'kiosk-1-attract');
    // Hindi on the attract screen, and back: every screen has the switch.
    await page.getByRole('button', { name: /Change language/ }).click();
    await page.getByRole('button', { name: 'शुरू करने के लिए छुएँ' }).waitFor();
    await snap(page, 'kiosk-1-attract-hindi');
    await page.getByRole('button', { name: /Change language/ }).click();
    await page.getByRole('button', { name: 'Touch to start' }).click();

    await page.getByRole('button', { name: /^Starfall Express\b/ }).click();
    await snap(page, 'kiosk-2-showtimes');
    await page
      .getByRole('button', {
        name: new RegExp(`^${formatClock(showtime.startsAt.toISOString(), 'Asia/Kolkata')} Screen: Audi 2`),
      })
      .click();

    await page.getByRole('group', { name: 'Pick your seats' }).waitFor();
    await page.getByRole('button', { name: /^5, row C,/ }).click();
    await page.getByRole('button', { name: /^6, row C,/ }).click();
    await snap(page, 'kiosk-3-seat-map');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('timer').waitFor();
    await page.getByLabel('Email for your receipt (optional)').fill('walkup@example.com');
    await page.getByRole('button', { name: 'Pay by UPI' }).click();
    await page.getByRole('img', { name: 'Scan with any UPI app to pay' }).waitFor();
    await snap(page, 'kiosk-4-upi-qr');

    // The customer scans and pays on their phone: the sandbox's bank pays the QR, its webhook confirms.
    const booking = await system.ctx.prisma.booking.findFirstOrThrow({
      where: { showtimeId: showtime.id, status: 'PENDING' },
    });
    expect(booking.razorpayQrId).toBeTruthy();
    const paid = await fetch(`${system.sandbox.url}/_sandbox/qr_codes/${booking.razorpayQrId}/pay`, { method: 'POST' });
    expect(paid.ok).toBe(true);

    await page.getByText('Take your tickets below.').waitFor({ timeout: 20_000 });
    await snap(page, 'kiosk-5-printed');
    expect(await auditScreen(page, 'kiosk printed')).toEqual([]);

    // Two tickets on the printer, each with the booking's signed token for its seat.
    await eventually(
      () => system.printer.tickets.length,
      (n) => n >= 2,
    );
    const tickets = await system.ctx.prisma.ticket.findMany({
      where: { bookingId: booking.id },
      orderBy: { seatLabel: 'asc' },
    });
    const printed = system.printer.tickets.map((t) => t.ticket);
    const movie = await system.ctx.prisma.movie.findUniqueOrThrow({ where: { id: showtime.movieId } });
    expect(printed.map((t) => ticketQrCodes(t)[0]).sort()).toEqual(tickets.map((t) => t.token).sort());
    expect(printed.flatMap((t) => ticketText(t))).toEqual(
      expect.arrayContaining([
        `Starfall Express (${movie.certificate})`,
        'Seat C5',
        'Seat C6',
        `Booking ${booking.code}`,
      ]) as string[],
    );
    // Each ticket carries the booking's tax invoice; the last its totals.
    const invoice = await system.ctx.prisma.taxDocument.findFirstOrThrow({
      where: { bookingId: booking.id, kind: 'INVOICE' },
    });
    for (const t of printed)
      expect(ticketText(t)).toEqual(
        expect.arrayContaining([`Tax invoice ${invoice.number}`, `GSTIN: ${invoice.sellerGstin}`]) as string[],
      );
    expect(printed.flatMap((t) => ticketText(t))).toContain(
      `Invoice total ${formatRupees(invoice.totalPaise).replace('₹', 'Rs. ')}`,
    );
    const keys = new Map([
      [system.ctx.env.TICKET_KEY_ID, ticketPublicKeys(system.ctx.env).get(system.ctx.env.TICKET_KEY_ID)!],
    ]);
    for (const t of printed) expect(verifyTicketToken(ticketQrCodes(t)[0]!, keys).ok).toBe(true);
    printedTickets = printed
      .map((t) => ({
        token: ticketQrCodes(t)[0]!,
        seat: ticketText(t)
          .find((line) => line.startsWith('Seat '))!
          .slice(5),
      }))
      .sort((a, b) => a.seat.localeCompare(b.seat));

    const mail = await eventually(
      () => system.smtp.messages.filter((m) => m.subject?.includes(booking.code)),
      (m) => m.length > 0,
      20_000,
    );
    expect(mail[0]!.to).toMatchObject({ text: 'walkup@example.com' });

    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Touch to start' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('marquee.booking'))).toBeNull();
    await page.close();
  }, 90_000);

  // The printed ticket at the door. The door's camera sees the QR printed above (Chromium
  // plays it as its webcam); a second scan is refused; offline, the door judges alone and syncs later.
  it('checks in the printed ticket at /door by camera once, refuses it the second time, and works offline', async () => {
    expect(printedTickets.map((t) => t.seat)).toEqual(['C5', 'C6']);
    const [c5, c6] = printedTickets as [{ token: string; seat: string }, { token: string; seat: string }];
    const camera = qrCameraFile(c5.token, path.join(mkdtempSync(path.join(tmpdir(), 'marquee-camera-')), 'ticket.y4m'));
    const doorBrowser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${camera}`,
    ]);
    try {
      const staff = DEMO_LOGINS.find((l) => l.role === 'STAFF')!;
      const context = await doorBrowser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.on('pageerror', (err) => console.error('door page error:', err));
      await page.goto(`${system.server.url}/door`);
      await page.getByLabel('Email').fill(staff.email);
      await page.getByLabel('Password').fill(staff.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByLabel('Door name').fill('Door 1');
      await page.getByRole('button', { name: 'Start scanning' }).click();

      await page.getByRole('button', { name: 'Scan with camera' }).click();
      const result = page.getByRole('alert', { name: 'Scan result' });
      await result.getByText(`Seat ${c5.seat}`).waitFor({ timeout: 15_000 });
      await result.getByText('1 of 2 in').waitFor();
      await snap(page, 'door-1-admitted');
      await page.getByRole('button', { name: 'Stop camera' }).click();
      const row = await system.ctx.prisma.ticket.findUniqueOrThrow({ where: { token: c5.token } });
      expect(row).toMatchObject({ checkedInDoor: 'Door 1' });

      // The same ticket again (a handheld scanner types it into the code field): refused, saying when and where.
      await page.getByLabel('Ticket code (or a handheld scanner)').fill(c5.token);
      await page.getByRole('button', { name: 'Check' }).click();
      await result.getByText(/^Already used at .* at Door 1/).waitFor();
      await result.getByText('✕ Stop').waitFor();
      await snap(page, 'door-2-already-used');

      // The network goes: the door checks the other ticket itself, queues it, and syncs when back.
      await context.setOffline(true);
      await page.getByLabel('Ticket code (or a handheld scanner)').fill(c6.token);
      await page.getByRole('button', { name: 'Check' }).click();
      await result.getByText('checked offline, will sync', { exact: false }).waitFor();
      await page.getByText('1 scan waiting to sync').waitFor();
      await page.getByLabel('Ticket code (or a handheld scanner)').fill(c6.token);
      await page.getByRole('button', { name: 'Check' }).click();
      await result.getByText(/Already used at .* at this door/).waitFor();
      await snap(page, 'door-3-offline');
      expect((await system.ctx.prisma.ticket.findUniqueOrThrow({ where: { token: c6.token } })).checkedInAt).toBeNull();
      await context.setOffline(false);
      await page.getByText('1 scan waiting to sync').waitFor({ state: 'detached', timeout: 15_000 });
      expect(await system.ctx.prisma.ticket.findUniqueOrThrow({ where: { token: c6.token } })).toMatchObject({
        checkedInDoor: 'Door 1',
      });
      await context.close();

      // A customer whose phone died: door staff on a phone find the booking by its code and the
      // phone's last four digits, and admit its tickets one by one; a scan of one of them after that is refused.
      const { showtime, seatIds } = await showLaterToday(system);
      const customer = createCustomerClient(system.server.url);
      const { bookingId, code } = await holdAndPay(customer, system.sandbox.url, {
        showtimeId: showtime.id,
        seatIds: seatIds.slice(0, 2),
        email: 'dead.battery@example.com',
        phone: '9876512345',
      });
      const booked = await customer.bookings.get.query({ bookingId });
      const phone = await doorBrowser.newContext({ viewport: { width: 360, height: 780 } });
      const phonePage = await phone.newPage();
      phonePage.on('pageerror', (err) => console.error('door page error:', err));
      await phonePage.goto(`${system.server.url}/door`);
      await phonePage.getByLabel('Email').fill(staff.email);
      await phonePage.getByLabel('Password').fill(staff.password);
      await phonePage.getByRole('button', { name: 'Sign in' }).click();
      await phonePage.getByLabel('Door name').fill('Door 1');
      await phonePage.getByRole('button', { name: 'Start scanning' }).click();
      const lookup = phonePage.getByRole('region', { name: 'No QR? Find the booking' });
      await lookup.getByLabel('Booking code').fill(code.toLowerCase());
      await lookup.getByLabel('Phone last 4 digits or email first 3 letters').fill('9999');
      await lookup.getByRole('button', { name: 'Find booking' }).click();
      await lookup.getByRole('alert').getByText('No booking matches that code and contact.').waitFor();
      await lookup.getByLabel('Phone last 4 digits or email first 3 letters').fill('2345');
      await lookup.getByRole('button', { name: 'Find booking' }).click();
      const found = lookup.getByRole('region', { name: `Booking ${code}` });
      const [first, second] = booked.tickets.map((t) => t.seatLabel).sort() as [string, string];
      await found.getByRole('button', { name: `Admit seat ${first}` }).waitFor();
      await found.scrollIntoViewIfNeeded();
      await snap(phonePage, 'door-4-lookup');
      expect(await auditScreen(phonePage, 'door lookup')).toEqual([]);

      await found.getByRole('button', { name: `Admit seat ${first}` }).click();
      await found.getByRole('button', { name: `Seat ${first} admitted` }).waitFor();
      await found.getByText('Admitted now at Door 1').waitFor();
      await phonePage.getByRole('alert', { name: 'Scan result' }).getByText(`Seat ${first}`).waitFor();
      await phonePage
        .getByRole('status', { name: 'Admitted for this show' })
        .getByText('Admitted 1 of 2 sold')
        .waitFor();
      await found.scrollIntoViewIfNeeded();
      await snap(phonePage, 'door-4-lookup-admitted');
      expect(await system.ctx.prisma.ticket.count({ where: { bookingId, checkedInAt: { not: null } } })).toBe(1);
      // The same ticket's QR scanned afterwards is refused; the other seat is still to admit.
      const firstToken = booked.tickets.find((t) => t.seatLabel === first)!.token;
      await phonePage.getByLabel('Ticket code (or a handheld scanner)').fill(firstToken);
      await phonePage.getByRole('button', { name: 'Check' }).click();
      await phonePage
        .getByRole('alert', { name: 'Scan result' })
        .getByText(/^Already used at .* at Door 1/)
        .waitFor();
      await found.getByRole('button', { name: `Admit seat ${second}` }).waitFor();
      await phone.close();
    } finally {
      await doorBrowser.close();
    }
  }, 90_000);

  it('keeps a customer who is paying: no start-over while the UPI QR is up, "Still paying?" only after the longer wait, and a payment that arrives then prints', async () => {
    await showLaterToday(system);
    // Timings shortened for the test: "Still there?" after 5 s and start over 5 s later, but with the
    // QR up "Still paying?" only after 15 s (the kiosk's own defaults: 1 minute + 20 s, 4 minutes + 30 s).
    const timings = 'idleMs=5000&warnMs=5000&payingIdleMs=15000&payingWarnMs=20000';
    const page = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
    page.on('pageerror', (err) => console.error('kiosk page error:', err));
    await page.goto(`${system.server.url}/kiosk?agent=${encodeURIComponent(system.agentUrl)}&${timings}`);
    await page.getByRole('button', { name: 'Touch to start' }).click();
    await page.getByRole('button', { name: /^Starfall Express\b/ }).click();
    await page
      .getByRole('button', { name: /Screen: Audi 2/ })
      .first()
      .click();
    await page.getByRole('button', { name: /^3, row E,/ }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Pay by UPI' }).click();
    const qr = page.getByRole('img', { name: 'Scan with any UPI app to pay' });
    await qr.waitFor();
    const qrShownAt = Date.now();

    // No touch from here on. The ordinary guard would have started over after 10 s; this one asks at 15 s.
    const stillPaying = page.getByRole('alertdialog', { name: 'Still paying?' });
    await stillPaying.waitFor({ timeout: 30_000 });
    expect(Date.now() - qrShownAt).toBeGreaterThanOrEqual(10_000);
    await snap(page, 'kiosk-7-still-paying');
    expect(await qr.isVisible()).toBe(true);
    const booking = await system.ctx.prisma.booking.findFirstOrThrow({
      where: { status: 'PENDING', channel: 'KIOSK' },
      include: { seats: true, showtime: { include: { screen: { include: { cinema: true } } } } },
    });
    expect(booking.razorpayQrId).toBeTruthy();
    // The summary says which show (date, time, screen, cinema) and what is paid, with its GST.
    const summary = page.getByRole('region', { name: 'Your seats' });
    const { showtime } = booking;
    await summary
      .getByText(
        `${formatShowTime(showtime.startsAt.toISOString(), 'Asia/Kolkata')} · Audi 2 · ${showtime.screen.cinema.name}`,
      )
      .waitFor();
    const gst = bookingGst({
      ticketPrices: booking.seats.map((s) => s.pricePaise),
      feePaise: booking.feePaise,
      feeGstRatePercent: showtime.screen.cinema.feeGstRatePercent,
      suppliedAt: new Date(),
    });
    await summary.getByText(`includes GST ${formatRupees(gst.totalGstPaise)}`).waitFor();

    // The payment approved on the phone arrives while the kiosk asks: the tickets print.
    const paid = await fetch(`${system.sandbox.url}/_sandbox/qr_codes/${booking.razorpayQrId}/pay`, { method: 'POST' });
    expect(paid.ok).toBe(true);
    await page.getByText('Take your tickets below.').waitFor({ timeout: 20_000 });
    await stillPaying.waitFor({ state: 'detached' });
    expect((await system.ctx.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe('CONFIRMED');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Touch to start' }).waitFor();
    await page.close();
  }, 90_000);
});
