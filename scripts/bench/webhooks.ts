// Confirmation throughput: signed payment.captured webhooks for 400 paid orders, 50 in flight,
// each taken to CONFIRMED (tickets signed, seats sold, receipt queued). Baseline in the same run:
// the barest Fastify route taking the same requests (the HTTP cost alone).
import { createHmac } from 'node:crypto';
import { benchCinema, benchPrefix, freePort, report, startProcess, startSandbox, stopProcess, type TRow } from './lib';

const PAYMENTS = 400;
const IN_FLIGHT = 50;
const KEY = {
  id: 'rzp_test_MarqueeSandbox',
  secret: 'marquee-sandbox-key-secret',
  webhook: 'marquee-sandbox-webhook-secret',
};

async function inBatches<T>(items: T[], size: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

export async function benchWebhooks(): Promise<string> {
  const { databaseUrl, prisma, screen, showtimes: shows } = await benchCinema('webhooks', { shows: 4, fromDays: 90 });

  const { process: sandbox, url: sandboxUrl } = await startSandbox();
  const port = await freePort();
  const api = await startProcess(
    'server/src/main.ts',
    [],
    {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      REDIS_PREFIX: benchPrefix(),
      LOG_LEVEL: 'warn',
      HOLDS_PER_MINUTE: '1000000',
      RAZORPAY_API_URL: sandboxUrl,
    },
    `http://127.0.0.1:${port}/readyz`,
  );
  const base = `http://127.0.0.1:${port}`;
  const auth = `Basic ${Buffer.from(`${KEY.id}:${KEY.secret}`).toString('base64')}`;
  const rows: TRow[] = [];
  try {
    // 400 customers hold a seat and pay by Checkout at the sandbox's bank (its webhooks go nowhere).
    const bodies: { raw: string; signature: string; eventId: string }[] = [];
    await inBatches(
      Array.from({ length: PAYMENTS }, (_, i) => i),
      20,
      async (i) => {
        const first = await fetch(`${base}/trpc/holds.create`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ showtimeId: shows[i % 4]!.id, seatIds: [screen.seats[Math.floor(i / 4)]!.id] }),
        });
        const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
        const hold = ((await first.json()) as { result: { data: { bookingId: string } } }).result.data;
        const orderRes = await fetch(`${base}/trpc/payments.createOrder`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ bookingId: hold.bookingId, method: 'checkout' }),
        });
        const order = ((await orderRes.json()) as { result: { data: { orderId: string } } }).result.data;
        const paid = (await (
          await fetch(`${sandboxUrl}/_sandbox/orders/${order.orderId}/pay`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"outcome":"captured"}',
          })
        ).json()) as { razorpay_payment_id: string };
        const payment = (await (
          await fetch(`${sandboxUrl}/v1/payments/${paid.razorpay_payment_id}`, { headers: { authorization: auth } })
        ).json()) as Record<string, unknown>;
        const raw = JSON.stringify({
          entity: 'event',
          event: 'payment.captured',
          contains: ['payment'],
          payload: { payment: { entity: payment } },
          created_at: Math.floor(Date.now() / 1000),
        });
        bodies.push({
          raw,
          signature: createHmac('sha256', KEY.webhook).update(raw).digest('hex'),
          eventId: `evt_bench${String(i).padStart(5, '0')}`,
        });
      },
    );

    const started = performance.now();
    const statuses: Record<string, number> = {};
    await inBatches(bodies, IN_FLIGHT, async (b) => {
      const res = await fetch(`${base}/webhooks/razorpay`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-razorpay-signature': b.signature,
          'x-razorpay-event-id': b.eventId,
        },
        body: b.raw,
      });
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    });
    const seconds = (performance.now() - started) / 1000;
    const confirmed = await prisma.booking.count({ where: { status: 'CONFIRMED' } });
    const tickets = await prisma.ticket.count();
    const invoices = await prisma.taxDocument.count({ where: { kind: 'INVOICE' } });

    const barePort = await freePort();
    const bare = await startProcess(
      'scripts/bench/bare-server.ts',
      [String(barePort)],
      {},
      `http://127.0.0.1:${barePort}/healthz`,
    );
    const bareStarted = performance.now();
    await inBatches(
      bodies,
      IN_FLIGHT,
      async (b) =>
        void (await (
          await fetch(`http://127.0.0.1:${barePort}/bare`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: b.raw,
          })
        ).arrayBuffer()),
    );
    const bareSeconds = (performance.now() - bareStarted) / 1000;
    await stopProcess(bare);

    rows.push(
      {
        name: 'webhooks confirmed/s',
        value: (confirmed / seconds).toFixed(0),
        note: `${confirmed} of ${PAYMENTS} bookings CONFIRMED with ${tickets} signed tickets and ${invoices} numbered tax invoices, in ${seconds.toFixed(1)} s; HTTP ${Object.entries(
          statuses,
        )
          .map(([c, n]) => `${c}: ${n}`)
          .join(', ')}`,
      },
      {
        name: 'baseline: bare Fastify route, same requests/s',
        value: (PAYMENTS / bareSeconds).toFixed(0),
        note: `${IN_FLIGHT} in flight, same bodies`,
      },
      { name: 'confirmations/s ÷ bare route', value: (confirmed / seconds / (PAYMENTS / bareSeconds)).toFixed(2) },
    );
  } finally {
    await stopProcess(api);
    await stopProcess(sandbox);
    await prisma.$disconnect();
  }
  return report(
    'Confirmation throughput',
    `${PAYMENTS} orders paid at the sandbox, then their signed payment.captured webhooks sent to the API (its own process), ${IN_FLIGHT} in flight. Each is verified (HMAC, constant time), recorded once with its effect: the booking CONFIRMED, one Ed25519-signed ticket per seat, its tax invoice numbered from the cinema's counter row, holds cleared, the receipt job queued. Deliveries that arrive together are settled in one transaction. Baseline: the barest Fastify route taking the same requests in the same run.`,
    rows,
  );
}
