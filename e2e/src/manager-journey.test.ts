// The manager dashboard: a manager signs in on tonight's board and watches a sale land on it, watches a kiosk go offline when its heartbeats stop,
// refunds a booking, and sees the sales figures change; an admin sets the tax particulars and
// opens the month's GST returns.
import { DEMO_LOGINS } from '@marquee/server/seed/seed-demo-cinema';
import { createCustomerClient } from '@marquee/server/test/customer-client';
import { financialYearOf, formatRupees, indiaDate, returnMonthBounds, taxDocumentNumber } from '@marquee/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditScreen, type TAuditFinding } from './axe';
import { hasChromium, launchChromium, snap } from './browser';
import { holdAndPay } from '@marquee/server/test/pay';
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

/** An audit's findings without the screen's name, so a failure shows the rules broken. */
const findings = (list: TAuditFinding[]) => list.map(({ rule, impact, example }) => ({ rule, impact, example }));

describe.skipIf(!hasChromium)('manager journey', () => {
  it('signs in, sees a kiosk go offline, refunds a booking and sees the sales change', async () => {
    const manager = DEMO_LOGINS.find((l) => l.role === 'MANAGER')!;
    const booking = await paidWebBooking(system, { seats: 2, email: 'refund.me@example.com' });
    const kiosk = createCustomerClient(system.server.url, { kioskToken: system.kiosk.token });
    await kiosk.kiosks.heartbeat.mutate({ appVersion: '0.1.0', screen: 'attract', printer: 'ok', lastError: null });

    // In a context of its own: the accessibility audit (axe) opens a page beside it.
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    page.on('pageerror', (err) => console.error('manager page error:', err));
    // The dashboard asks in the page, never with the browser's own dialogs.
    const nativeDialogs: string[] = [];
    page.on('dialog', (dialog) => {
      nativeDialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${system.server.url}/manager`);

    // A wrong password first: refused, with a message a person can act on.
    await page.getByLabel('Email').fill(manager.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That email and password do not match.').waitFor();
    await snap(page, 'manager-1-sign-in');
    await page.getByLabel('Password').fill(manager.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The dashboard opens on Tonight; the fleet is a section of its own.
    await page.getByRole('heading', { name: /^Tonight/ }).waitFor();
    await page.getByRole('button', { name: 'Kiosks', exact: true }).click();

    const row = page.getByRole('row', { name: `Kiosk ${system.kiosk.name}` });
    await row.getByText('online').waitFor();
    await snap(page, 'manager-2-fleet');

    // The kiosk stops beating: its last heartbeat ages past 45 s (backdated here rather than waited
    // for); the dashboard notices by itself, with nothing sent to it.
    await system.ctx.prisma.kiosk.update({
      where: { id: system.kiosk.id },
      data: { lastHeartbeatAt: new Date(Date.now() - 46_000) },
    });
    await row.getByText('offline').waitFor({ timeout: 10_000 });
    await page.getByRole('alert', { name: 'Kiosk alerts' }).getByText(`${system.kiosk.name}: offline`).waitFor();
    await snap(page, 'manager-3-kiosk-offline');

    await page.getByRole('button', { name: 'Sales' }).click();
    const all = page.getByRole('group', { name: 'All' });
    await expect.poll(() => all.getByLabel('All refunded').textContent()).toBe(formatRupees(0));
    const ticketsBefore = Number(await all.getByLabel('All tickets sold').textContent());
    expect(ticketsBefore).toBeGreaterThanOrEqual(2);

    await page.getByRole('button', { name: 'Bookings', exact: true }).click();
    await page.getByLabel('Booking code, email, phone or seat').fill(booking.code);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: new RegExp(`^${booking.code} · confirmed`) }).click();
    const detail = page.getByRole('article', { name: `Booking ${booking.code}` });
    await detail.getByText('confirmed', { exact: false }).first().waitFor();
    // Support sees the tax invoice the customer's e-ticket shows.
    const invoice = await system.ctx.prisma.taxDocument.findFirstOrThrow({
      where: { bookingId: booking.bookingId, kind: 'INVOICE' },
    });
    const invoiceSection = detail.getByRole('region', { name: `Tax invoice ${invoice.number}` });
    await invoiceSection.getByRole('row', { name: /Total/ }).getByText(formatRupees(invoice.totalPaise)).waitFor();
    await snap(page, 'manager-4-booking');
    await detail.getByLabel('Reason for the refund').fill('Customer could not come');
    // The refund asks first in an in-page alert dialog that takes the focus, on the safe answer;
    // Escape keeps the booking.
    await detail.getByRole('button', { name: 'Refund in full' }).click();
    const ask = page.getByRole('alertdialog', {
      name: `Refund ${formatRupees(booking.amountPaise)} for booking ${booking.code}?`,
    });
    await ask.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Keep the booking');
    await snap(page, 'manager-14-refund-dialog');
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'detached' });
    expect((await system.ctx.prisma.booking.findUniqueOrThrow({ where: { id: booking.bookingId } })).status).toBe(
      'CONFIRMED',
    );
    await detail.getByRole('button', { name: 'Refund in full' }).click();
    await ask.getByRole('button', { name: `Refund ${formatRupees(booking.amountPaise)}` }).click();
    await detail
      .getByText(
        `Refunded ${formatRupees(booking.amountPaise)}: ${formatRupees(booking.amountPaise)} back to the online payment.`,
      )
      .waitFor();
    expect(nativeDialogs).toEqual([]);
    await detail.getByText(/manager: booking\.refund \(Customer could not come\)/i).waitFor();
    // The refund's credit note shows against the invoice.
    const note = await system.ctx.prisma.taxDocument.findFirstOrThrow({
      where: { bookingId: booking.bookingId, kind: 'CREDIT_NOTE' },
    });
    await invoiceSection
      .getByRole('list', { name: 'Credit notes' })
      .getByText(`Credit note ${note.number}`, { exact: false })
      .waitFor();
    expect((await system.ctx.prisma.booking.findUniqueOrThrow({ where: { id: booking.bookingId } })).status).toBe(
      'REFUNDED',
    );

    await page.getByRole('button', { name: 'Sales' }).click();
    await expect.poll(() => all.getByLabel('All refunded').textContent()).toBe(formatRupees(booking.amountPaise));
    expect(Number(await all.getByLabel('All tickets sold').textContent())).toBe(ticketsBefore - 2);
    // More sales: one kept today and one paid at this hour a week ago (its payment time moved back),
    // so both hourly series have figures. One day: hour by hour beside the same weekday a week
    // earlier, and what was paid by each method.
    await paidWebBooking(system, { seats: 3, email: 'stays@example.com' });
    const lastWeek = await paidWebBooking(system, { seats: 4, email: 'last.week@example.com' });
    await system.ctx.prisma.booking.update({
      where: { id: lastWeek.bookingId },
      data: { confirmedAt: new Date(Date.now() - 7 * 86_400_000) },
    });
    await page.reload();
    await expect.poll(() => all.getByLabel('All tickets sold').textContent()).toBe(String(ticketsBefore + 1));
    await page.getByRole('heading', { name: /^Hour by hour,/ }).waitFor();
    await page.getByRole('img', { name: /^Paid per hour in rupees,/ }).waitFor();
    await page.getByRole('img', { name: /^Tickets per hour,/ }).waitFor();
    const paidBy = page.getByRole('group', { name: 'Paid by' });
    await expect.poll(() => paidBy.getByLabel('Card / Checkout payments').textContent()).toMatch(/^\(\d+ payments?\)$/);
    await snap(page, 'manager-5-sales');
    await page.setViewportSize({ width: 360, height: 800 });
    await paidBy.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await snap(page, 'manager-5-sales-phone');
    // The sections on a phone: one row under the cinema's name that scrolls sideways, not a wall of buttons.
    await page.evaluate(() => window.scrollTo(0, 0));
    const nav = page.getByRole('navigation', { name: 'Dashboard sections' });
    const navBox = (await nav.boundingBox())!;
    expect(navBox.height).toBeLessThan(70);
    expect((await page.locator('.manager .screen-header').boundingBox())!.height).toBeLessThan(200);
    expect(await nav.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await expect.poll(() => nav.getByRole('button', { name: 'Sales' }).isVisible()).toBe(true);
    await snap(page, 'manager-13-nav-phone');
    await page.setViewportSize({ width: 1440, height: 1000 });

    // A broken seat on that show: blocked from the seat map, refused to customers at once.
    const show = await system.ctx.prisma.booking.findUniqueOrThrow({
      where: { id: booking.bookingId },
      select: { showtimeId: true },
    });
    await page.getByRole('button', { name: 'Seats' }).click();
    await page.getByLabel('Show').selectOption(show.showtimeId);
    await page.getByRole('button', { name: /^5, row E,/ }).click();
    await page.getByLabel('Reason for blocking').fill('Broken armrest');
    await page.getByRole('button', { name: 'Block selected seats' }).click();
    await page.getByRole('button', { name: /^5, row E,.*(blocked|not available)/i }).waitFor();
    await snap(page, 'manager-6-seats');
    const e5 = await system.ctx.prisma.seat.findFirstOrThrow({
      where: { label: 'E5', screen: { showtimes: { some: { id: show.showtimeId } } } },
    });
    await expect(
      createCustomerClient(system.server.url).holds.create.mutate({ showtimeId: show.showtimeId, seatIds: [e5.id] }),
    ).rejects.toThrow('not available');

    // House seats for a week: E7 and E8 blocked in every show of Audi 2 from today to six days on,
    // in one action; the map says why, the key lists "Blocked"; then released as one.
    const screen = await system.ctx.prisma.showtime.findUniqueOrThrow({
      where: { id: show.showtimeId },
      select: { screenId: true, movieId: true, startsAt: true },
    });
    for (let day = 1; day <= 6; day++) {
      const startsAt = new Date(screen.startsAt.getTime() + day * 86_400_000);
      await system.ctx.prisma.showtime.create({
        data: {
          movieId: screen.movieId,
          screenId: screen.screenId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
          onSale: true,
          prices: { create: [{ seatType: 'STANDARD', pricePaise: 20_000 }] },
        },
      });
    }
    await page.getByRole('button', { name: /^7, row E,/ }).click();
    await page.getByRole('button', { name: /^8, row E,/ }).click();
    await page.getByLabel('Reason for blocking').fill('House seats');
    await page.getByLabel('In every show of this screen over several days').check();
    await page.getByRole('button', { name: 'Block in every show of these days' }).click();
    const rangeDone = page.getByRole('status').filter({ hasText: /^Blocked \d+ seats over \d+ shows\.$/ });
    await rangeDone.waitFor();
    const [, blockedSeats, blockedShows] = /^Blocked (\d+) seats over (\d+) shows/
      .exec((await rangeDone.textContent()) ?? '')!
      .map(Number) as [number, number, number];
    // Every show of Audi 2 in those seven days (the demo's too), two seats each.
    expect(blockedShows).toBeGreaterThanOrEqual(7);
    expect(blockedSeats).toBe(2 * blockedShows);
    const e7 = page.getByRole('button', { name: /^7, row E,.*Blocked: House seats \(\d+ shows, / });
    await e7.waitFor();
    expect(await e7.getAttribute('title')).toMatch(/^Blocked: House seats \(\d+ shows, .* to .*\)$/);
    expect(await page.getByRole('button', { name: /^5, row E,/ }).getAttribute('title')).toBe(
      'Blocked: Broken armrest',
    );
    const legend = page.getByRole('list', { name: 'Seat key' });
    await legend.getByText('Blocked').waitFor();
    await legend.getByText('Selected').waitFor();
    expect(await legend.getByText('Your seat').count()).toBe(0);
    await e7.click();
    const release = page.getByRole('button', { name: `Release “House seats” in all ${blockedShows} shows` });
    await release.waitFor();
    await page.getByText(/^Selected: E7 \(Blocked: House seats \(\d+ shows, /).waitFor();
    await release.scrollIntoViewIfNeeded();
    await snap(page, 'manager-6-seats-range');
    await page.setViewportSize({ width: 360, height: 800 });
    await release.scrollIntoViewIfNeeded();
    await snap(page, 'manager-6-seats-range-phone');
    await page.setViewportSize({ width: 1440, height: 1000 });
    await release.click();
    await page
      .getByRole('status')
      .filter({ hasText: `Released ${blockedSeats} seat blocks in ${blockedShows} shows.` })
      .waitFor();
    expect(await system.ctx.prisma.seatBlock.count({ where: { reason: 'House seats' } })).toBe(0);
    expect(await system.ctx.prisma.seatBlock.count({ where: { reason: 'Broken armrest' } })).toBe(1);

    // The queues are an admin's: the manager signs out and an admin signs in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    const admin = DEMO_LOGINS.find((l) => l.role === 'ADMIN')!;
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Queues' }).click();
    await page.getByRole('row', { name: /receipts/ }).waitFor();
    await snap(page, 'manager-7-queues');

    // The tax particulars: a GSTIN of another state, then a mistyped one, are refused beside the
    // field; the valid particulars are saved, and the section passes the accessibility audit.
    await page.getByRole('button', { name: 'Tax' }).click();
    const gstin = page.getByLabel('GSTIN', { exact: true });
    await gstin.waitFor();
    await page.getByLabel('Legal name (as registered for GST)').fill('Marquee Demo Cinemas LLP');
    await page.getByLabel('Address of the place of business').fill('1 Brigade Road\nBengaluru 560025');
    await page.getByLabel('State (GST state code)').selectOption('29');
    await gstin.fill('27AAPFU0939F1ZV');
    await page.getByText('registered in Maharashtra (27), not in Karnataka (29)').waitFor();
    await page.getByRole('button', { name: 'Save tax particulars' }).click();
    expect(await gstin.getAttribute('aria-invalid')).toBe('true');
    await gstin.fill('29AAACM0000M2ZT');
    await page.getByText('one of the characters is mistyped').waitFor();
    expect(findings(await auditScreen(page, 'dashboard tax, GSTIN refused'))).toEqual([]);
    await snap(page, 'manager-8-tax-refused');
    expect(await system.ctx.prisma.cinema.findFirstOrThrow({ select: { legalName: true } })).not.toEqual({
      legalName: 'Marquee Demo Cinemas LLP',
    });
    // Pasted with spaces, as a registration certificate prints it: not cut short, saved without them.
    await gstin.fill('29 AAACM 0000M2ZS');
    // The invoice prefix shows the number it makes as it is typed; a slash is refused beside it.
    const prefix = page.getByLabel('Invoice number prefix');
    await prefix.fill('b/');
    await page.getByText('Up to 3 capital letters or digits, like MQD, or nothing.').waitFor();
    expect(await prefix.getAttribute('aria-invalid')).toBe('true');
    await prefix.fill('blr');
    const example = taxDocumentNumber({
      prefix: 'BLR',
      kind: 'INVOICE',
      financialYear: financialYearOf(new Date()),
      serial: 1,
    });
    await page.getByText(`Invoice numbers will look like ${example}`).waitFor();
    await page.getByLabel('GST rate of the booking fee').selectOption('5');
    await page.getByRole('button', { name: 'Save tax particulars' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    expect(
      await system.ctx.prisma.cinema.findFirstOrThrow({
        select: {
          legalName: true,
          gstStateCode: true,
          gstin: true,
          admissionSac: true,
          invoicePrefix: true,
          feeGstRatePercent: true,
        },
      }),
    ).toEqual({
      legalName: 'Marquee Demo Cinemas LLP',
      gstStateCode: '29',
      gstin: '29AAACM0000M2ZS',
      admissionSac: '999692',
      invoicePrefix: 'BLR',
      feeGstRatePercent: 5,
    });
    expect(findings(await auditScreen(page, 'dashboard tax'))).toEqual([]);
    await snap(page, 'manager-9-tax');
    await page.setViewportSize({ width: 1080, height: 1920 });
    await snap(page, 'manager-9-tax-portrait');
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await gstin.inputValue()).toBe('29AAACM0000M2ZS');
    await page.getByText('Invoice numbers will look like').scrollIntoViewIfNeeded();
    await snap(page, 'manager-9-tax-phone');

    // The month's GST returns: a booking paid and not refunded beside the one refunded above. The
    // B2C table and the document summary show this month's invoices less its credit notes, and
    // the CSVs download for the signed-in admin.
    const kept = await paidWebBooking(system, { seats: 1, email: 'kept@example.com' });
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.getByRole('button', { name: 'GST returns' }).click();
    const month = indiaDate(new Date()).slice(0, 7);
    expect(await page.getByLabel('Month').inputValue()).toBe(month);
    const { from, to } = returnMonthBounds(month);
    const docs = await system.ctx.prisma.taxDocument.findMany({ where: { issuedAt: { gte: from, lt: to } } });
    expect(docs.filter((d) => d.bookingId === kept.bookingId)).toHaveLength(1);
    const net = docs.reduce((s, d) => s + (d.kind === 'INVOICE' ? 1 : -1) * d.taxablePaise, 0);
    const b2c = page.getByRole('table', { name: /^B2C summary/ });
    await b2c
      .getByRole('row', { name: /^Total/ })
      .getByText(formatRupees(net))
      .first()
      .waitFor();
    await b2c.getByRole('rowheader', { name: '29-Karnataka' }).first().waitFor();
    const documents = page.getByRole('table', { name: /^Document summary/ });
    // One row per invoice series: the prefix the admin set above starts a series of its own.
    await documents
      .getByRole('row', { name: /^Invoices for outward supply/ })
      .first()
      .waitFor();
    await documents
      .getByRole('row', { name: /^Credit notes/ })
      .first()
      .waitFor();
    const csv = await page.request.get(
      `${system.server.url}${await page.getByRole('link', { name: 'B2C summary (CSV)' }).getAttribute('href')}`,
    );
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\n')[0]).toBe('Place of supply,Rate,Taxable value,Central tax,State/UT tax,Cess');
    const register = await page.request.get(`${system.server.url}/manager/gst-register.csv?month=${month}`);
    expect(await register.text()).toContain(`,${kept.code},`);
    expect(findings(await auditScreen(page, 'dashboard GST returns'))).toEqual([]);
    await snap(page, 'manager-11-gst-returns');
    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByRole('heading', { name: 'Net taxable value' }).evaluate((el) => el.scrollIntoView());
    // The page itself never scrolls sideways on a phone: a wide table scrolls inside its box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await snap(page, 'manager-11-gst-returns-phone');

    // A film made tax-free: the admin records Karnataka's waiver of SGST for December on a film in
    // Movies (the state defaults to the cinema's), a period overlapping it is refused naming it, and
    // removing one asks in the page first.
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.getByRole('button', { name: 'Movies' }).click();
    await page.getByRole('button', { name: 'Make Starfall Express tax-free' }).click();
    const waiverForm = page.getByRole('form', { name: 'Make Starfall Express tax-free' });
    expect(await waiverForm.getByLabel('State that waived SGST').inputValue()).toBe('29');
    await waiverForm.getByText('Invoices already issued are never changed.').waitFor();
    await waiverForm.getByLabel('First day').fill('2026-12-01');
    await waiverForm.getByLabel('Last day').fill('2026-11-30');
    await waiverForm.getByText('The last day cannot be before the first day.').waitFor();
    await waiverForm.getByLabel('Last day').fill('2026-12-31');
    await waiverForm.getByRole('button', { name: 'Record tax-free period' }).click();
    const waiverLine = 'Tax-free in Karnataka (SGST waived) 1 Dec 2026 – 31 Dec 2026';
    await page
      .getByRole('row', { name: /Starfall Express/ })
      .getByText(waiverLine)
      .waitFor();
    expect(
      await system.ctx.prisma.filmSgstWaiver.findMany({
        select: { stateCode: true, fromDate: true, toDate: true, movie: { select: { title: true } } },
      }),
    ).toEqual([
      {
        stateCode: '29',
        fromDate: new Date('2026-12-01T00:00:00Z'),
        toDate: new Date('2026-12-31T00:00:00Z'),
        movie: { title: 'Starfall Express' },
      },
    ]);
    await page.getByRole('button', { name: 'Make Starfall Express tax-free' }).click();
    await waiverForm.getByLabel('First day').fill('2026-12-20');
    await waiverForm.getByLabel('Last day').fill('2027-01-10');
    await waiverForm.getByRole('button', { name: 'Record tax-free period' }).click();
    await waiverForm
      .getByRole('alert')
      .getByText(/already tax-free in Karnataka from 2026-12-01 to 2026-12-31/)
      .waitFor();
    await waiverForm.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: `Remove: Starfall Express, ${waiverLine}` }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('Invoices already issued are never changed.', { exact: false }).waitFor();
    await snap(page, 'manager-12-tax-free-remove');
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    expect(await system.ctx.prisma.filmSgstWaiver.count()).toBe(1);
    expect(findings(await auditScreen(page, 'dashboard movies, tax-free film'))).toEqual([]);
    await snap(page, 'manager-12-tax-free-film');
    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByRole('row', { name: /Starfall Express/ }).scrollIntoViewIfNeeded();
    await snap(page, 'manager-12-tax-free-film-phone');
    await page.getByRole('button', { name: 'Make The Monsoon Heist tax-free' }).click();
    await waiverForm.or(page.getByRole('form', { name: 'Make The Monsoon Heist tax-free' })).scrollIntoViewIfNeeded();
    await snap(page, 'manager-12-tax-free-form-phone');
    await page.context().close();
  }, 180_000);

  it('opens on Tonight: the day’s shows with their figures, a sale landing without a reload, and a show’s bookings', async () => {
    const manager = DEMO_LOGINS.find((l) => l.role === 'MANAGER')!;
    const { showtime, seatIds, seats } = await showLaterToday(system);
    const pay = (seats: string[], email: string) =>
      holdAndPay(createCustomerClient(system.server.url), system.sandbox.url, {
        showtimeId: showtime.id,
        seatIds: seats,
        email,
      });
    const first = await pay(seatIds.slice(0, 2), 'tonight.one@example.com');

    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    page.on('pageerror', (err) => console.error('manager page error:', err));
    await page.goto(`${system.server.url}/manager`);
    await page.getByLabel('Email').fill(manager.email);
    await page.getByLabel('Password').fill(manager.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /^Tonight/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Tonight', exact: true }).getAttribute('aria-current')).toBe('page');

    const card = page.locator(`li[data-showtime="${showtime.id}"]`);
    const figure = (name: string) => card.locator(`[data-figure="${name}"]`).textContent();
    await expect.poll(() => figure('sold')).toBe('2');
    expect(await figure('admitted')).toBe('0 / 2');
    expect(await figure('free')).toBe('88 / 90');
    await card.scrollIntoViewIfNeeded();
    await snap(page, 'manager-0-tonight');

    // A sale through the customer API: the board changes by itself, with no reload.
    const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    const second = await pay(seatIds.slice(2, 6), 'tonight.two@example.com');
    await expect.poll(() => figure('sold'), { timeout: 10_000 }).toBe('6');
    expect(await figure('free')).toBe('84 / 90');
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(loads);
    expect(findings(await auditScreen(page, 'dashboard tonight'))).toEqual([]);

    await page.setViewportSize({ width: 360, height: 800 });
    await card.scrollIntoViewIfNeeded();
    await snap(page, 'manager-0-tonight-phone');
    await page.setViewportSize({ width: 1080, height: 1920 });
    await snap(page, 'manager-0-tonight-portrait');
    await page.setViewportSize({ width: 1440, height: 1000 });

    // The show's bookings, from its card: codes, seats, masked contacts, admissions.
    await card.getByRole('button', { name: /^Bookings of/ }).click();
    const table = page.getByRole('table', { name: 'Bookings of the show' });
    const row = table.getByRole('row', { name: `Booking ${first.code}` });
    await row.getByText('t•••e@example.com').waitFor();
    await table.getByRole('row', { name: `Booking ${second.code}` }).waitFor();
    expect(await row.getByRole('cell').nth(5).textContent()).toBe('0 / 2');
    await row.getByRole('button', { name: first.code }).click();
    await page.getByRole('article', { name: `Booking ${first.code}` }).waitFor();
    await snap(page, 'manager-0-tonight-bookings');

    // On the Seats view's map of the show, a sold seat opens the booking holding it.
    await page.getByRole('button', { name: 'Seats', exact: true }).click();
    await page.getByLabel('Show').selectOption(showtime.id);
    const soldSeat = seats[2]!;
    await page.getByRole('button', { name: new RegExp(`^${soldSeat.number}, row ${soldSeat.row},.*taken`) }).click();
    await page.getByRole('article', { name: `Booking ${second.code}` }).waitFor();
    expect(new URL(page.url()).search).toBe(`?show=${showtime.id}&seat=${soldSeat.label}`);
    await page.context().close();
  }, 120_000);
});
