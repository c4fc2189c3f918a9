// holds.create: Redis decides fast (one atomic script), Postgres decides for good (the partial
// unique index). If Redis is unreachable, Postgres alone decides and the degraded mode is counted.
import type { THoldCreateOutput } from '@marquee/shared';
import { v7 as uuidv7 } from 'uuid';
import type { THolder } from '../auth';
import { enqueueBookingExpiry } from '../jobs/expiry';
import { closeQrQuietly } from '../razorpay/close-booking-qrs';
import { metrics } from '../metrics/metrics';
import type { TServices } from '../services';
import { expireOverdueBookings } from './expire-bookings';
import { holdSeatEvent } from './hold-seat-event';
import { holdSeatKeys } from './hold-seat-keys';
import { loadHoldContext } from './load-hold-context';
import { holdAmounts, priceSelection } from './price-hold';
import type { TAddressLimits } from '../seat-keys';
import { undoHoldKeys } from './undo-hold-keys';
import { writeHoldWithRetries } from './write-hold-with-retries';

type THoldServices = Pick<
  TServices,
  'prisma' | 'pg' | 'razorpay' | 'redis' | 'seatEvents' | 'bookingEvents' | 'jobs' | 'log' | 'env'
>;

export async function createHold(
  services: THoldServices,
  {
    holder,
    showtimeId,
    seatIds,
    now = new Date(),
    limits = null,
  }: {
    holder: THolder;
    showtimeId: string;
    seatIds: string[];
    now?: Date;
    /** A web hold's per-address limits (checked in Redis with the seats); null for kiosks. */
    limits?: Omit<TAddressLimits, 'nowMs'> | null;
  },
): Promise<THoldCreateOutput> {
  const { env } = services;
  const stopTimer = metrics.holdSeconds.startTimer();
  let ctx = await loadHoldContext(services.pg, { showtimeId, seatIds, holderKey: holder.key, now });
  const lines = priceSelection(ctx, { holder, showtimeId, seatIds, now });
  // A stopped worker or a dead Redis must never keep seats off sale: expire what is overdue first.
  if (ctx!.hasOverdue) {
    await expireOverdueBookings(services, { showtimeId, seatIds }, { now, by: 'hold' });
    ctx = await loadHoldContext(services.pg, { showtimeId, seatIds, holderKey: holder.key, now });
  }
  const { feePaise, amountPaise } = holdAmounts(ctx!, holder.channel, lines);
  const previous = ctx!.previous;

  const bookingId = uuidv7();
  const ttlMs = env.HOLD_TTL_SECONDS * 1000;
  const expiresAt = new Date(now.getTime() + ttlMs);
  const inRedis = await holdSeatKeys(services, {
    showtimeId,
    seatIds,
    bookingId,
    ttlMs,
    replacesBookingId: previous?.id ?? null,
    limits: limits ? { ...limits, nowMs: now.getTime() } : null,
  });

  // Postgres refusing the hold gives back what Redis granted. A retry may find the holder's previous
  // hold changed: `replaced` is the one this hold actually closed.
  const {
    seatVersion,
    code,
    previous: replaced,
  } = await writeHoldWithRetries(
    services,
    {
      bookingId,
      showtimeId,
      channel: holder.channel,
      holder: holder.key,
      kioskId: holder.kioskId,
      amountPaise,
      feePaise,
      expiresAt,
      lines,
      now,
    },
    {
      seatIds,
      previous,
      undoKeys: inRedis ? () => undoHoldKeys(services, { bookingId, showtimeId, seatIds, replaced: previous }) : null,
    },
  );

  // Independent follow-ups, each handling its own failure.
  const replacedQr = replaced?.qrId;
  const { event, releaseAndPublish } = holdSeatEvent(services, { showtimeId, seatIds, seatVersion, replaced });
  await Promise.all([
    services.seatEvents.publish(event, releaseAndPublish),
    enqueueBookingExpiry(services, { bookingId, expiresAt, now }),
    replacedQr ? closeQrQuietly(services, replacedQr) : null,
  ]);
  metrics.holds.inc({ result: 'created' });
  stopTimer();
  return { bookingId, code, expiresAt: expiresAt.toISOString(), amountPaise };
}
