// Ticket prices GST can carry. With GST-inclusive prices some prices fit no slab (since 22 Sep
// 2025, ₹105.01 to ₹118.00); they are refused when set, and any saved before are reported.
import {
  gstTablesBetween,
  gstTablesFrom,
  priceListGstProblems,
  type TGstRateTable,
  type TPriceList,
  type TUnchargeablePrice,
} from '@marquee/shared';
import { AppError } from '../errors/app-error';
import type { TServices } from '../services';

/** Refuses a price list with a price no slab of the tables can carry, naming the nearest prices that can be charged. */
export function assertChargeable(
  prices: TPriceList,
  tables: readonly TGstRateTable[],
  { templateName }: { templateName?: string } = {},
): void {
  const problems = Object.entries(priceListGstProblems(prices, tables));
  if (!problems.length) return;
  const [seatType, why] = problems[0]!;
  const whose = templateName === undefined ? '' : ` in template "${templateName}"`;
  const more = problems.length > 1 ? ` (${problems.length - 1} more price${problems.length > 2 ? 's' : ''} too.)` : '';
  throw new AppError('INPUT_INVALID', {
    message: `unchargeable prices${whose}: ${problems.map(([type]) => `${type} ${prices[type as keyof TPriceList]}`).join(', ')}`,
    userMessage: `The ${seatType.toLowerCase()} price${whose}: ${why}${more}`,
    data: { fieldErrors: Object.fromEntries(problems.map(([type, problem]) => [`prices.${type}`, problem])) },
  });
}

/** The tables a template's prices must fit: the one in force now and any later one already notified. */
export const tablesForTemplates = (now: Date) => gstTablesFrom(now);

/** The tables the prices of shows must fit: every one in force while their tickets are on sale (from now to the last show). */
export const tablesForShows = (now: Date, lastStartsAt: Date) =>
  gstTablesBetween(now, lastStartsAt > now ? lastStartsAt : now);

/**
 * Saved prices no slab can carry: in the cinema's templates, and in its shows still to come (their
 * tickets can still be sold). Past shows are left alone: what they sold is sold.
 */
export async function findUnchargeablePrices(
  { prisma }: Pick<TServices, 'prisma'>,
  { cinemaId, now = new Date() }: { cinemaId: string; now?: Date },
): Promise<TUnchargeablePrice[]> {
  const [templates, shows] = await Promise.all([
    prisma.priceTemplate.findMany({ where: { cinemaId }, orderBy: { name: 'asc' } }),
    prisma.showtime.findMany({
      where: { screen: { cinemaId }, cancelled: false, startsAt: { gt: now } },
      select: {
        id: true,
        startsAt: true,
        movie: { select: { title: true } },
        screen: { select: { name: true } },
        prices: { select: { seatType: true, pricePaise: true } },
      },
      orderBy: { startsAt: 'asc' },
    }),
  ]);
  const found: TUnchargeablePrice[] = [];
  const templateTables = tablesForTemplates(now);
  for (const t of templates) {
    const prices = t.prices as TPriceList;
    for (const [seatType, problem] of Object.entries(priceListGstProblems(prices, templateTables))) {
      found.push({
        seatType: seatType as keyof TPriceList,
        pricePaise: prices[seatType as keyof TPriceList]!,
        problem,
        template: { id: t.id, name: t.name },
        show: null,
      });
    }
  }
  for (const s of shows) {
    const prices: TPriceList = Object.fromEntries(s.prices.map((p) => [p.seatType, p.pricePaise]));
    for (const [seatType, problem] of Object.entries(priceListGstProblems(prices, tablesForShows(now, s.startsAt)))) {
      found.push({
        seatType: seatType as keyof TPriceList,
        pricePaise: prices[seatType as keyof TPriceList]!,
        problem,
        template: null,
        show: { id: s.id, movieTitle: s.movie.title, screenName: s.screen.name, startsAt: s.startsAt.toISOString() },
      });
    }
  }
  return found;
}
