// What holding these seats would cost a holder, worked out exactly as holds.create prices them,
// without holding anything (an exchange quotes its new seats with it before it holds them).
import type { THolder } from '../auth';
import type { TServices } from '../services';
import { loadHoldContext } from './load-hold-context';
import { holdAmounts, priceSelection } from './price-hold';

export async function quoteHold(
  services: Pick<TServices, 'pg'>,
  { holder, showtimeId, seatIds, now }: { holder: THolder; showtimeId: string; seatIds: string[]; now: Date },
): Promise<{ amountPaise: number; feePaise: number }> {
  const ctx = await loadHoldContext(services.pg, { showtimeId, seatIds, holderKey: holder.key, now });
  const lines = priceSelection(ctx, { holder, showtimeId, seatIds, now });
  return holdAmounts(ctx!, holder.channel, lines);
}
