// Collecting at the kiosk the tickets of a booking bought online: the customer types the booking
// code and their email on the kiosk's on-screen keyboard, the virtual printer receives the tickets,
// a second collect is refused on screen, and the booking's timeline shows the collection.
import { formatClock } from '@marquee/shared';
import { ticketQrCodes } from '@marquee/kiosk/printer/escpos-decoder';
import { DEMO_LOGINS } from '@marquee/server/seed/seed-demo-cinema';
import { eventually } from '@marquee/server/test/eventually';
import { createStaffClient } from '@marquee/server/test/staff-client';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, snap } from './browser';
import { auditScreen, type TAuditFinding } from './axe';
import { qrCameraFile } from './fake-camera';
import { paidWebBooking, showLaterToday, startSystem, type TSystem } from './system';

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

async function kioskPage(on: Browser = browser): Promise<Page> {
  // A page in its own context: the accessibility audit (axe) needs one.
  const page = await (await on.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
  page.on('pageerror', (err) => console.error('kiosk page error:', err));
  await page.goto(`${system.server.url}/kiosk?agent=${encodeURIComponent(system.agentUrl)}`);
  return page;
}

/** Presses the on-screen keyboard's keys, one by one, as a customer's finger would. */
async function typeOnKeyboard(page: Page, keys: string[]) {
  const keyboard = page.getByRole('group', { name: /On-screen keyboard|स्क्रीन कीबोर्ड/ });
  for (const key of keys) await keyboard.getByRole('button', { name: key, exact: true }).click();
}

describe.skipIf(!hasChromium)('collecting online tickets at the kiosk', () => {
  // First: it picks its show on screen, before the next test adds another show at the same time.
  it('types the receipt email on the pay screen with the on-screen keyboard', async () => {
    const { showtime } = await showLaterToday(system);
    const page = await kioskPage();
    await page.getByRole('button', { name: 'Touch to start' }).click();
    await page.getByRole('button', { name: /^Starfall Express\b/ }).click();
    await page
      .getByRole('button', {
        name: new RegExp(`^${formatClock(showtime.startsAt.toISOString(), 'Asia/Kolkata')} Screen: Audi 2`),
      })
      .click();
    await page.getByRole('button', { name: /^5, row D,/ }).click();
    await page.getByRole('button', { name: /^6, row D,/ }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    const email = page.getByLabel('Email for your receipt (optional)');
    await email.click();
    await typeOnKeyboard(page, [...'ravi', '@', ...'example', '.com', 'Delete', 'm']);
    expect(await email.inputValue()).toBe('ravi@example.com');
    await snap(page, 'kiosk-9-pay-email-keyboard');
    expect(await auditScreen(page, 'kiosk pay with the keyboard')).toEqual([]);
    await typeOnKeyboard(page, ['Done']);
    await page.getByRole('group', { name: 'On-screen keyboard' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Pay by UPI' }).click();
    await page.getByRole('img', { name: 'Scan with any UPI app to pay' }).waitFor();
    const booking = await system.ctx.prisma.booking.findFirstOrThrow({ where: { showtimeId: showtime.id } });
    expect(booking.customerEmail).toBe('ravi@example.com');
    await page.context().close();
  }, 90_000);

  it('prints a booking bought online from its code and email typed on the on-screen keyboard, once', async () => {
    const booking = await paidWebBooking(system, { seats: 2, email: 'mira.collect@example.com' });
    const printedBefore = system.printer.tickets.length;
    const page = await kioskPage();

    await page.getByRole('button', { name: /^Collect tickets/ }).waitFor();
    await snap(page, 'kiosk-9-collect-attract');
    await page.getByRole('button', { name: /^Collect tickets/ }).click();
    await page.getByRole('heading', { name: 'Collect your tickets' }).waitFor();
    const code = page.getByLabel('Booking code');
    const contact = page.getByLabel('Email or phone number');
    // The code field is ready for the keyboard, which offers only the code's alphabet.
    await typeOnKeyboard(page, [...booking.code]);
    expect(await code.inputValue()).toBe(booking.code);
    await typeOnKeyboard(page, ['Done']);
    await expect.poll(() => contact.evaluate((el) => el === document.activeElement), { timeout: 10_000 }).toBe(true);
    await typeOnKeyboard(page, [...'mira', '.', ...'collect', '@', ...'example', '.com']);
    expect(await contact.inputValue()).toBe('mira.collect@example.com');
    await snap(page, 'kiosk-9-collect');
    const findings: TAuditFinding[] = [...(await auditScreen(page, 'kiosk collect with the keyboard'))];

    // The same screen in Hindi, keyboard and all.
    await page.getByRole('button', { name: /Change language/ }).click();
    await page.getByRole('heading', { name: 'अपने टिकट लें' }).waitFor();
    await page.getByRole('button', { name: 'हो गया' }).waitFor();
    await snap(page, 'kiosk-9-collect-hindi');
    findings.push(...(await auditScreen(page, 'kiosk collect with the keyboard (Hindi)')));
    // axe-core, every rule: no serious or critical violation (e2e/src/axe.ts).
    expect(findings).toEqual([]);
    await page.getByRole('button', { name: /Change language/ }).click();

    await page.getByRole('button', { name: 'Print my tickets' }).click();
    await page.getByText('Your 2 tickets are printed.').waitFor({ timeout: 20_000 });

    const tokens = (await system.ctx.prisma.ticket.findMany({ where: { bookingId: booking.bookingId } })).map(
      (t) => t.token,
    );
    const printed = await eventually(
      () => system.printer.tickets.slice(printedBefore),
      (t) => t.length >= 2,
    );
    expect(printed.map((t) => ticketQrCodes(t.ticket)[0]).sort()).toEqual(tokens.sort());

    // Back to the attract screen; a second collect, here or anywhere, is refused on screen.
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: /^Collect tickets/ }).click();
    await typeOnKeyboard(page, [...booking.code, 'Done']);
    await contact.fill('MIRA.COLLECT@example.com');
    await page.getByRole('button', { name: 'Print my tickets' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(
      new RegExp(
        `^These tickets were already collected at ${system.kiosk.name} at .+\\. Please ask at the box office\\.$`,
      ),
    );
    expect(system.printer.tickets.length).toBe(printedBefore + 2);

    // The dashboard's timeline for the booking shows the collection.
    const login = DEMO_LOGINS.find((l) => l.role === 'MANAGER')!;
    const manager = createStaffClient(system.server.url);
    await manager.manager.login.mutate({ email: login.email, password: login.password });
    const detail = await manager.bookingDesk.detail.query({ bookingId: booking.bookingId });
    expect(detail.timeline.filter((e) => e.kind === 'print').map((e) => e.text)).toEqual([
      `Collected at ${system.kiosk.name}: 2 tickets printed`,
    ]);

    // In the dashboard: the collection in the timeline, and a reprint sent to this kiosk, which
    // prints it and reports back, joins the timeline by itself.
    const dashboard = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    dashboard.on('pageerror', (err) => console.error('manager page error:', err));
    await dashboard.goto(`${system.server.url}/manager`);
    await dashboard.getByLabel('Email').fill(login.email);
    await dashboard.getByLabel('Password').fill(login.password);
    await dashboard.getByRole('button', { name: 'Sign in' }).click();
    await dashboard.getByRole('button', { name: 'Bookings', exact: true }).click();
    await dashboard.getByLabel('Booking code, email, phone or seat').fill(booking.code);
    await dashboard.getByRole('button', { name: 'Search' }).click();
    await dashboard.getByRole('button', { name: new RegExp(`^${booking.code} · confirmed`) }).click();
    const article = dashboard.getByRole('article', { name: `Booking ${booking.code}` });
    await article.getByText(`Collected at ${system.kiosk.name}: 2 tickets printed`).waitFor();
    await article.getByLabel('Reprint at').selectOption({ label: system.kiosk.name });
    await article.getByRole('button', { name: 'Reprint' }).click();
    await article
      .getByText(`Reprint at ${system.kiosk.name} sent by ${login.name}: 2 tickets printed`)
      .waitFor({ timeout: 20_000 });
    await eventually(
      () => system.printer.tickets.length,
      (n) => n === printedBefore + 4,
    );
    await snap(dashboard, 'kiosk-9-collect-timeline');
    await dashboard.close();
    await page.context().close();
  }, 120_000);

  it('prints a booking from the QR of its e-ticket held up to the kiosk camera', async () => {
    const booking = await paidWebBooking(system, { seats: 1, email: 'qr.collect@example.com' });
    const ticket = await system.ctx.prisma.ticket.findFirstOrThrow({ where: { bookingId: booking.bookingId } });
    const camera = qrCameraFile(
      ticket.token,
      path.join(mkdtempSync(path.join(tmpdir(), 'marquee-camera-')), 'eticket.y4m'),
    );
    const cameraBrowser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${camera}`,
    ]);
    try {
      const printedBefore = system.printer.tickets.length;
      const page = await kioskPage(cameraBrowser);
      await page.getByRole('button', { name: /^Collect tickets/ }).click();
      await page.getByRole('button', { name: 'Scan e-ticket QR' }).click();
      await page.getByText('Your ticket is printed.').waitFor({ timeout: 20_000 });
      const printed = await eventually(
        () => system.printer.tickets.slice(printedBefore),
        (t) => t.length >= 1,
      );
      expect(printed.map((t) => ticketQrCodes(t.ticket)[0])).toEqual([ticket.token]);
    } finally {
      await cameraBrowser.close();
    }
  }, 90_000);
});
