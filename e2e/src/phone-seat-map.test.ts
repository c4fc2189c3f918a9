// The seat map on a small phone, used with a finger: every seat of the demo halls can be reached and
// picked, each seat is at least 44 px on screen when it is tapped, the row letters stay in sight while
// panning, and the booking fee shows as seats are picked. Taps are real touch events at the seat's
// position on screen; panning is a touch scroll gesture; zooming is a tap on a seat, the + button or a
// pinch. The kiosk's map keeps its big seats. axe audits both.
import AxeBuilder from '@axe-core/playwright';
import { formatClock, formatRupees } from '@marquee/shared';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, snap } from './browser';
import { startSystem, type TSystem } from './system';

const TOUCH_TARGET = 44;
const PRICES = { STANDARD: 20_000, PREMIUM: 30_000, RECLINER: 50_000, WHEELCHAIR: 20_000, COMPANION: 20_000 };

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

let shows = 0;
/** A show later today on the cinema's clock in that hall of the demo cinema (each at its own minute). */
async function showIn(screenName: string) {
  const { prisma } = system.ctx;
  const screen = await prisma.screen.findFirstOrThrow({ where: { name: screenName } });
  const movie = await prisma.movie.findFirstOrThrow({ where: { title: 'Starfall Express' } });
  const now = new Date();
  const istMinutes = (now.getUTCHours() * 60 + now.getUTCMinutes() + 330) % 1440;
  const startsInMinutes = Math.max(2, Math.min(45, 1440 - istMinutes - 3)) + shows++;
  const startsAt = new Date(now.getTime() + startsInMinutes * 60_000);
  startsAt.setUTCSeconds(0, 0);
  const showtime = await prisma.showtime.create({
    data: {
      movieId: movie.id,
      screenId: screen.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + movie.runtimeMinutes * 60_000),
      prices: {
        create: Object.entries(PRICES).map(([seatType, pricePaise]) => ({ seatType: seatType as never, pricePaise })),
      },
    },
  });
  const seats = await prisma.seat.findMany({ where: { screenId: screen.id } });
  // The longest row (the one farthest from the screen among equals), and the wheelchair spaces.
  const byRow = new Map<string, typeof seats>();
  for (const s of seats) byRow.set(s.row, [...(byRow.get(s.row) ?? []), s]);
  const longest = [...byRow.values()].sort((a, b) => b.length - a.length || b[0]!.y - a[0]!.y)[0]!;
  longest.sort((a, b) => a.x - b.x);
  return {
    showtime,
    seats,
    first: longest[0]!,
    last: longest.at(-1)!,
    wheelchair: seats.filter((s) => s.type === 'WHEELCHAIR').sort((a, b) => a.y - b.y || a.x - b.x)[0]!,
  };
}

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (err) => console.error('phone page error:', err));
  await page.goto(`${system.server.url}/`);
  return { context, page };
}

async function openShow(page: Page, startsAt: Date, screenName: string) {
  await tap(page, page.getByRole('button', { name: /^Starfall Express\b/ }));
  await tap(
    page,
    page.getByRole('button', {
      name: new RegExp(`^${formatClock(startsAt.toISOString(), 'Asia/Kolkata')} Screen: ${screenName}`),
    }),
  );
  await page.getByRole('group', { name: /Pick your seats|अपनी सीटें चुनें/ }).waitFor();
}

/** The element's box on screen, in CSS pixels of the window. */
async function box(locator: Locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
}

/** A finger's tap at the middle of a control outside the seat map, scrolled into view first. */
async function tap(page: Page, locator: Locator) {
  await locator.scrollIntoViewIfNeeded();
  const b = await box(locator);
  await page.touchscreen.tap(b.x + b.width / 2, b.y + b.height / 2);
}

/** A one-finger drag starting at `from`, moving the content by (dx, dy) px (the finger moves the other way). */
async function swipe(page: Page, from: { x: number; y: number }, dx: number, dy: number) {
  const cdp = await page.context().newCDPSession(page);
  const steps = 12;
  const at = (i: number) => [
    { x: Math.round(from.x - (dx * i) / steps), y: Math.round(from.y - (dy * i) / steps), id: 1 },
  ];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let i = 1; i <= steps; i++)
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(i) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
  await settled(page);
}

/** Waits until the page stops moving (a fling after a drag, a smooth scroll): no scroll for 5 frames. */
async function settled(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const viewport = document.querySelector('.seat-map-viewport');
        const where = () => `${window.scrollX},${window.scrollY},${viewport?.scrollLeft},${viewport?.scrollTop}`;
        let last = where();
        let still = 0;
        const frame = () => {
          const now = where();
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= 5) resolve();
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
  );
}

/** Two fingers spreading apart around the middle of the element. */
async function pinchOut(page: Page, locator: Locator) {
  const b = await box(locator);
  const cx = Math.round(b.x + b.width / 2);
  const cy = Math.round(b.y + Math.min(b.height, 200) / 2);
  const cdp = await page.context().newCDPSession(page);
  const points = (d: number) => [
    { x: cx - d, y: cy, id: 1 },
    { x: cx + d, y: cy, id: 2 },
  ];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(20) });
  for (let d = 30; d <= 120; d += 10)
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(d) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

function seatButton(page: Page, seat: { row: string; number: number }) {
  return page.locator('.seat-grid').getByRole('button', {
    name: new RegExp(`^${seat.number}, (row|पंक्ति) ${seat.row},`),
  });
}

/** Whether the element itself is what a finger at that point touches (not the page, not a row letter). */
function isHitAt(locator: Locator, x: number, y: number) {
  return locator.evaluate((el, [px, py]) => document.elementFromPoint(px!, py!) === el, [x, y]);
}

/**
 * Picks a seat as a customer would: pans to it with touch scrolls if it is off screen, taps it (which
 * zooms in when the seat is too small for a finger), then taps it again where it now is. Returns the
 * seat's size on screen when it was picked.
 */
async function pickByTouch(page: Page, seat: { row: string; number: number }): Promise<number> {
  const button = seatButton(page, seat);
  const viewport = page.locator('.seat-map-viewport');
  const view = page.viewportSize()!;
  const labelRight = async () =>
    (await box(page.locator('.row-label').first())).x + (await box(page.locator('.row-label').first())).width;
  for (let attempt = 0; attempt < 8; attempt++) {
    const b = await box(button);
    const v = await box(viewport);
    const left = Math.max(v.x, await labelRight());
    const right = Math.min(v.x + v.width, view.width);
    const dx = b.x < left ? b.x - left - 40 : b.x + b.width > right ? b.x + b.width - right + 40 : 0;
    // The action bar (total, Continue) stays at the bottom of the screen, over the page.
    const bottom = Math.min(view.height, (await box(page.locator('.action-bar'))).y);
    const dy = b.y < 60 ? b.y - bottom / 2 : b.y + b.height > bottom ? b.y + b.height - bottom / 2 : 0;
    if (dx || dy) {
      // Pan on the map sideways; scroll the page up and down.
      const at = { x: v.x + v.width / 2, y: Math.min(Math.max(v.y + 40, 100), view.height - 100) };

      await swipe(page, at, dx, dy);
      continue;
    }
    const x = b.x + b.width / 2;
    const y = b.y + b.height / 2;
    expect(await isHitAt(button, x, y)).toBe(true);
    if (b.width < TOUCH_TARGET) {
      // Too small for a finger: the first tap zooms in on that part of the hall.
      await page.touchscreen.tap(x, y);
      await expect.poll(async () => (await box(button)).width).toBeGreaterThanOrEqual(TOUCH_TARGET);
      await settled(page);
      expect(await button.getAttribute('aria-pressed')).toBe('false');
      continue;
    }
    expect(b.height).toBeGreaterThanOrEqual(TOUCH_TARGET);
    await page.touchscreen.tap(x, y);
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    return b.width;
  }
  throw new Error(`could not reach seat ${seat.row}${seat.number} by touch`);
}

/** The row letter is on screen at the left edge of the map and nothing covers it. */
async function expectRowLetterVisible(page: Page, row: string) {
  const label = page.locator('.row-label', { hasText: new RegExp(`^${row}$`) });
  const b = await box(label);
  const v = await box(page.locator('.seat-map-viewport'));
  expect(b.x).toBeGreaterThanOrEqual(v.x - 0.5);
  expect(b.x + b.width).toBeLessThanOrEqual(v.x + 40);
  expect(await isHitAt(label, b.x + b.width / 2, b.y + b.height / 2)).toBe(true);
}

async function expectNoSeriousAxeViolations(page: Page) {
  // Every rule, the experimental ones too: label-content-name-mismatch (what a seat shows against
  // its name) is one of them.
  const results = await new AxeBuilder({ page })
    .include('.seat-map')
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  expect(results.passes.map((r) => r.id)).toContain('label-content-name-mismatch');
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}

describe.skipIf(!hasChromium)('seat map on a 360 px phone', () => {
  it('starts fitted with every seat on screen; taps zoom in and pick the ends of the longest row and the wheelchair space of Audi 1', async () => {
    const audi1 = await showIn('Audi 1');
    // A broken seat on this show: the key explains it.
    await system.ctx.prisma.seatBlock.create({
      data: { showtimeId: audi1.showtime.id, seatId: audi1.seats.find((s) => s.label === 'E8')!.id, reason: 'Broken' },
    });
    const { context, page } = await phone();
    await openShow(page, audi1.showtime.startsAt, 'Audi 1');

    // Fitted: every seat lies inside the map's width, the map inside the screen.
    const v = await box(page.locator('.seat-map-viewport'));
    expect(v.x).toBeGreaterThanOrEqual(0);
    expect(v.x + v.width).toBeLessThanOrEqual(360);
    const scroll = await page
      .locator('.seat-map-viewport')
      .evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.clientWidth);
    const boxes = await page
      .locator('.seat-grid .seat')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
    expect(boxes).toHaveLength(audi1.seats.length);
    for (const b of boxes) {
      expect(b.left).toBeGreaterThanOrEqual(v.x);
      expect(b.right).toBeLessThanOrEqual(v.x + v.width);
    }
    await expectRowLetterVisible(page, 'A');
    // The key: each seat type with this show's price, and the blocked seat.
    const key = page.getByRole('list', { name: 'Seat key' });
    for (const entry of [
      `Standard ${formatRupees(PRICES.STANDARD)}`,
      `Premium ${formatRupees(PRICES.PREMIUM)}`,
      `Recliner ${formatRupees(PRICES.RECLINER)}`,
      `Wheelchair space ${formatRupees(PRICES.WHEELCHAIR)}`,
      `Companion seat ${formatRupees(PRICES.COMPANION)}`,
      'Blocked',
    ])
      await key.getByText(entry).waitFor();
    await snap(page, 'phone-seat-map-1-fitted');
    await expectNoSeriousAxeViolations(page);

    const sizes: number[] = [];
    sizes.push(await pickByTouch(page, audi1.first));
    await expectRowLetterVisible(page, audi1.first.row);
    await snap(page, 'phone-seat-map-2-zoomed');
    sizes.push(await pickByTouch(page, audi1.last));
    // Panned to the far right: the row letters are still stuck at the left.
    await expectRowLetterVisible(page, audi1.last.row);
    sizes.push(await pickByTouch(page, audi1.wheelchair));
    await expectRowLetterVisible(page, audi1.wheelchair.row);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(TOUCH_TARGET);
    await expectNoSeriousAxeViolations(page);

    // The booking fee shows with the seat total, and is what the server then charges.
    const seatsPaise = [audi1.first, audi1.last, audi1.wheelchair].reduce((sum, s) => sum + PRICES[s.type], 0);
    const fee = 3 * (await system.ctx.prisma.cinema.findFirstOrThrow()).webFeePaise;
    expect(fee).toBeGreaterThan(0);
    const line = `${formatRupees(seatsPaise)} + booking fee ${formatRupees(fee)} = ${formatRupees(seatsPaise + fee)}`;
    await page.getByText(line).waitFor();
    await tap(page, page.getByRole('button', { name: 'Continue' }));
    await page.getByRole('timer').waitFor();
    const booking = await system.ctx.prisma.booking.findFirstOrThrow({ where: { showtimeId: audi1.showtime.id } });
    expect({ amount: booking.amountPaise, fee: booking.feePaise }).toEqual({ amount: seatsPaise + fee, fee });
    await context.close();
  }, 120_000);

  it('in Hindi, zooms with + and a pinch, pans, and picks the ends of the longest row and the wheelchair space of Audi 2', async () => {
    const audi2 = await showIn('Audi 2');
    const { context, page } = await phone();
    await openShow(page, audi2.showtime.startsAt, 'Audi 2');
    await tap(page, page.getByRole('button', { name: /Change language/ }));
    await page.getByRole('group', { name: 'अपनी सीटें चुनें' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectRowLetterVisible(page, 'A');
    await snap(page, 'phone-seat-map-3-fitted-hindi');

    const seatSize = () => box(seatButton(page, audi2.first)).then((b) => b.width);
    const fitted = await seatSize();
    expect(fitted).toBeLessThan(TOUCH_TARGET);
    await tap(page, page.getByRole('button', { name: 'बड़ा करें' }));
    await expect.poll(seatSize).toBeGreaterThanOrEqual(TOUCH_TARGET);
    await tap(page, page.getByRole('button', { name: 'छोटा करें' }));
    await tap(page, page.getByRole('button', { name: 'छोटा करें' }));
    await tap(page, page.getByRole('button', { name: 'छोटा करें' }));
    await expect.poll(seatSize).toBe(fitted);
    await pinchOut(page, page.locator('.seat-map-viewport'));
    await expect.poll(seatSize).toBeGreaterThan(fitted * 1.5);

    const sizes = [
      await pickByTouch(page, audi2.last),
      await pickByTouch(page, audi2.first),
      await pickByTouch(page, audi2.wheelchair),
    ];
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(TOUCH_TARGET);
    await expectRowLetterVisible(page, audi2.wheelchair.row);
    await page.getByText(/\+ बुकिंग शुल्क ₹[\d.,]+ = ₹/).waitFor();
    await snap(page, 'phone-seat-map-4-zoomed-hindi');
    await expectNoSeriousAxeViolations(page);
    await context.close();
  }, 120_000);

  it('on a 320 px phone, both halls start with every seat inside the screen and no sideways scroll', async () => {
    const context = await browser.newContext({
      viewport: { width: 320, height: 640 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    for (const hall of ['Audi 1', 'Audi 2']) {
      const show = await showIn(hall);
      await page.goto(`${system.server.url}/`);
      await openShow(page, show.showtime.startsAt, hall);
      const fitted = await page.locator('.seat-map-viewport').evaluate((el) => {
        const view = el.getBoundingClientRect();
        const seats = Array.from(el.querySelectorAll<HTMLElement>('.seat'), (s) => s.getBoundingClientRect());
        return {
          seats: seats.length,
          inside: seats.every((s) => s.left >= view.left && s.right <= view.right),
          inWindow: view.left >= 0 && view.right <= window.innerWidth,
          pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
        };
      });
      expect(fitted).toEqual({ seats: show.seats.length, inside: true, inWindow: true, pageScrolls: false });
      await expectRowLetterVisible(page, 'A');
    }
    await context.close();
  }, 120_000);

  it('on the kiosk keeps big seats with nothing to pan, and passes axe', async () => {
    const audi1 = await showIn('Audi 1');
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${system.server.url}/kiosk?agent=${encodeURIComponent(system.agentUrl)}`);
    await page.getByRole('button', { name: 'Touch to start' }).click();
    await page.getByRole('button', { name: /^Starfall Express\b/ }).click();
    await page
      .getByRole('button', {
        name: new RegExp(`^${formatClock(audi1.showtime.startsAt.toISOString(), 'Asia/Kolkata')} Screen: Audi 1`),
      })
      .click();
    await page.getByRole('group', { name: 'Pick your seats' }).waitFor();
    expect((await box(seatButton(page, audi1.first))).width).toBe(48);
    expect(await page.getByRole('button', { name: 'Zoom in' }).count()).toBe(0);
    const scroll = await page
      .locator('.seat-map-viewport')
      .evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.clientWidth);
    await seatButton(page, audi1.first).click();
    await seatButton(page, { row: audi1.first.row, number: audi1.first.number + 1 }).click();
    await snap(page, 'phone-seat-map-5-kiosk');
    await expectNoSeriousAxeViolations(page);
    await context.close();
  }, 120_000);
});
