// Addresses, Back and reload, and seats that are never let go silently: deep links to /find, a seat
// map and a dashboard section survive a reload and the browser's Back; Back from paying returns to
// the seat map with the same booking still holding the same seats; "Cancel booking" asks, and only
// then releases them, on the phone and at the kiosk.
import { DEMO_LOGINS } from '@marquee/server/seed/seed-demo-cinema';
import { futureShowtime } from '@marquee/server/test/fixtures';
import { formatClock, type TSeatMap } from '@marquee/shared';
import type { Browser, Page } from 'playwright-core';
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

const path = (page: Page) => new URL(page.url()).pathname + new URL(page.url()).search;
const seatMap = (page: Page) => page.getByRole('group', { name: 'Pick your seats' });
/** A seat by its label ("C5"): its accessible name begins with its number, then its row. */
const seat = (page: Page, label: string) =>
  page.getByRole('button', { name: new RegExp(`^${label.slice(1)}, (row|पंक्ति) ${label[0]},`) });

/** The booking as the database has it: its status and its seats' labels. */
async function bookingState(id: string) {
  const b = await system.ctx.prisma.booking.findUniqueOrThrow({
    where: { id },
    select: { status: true, seats: { where: { active: true }, select: { seat: { select: { label: true } } } } },
  });
  return { status: b.status, seats: b.seats.map((s) => s.seat.label).sort() };
}

/** Seat states as anyone sees them (the public seat map API). */
async function publicSeatStates(showtimeId: string, labels: string[]) {
  const map = (await (await fetch(`${system.server.url}/catalog/seat-maps/${showtimeId}`)).json()) as TSeatMap;
  return labels.map((label) => map.seats.find((s) => s.label === label)?.state);
}

const bookingIdFromPay = (page: Page) => /^\/bookings\/([0-9a-f-]{36})\/pay$/.exec(new URL(page.url()).pathname)?.[1];

describe.skipIf(!hasChromium)('routing journey', () => {
  it('web: /find and a seat map open from their links, survive a reload, and Back walks back through the shows', async () => {
    const { showtime } = await showLaterToday(system);
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    page.on('pageerror', (err) => console.error('web page error:', err));

    await page.goto(`${system.server.url}/find`);
    await page.getByLabel('Booking code').waitFor();
    await page.reload();
    await page.getByLabel('Booking code').waitFor();
    expect(path(page)).toBe('/find');

    await page.goto(`${system.server.url}/`);
    await page.getByRole('button', { name: /^Starfall Express\b/ }).click();
    await page.waitForURL(/\/movies\/[0-9a-f-]{36}/);
    const showsPath = path(page);
    await page
      .getByRole('button', {
        name: new RegExp(`^${formatClock(showtime.startsAt.toISOString(), 'Asia/Kolkata')} Screen: Audi 2`),
      })
      .click();
    await seatMap(page).waitFor();
    expect(path(page)).toBe(`/shows/${showtime.id}`);
    await page.reload();
    await seatMap(page).waitFor();

    // The browser's Back stays in the site: the film's shows, then the films.
    await page.goBack();
    await page.getByRole('heading', { name: /Pick a show/ }).waitFor();
    expect(path(page)).toBe(showsPath);
    await page.goBack();
    await page.getByRole('button', { name: /^Starfall Express\b/ }).waitFor();
    expect(path(page)).toBe('/');
    await page.goForward();
    await page.getByRole('heading', { name: /Pick a show/ }).waitFor();

    // Another day's tab is an address too (it replaces the entry: days are views of one page).
    await futureShowtime(system.ctx.prisma, { startsInMinutes: 26 * 60 });
    await page.goto(`${system.server.url}/`);
    const otherDay = page.getByRole('tab', { selected: false }).first();
    const dayName = await otherDay.textContent();
    await otherDay.click();
    await page.waitForURL(/\/\?day=\d{4}-\d{2}-\d{2}$/);
    await page.reload();
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe(dayName);

    // A seat map's address opened cold (shared, bookmarked) shows it; its Back goes to that film's
    // shows, even when the list of shows comes after the seat map (a slow phone, a busy server).
    const cold = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await cold.route(/\/trpc\/catalog\.showtimes\b/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await route.continue();
    });
    await cold.goto(`${system.server.url}/shows/${showtime.id}`);
    await seatMap(cold).waitFor();
    await cold.getByRole('button', { name: /Back$/ }).click();
    await cold.getByRole('heading', { name: /Pick a show/ }).waitFor();
    expect(path(cold)).toBe(`/movies/${showtime.movieId}${new URL(cold.url()).search}`);
    await cold.close();
    await page.close();
  }, 90_000);

  it('web: Back from paying keeps the same booking and seats (in-app and browser Back, and a reload); Cancel booking asks, then releases', async () => {
    const { showtime } = await showLaterToday(system);
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('web page error:', err));
    await page.goto(`${system.server.url}/shows/${showtime.id}`);
    await seat(page, 'E5').click();
    await seat(page, 'E6').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('timer').waitFor();
    const bookingId = bookingIdFromPay(page)!;
    expect(bookingId).toBeTruthy();
    expect(await bookingState(bookingId)).toEqual({ status: 'PENDING', seats: ['E5', 'E6'] });

    // A reload on the pay screen comes back to the same booking.
    await page.reload();
    await page.getByRole('timer').waitFor();
    expect(bookingIdFromPay(page)).toBe(bookingId);

    // The screen's Back: the seat map, the held seats selected, the booking untouched.
    await page.getByRole('button', { name: /Back$/ }).click();
    await seatMap(page).waitFor();
    expect(path(page)).toBe(`/shows/${showtime.id}`);
    await expect.poll(() => seat(page, 'E5').getAttribute('aria-pressed')).toBe('true');
    expect(await seat(page, 'E6').getAttribute('aria-pressed')).toBe('true');
    await page.getByText('These seats are still held for you.', { exact: false }).waitFor();
    await page.getByRole('timer').waitFor();
    await snap(page, 'routing-5-web-seats-still-held');
    expect(await bookingState(bookingId)).toEqual({ status: 'PENDING', seats: ['E5', 'E6'] });
    expect(await publicSeatStates(showtime.id, ['E5', 'E6'])).toEqual(['held', 'held']);

    // Continue with the same seats: the same booking, no new hold.
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('timer').waitFor();
    await page.waitForURL(`**/bookings/${bookingId}/pay`);
    // The browser's Back does the same.
    await page.goBack();
    await seatMap(page).waitFor();
    await expect.poll(() => seat(page, 'E5').getAttribute('aria-pressed')).toBe('true');
    expect(await bookingState(bookingId)).toEqual({ status: 'PENDING', seats: ['E5', 'E6'] });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`**/bookings/${bookingId}/pay`);
    expect(await system.ctx.prisma.booking.count({ where: { showtimeId: showtime.id } })).toBe(1);

    // Someone else's browser cannot open this booking by its address.
    const stranger = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await stranger.goto(`${system.server.url}/bookings/${bookingId}`);
    await stranger.getByText('This booking cannot be shown here.', { exact: false }).waitFor();
    await stranger.goto(`${system.server.url}/bookings/${bookingId}/pay`);
    await stranger.getByRole('alert').first().waitFor();
    expect(await stranger.getByRole('button', { name: 'Pay by card or other methods' }).count()).toBe(0);
    await stranger.close();
    expect(await bookingState(bookingId)).toEqual({ status: 'PENDING', seats: ['E5', 'E6'] });

    // Cancel booking asks; Escape keeps the booking.
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Cancel this booking?' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep my seats');
    await snap(page, 'routing-1-web-cancel-booking');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await bookingState(bookingId)).toEqual({ status: 'PENDING', seats: ['E5', 'E6'] });

    // In Hindi, and this time confirmed: the seats go back on sale.
    await page.getByRole('button', { name: /Change language/ }).click();
    await page.getByRole('button', { name: 'बुकिंग रद्द करें' }).click();
    const hindi = page.getByRole('alertdialog', { name: 'क्या यह बुकिंग रद्द करें?' });
    await hindi.waitFor();
    await snap(page, 'routing-2-web-cancel-booking-hindi');
    await hindi.getByRole('button', { name: 'बुकिंग रद्द करें' }).click();
    await page.waitForURL(`${system.server.url}/`);
    await expect.poll(async () => (await bookingState(bookingId)).status).toBe('CANCELLED');
    await expect.poll(() => publicSeatStates(showtime.id, ['E5', 'E6'])).toEqual(['available', 'available']);
    await context.close();
  }, 120_000);

  it('dashboard: a section has its address; after sign-in, a reload and Back stay on it', async () => {
    const manager = DEMO_LOGINS.find((l) => l.role === 'MANAGER')!;
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('pageerror', (err) => console.error('manager page error:', err));
    await page.goto(`${system.server.url}/manager/sales`);
    await page.getByLabel('Email').fill(manager.email);
    await page.getByLabel('Password').fill(manager.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const current = () => page.locator('[aria-current="page"]').textContent();
    await expect.poll(current).toBe('Sales');
    await page.reload();
    await expect.poll(current).toBe('Sales');
    expect(path(page)).toBe('/manager/sales');

    await page.getByRole('button', { name: 'Bookings', exact: true }).click();
    await page.waitForURL('**/manager/bookings');
    await expect.poll(current).toBe('Bookings');
    await page.goBack();
    await expect.poll(current).toBe('Sales');
    expect(path(page)).toBe('/manager/sales');
    // An unknown section shows the first one (Tonight) rather than nothing.
    await page.goto(`${system.server.url}/manager/no-such-section`);
    await expect.poll(current).toBe('Tonight');
    await page.close();
  }, 60_000);

  it('kiosk: Back from paying keeps the seats; Start over and Cancel booking ask, and confirming releases them', async () => {
    const { showtime } = await showLaterToday(system);
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    page.on('pageerror', (err) => console.error('kiosk page error:', err));
    await page.goto(`${system.server.url}/kiosk?agent=${encodeURIComponent(system.agentUrl)}`);
    await page.getByRole('button', { name: 'Touch to start' }).click();
    await page.getByRole('button', { name: /^Starfall Express\b/ }).click();
    // The earlier tests' shows start at the same minute: any of them will do, the booking says which.
    await page
      .getByRole('button', {
        name: new RegExp(`^${formatClock(showtime.startsAt.toISOString(), 'Asia/Kolkata')} Screen: Audi 2`),
      })
      .first()
      .click();
    await seatMap(page).waitFor();
    await seat(page, 'F5').click();
    await seat(page, 'F6').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Pay by UPI' }).waitFor();
    // The kiosk keeps its screens in memory: the address stays /kiosk.
    expect(new URL(page.url()).pathname).toBe('/kiosk');
    // The only hold in this system now (the web test's booking was cancelled).
    const booking = await system.ctx.prisma.booking.findFirstOrThrow({ where: { status: 'PENDING' } });
    expect(await bookingState(booking.id)).toEqual({ status: 'PENDING', seats: ['F5', 'F6'] });

    await page.getByRole('button', { name: /Back$/ }).click();
    await seatMap(page).waitFor();
    await expect.poll(() => seat(page, 'F5').getAttribute('aria-pressed')).toBe('true');
    expect(await seat(page, 'F6').getAttribute('aria-pressed')).toBe('true');
    expect(await bookingState(booking.id)).toEqual({ status: 'PENDING', seats: ['F5', 'F6'] });
    await snap(page, 'routing-6-kiosk-seats-still-held');

    // Start over with seats held asks first; keeping them stays here.
    await page.getByRole('button', { name: 'Start over' }).click();
    await page.getByRole('alertdialog', { name: 'Cancel this booking?' }).waitFor();
    await page.getByRole('button', { name: 'Keep my seats' }).click();
    await seatMap(page).waitFor();
    expect(await bookingState(booking.id)).toEqual({ status: 'PENDING', seats: ['F5', 'F6'] });

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Pay by UPI' }).waitFor();
    // Still the one booking: no second hold was made (the web test's cancelled booking may share the show).
    const live = await system.ctx.prisma.booking.findMany({
      where: { showtimeId: booking.showtimeId, status: { not: 'CANCELLED' } },
      select: { id: true },
    });
    expect(live).toEqual([{ id: booking.id }]);
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    await page.getByRole('alertdialog', { name: 'Cancel this booking?' }).waitFor();
    await snap(page, 'routing-3-kiosk-cancel-booking');
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    expect(await bookingState(booking.id)).toEqual({ status: 'PENDING', seats: ['F5', 'F6'] });

    await page.getByRole('button', { name: /Change language/ }).click();
    await page.getByRole('button', { name: 'बुकिंग रद्द करें' }).click();
    const hindi = page.getByRole('alertdialog', { name: 'क्या यह बुकिंग रद्द करें?' });
    await hindi.waitFor();
    await snap(page, 'routing-4-kiosk-cancel-booking-hindi');
    await hindi.getByRole('button', { name: 'बुकिंग रद्द करें' }).click();
    // Back to the attract screen, in English, for the next customer; the seats are on sale again.
    await page.getByRole('button', { name: 'Touch to start' }).waitFor();
    await expect.poll(async () => (await bookingState(booking.id)).status).toBe('CANCELLED');
    await expect.poll(() => publicSeatStates(booking.showtimeId, ['F5', 'F6'])).toEqual(['available', 'available']);
    await page.close();
  }, 120_000);

  it('kiosk: a UPI payment that arrives after the customer went Back still prints their tickets', async () => {
    const { showtime } = await showLaterToday(system);
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    page.on('pageerror', (err) => console.error('kiosk page error:', err));
    await page.goto(`${system.server.url}/kiosk?agent=${encodeURIComponent(system.agentUrl)}`);
    await page.getByRole('button', { name: 'Touch to start' }).click();
    await page.getByRole('button', { name: /^Starfall Express\b/ }).click();
    await page
      .getByRole('button', {
        name: new RegExp(`^${formatClock(showtime.startsAt.toISOString(), 'Asia/Kolkata')} Screen: Audi 2`),
      })
      .first()
      .click();
    await seat(page, 'G3').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Pay by UPI' }).click();
    await page.getByRole('img', { name: 'Scan with any UPI app to pay' }).waitFor();
    const booking = await system.ctx.prisma.booking.findFirstOrThrow({ where: { status: 'PENDING' } });
    await page.getByRole('button', { name: /Back$/ }).click();
    await seatMap(page).waitFor();

    // The customer's phone approves the QR now: the kiosk moves on to print, from the seat map.
    const paid = await fetch(`${system.sandbox.url}/_sandbox/qr_codes/${booking.razorpayQrId}/pay`, { method: 'POST' });
    expect(paid.ok).toBe(true);
    await page.getByText('Take your tickets below.').waitFor({ timeout: 20_000 });
    expect((await bookingState(booking.id)).status).toBe('CONFIRMED');
    await page.close();
  }, 90_000);
});
