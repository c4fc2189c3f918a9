// Journeys 2 and 5: an online customer picks seats, pays through Checkout (one failed attempt, then
// a successful one within the hold), gets the e-ticket and its PDF; later finds the booking again.
import { formatClock, formatRupees } from '@marquee/shared';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, snap } from './browser';
import { showLaterToday, startSystem, type TSystem } from './system';

let system: TSystem;

/** Decodes the QR image of that name on the page, as a door camera would (jsQR on its pixels). */
async function readQr(page: Page, name: string): Promise<string | undefined> {
  const pixels = await page.getByRole('img', { name }).evaluate((img: HTMLImageElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    return { data: Array.from(data), width, height };
  });
  return jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)?.data;
}
let browser: Browser;

beforeAll(async () => {
  system = await startSystem();
  browser = await launchChromium();
}, 480_000);
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

describe.skipIf(!hasChromium)('web journey', () => {
  it('sells seats through Checkout after a failed attempt, shows the e-ticket and its PDF, and finds the booking again', async () => {
    const { showtime } = await showLaterToday(system);
    const context = await browser.newContext({ viewport: { width: 412, height: 915 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('web page error:', err));
    await page.goto(`${system.server.url}/`);

    await page.getByRole('button', { name: /^Starfall Express\b/ }).click();
    await page
      .getByRole('button', {
        name: new RegExp(`^${formatClock(showtime.startsAt.toISOString(), 'Asia/Kolkata')} Screen: Audi 2`),
      })
      .click();
    // The cinema's seat rule, explained before it could be refused: D2 alone strands D1.
    await page.getByRole('button', { name: /^2, row D,/ }).click();
    await page.getByText("Please don't leave D1 empty on its own").waitFor();
    expect(await page.getByRole('button', { name: 'Continue' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: /^2, row D,/ }).click();
    await page.getByRole('button', { name: /^3, row D,/ }).click();
    await page.getByRole('button', { name: /^4, row D,/ }).click();
    await snap(page, 'web-1-seat-map');
    await page.getByRole('button', { name: 'Continue' }).click();

    // Online, the email is required: paying without it is refused on the page, nothing is ordered.
    await page.getByRole('button', { name: 'Pay by card or other methods' }).click();
    await page.getByText('Please enter an email address like name@example.com.').waitFor();
    const booking = await system.ctx.prisma.booking.findFirstOrThrow({
      where: { showtimeId: showtime.id, status: 'PENDING' },
    });
    expect(booking.razorpayOrderId).toBeNull();

    await page.getByLabel('Email for your tickets').fill('online@example.com');
    await page.getByRole('button', { name: 'Pay by card or other methods' }).click();
    const checkout = page.frameLocator('iframe[title="Razorpay sandbox checkout"]');
    await checkout.getByRole('button', { name: 'Fail the payment' }).click();
    await page.getByText('The payment did not go through. You can try again.').waitFor();
    await snap(page, 'web-2-payment-failed');
    expect((await system.ctx.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe('PENDING');

    await checkout.getByRole('button', { name: `Pay ${formatRupees(booking.amountPaise)}` }).click();
    await page.getByRole('heading', { name: 'Your e-ticket' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('img', { name: /^QR D[34]$/ }).count()).toBe(2);
    // The e-ticket's QR codes carry the same signed tokens as the printed tickets and the PDF.
    const tokens = await system.ctx.prisma.ticket.findMany({
      where: { bookingId: booking.id },
      orderBy: { seatLabel: 'asc' },
    });
    for (const ticket of tokens) expect(await readQr(page, `QR ${ticket.seatLabel}`)).toBe(ticket.token);

    // The e-ticket is the tax invoice: folded under the QR codes, it opens to the stored invoice.
    const invoice = await system.ctx.prisma.taxDocument.findFirstOrThrow({
      where: { bookingId: booking.id, kind: 'INVOICE' },
    });
    const taxInvoice = page.locator('details.tax-invoice');
    expect(await taxInvoice.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
    await taxInvoice.getByText('Tax invoice').click();
    for (const part of [
      invoice.number,
      invoice.sellerLegalName,
      `GSTIN${invoice.sellerGstin}`,
      'Place of supplyKarnataka (29)',
      'Admission, seat D3',
      'Admission, seat D4',
      'Booking fee',
      `Total${formatRupees(invoice.totalPaise)}`,
    ])
      expect(await taxInvoice.textContent()).toContain(part);
    expect(invoice.totalPaise).toBe(booking.amountPaise);
    await page.setViewportSize({ width: 1280, height: 900 });
    await taxInvoice.scrollIntoViewIfNeeded();
    await snap(page, 'web-3-e-ticket');
    await page.setViewportSize({ width: 360, height: 800 });
    await taxInvoice.scrollIntoViewIfNeeded();
    // Nothing on the phone is wider than the screen: the invoice's lines wrap.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await snap(page, 'web-3-e-ticket-invoice-phone');
    await page.getByRole('button', { name: 'हिन्दी: भाषा बदलें / Change language' }).click();
    await taxInvoice.getByText('कर बीजक').waitFor();
    expect(await taxInvoice.textContent()).toContain('आपूर्ति का स्थानKarnataka (29)');
    await taxInvoice.scrollIntoViewIfNeeded();
    await snap(page, 'web-3-e-ticket-invoice-hindi-phone');
    await page.getByRole('button', { name: /Change language/ }).click();
    await page.getByRole('heading', { name: 'Your e-ticket' }).waitFor();
    await page.setViewportSize({ width: 412, height: 915 });
    expect((await system.ctx.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe('CONFIRMED');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download tickets (PDF)' }).click(),
    ]);
    const pdf = await download.createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toBe(`marquee-${booking.code}.pdf`);
    await context.close();

    // Another phone: no session, only the code and the email.
    const other = await browser.newPage({ viewport: { width: 412, height: 915 } });
    await other.goto(`${system.server.url}/`);
    await other.getByRole('button', { name: 'Find my booking' }).click();
    await other.getByLabel('Booking code').fill(booking.code.toLowerCase());
    await other.getByLabel('Email').fill('someone-else@example.com');
    await other.getByRole('button', { name: 'Find', exact: true }).click();
    await other.getByText('No booking matches that code and email.').waitFor();
    await other.getByLabel('Email').fill('Online@Example.com');
    await other.getByRole('button', { name: 'Find', exact: true }).click();
    await other.getByRole('heading', { name: 'Your e-ticket' }).waitFor();
    expect(await other.getByRole('img', { name: /^QR D[34]$/ }).count()).toBe(2);
    await snap(other, 'web-4-found-booking');
    // A found booking's e-ticket is the same tax invoice.
    await other.locator('details.tax-invoice summary').getByText(invoice.number).waitFor();
    // The PDF is the session's; a found booking shows its QR codes.
    expect(await other.getByRole('link', { name: 'Download tickets (PDF)' }).count()).toBe(0);
    await other.close();
  }, 90_000);
});
