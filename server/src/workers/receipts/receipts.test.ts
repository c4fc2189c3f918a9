// Receipts end to end: a real SMTP server started here, the real worker, a real PDF parsed back.
import { formatRate, formatRupees, invoiceDateLabel } from '@marquee/shared';
import { PDFParse } from 'pdf-parse';
import type { TSandbox } from '@marquee/razorpay-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpCatcher } from '../../mail/smtp-catcher';
import { createCustomerClient } from '../../test/customer-client';
import { holdAndPay } from '../../test/pay';
import { futureShowtime, seedCinema } from '../../test/fixtures';
import { startPaymentSandbox, TEST_RAZORPAY } from '../../test/payment-sandbox';
import { freePort } from '../../test/redis-server';
import { eventually } from '../../test/eventually';
import { finishedJob } from '../../test/jobs';
import { createTestContext, type TTestContext } from '../../test/test-context';
import { startTestServer, type TTestServer } from '../../test/test-server';
import { startWorkers } from '../start-workers';
import { enqueueReceiptAfterContactChange, receiptJobId } from '../../jobs/receipts/index';
import { resendReceipt } from '../../bookings/resend-receipt';

let sandbox: TSandbox & { url: string };
let ctx: TTestContext;
let server: TTestServer;
let workers: Awaited<ReturnType<typeof startWorkers>>;
let smtp: SmtpCatcher;
let smtpPort: number;

beforeAll(async () => {
  sandbox = await startPaymentSandbox();
  smtpPort = await freePort();
  smtp = new SmtpCatcher();
  await smtp.listen(smtpPort);
  ctx = await createTestContext({
    ...TEST_RAZORPAY,
    RAZORPAY_API_URL: sandbox.url,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  });
  await seedCinema(ctx.prisma);
  server = await startTestServer(ctx);
  sandbox.setWebhookUrl(`${server.url}/webhooks/razorpay`);
  workers = await startWorkers(ctx);
});
afterAll(async () => {
  await workers.close();
  await server.close();
  await sandbox.app.close();
  await smtp.close();
  await ctx.close();
});

/** A customer holds seats, leaves an email, and pays by Checkout. */
async function paidBooking(seats: number, email: string) {
  const { showtime, seatIds } = await futureShowtime(ctx.prisma);
  const customer = createCustomerClient(server.url);
  const { bookingId, code } = await holdAndPay(customer, sandbox.url, {
    showtimeId: showtime.id,
    seatIds: seatIds.slice(0, seats),
    email,
  });
  return { customer, bookingId, code };
}

describe('receipts', () => {
  it('sends exactly one email with a PDF holding the booking code and one QR per seat', async () => {
    const { customer, bookingId, code } = await paidBooking(3, 'Asha@Example.com');
    const mail = await eventually(
      () => smtp.messages.filter((m) => m.subject?.includes(code)),
      (m) => m.length > 0,
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toMatchObject({ text: 'asha@example.com' });
    expect(mail[0]!.text).toContain(`Booking code: ${code}`);
    const pdf = mail[0]!.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.filename).toBe(`marquee-${code}.pdf`);

    const parser = new PDFParse({ data: new Uint8Array(pdf!.content) });
    const text = await parser.getText();
    const images = await parser.getImage();
    await parser.destroy();
    const booking = await customer.bookings.get.query({ bookingId });
    expect(text.pages).toHaveLength(4); // a page per seat, and the tax invoice
    for (const [i, ticket] of booking.tickets.entries()) {
      const page = text.pages[i]!.text.replace(/\s+/g, '');
      expect(page).toContain(`Booking${code}`);
      expect(page).toContain(`Seat${ticket.seatLabel}`);
      expect(page).toContain(ticket.token);
      expect(images.pages[i]!.images).toHaveLength(1); // the QR
    }

    // The last page and the email carry the stored invoice with every particular.
    const invoice = booking.invoice!;
    expect(invoice.lines).toHaveLength(4); // three seats and the booking fee
    const rs = (paise: number) => formatRupees(paise).replace('₹', 'Rs.');
    const squash = (s: string) => s.replace(/\s+/g, '');
    const invoicePage = squash(text.pages[3]!.text);
    const emailText = squash(mail[0]!.text!);
    const particulars = [
      'Tax invoice',
      invoice.sellerLegalName,
      invoice.sellerAddress,
      `GSTIN: ${invoice.sellerGstin}`,
      invoice.number,
      invoiceDateLabel(invoice.issuedAt),
      `${invoice.placeOfSupply!.name} (${invoice.placeOfSupply!.code})`,
    ];
    for (const p of particulars) {
      expect(invoicePage).toContain(squash(p));
      expect(emailText).toContain(squash(p));
    }
    expect(invoice.sellerGstin).toBe('29AAACM0000M1ZT');
    for (const l of invoice.lines) {
      const cells = [l.description, l.sac, formatRate(l.ratePercent)];
      const money = [l.taxablePaise, l.cgstPaise, l.sgstPaise, l.amountPaise];
      expect(invoicePage).toContain(
        squash([...cells.slice(0, 2), rs(l.taxablePaise), cells[2]!, ...money.slice(1).map(rs)].join('')),
      );
      expect(emailText).toContain(
        squash(
          [...cells.slice(0, 2), formatRupees(l.taxablePaise), cells[2]!, ...money.slice(1).map(formatRupees)].join(''),
        ),
      );
    }
    expect(invoice.lines.at(-1)).toMatchObject({ kind: 'FEE', description: 'Booking fee' });
    const totals = invoice.totals;
    expect(totals.totalPaise).toBe(booking.amountPaise);
    expect(totals.taxablePaise + totals.cgstPaise + totals.sgstPaise).toBe(totals.totalPaise);
    for (const [label, paise] of [
      ['Taxable value', totals.taxablePaise],
      ['CGST', totals.cgstPaise],
      ['SGST', totals.sgstPaise],
    ] as const) {
      expect(invoicePage).toContain(squash(`${label}: ${rs(paise)}`));
      expect(emailText).toContain(squash(`${label}: ${formatRupees(paise)}`));
    }
    expect(invoicePage).toContain(squash(`Total paid: ${rs(totals.totalPaise)}`));
    expect(emailText).toContain(squash(`Total: ${formatRupees(totals.totalPaise)}`));
    // The log is marked once the SMTP server has accepted, a moment after the message shows up here.
    const log = await eventually(
      () => ctx.prisma.emailLog.findUniqueOrThrow({ where: { dedupeKey: `receipt:${bookingId}` } }),
      (l) => l.status === 'SENT',
    );
    expect(log).toMatchObject({ status: 'SENT', attempts: 1, kind: 'RECEIPT' });

    // Triggering it again (a webhook retry, reconciliation) sends nothing more.
    await enqueueReceiptAfterContactChange(ctx, { bookingId });
    const again = (await ctx.jobs.receipts.getJobs()).filter((j) => j.id?.startsWith(`${receiptJobId(bookingId)}-`));
    expect(again).toHaveLength(1);
    expect(await finishedJob(ctx.jobs.receipts, again[0]!.id!)).toBe('completed');
    expect(smtp.messages.filter((m) => m.subject?.includes(code))).toHaveLength(1);

    // A manager's resend is its own job and its own log entry: it goes out, once, and is audited.
    const staff = await ctx.prisma.staffUser.findFirstOrThrow({ where: { role: 'ADMIN' } });
    const { jobId } = await resendReceipt(ctx, { bookingId, requestedById: staff.id });
    expect(jobId).toMatch(/^resend-/);
    const both = await eventually(
      () => smtp.messages.filter((m) => m.subject?.includes(code)),
      (m) => m.length === 2,
    );
    expect(both).toHaveLength(2);
    const logs = await eventually(
      () => ctx.prisma.emailLog.findMany({ where: { bookingId }, orderBy: { createdAt: 'asc' } }),
      (l) => l.every((entry) => entry.status === 'SENT'),
    );
    expect(logs.map((l) => [l.dedupeKey.split(':')[0], l.status])).toEqual([
      ['receipt', 'SENT'],
      ['resend', 'SENT'],
    ]);
    expect(
      await ctx.prisma.auditLog.count({
        where: { action: 'receipt.resend', entityId: bookingId, actorUserId: staff.id },
      }),
    ).toBe(1);
  });

  it('retries on BullMQ’s backoff (first after 5 minutes) while SMTP is down, and sends once when it is back', async () => {
    await smtp.close();
    const { bookingId, code } = await paidBooking(1, 'dev@example.com');
    const job = await eventually(
      () => ctx.jobs.receipts.getJob(receiptJobId(bookingId)),
      (j) => (j?.attemptsMade ?? 0) >= 1,
    );
    expect(await job!.getState()).toBe('delayed');
    // The retry is scheduled by BullMQ 5 minutes after the failed attempt (no sleeping here).
    const retryAt = job!.timestamp + job!.delay;
    expect(retryAt - (job!.finishedOn ?? job!.processedOn ?? Date.now())).toBeGreaterThan(4.9 * 60_000);
    expect((await ctx.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe('CONFIRMED');
    const log = await ctx.prisma.emailLog.findUniqueOrThrow({ where: { dedupeKey: `receipt:${bookingId}` } });
    expect(log.status).toBe('QUEUED');
    expect(log.lastError).toBeTruthy();

    smtp = new SmtpCatcher();
    await smtp.listen(smtpPort);
    await job!.promote(); // the 5 minutes, fast-forwarded
    const mail = await eventually(
      () => smtp.messages.filter((m) => m.subject?.includes(code)),
      (m) => m.length > 0,
    );
    expect(mail).toHaveLength(1);
    const sent = await eventually(
      () => ctx.prisma.emailLog.findUniqueOrThrow({ where: { dedupeKey: `receipt:${bookingId}` } }),
      (l) => l.status === 'SENT',
    );
    expect(sent).toMatchObject({ status: 'SENT', attempts: 2, lastError: null });
  });

  it('shows the GST of a ₹99 ticket bought today at 5 % (₹4.71), and the booking fee’s at 18 %, on the email and the PDF', async () => {
    const { showtime, seatIds } = await futureShowtime(ctx.prisma);
    await ctx.prisma.showtimePrice.update({
      where: { showtimeId_seatType: { showtimeId: showtime.id, seatType: 'STANDARD' } },
      data: { pricePaise: 99_00 },
    });
    const standard = await ctx.prisma.seat.findFirstOrThrow({ where: { id: { in: seatIds }, type: 'STANDARD' } });
    const customer = createCustomerClient(server.url);
    const { code, amountPaise } = await holdAndPay(customer, sandbox.url, {
      showtimeId: showtime.id,
      seatIds: [standard.id],
      email: 'gst@example.com',
    });
    expect(amountPaise).toBe(99_00 + 20_00); // the demo cinema's web booking fee is ₹20 a ticket

    const [mail] = await eventually(
      () => smtp.messages.filter((m) => m.subject?.includes(code)),
      (m) => m.length > 0,
    );
    expect(mail!.text).toContain(
      [
        'Description            SAC        Taxable   Rate      CGST      SGST     Amount',
        'Admission, seat ' + standard.label.padEnd(6) + ' 999692      ₹94.29    5 %     ₹2.36     ₹2.35     ₹99.00',
        'Booking fee            998599      ₹16.95   18 %     ₹1.53     ₹1.52     ₹20.00',
        '',
        'Taxable value: ₹111.24',
        'CGST: ₹3.89',
        'SGST: ₹3.87',
        'Total: ₹119.00',
      ].join('\n'),
    );
    const pdf = mail!.attachments.find((a) => a.contentType === 'application/pdf')!;
    const parser = new PDFParse({ data: new Uint8Array(pdf.content) });
    const text = await parser.getText();
    await parser.destroy();
    expect(text.pages[0]!.text.replace(/\s+/g, '')).toContain(`Booking${code}-Rs.99.00(incl.GST5%:Rs.4.71)`);
    expect(text.pages[1]!.text.replace(/\s+/g, '')).toContain(
      `Admission,seat${standard.label}999692Rs.94.295%Rs.2.36Rs.2.35Rs.99.00Bookingfee998599Rs.16.9518%Rs.1.53Rs.1.52Rs.20.00`,
    );
  });
});
