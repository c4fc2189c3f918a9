// Seat holds in Redis: one Lua script checks and sets every seat of a selection, all or nothing.
// The pattern Marquee replaces did GET then SETEX from the application, so two customers could
// both see a seat free and both "win" it; inside one script no other command can run in between.
import type { Redis } from '../redis';
import { holdKey } from './hold-keys';

// KEYS: the selection's seat keys. ARGV: booking id, TTL in ms, booking id this hold replaces ('').
// Returns, for each seat held by someone else, its 1-based position, its owner and the key's
// remaining TTL in ms (so a conflict needs no second round trip to judge the key); empty when
// every seat was set.
const ACQUIRE = `
local taken = {}
for i, key in ipairs(KEYS) do
  local owner = redis.call('GET', key)
  if owner and owner ~= ARGV[1] and owner ~= ARGV[3] then
    taken[#taken + 1] = i
    taken[#taken + 1] = owner
    taken[#taken + 1] = redis.call('PTTL', key)
  end
end
if #taken > 0 then return taken end
for _, key in ipairs(KEYS) do redis.call('SET', key, ARGV[1], 'PX', ARGV[2]) end
return taken
`;

// KEYS: seat keys. ARGV: booking id. Deletes only the keys this booking still owns; n counts them.
const RELEASE_KEYS = `
local n = 0
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key); n = n + 1 end
end
`;
const RELEASE = `${RELEASE_KEYS}return n\n`;

// The same, ARGV then also channel and message: PUBLISHes the message after the release (one round
// trip for a replaced hold's keys and the seat event that announces them free).
const RELEASE_AND_PUBLISH = `${RELEASE_KEYS}redis.call('PUBLISH', ARGV[2], ARGV[3])\nreturn n\n`;

// KEYS: seat keys. ARGV: booking id, TTL in ms. Sets keys that are missing (after a flush or outage).
const RESTORE = `
local n = 0
for _, key in ipairs(KEYS) do
  if redis.call('SET', key, ARGV[1], 'PX', ARGV[2], 'NX') then n = n + 1 end
end
return n
`;

type THoldCommands = {
  marqueeAcquireSeats(...args: (string | number)[]): Promise<(number | string)[]>;
  marqueeReleaseSeats(...args: (string | number)[]): Promise<number>;
  marqueeReleaseSeatsAndPublish(...args: (string | number)[]): Promise<number>;
  marqueeRestoreSeats(...args: (string | number)[]): Promise<number>;
};

/** ioredis sends each script by EVALSHA after loading it once (falling back to EVAL if the server lost it). */
function commands(redis: Redis): THoldCommands {
  const r = redis as Redis & Partial<THoldCommands>;
  if (!r.marqueeAcquireSeats) {
    redis.defineCommand('marqueeAcquireSeats', { lua: ACQUIRE });
    redis.defineCommand('marqueeReleaseSeats', { lua: RELEASE });
    redis.defineCommand('marqueeReleaseSeatsAndPublish', { lua: RELEASE_AND_PUBLISH });
    redis.defineCommand('marqueeRestoreSeats', { lua: RESTORE });
  }
  return r as Redis & THoldCommands;
}

export async function acquireSeats(
  redis: Redis,
  opts: { showtimeId: string; seatIds: string[]; bookingId: string; ttlMs: number; replacesBookingId?: string | null },
): Promise<{ ok: true } | { ok: false; takenSeatIds: string[]; owners: string[]; ttlsMs: number[] }> {
  const keys = opts.seatIds.map((id) => holdKey(opts.showtimeId, id));
  const taken = await commands(redis).marqueeAcquireSeats(
    keys.length,
    ...keys,
    opts.bookingId,
    opts.ttlMs,
    opts.replacesBookingId ?? '',
  );
  if (taken.length === 0) return { ok: true };
  const takenSeatIds: string[] = [];
  const owners: string[] = [];
  const ttlsMs: number[] = [];
  for (let i = 0; i < taken.length; i += 3) {
    takenSeatIds.push(opts.seatIds[Number(taken[i]) - 1]!);
    owners.push(String(taken[i + 1]));
    ttlsMs.push(Number(taken[i + 2]));
  }
  return { ok: false, takenSeatIds, owners, ttlsMs };
}

export async function releaseSeats(
  redis: Redis,
  opts: { showtimeId: string; seatIds: string[]; bookingId: string },
): Promise<number> {
  if (opts.seatIds.length === 0) return 0;
  const keys = opts.seatIds.map((id) => holdKey(opts.showtimeId, id));
  return commands(redis).marqueeReleaseSeats(keys.length, ...keys, opts.bookingId);
}

/** releaseSeats, then PUBLISH `message` on `channel`, in one script (a cluster forwards the PUBLISH to every node). */
export async function releaseSeatsAndPublish(
  redis: Redis,
  opts: { showtimeId: string; seatIds: string[]; bookingId: string; channel: string; message: string },
): Promise<number> {
  const keys = opts.seatIds.map((id) => holdKey(opts.showtimeId, id));
  return commands(redis).marqueeReleaseSeatsAndPublish(
    keys.length,
    ...keys,
    opts.bookingId,
    opts.channel,
    opts.message,
  );
}

export async function restoreSeats(
  redis: Redis,
  opts: { showtimeId: string; seatIds: string[]; bookingId: string; ttlMs: number },
): Promise<number> {
  if (opts.seatIds.length === 0 || opts.ttlMs <= 0) return 0;
  const keys = opts.seatIds.map((id) => holdKey(opts.showtimeId, id));
  return commands(redis).marqueeRestoreSeats(keys.length, ...keys, opts.bookingId, opts.ttlMs);
}

/** Who holds each seat according to Redis (null where no key). For tests and reconciliation. */
export async function readSeatOwners(redis: Redis, showtimeId: string, seatIds: string[]): Promise<(string | null)[]> {
  if (seatIds.length === 0) return [];
  return redis.mget(...seatIds.map((id) => holdKey(showtimeId, id)));
}
