// Journey 1 (issues 6 and 10): a walk-up customer at the kiosk UI in a real browser buys a seat,
// pays the UPI QR, gets a printed ticket and a receipt email, and the kiosk resets.
import { formatClock, verifyTicketToken } from '@marquee/shared';
import { ticketQrCodes, ticketText } from '@marquee/kiosk/printer/escpos-decoder';
import { ticketPublicKeys } from '@marquee/server/tickets/ticket-keys';
import { eventually } from '@marquee/server/test/eventually';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, snap } from './browser';
import { showLaterToday, startSystem, type TSystem } from './system';

let system: TSystem;
let browser: Browser;

beforeAll(async () => {
  system = await startSystem();
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

async function kioskPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1080, height: 1600 } });
  page.on('pageerror', (err) => console.error('kiosk page error:', err));
  await page.goto(`${system.server.url}/kiosk?agent=${encodeURIComponent(system.agentUrl)}`);
  return page;
}

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

    await page.getByRole('button', { name: /^Starfall Express,/ }).click();
    await snap(page, 'kiosk-2-showtimes');
    await page.getByRole('button', { name: new RegExp(`^${formatClock(showtime.startsAt.toISOString(), 'Asia/Kolkata')} Screen: Audi 2`) }).click();

    await page.getByRole('group', { name: 'Pick your seats' }).waitFor();
    await page.getByRole('button', { name: /^Seat C5,/ }).click();
    await page.getByRole('button', { name: /^Seat C6,/ }).click();
    await snap(page, 'kiosk-3-seat-map');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('timer').waitFor();
    await page.getByLabel('Email for your receipt (optional)').fill('walkup@example.com');
    await page.getByRole('button', { name: 'Pay by UPI' }).click();
    await page.getByRole('img', { name: 'Scan with any UPI app to pay' }).waitFor();
    await snap(page, 'kiosk-4-upi-qr');

    // The customer scans and pays on their phone: the sandbox's bank pays the QR, its webhook confirms.
    const booking = await system.ctx.prisma.booking.findFirstOrThrow({ where: { showtimeId: showtime.id, status: 'PENDING' } });
    expect(booking.razorpayQrId).toBeTruthy();
    const paid = await fetch(`${system.sandbox.url}/_sandbox/qr_codes/${booking.razorpayQrId}/pay`, { method: 'POST' });
    expect(paid.ok).toBe(true);

    await page.getByText('Take your tickets below.').waitFor({ timeout: 20_000 });
    await snap(page, 'kiosk-5-printed');

    // Two tickets on the printer, each with the booking's signed token for its seat.
    await eventually(() => system.printer.tickets.length, (n) => n >= 2);
    const tickets = await system.ctx.prisma.ticket.findMany({ where: { bookingId: booking.id }, orderBy: { seatLabel: 'asc' } });
    const printed = system.printer.tickets.map((t) => t.ticket);
    const movie = await system.ctx.prisma.movie.findUniqueOrThrow({ where: { id: showtime.movieId } });
    expect(printed.map((t) => ticketQrCodes(t)[0]).sort()).toEqual(tickets.map((t) => t.token).sort());
    expect(printed.flatMap((t) => ticketText(t))).toEqual(expect.arrayContaining([`Starfall Express (${movie.certificate})`, 'Seat C5', 'Seat C6', `Booking ${booking.code}`]) as string[]);
    const keys = new Map([[system.ctx.env.TICKET_KEY_ID, ticketPublicKeys(system.ctx.env).get(system.ctx.env.TICKET_KEY_ID)!]]);
    for (const t of printed) expect(verifyTicketToken(ticketQrCodes(t)[0]!, keys).ok).toBe(true);

    const mail = await eventually(() => system.smtp.messages.filter((m) => m.subject?.includes(booking.code)), (m) => m.length > 0, 20_000);
    expect(mail[0]!.to).toMatchObject({ text: 'walkup@example.com' });

    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Touch to start' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('marquee.booking'))).toBeNull();
    await page.close();
  }, 90_000);
});
