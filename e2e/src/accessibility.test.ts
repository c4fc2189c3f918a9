// axe-core on every screen the customer, the manager and the door reach, in the states that
// matter (empty and with a selection, paying, printed, print failed, time up, found booking):
// no serious or critical violation anywhere. Each test collects its findings and reports them all
// at once, so one run names every screen that fails.
import { DEMO_LOGINS } from '@marquee/server/seed/seed-demo-cinema';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditScreen, type TAuditFinding } from './axe';
import { hasChromium, launchChromium } from './browser';
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

async function pageAt(size: { width: number; height: number }, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: size });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err));
  await page.goto(url);
  return page;
}

const KIOSK = { width: 1080, height: 1920 };
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1440, height: 1000 };

describe.skipIf(!hasChromium)('accessibility audit (axe-core, every rule)', () => {
  it('the kiosk: attract, films, shows, seat map empty and picked, pay, QR, printed, print failed, in both languages', async () => {
    const findings: TAuditFinding[] = [];
    await showLaterToday(system);
    const page = await pageAt(KIOSK, `${system.server.url}/kiosk?agent=${encodeURIComponent(system.agentUrl)}`);
    const audit = async (screen: string) => findings.push(...(await auditScreen(page, screen)));

    await page.getByRole('button', { name: 'Touch to start' }).waitFor();
    await audit('kiosk attract');
    await page.getByRole('button', { name: /Change language/ }).click();
    await page.getByRole('button', { name: 'शुरू करने के लिए छुएँ' }).waitFor();
    await audit('kiosk attract (Hindi)');
    await page.getByRole('button', { name: /Change language/ }).click();
    await page.getByRole('button', { name: 'Touch to start' }).click();
    await page.getByRole('button', { name: /^Starfall Express\b/ }).waitFor();
    await audit('kiosk films');
    await page.getByRole('button', { name: /^Starfall Express\b/ }).click();
    await page.locator('.showtime-card').first().waitFor();
    await audit('kiosk shows');
    await page.locator('.showtime-card').last().click();
    await page.getByRole('group', { name: 'Pick your seats' }).waitFor();
    await audit('kiosk seat map');
    await page.getByRole('button', { name: /^6, row C,/ }).click();
    await audit('kiosk seat map with a seat picked');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('timer').waitFor();
    await audit('kiosk pay');
    await page.getByRole('button', { name: 'Pay by UPI' }).click();
    await page.getByRole('img', { name: 'Scan with any UPI app to pay' }).waitFor();
    await audit('kiosk UPI QR');

    // Paper runs out just as the customer pays: the print fails, and that screen is audited too.
    system.printer.paper = 'out';
    const booking = await system.ctx.prisma.booking.findFirstOrThrow({
      where: { status: 'PENDING', razorpayQrId: { not: null } },
      orderBy: { createdAt: 'desc' },
    });
    await fetch(`${system.sandbox.url}/_sandbox/qr_codes/${booking.razorpayQrId}/pay`, { method: 'POST' });
    await page.locator('[data-screen="print-failed"]').waitFor({ timeout: 20_000 });
    await audit('kiosk print failed');
    system.printer.paper = 'ok';
    await page.context().close();

    expect(findings).toEqual([]);
  }, 120_000);

  it('the web app on a phone: home, shows, seat map, pay, find and the found booking, in both languages', async () => {
    const findings: TAuditFinding[] = [];
    const { showtime } = await showLaterToday(system);
    const paid = await paidWebBooking(system, { seats: 1, email: 'audit@example.com' });
    const page = await pageAt(PHONE, `${system.server.url}/`);
    const audit = async (screen: string) => findings.push(...(await auditScreen(page, screen)));

    await page.getByRole('button', { name: /^Starfall Express\b/ }).waitFor();
    await audit('web home');
    await page.getByRole('button', { name: /Change language/ }).click();
    await page.getByRole('button', { name: /^Starfall Express\b/ }).waitFor();
    await audit('web home (Hindi)');
    await page.getByRole('button', { name: /Change language/ }).click();
    await page.goto(`${system.server.url}/shows/${showtime.id}`);
    await page.locator('.seat-grid').waitFor();
    await audit('web seat map');
    await page.goBack();
    await page.goto(`${system.server.url}/movies/${showtime.movieId}`);
    await page.locator('.showtime-card').first().waitFor();
    await audit('web shows');
    await page.goto(`${system.server.url}/shows/${showtime.id}`);
    const seat = page.getByRole('button', { name: /^12, row G,/ });
    await seat.waitFor();
    // A phone's fitted map zooms in on the first touch of a small seat; a click picks it.
    await seat.click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('timer').waitFor();
    await audit('web pay');

    await page.goto(`${system.server.url}/find`);
    await page.locator('form input').first().fill(paid.code);
    await page.getByLabel('Email').fill('audit@example.com');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByText(paid.code).first().waitFor();
    await audit('web found booking');
    await page.context().close();

    expect(findings).toEqual([]);
  }, 120_000);

  it('the dashboard, every section, and the door', async () => {
    const findings: TAuditFinding[] = [];
    const admin = DEMO_LOGINS.find((l) => l.role === 'ADMIN')!;
    const page = await pageAt(DESK, `${system.server.url}/manager`);
    const audit = async (screen: string) => findings.push(...(await auditScreen(page, screen)));
    await page.getByLabel('Email').waitFor();
    await audit('dashboard sign-in');
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const sections = page.getByRole('navigation', { name: 'Dashboard sections' });
    await sections.waitFor();
    for (const name of [
      'Box office',
      'Kiosks',
      'Sales',
      'Bookings',
      'Cash shifts',
      'Shows',
      'Movies',
      'Screens',
      'Prices',
      'Seats',
      'Tax',
      'GST returns',
      'Queues',
      'Staff',
    ]) {
      await sections.getByRole('button', { name }).click();
      await page.waitForLoadState('networkidle');
      await audit(`dashboard ${name}`);
    }
    await page.context().close();

    const staff = DEMO_LOGINS.find((l) => l.role === 'STAFF')!;
    const door = await pageAt(DESK, `${system.server.url}/door`);
    const auditDoor = async (screen: string) => findings.push(...(await auditScreen(door, screen)));
    await door.getByLabel('Email').fill(staff.email);
    await door.getByLabel('Password').fill(staff.password);
    await door.getByRole('button', { name: 'Sign in' }).click();
    await door.getByLabel('Door name').waitFor();
    await auditDoor('door setup');
    await door.getByLabel('Door name').fill('Door 1');
    await door.getByRole('button', { name: 'Start scanning' }).click();
    await door.getByRole('button', { name: 'Scan with camera' }).waitFor();
    await auditDoor('door scanning');
    await door.context().close();

    expect(findings).toEqual([]);
  }, 120_000);
});
