// What a hold costs: which seats of the selection can be sold at all (the show, the seats, the seat
// rules), each seat's price, and the booking fee of the holder's channel.
import { bookingFeePaise, seatRuleViolations, type TBookingChannel, type TSeatType } from '@marquee/shared';
import type { THolder } from '../auth';
import { AppError } from '../errors/app-error';
import { seatRuleError } from './hold-refusals';
import type { THoldContext } from './load-hold-context';

export type THoldLine = { seatId: string; pricePaise: number };

/** Refuses what cannot be held; returns each seat's price, in the customer's order (the ticket order). */
export function priceSelection(
  ctx: THoldContext | null,
  { holder, showtimeId, seatIds, now }: { holder: THolder; showtimeId: string; seatIds: string[]; now: Date },
): THoldLine[] {
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
  for (const v of seatRuleViolations(ctx.ruleSeats, seatIds, { noSingleSeatGap: ctx.noSingleSeatGap }))
    throw seatRuleError(v);
  return seatIds.map((seatId) => ({ seatId, pricePaise: price.get(typeOf.get(seatId)!)! }));
}

/** The booking fee for these seats on the holder's channel, and what the customer pays in all. */
export function holdAmounts(
  { kioskFeePaise, webFeePaise }: Pick<THoldContext, 'kioskFeePaise' | 'webFeePaise'>,
  channel: TBookingChannel,
  lines: readonly THoldLine[],
): { feePaise: number; amountPaise: number } {
  const feePaise = bookingFeePaise(
    { kioskPerSeatPaise: kioskFeePaise, webPerSeatPaise: webFeePaise },
    channel,
    lines.length,
  );
  return { feePaise, amountPaise: lines.reduce((sum, l) => sum + l.pricePaise, 0) + feePaise };
}
