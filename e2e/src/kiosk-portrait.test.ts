// The kiosk as it stands in a lobby: a 1080×1920 portrait touch screen. From the attract screen to
// the UPI QR takes five taps for one seat and six for two (a poster goes straight to its film's
// shows), and every action after the attract screen sits in the bottom half of the screen, within
// reach of a child or a customer in a wheelchair.
import { formatClock } from '@marquee/shared';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, snap } from './browser';
import { showLaterToday, startSystem, type TSystem } from './system';

const SCREEN = { width: 1080, height: 1920 };

let system: TSystem;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  system = await startSystem();
  browser = await launchChromium();
}, 480_000);
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await system?.close();
});

/** A kiosk of its own (it keeps the booking in progress in its storage), with a touch screen. */
async function kioskPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: SCREEN, hasTouch: true });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('kiosk page error:', err));
  await page.goto(`${system.server.url}/kiosk?agent=${encodeURIComponent(system.agentUrl)}`);
  return page;
}

/** Taps like a finger, counting the taps and where on the screen each landed. */
function fingers() {
  const taps: { what: string; y: number }[] = [];
  return {
    taps,
    async tap(what: string, target: Locator) {
      const box = (await target.boundingBox())!;
      taps.push({ what, y: box.y + box.height / 2 });
      await target.tap();
    },
  };
}

describe.skipIf(!hasChromium)('the portrait kiosk', () => {
  it('sells one seat from the attract screen to the UPI QR in 5 taps, every action in the bottom half', async () => {
    const { showtime } = await showLaterToday(system);
    const page = await kioskPage();
    const finger = fingers();
    await page.getByRole('button', { name: 'Touch to start' }).waitFor();
    await snap(page, 'kiosk-portrait-1-attract');

    await finger.tap('poster', page.getByRole('button', { name: /^Starfall Express\b.*, see the shows$/ }));
    const show = page.getByRole('button', {
      name: new RegExp(`^${formatClock(showtime.startsAt.toISOString(), 'Asia/Kolkata')} Screen: Audi 2`),
    });
    await show.waitFor();
    await snap(page, 'kiosk-portrait-2-shows');
    const back = page.getByRole('navigation', { name: 'Screen navigation' }).getByRole('button', { name: /Back/ });
    expect((await back.boundingBox())!.y).toBeGreaterThan(SCREEN.height * 0.85);

    await finger.tap('show', show);
    await page.getByRole('group', { name: 'Pick your seats' }).waitFor();
    await finger.tap('seat', page.getByRole('button', { name: /^6, row C,/ }));
    await snap(page, 'kiosk-portrait-3-seat-map');
    await finger.tap('continue', page.getByRole('button', { name: 'Continue' }));
    await page.getByRole('timer').waitFor();
    await snap(page, 'kiosk-portrait-4-pay');
    await finger.tap('pay', page.getByRole('button', { name: 'Pay by UPI' }));
    await page.getByRole('img', { name: 'Scan with any UPI app to pay' }).waitFor();

    expect(finger.taps.map((t) => t.what)).toEqual(['poster', 'show', 'seat', 'continue', 'pay']);
    // Continue and Pay by UPI are in the bottom half of the screen.
    for (const tap of finger.taps.filter((t) => t.what === 'continue' || t.what === 'pay'))
      expect(tap.y, tap.what).toBeGreaterThan(SCREEN.height / 2);
    await page.close();
  }, 120_000);

  it('sells two seats in 6 taps, and in Hindi the layout holds', async () => {
    await showLaterToday(system);
    const page = await kioskPage();
    const finger = fingers();
    await page.getByRole('button', { name: /Change language/ }).tap();
    await finger.tap('poster', page.getByRole('button', { name: /^Starfall Express\b.*, शो देखें$/ }));
    // This test's show is the newest card (the first test's show starts at the same minute).
    await finger.tap('show', page.locator('.showtime-card').last());
    await page.locator('.seat-grid').waitFor();
    await finger.tap('seat', page.getByRole('button', { name: /^7, पंक्ति C,/ }));
    await finger.tap('seat', page.getByRole('button', { name: /^8, पंक्ति C,/ }));
    await snap(page, 'kiosk-portrait-3-seat-map-hindi');
    const next = page.locator('.action-bar .button-primary');
    await finger.tap('continue', next);
    await page.getByRole('timer').waitFor();
    await snap(page, 'kiosk-portrait-4-pay-hindi');
    const pay = page.locator('.pay-buttons .button-primary');
    await finger.tap('pay', pay);
    await page.locator('.upi-qr img').waitFor();
    expect(finger.taps).toHaveLength(6);
    for (const tap of finger.taps.filter((t) => t.what === 'continue' || t.what === 'pay'))
      expect(tap.y, tap.what).toBeGreaterThan(SCREEN.height / 2);
    await page.close();
  }, 120_000);
});
