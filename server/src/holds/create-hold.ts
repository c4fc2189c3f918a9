// holds.create: Redis decides fast (one atomic script), Postgres decides for good (the partial
// unique index). If Redis is unreachable, Postgres alone decides and the degraded mode is counted.
import { bookingFeePaise, seatRuleViolations, type THoldCreateOutput, type TSeatType } from '@marquee/shared';
import { v7 as uuidv7 } from 'uuid';
import type { THolder } from '../auth/holder';
import { AppError } from '../errors/app-error';
import { closeQrQuietly } from '../razorpay/close-booking-qrs';
import { isUniqueViolation } from '../errors/unique-violation';
import { metrics } from '../metrics/metrics';
import type { TSql } from '../db/prisma';
import { isUuid } from '../http/is-uuid';
import { enqueueBookingExpiry } from '../jobs/expiry';
import type { TServices } from '../services';
import { generateBookingCode } from './booking-code';
import { expireOverdueBookings } from './expire-bookings';
import { writeHold } from './insert-hold';
import { loadHoldContext, type THoldContext } from './load-hold-context';
import {
  acquireSeats,
  releaseSeats,
  releaseSeatsAndPublish,
  restoreSeats,
  type TAddressLimitReason,
  type TAddressLimits,
} from './redis-holds';
import { releaseSeatKeys } from './release-seat-keys';

type THoldServices = Pick<
  TServices,
  'prisma' | 'pg' | 'razorpay' | 'redis' | 'seatEvents' | 'bookingEvents' | 'jobs' | 'log' | 'env'
>;

const PG_ATTEMPTS = 3;

/** The refusal a per-address limit gives, counted on /metrics by reason. */
export function addressLimitError(
  reason: TAddressLimitReason | 'address-per-minute',
  detail: string,
  userMessage?: string,
): AppError {
  metrics.holdLimitRefusals.inc({ reason });
  switch (reason) {
    case 'challenge-spent':
      return new AppError('HOLD_CHALLENGE_INVALID', {
        message: `hold challenge refused: already used (${detail})`,
        userMessage: 'That check was already used. Please complete a new one.',
      });
    case 'address-seats-max':
      return new AppError('HOLD_ADDRESS_LIMIT', { message: `hold refused: ${detail}`, data: { holdLimit: reason } });
    case 'address-seats':
    case 'address-holds-hourly':
      return new AppError('HOLD_CHALLENGE_REQUIRED', {
        message: `hold needs a challenge: ${detail}`,
        data: { holdLimit: reason },
      });
    default:
      return new AppError('RATE_LIMITED', {
        message: `hold refused: ${detail}`,
        userMessage,
        data: { holdLimit: reason },
      });
  }
}

/** Refuses what cannot be held; returns each seat's price, in the customer's order (the ticket order). */
function priceSelection(
  ctx: THoldContext | null,
  { holder, showtimeId, seatIds, now }: { holder: THolder; showtimeId: string; seatIds: string[]; now: Date },
) {
  if (!ctx) throw new AppError('CATALOG_SHOWTIME_NOT_FOUND', { message: `showtime ${showtimeId} not found` });
  // A kiosk sells its own cinema's shows only: another cinema's show is not one it can find.
  if (holder.cinemaId !== null && ctx.cinemaId !== holder.cinemaId)
    throw new AppError('CATALOG_SHOWTIME_NOT_FOUND', {
      message: `${holder.key} of cinema ${holder.cinemaId} tried to hold showtime ${showtimeId} of cinema ${ctx.cinemaId}`,
    });
  if (ctx.cancelled) throw new AppError('HOLD_SHOW_CANCELLED', { message: `showtime ${showtimeId} is cancelled` });
  if (ctx.startsAt <= now)
    throw new AppError('HOLD_SHOW_STARTED', {
      message: `showtime ${showtimeId} started at ${ctx.startsAt.toISOString()}`,
    });
  if (!ctx.onSale) throw new AppError('HOLD_SHOW_NOT_ON_SALE', { message: `showtime ${showtimeId} is not on sale` });
  const typeOf = new Map(ctx.seats.map((s) => [s.id, s.type]));
  const unknownSeatIds = seatIds.filter((id) => !typeOf.has(id));
  if (unknownSeatIds.length) {
    throw new AppError('HOLD_SEAT_UNKNOWN', {
      message: `seats not in screen ${ctx.screenId}: ${unknownSeatIds.join(', ')}`,
      data: { unknownSeatIds },
    });
  }
  const price = new Map<TSeatType, number>(ctx.prices.map((p) => [p.seatType, p.pricePaise]));
  const unpriced = seatIds.filter((id) => !price.has(typeOf.get(id)!));
  const blocked = seatIds.filter((id) => ctx.blockedSeatIds.includes(id) || unpriced.includes(id));
  if (blocked.length)
    throw new AppError('HOLD_SEAT_BLOCKED', {
      message: `seats not for sale: ${blocked.join(', ')}`,
      data: { takenSeatIds: blocked },
    });
  for (const v of seatRuleViolations(ctx.ruleSeats, seatIds, { noSingleSeatGap: ctx.noSingleSeatGap })) {
    if (v.rule === 'companion-alone') {
      throw new AppError('HOLD_COMPANION_ALONE', {
        message: `companion seats without their wheelchair space: ${v.labels.join(', ')}`,
        userMessage: `${v.labels.join(', ')} ${v.labels.length === 1 ? 'is a companion seat' : 'are companion seats'}, sold together with the wheelchair space next to it. Please pick that space too.`,
        data: { ruleSeatIds: v.seatIds },
      });
    }
    throw new AppError('HOLD_SEAT_GAP', {
      message: `selection strands ${v.labels.join(', ')}`,
      userMessage: `That would leave ${v.labels.length === 1 ? `seat ${v.labels[0]!}` : `seats ${v.labels.join(', ')}`} empty on ${v.labels.length === 1 ? 'its' : 'their'} own. Pick ${v.labels.length === 1 ? 'it' : 'them'} too, or choose seats next to each other.`,
      data: { ruleSeatIds: v.seatIds },
    });
  }
  return seatIds.map((seatId) => ({ seatId, pricePaise: price.get(typeOf.get(seatId)!)! }));
}

/** Requested seats that Postgres says are taken (held, sold or blocked) right now. */
async function takenInPostgres(
  { prisma }: THoldServices,
  showtimeId: string,
  seatIds: string[],
  excludeBookingId: string | null,
): Promise<string[]> {
  const [booked, blocked] = await Promise.all([
    prisma.bookingSeat.findMany({
      where: {
        showtimeId,
        seatId: { in: seatIds },
        active: true,
        ...(excludeBookingId ? { bookingId: { not: excludeBookingId } } : {}),
      },
      select: { seatId: true },
    }),
    prisma.seatBlock.findMany({ where: { showtimeId, seatId: { in: seatIds } }, select: { seatId: true } }),
  ]);
  const taken = new Set([...booked, ...blocked].map((s) => s.seatId));
  return seatIds.filter((id) => taken.has(id));
}

/** Of these booking ids, the ones Postgres knows, each with whether it is closed (expired, cancelled, refunded). */
async function knownBookings(pg: TSql, ids: string[]): Promise<Map<string, { closed: boolean }>> {
  ids = ids.filter(isUuid); // a key written by anything else is nobody's booking
  if (ids.length === 0) return new Map();
  const { rows } = await pg.query<{ id: string; closed: boolean }>({
    name: 'known-bookings',
    text: `SELECT id::text, status IN ('EXPIRED', 'CANCELLED', 'REFUNDED') AS closed FROM "Booking" WHERE id = ANY($1::uuid[])`,
    values: [ids],
  });
  return new Map(rows.map((r) => [r.id, { closed: r.closed }]));
}

/**
 * A hold key whose owner Postgres has never seen may be a hold between its script and its COMMIT,
 * a matter of milliseconds. Once the key is this old, its hold died in between (an API process
 * killed or stopped mid-request), and the key would otherwise keep the seat off sale until its TTL.
 */
const ORPHAN_KEY_AGE_MS = 60_000;

/**
 * Runs the hold script; if Redis names seats whose keys are stale (their booking closed, or never
 * written and long gone), drops those keys and tries once more.
 * Returns false when Redis could not be asked (degraded mode).
 */
async function holdInRedis(
  services: THoldServices,
  opts: {
    showtimeId: string;
    seatIds: string[];
    bookingId: string;
    ttlMs: number;
    replacesBookingId: string | null;
    limits: TAddressLimits | null;
  },
): Promise<boolean> {
  const { redis, pg, log } = services;
  if (redis.status !== 'ready') {
    metrics.degraded.inc({ operation: 'hold' });
    return false;
  }
  try {
    for (let attempt = 0; ; attempt++) {
      const result = await acquireSeats(redis, opts);
      if (result.ok) return true;
      if ('limit' in result) {
        throw addressLimitError(
          result.limit,
          `${opts.limits!.address} would hold ${result.seats} seats of showtime ${opts.showtimeId}`,
        );
      }
      // Stale: Postgres closed the owner (its keys outlived it: Redis was unreachable, or a replaced
      // hold's keys are not released yet), or never saw an owner whose key is old (an orphan).
      const known = await knownBookings(pg, [...new Set(result.owners)]);
      const stale = result.takenSeatIds.flatMap((seatId, i) => {
        const owner = known.get(result.owners[i]!);
        const isStale = owner ? owner.closed : opts.ttlMs - result.ttlsMs[i]! > ORPHAN_KEY_AGE_MS;
        return isStale ? [{ seatId, bookingId: result.owners[i]! }] : [];
      });
      if (stale.length === 0 || attempt > 0) {
        throw new AppError('HOLD_SEAT_TAKEN', {
          message: `seats held in Redis: ${result.takenSeatIds.join(', ')}`,
          data: { takenSeatIds: result.takenSeatIds },
        });
      }
      for (const { seatId, bookingId } of stale)
        await releaseSeats(redis, { showtimeId: opts.showtimeId, seatIds: [seatId], bookingId });
      log.debug({ showtimeId: opts.showtimeId, seatIds: stale.map((s) => s.seatId) }, 'dropped stale hold keys');
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    metrics.degraded.inc({ operation: 'hold' });
    log.warn({ err }, 'Redis hold script failed; Postgres alone arbitrates this hold');
    return false;
  }
}

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
  const { env, log } = services;
  const stopTimer = metrics.holdSeconds.startTimer();
  let ctx = await loadHoldContext(services.pg, { showtimeId, seatIds, holderKey: holder.key, now });
  const lines = priceSelection(ctx, { holder, showtimeId, seatIds, now });
  // A stopped worker or a dead Redis must never keep seats off sale: expire what is overdue first.
  if (ctx!.hasOverdue) {
    await expireOverdueBookings(services, { showtimeId, seatIds }, { now, by: 'hold' });
    ctx = await loadHoldContext(services.pg, { showtimeId, seatIds, holderKey: holder.key, now });
  }
  const { kioskFeePaise, webFeePaise } = ctx!;
  let previous = ctx!.previous;
  const feePaise = bookingFeePaise(
    { kioskPerSeatPaise: kioskFeePaise, webPerSeatPaise: webFeePaise },
    holder.channel,
    lines.length,
  );
  const amountPaise = lines.reduce((sum, l) => sum + l.pricePaise, 0) + feePaise;

  const bookingId = uuidv7();
  const ttlMs = env.HOLD_TTL_SECONDS * 1000;
  const expiresAt = new Date(now.getTime() + ttlMs);
  const inRedis = await holdInRedis(services, {
    showtimeId,
    seatIds,
    bookingId,
    ttlMs,
    replacesBookingId: previous?.id ?? null,
    limits: limits ? { ...limits, nowMs: now.getTime() } : null,
  });

  /** The hold failed in Postgres: give back what the script took, including seats it took over from the previous hold. */
  const replaced = previous;
  const undoRedisHold = async () => {
    if (!inRedis) return;
    await releaseSeatKeys(services, { bookingId, showtimeId, seatIds });
    const overlap = (replaced?.seatIds ?? []).filter((id) => seatIds.includes(id));
    if (replaced && overlap.length) {
      await restoreSeats(services.redis, {
        showtimeId,
        seatIds: overlap,
        bookingId: replaced.id,
        ttlMs: replaced.expiresAt.getTime() - Date.now(),
      }).catch((err: unknown) =>
        log.warn(
          { err, bookingId: replaced.id },
          'could not restore the previous hold keys; Postgres still arbitrates',
        ),
      );
    }
  };

  let seatVersion: number | undefined;
  let code = '';
  for (let attempt = 1; seatVersion === undefined; attempt++) {
    code = generateBookingCode();
    const hold = {
      bookingId,
      code,
      showtimeId,
      channel: holder.channel,
      holder: holder.key,
      kioskId: holder.kioskId,
      amountPaise,
      feePaise,
      expiresAt,
      lines,
      now,
    };
    try {
      // One call closes the previous hold (if any) and inserts the new one, in one transaction
      // with the other holds being written at the same moment (group commit, insert-hold.ts).
      seatVersion = await writeHold(services.pg, previous?.id ?? null, hold);
    } catch (err) {
      if (!isUniqueViolation(err)) {
        await undoRedisHold();
        throw err;
      }
      const takenSeatIds = await takenInPostgres(services, showtimeId, seatIds, previous?.id ?? null);
      if (takenSeatIds.length > 0 || attempt >= PG_ATTEMPTS) {
        await undoRedisHold();
        metrics.holds.inc({ result: 'conflict' });
        throw new AppError('HOLD_SEAT_TAKEN', {
          message: `Postgres refused the hold; taken: ${takenSeatIds.join(', ') || 'none (the holder changed their hold concurrently)'}`,
          ...(takenSeatIds.length
            ? {}
            : { userMessage: 'Your selection changed at the same moment somewhere else. Please try again.' }),
          data: { takenSeatIds },
          cause: err,
        });
      }
      // A booking-code collision, or the same holder holding concurrently (another tab): their open
      // hold may have changed, so look it up again and retry with a new code.
      log.warn({ err, attempt }, 'hold insert hit a unique index with no seat taken; retrying');
      previous =
        (await loadHoldContext(services.pg, { showtimeId, seatIds, holderKey: holder.key, now }))?.previous ?? null;
    }
  }

  // Independent follow-ups, each handling its own failure. The replaced hold's keys are released by
  // the same script that publishes the seat event (one round trip).
  const previousOnly = (previous?.seatIds ?? []).filter((id) => !seatIds.includes(id));
  const replacedId = previous?.id;
  const replacedQr = previous?.qrId;
  const event = {
    showtimeId,
    version: seatVersion,
    seats: [
      ...seatIds.map((id) => ({ id, state: 'held' as const })),
      ...previousOnly.map((id) => ({ id, state: 'available' as const })),
    ],
  };
  const releaseAndPublish =
    replacedId && previousOnly.length
      ? async (channel: string, message: string) => {
          try {
            await releaseSeatsAndPublish(services.redis, {
              showtimeId,
              seatIds: previousOnly,
              bookingId: replacedId,
              channel,
              message,
            });
          } catch (err) {
            metrics.degraded.inc({ operation: 'release' }); // the keys expire by their TTL
            throw err;
          }
        }
      : undefined;
  await Promise.all([
    services.seatEvents.publish(event, releaseAndPublish),
    enqueueBookingExpiry(services, { bookingId, expiresAt, now }),
    replacedQr ? closeQrQuietly(services, replacedQr) : null,
  ]);
  metrics.holds.inc({ result: 'created' });
  stopTimer();
  return { bookingId, code, expiresAt: expiresAt.toISOString(), amountPaise };
}
