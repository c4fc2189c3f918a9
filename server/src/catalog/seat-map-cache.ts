// Seat maps are read far more often than seats change: every customer on the seat screen loads one,
// and again after each reconnect. A built map is kept per show and seat version, with its JSON
// already serialized; a read costs one indexed lookup of the version, and concurrent reads of a new
// version share one build. Every change to a seat's state bumps the version in the same transaction,
// so a kept map is never behind a change (a hold past its time reads as held until the worker
// expires it, within a second).
//
// A kept map is also compressed once per version and encoding, when first asked for: the JSON of a
// big screen is tens of KB, a phone on a mobile network reloads it after every reconnect, and ten
// thousand browsers back at once after a deploy would otherwise be sent it whole, or compressed ten
// thousand times over by a per-response compression plugin.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { TSeatMap } from '@marquee/shared';
import type { TServices } from '../services';
import { getSeatMap } from './get-seat-map';

const MAX_SHOWS = 500;
export type TSeatMapEncoding = 'br' | 'gzip';
export const SEAT_MAP_ENCODINGS: TSeatMapEncoding[] = ['br', 'gzip'];
type TBuilt = { map: TSeatMap; json: Buffer; encoded: (encoding: TSeatMapEncoding) => Promise<Buffer> };
const built = new Map<string, { version: number; entry: Promise<TBuilt> }>();

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
// Brotli's quality 5 compresses a seat map about as small as gzip's best in about a millisecond;
// its default (11) takes ten times as long, paid again by every new version of a busy show's map.
const BROTLI = {
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
  },
};

function build(map: TSeatMap): TBuilt {
  const json = Buffer.from(JSON.stringify(map));
  const compressed = new Map<TSeatMapEncoding, Promise<Buffer>>();
  return {
    map,
    json,
    encoded: (encoding) => {
      let body = compressed.get(encoding);
      if (!body) {
        body = encoding === 'br' ? brotli(json, BROTLI) : gzip(json);
        compressed.set(encoding, body);
      }
      return body;
    },
  };
}

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
    return { ...build(map), version: map.version };
  }
  let hit = built.get(showtimeId);
  if (!hit || hit.version !== version) {
    const entry = getSeatMap({ prisma, showtimeId }).then(build);
    hit = { version, entry };
    built.set(showtimeId, hit);
    entry.catch(() => built.delete(showtimeId));
    if (built.size > MAX_SHOWS) built.delete(built.keys().next().value!);
  }
  return { ...(await hit.entry), version };
}
