// Seat maps are read far more often than seats change: every customer on the seat screen loads one,
// and again after each reconnect. A built map is kept per show and seat version, with its JSON
// already serialized; a read costs one indexed lookup of the version, and concurrent reads of a new
// version share one build. Every change to a seat's state bumps the version in the same transaction,
// so a kept map is never behind a change (a hold past its time reads as held until the worker
// expires it, within a second).
import type { TSeatMap } from '@marquee/shared';
import type { TServices } from '../services';
import { getSeatMap } from './get-seat-map';

const MAX_SHOWS = 500;
type TBuilt = { map: TSeatMap; json: Buffer };
const built = new Map<string, { version: number; entry: Promise<TBuilt> }>();

/** The show's seat map and its JSON, or CATALOG_SHOWTIME_NOT_FOUND. */
export async function cachedSeatMap(
  { prisma, pg, seatStreams }: Pick<TServices, 'prisma' | 'pg' | 'seatStreams'>,
  showtimeId: string,
): Promise<TBuilt & { version: number }> {
  // A show with open streams here has its version in the hub, kept current by its events.
  let version = seatStreams.liveVersion(showtimeId);
  if (version === undefined) {
    const { rows } = await pg.query<{ seatVersion: number }>({
      name: 'seat-version',
      text: 'SELECT "seatVersion" FROM "Showtime" WHERE id = $1::uuid',
      values: [showtimeId],
    });
    version = rows[0]?.seatVersion;
  }
  if (version === undefined) {
    const map = await getSeatMap({ prisma, showtimeId }); // throws CATALOG_SHOWTIME_NOT_FOUND
    return { map, json: Buffer.from(JSON.stringify(map)), version: map.version };
  }
  let hit = built.get(showtimeId);
  if (!hit || hit.version !== version) {
    const entry = getSeatMap({ prisma, showtimeId }).then((map) => ({ map, json: Buffer.from(JSON.stringify(map)) }));
    hit = { version, entry };
    built.set(showtimeId, hit);
    entry.catch(() => built.delete(showtimeId));
    if (built.size > MAX_SHOWS) built.delete(built.keys().next().value!);
  }
  return { ...(await hit.entry), version };
}
