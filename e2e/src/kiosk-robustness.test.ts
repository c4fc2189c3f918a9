// The kiosk when things go wrong, in a real browser against the whole system: the printer out of
// paper (in Hindi), the network cut and a request hanging mid-purchase, and Hindi plurals on the
// seat map. Timings are shortened through the query string as the other journeys do.
import { ticketText } from '@marquee/kiosk/printer/escpos-decoder';
import { eventually } from '@marquee/server/test/eventually';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, snap } from './browser';
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

const KIOSK = { width: 1080, height: 1920 };
const PHONE = { width: 360, height: 760 };

async function kioskPage(query = ''): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: KIOSK });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('kiosk page error:', err));
  await page.goto(`${system.server.url}/kiosk?agent=${encodeURIComponent(system.agentUrl)}${query}`);
  return { context, page };
}

/** Pays the pending kiosk booking's UPI QR as the customer's phone would. */
async function payPendingQr(): Promise<string> {
  const booking = await eventually(
    () => system.ctx.prisma.booking.findFirst({ where: { status: 'PENDING', razorpayQrId: { not: null } } }),
    (b) => b !== null,
  );
  const paid = await fetch(`${system.sandbox.url}/_sandbox/qr_codes/${booking!.razorpayQrId}/pay`, { method: 'POST' });
  expect(paid.ok).toBe(true);
  return booking!.id;
}

describe.skipIf(!hasChromium)('kiosk robustness', () => {
  it('with the printer out of paper, says so in Hindi with the code, and leaves by itself after printFailedMs with no Reprint left; Hindi plurals on the seat map', async () => {
    await showLaterToday(system);
    system.printer.paper = 'out';
    const printFailedMs = 20_000;
    const { context, page } = await kioskPage(`&printFailedMs=${printFailedMs}`);
    try {
      await page.getByRole('button', { name: 'Touch to start' }).waitFor();
      await page.getByRole('button', { name: /Change language/ }).click();
      await page.getByRole('button', { name: 'शुरू करने के लिए छुएँ' }).click();
      await page.getByRole('button', { name: /^Starfall Express\b/ }).click();
      await page
        .getByRole('button', { name: /स्क्रीन: Audi 2/ })
        .first()
        .click();

      // The seat map counts in Hindi: "1 सीट", then "2 सीटें" (never "1 सीटें").
      await page.getByRole('button', { name: /^सीट C5,/ }).click();
      const summary = page.locator('.selection-summary');
      await summary.getByText(/^1 सीट: C5 · /).waitFor();
      await page.getByRole('button', { name: /^सीट C6,/ }).click();
      await summary.getByText(/^2 सीटें: C5, C6 · /).waitFor();
      expect(await summary.textContent()).not.toContain('1 सीटें');
      await page.getByRole('button', { name: 'आगे बढ़ें' }).click();
      await page.getByRole('button', { name: 'UPI से भुगतान करें' }).click();
      await page.getByRole('img', { name: 'किसी भी UPI ऐप से स्कैन करके भुगतान करें' }).waitFor();
      const bookingId = await payPendingQr();
      const { code } = await system.ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });

      // The print fails: in Hindi, the printer's reason too, with the code large and a countdown.
      const failed = page.locator('[data-screen="print-failed"]');
      await failed.getByText('हम आपके टिकट नहीं छाप सके।').waitFor({ timeout: 20_000 });
      const shownAt = Date.now();
      await failed.getByText('टिकट प्रिंटर में काग़ज़ ख़त्म हो गया है।').waitFor();
      await failed.getByText('इस कोड से किसी भी कियोस्क या बॉक्स ऑफ़िस पर अपने टिकट लें।').waitFor();
      expect(await failed.locator('.print-failed-code').textContent()).toBe(code);
      expect(await failed.getByText(/out of paper/i).count()).toBe(0);
      await failed
        .getByRole('timer')
        .getByText(/^यह स्क्रीन \d+ सेकंड में बंद हो जाएगी।$/)
        .waitFor();
      await failed.getByRole('button', { name: 'दोबारा छापें' }).waitFor();
      await snap(page, 'kiosk-9-print-failed-hindi');
      await page.setViewportSize(PHONE);
      await snap(page, 'kiosk-9-print-failed-hindi-phone');
      await page.getByRole('button', { name: /Change language/ }).click();
      await failed.getByText('We could not print your tickets.').waitFor();
      await failed.getByText('The ticket printer is out of paper.').waitFor();
      await snap(page, 'kiosk-9-print-failed-phone');
      await page.setViewportSize(KIOSK);
      // Done warns that the code will not be shown again.
      await failed.getByRole('button', { name: 'Done' }).click();
      await failed.getByRole('alertdialog').getByText('it will not be shown again', { exact: false }).waitFor();
      await snap(page, 'kiosk-9-print-failed');
      await failed.getByRole('button', { name: 'Back' }).click();
      expect(system.printer.tickets).toHaveLength(0);

      // Nobody touches it: it leaves by itself, and nothing of the booking can be reached after.
      await page.getByRole('button', { name: 'Touch to start' }).waitFor({ timeout: printFailedMs + 10_000 });
      const leftAfter = Date.now() - shownAt;
      console.log(`print-failed screen left by itself after ${leftAfter} ms (printFailedMs ${printFailedMs})`);
      expect(leftAfter).toBeGreaterThanOrEqual(printFailedMs - 3_000);
      expect(await page.getByRole('button', { name: /Reprint|दोबारा छापें/ }).count()).toBe(0);
      expect(await page.getByText(code).count()).toBe(0);
      expect(await page.evaluate(() => localStorage.getItem('marquee.booking'))).toBeNull();
      // A reload does not bring it back either.
      await page.reload();
      await page.getByRole('button', { name: 'Touch to start' }).waitFor();
      expect(await page.getByText(code).count()).toBe(0);
      expect(await system.ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({
        status: 'CONFIRMED',
      });
    } finally {
      system.printer.paper = 'ok';
      await context.close();
    }
  }, 120_000);

  it('with the network cut mid-purchase, says so within 5 s, recovers by itself when it returns, and the purchase completes', async () => {
    await showLaterToday(system);
    const { context, page } = await kioskPage();
    try {
      await page.getByRole('button', { name: 'Touch to start' }).click();
      await page.getByRole('button', { name: /^Starfall Express\b/ }).click();
      await page
        .getByRole('button', { name: /Screen: Audi 2/ })
        .first()
        .click();
      await page.getByRole('button', { name: /^Seat E3,/ }).click();

      // The network goes (the customer chose Hindi): Continue fails at once, with the connection
      // message and a Try again.
      await page.getByRole('button', { name: /Change language/ }).click();
      await context.setOffline(true);
      const cutAt = Date.now();
      await page.getByRole('button', { name: 'आगे बढ़ें' }).click();
      const lost = page.locator('.connection-lost');
      await lost.getByText('कनेक्शन टूट गया। फिर से जोड़ रहे हैं…').waitFor({ timeout: 5_000 });
      const shownIn = Date.now() - cutAt;
      await page.getByText('मार्की से संपर्क नहीं हो सका। कृपया फिर से कोशिश करें।').waitFor({ timeout: 5_000 });
      await page.getByRole('button', { name: 'फिर से कोशिश करें' }).waitFor();
      await snap(page, 'kiosk-10-connection-lost-hindi');
      await page.setViewportSize(PHONE);
      await snap(page, 'kiosk-10-connection-lost-hindi-phone');
      // In English, trying again while still offline fails the same way.
      await page.getByRole('button', { name: /Change language/ }).click();
      await lost.getByText('We lost the connection. Trying again…').waitFor();
      const retry = page.getByRole('button', { name: 'Try again' });
      await retry.click();
      await page.getByText('We could not reach Marquee. Please try again.').waitFor({ timeout: 5_000 });
      await snap(page, 'kiosk-10-connection-lost-phone');
      await page.setViewportSize(KIOSK);
      await snap(page, 'kiosk-10-connection-lost');

      // Back: the message goes by itself (the probe's backoff is at most 5 s), and Try again holds the seat.
      await context.setOffline(false);
      const backAt = Date.now();
      await lost.waitFor({ state: 'detached', timeout: 10_000 });
      const clearedIn = Date.now() - backAt;
      console.log(`connection lost shown ${shownIn} ms after the cut; cleared ${clearedIn} ms after it returned`);
      await retry.click();
      await page.getByRole('button', { name: 'Pay by UPI' }).click();
      await page.getByRole('img', { name: 'Scan with any UPI app to pay' }).waitFor();
      const bookingId = await payPendingQr();
      await page.getByText('Take your tickets below.').waitFor({ timeout: 20_000 });
      expect(await system.ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({
        status: 'CONFIRMED',
      });
      await eventually(
        () => system.printer.tickets.filter((t) => ticketText(t.ticket).includes('Seat E3')).length,
        (n) => n === 1,
      );
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('button', { name: 'Touch to start' }).waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);

  it('with the API hanging, says so within 5 s, never holds "Holding your seats…" for good, and goes on once it answers', async () => {
    await showLaterToday(system);
    const { context, page } = await kioskPage();
    try {
      await page.getByRole('button', { name: 'Touch to start' }).click();
      await page.getByRole('button', { name: /^Starfall Express\b/ }).click();
      await page
        .getByRole('button', { name: /Screen: Audi 2/ })
        .first()
        .click();
      await page.getByRole('button', { name: /^Seat F3,/ }).click();

      // Every API call hangs (a dead link that drops packets): held, never answered.
      const held: (() => Promise<void>)[] = [];
      await context.route(`${system.server.url}/**`, (route) => {
        held.push(() => route.abort().catch(() => undefined));
      });
      const clickedAt = Date.now();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('button', { name: 'Holding your seats…' }).waitFor();
      await page.locator('.connection-lost').waitFor({ timeout: 5_000 });
      const shownIn = Date.now() - clickedAt;
      // The hold request is given up on (12 s): a message and Try again, not a spinner for good.
      await page.getByRole('button', { name: 'Try again' }).waitFor({ timeout: 15_000 });
      const gaveUpIn = Date.now() - clickedAt;
      console.log(`API hanging: message after ${shownIn} ms, hold given up after ${gaveUpIn} ms`);

      await context.unroute(`${system.server.url}/**`);
      for (const release of held) await release();
      await page.locator('.connection-lost').waitFor({ state: 'detached', timeout: 10_000 });
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('timer').waitFor();
      await page.getByRole('button', { name: 'Back' }).waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);

  it('on the web app too: the connection message in English and Hindi on a phone, gone when the network is back', async () => {
    await showLaterToday(system);
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('web page error:', err));
    try {
      await page.goto(system.server.url);
      await page.getByRole('button', { name: /^Starfall Express\b/ }).click();
      await page
        .getByRole('button', { name: /Screen: Audi 2/ })
        .first()
        .click();
      await page.getByRole('group', { name: 'Pick your seats' }).waitFor();
      await context.setOffline(true);
      const lost = page.locator('.connection-lost');
      await lost.getByText('We lost the connection. Trying again…').waitFor({ timeout: 5_000 });
      await snap(page, 'web-7-connection-lost-phone');
      await page.getByRole('button', { name: /Change language/ }).click();
      await lost.getByText('कनेक्शन टूट गया। फिर से जोड़ रहे हैं…').waitFor();
      await snap(page, 'web-7-connection-lost-hindi-phone');
      await context.setOffline(false);
      await lost.waitFor({ state: 'detached', timeout: 10_000 });
    } finally {
      await context.close();
    }
  }, 60_000);
});
