// Changing a scheduled show's prices, allowed until its first sale. Once any customer holds seats
// (a PENDING booking: they were shown a price and may be paying it now) or has bought them
// (CONFIRMED, or REFUNDED: an invoice and credit note name the price), the prices stay as sold.
// The change bumps the show's seat version in its transaction, so the kept seat maps and their
// ETags move on, and the catalog's change event makes open apps refetch the map with the new prices.
import type { TPriceList, TSeatType } from '@marquee/shared';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';
import { assertChargeable, tablesForShows } from './chargeable-prices';

export async function setShowPrices(
  services: Pick<TServices, 'prisma' | 'catalogEvents'>,
  {
    actor,
    showtimeId,
    prices,
    now = new Date(),
  }: { actor: { userId: string; cinemaId: string }; showtimeId: string; prices: TPriceList; now?: Date },
): Promise<{ prices: TPriceList }> {
  const { prisma } = services;
  const show = await prisma.showtime.findFirst({
    where: { id: showtimeId, screen: { cinemaId: actor.cinemaId } },
    select: { startsAt: true, cancelled: true, prices: { select: { seatType: true, pricePaise: true } } },
  });
  if (!show) throw new AppError('CATALOG_SHOWTIME_NOT_FOUND', { message: `showtime ${showtimeId} not in cinema` });
  if (show.cancelled)
    throw new AppError('INPUT_INVALID', {
      message: `showtime ${showtimeId} cancelled`,
      userMessage: 'This show is cancelled: its prices can no longer be changed.',
    });
  if (show.startsAt <= now)
    throw new AppError('INPUT_INVALID', {
      message: `showtime ${showtimeId} started`,
      userMessage: 'This show has started: its prices can no longer be changed.',
    });
  const before: TPriceList = Object.fromEntries(show.prices.map((p) => [p.seatType, p.pricePaise]));
  const unpriced = Object.keys(prices).filter((type) => !(type in before));
  if (unpriced.length)
    throw new AppError('INPUT_INVALID', {
      message: `showtime ${showtimeId} has no price for ${unpriced.join(', ')}`,
      userMessage: `This show sells no ${unpriced.map((t) => t.toLowerCase()).join(' or ')} seats: change the prices it has.`,
      data: { fieldErrors: Object.fromEntries(unpriced.map((t) => [`prices.${t}`, 'this show has no such seats'])) },
    });
  const after: TPriceList = { ...before, ...prices };
  assertChargeable(after, tablesForShows(now, show.startsAt));

  await prisma.$transaction(async (tx) => {
    // The show's row is locked as a hold's write locks it (to move the seat version on), so a hold
    // either committed before this count sees it, or waits and commits after with the price it was shown.
    await tx.$executeRaw`SELECT 1 FROM "Showtime" WHERE id = ${showtimeId}::uuid FOR UPDATE`;
    const bookings = await tx.booking.groupBy({
      by: ['status'],
      where: { showtimeId, status: { in: ['PENDING', 'CONFIRMED', 'REFUNDED'] } },
      _count: { _all: true },
    });
    const count = (status: string) => bookings.find((b) => b.status === status)?._count._all ?? 0;
    const sold = count('CONFIRMED') + count('REFUNDED');
    if (sold)
      throw new AppError('INPUT_INVALID', {
        message: `showtime ${showtimeId} has ${sold} sold bookings`,
        userMessage: `Tickets for this show have been sold (${sold} booking${sold === 1 ? '' : 's'}), so its prices stay as they were sold. Prices can be changed only before the first sale.`,
      });
    if (count('PENDING'))
      throw new AppError('INPUT_INVALID', {
        message: `showtime ${showtimeId} has ${count('PENDING')} holds`,
        userMessage:
          'A customer is choosing or paying for seats at the current prices, so they cannot change now. Take the show off sale, wait for the hold to end (a few minutes), then change them.',
      });
    for (const [seatType, pricePaise] of Object.entries(prices))
      await tx.showtimePrice.update({
        where: { showtimeId_seatType: { showtimeId, seatType: seatType as TSeatType } },
        data: { pricePaise },
      });
    await tx.showtime.update({ where: { id: showtimeId }, data: { seatVersion: { increment: 1 } } });
    await recordAudit(tx, {
      by: actor.userId,
      action: 'showtime.prices',
      entityType: 'Showtime',
      entityId: showtimeId,
      data: { before, after },
    });
  });
  await services.catalogEvents.publish({ scope: 'all', showtimeId, change: 'updated' });
  return { prices: after };
}
