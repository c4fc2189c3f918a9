// PENDING bookings written straight into Postgres, as holds leave them, for tests that settle,
// cancel or exchange them without going through Redis and the hold path.
import { v7 as uuidv7 } from 'uuid';
import type pg from 'pg';
import { settleInBatch } from '../payments/settle-in-batches';
import { settleCapturedPayment, type TSettlement } from '../payments/settle-payment';
import type { TServices } from '../services';

export interface TPendingBooking {
  id: string;
  showtimeId: string;
  orderId: string;
  paymentId: string;
  amountPaise: number;
}

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
let made = 0;

/** `count` PENDING bookings of one seat each on the show (its first seats by label), each with a Razorpay order. */
export async function pendingBookings(
  pool: pg.Pool,
  showtime: { id: string; screenId: string },
  count: number,
  { skipSeats = 0 }: { skipSeats?: number } = {},
): Promise<TPendingBooking[]> {
  const { rows } = await pool.query<{ seatId: string; pricePaise: number }>(
    `SELECT s.id::text AS "seatId", p."pricePaise" FROM "Seat" s
       JOIN "ShowtimePrice" p ON p."showtimeId" = $1 AND p."seatType" = s.type
      WHERE s."screenId" = $2 ORDER BY s.label OFFSET $4 LIMIT $3`,
    [showtime.id, showtime.screenId, count, skipSeats],
  );
  const batch = rows.map((r) => {
    // A test file has a database of its own: a counter keeps its codes and order ids unique.
    let n = made++;
    let code = 'L';
    for (let i = 0; i < 6; i++, n = Math.floor(n / CODE_ALPHABET.length))
      code += CODE_ALPHABET[n % CODE_ALPHABET.length];
    return { id: uuidv7(), code, orderId: `order_Lk${String(made).padStart(10, '0')}`, ...r };
  });
  await pool.query(
    `INSERT INTO "Booking" (id, code, "showtimeId", status, channel, holder, "amountPaise", "expiresAt", "razorpayOrderId", "updatedAt")
     SELECT b.id, b.code, $1, 'PENDING', 'WEB', 'web:' || b.id, b.amount, now() + interval '10 minutes', b.order_id, now()
       FROM unnest($2::uuid[], $3::text[], $4::int[], $5::text[]) AS b(id, code, amount, order_id)`,
    [
      showtime.id,
      batch.map((b) => b.id),
      batch.map((b) => b.code),
      batch.map((b) => b.pricePaise),
      batch.map((b) => b.orderId),
    ],
  );
  await pool.query(
    `INSERT INTO "BookingSeat" (id, "bookingId", "showtimeId", "seatId", "pricePaise")
     SELECT gen_random_uuid(), b.id, $1, b.seat, b.price FROM unnest($2::uuid[], $3::uuid[], $4::int[]) AS b(id, seat, price)`,
    [showtime.id, batch.map((b) => b.id), batch.map((b) => b.seatId), batch.map((b) => b.pricePaise)],
  );
  return batch.map((b) => ({
    id: b.id,
    showtimeId: showtime.id,
    orderId: b.orderId,
    paymentId: `pay_${b.orderId.slice(6)}`,
    amountPaise: b.pricePaise,
  }));
}

/**
 * A pending booking's captured payment settled as a webhook delivery settles it: in the next batch
 * of `services`' process. `paymentId` and `amountPaise` stand in for another payment than the
 * booking's own; the job ends once `ready` settles, so a batch whose last job this is finishes then.
 */
export function settleAsWebhook(
  services: Pick<TServices, 'pg' | 'log' | 'env'>,
  b: TPendingBooking,
  {
    paymentId = b.paymentId,
    amountPaise = b.amountPaise,
    ready,
  }: { paymentId?: string; amountPaise?: number; ready?: Promise<void> } = {},
): Promise<TSettlement> {
  return settleInBatch(services, {
    booking: { orderId: b.orderId },
    run: async (tx, batch) => {
      const settled = await settleCapturedPayment(
        tx,
        services,
        { bookingId: b.id, paymentId, orderId: b.orderId, amountPaise, method: 'CHECKOUT' },
        undefined,
        batch,
      );
      await ready;
      return settled;
    },
  });
}
