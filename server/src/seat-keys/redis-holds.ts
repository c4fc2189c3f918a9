// Seat holds in Redis: one Lua script checks and sets every seat of a selection, all or nothing.
// The pattern Marquee replaces did GET then SETEX from the application, so two customers could
// both see a seat free and both "win" it; inside one script no other command can run in between.
import type { Redis } from '../redis';
import { addressHoldsKey, addressOwnSeatsKey, addressSeatsKey, holdKey, spentChallengeKey } from './hold-keys';

// KEYS: the selection's seat keys, then for a web hold the show's ledger, the address's seats, the
// address's recent holds and the spent-challenge key (all in the show's slot). ARGV: booking id, TTL
// in ms, booking id this hold replaces (''), the number of seat keys, and for a web hold: the
// address, now (ms), the soft seat limit, the hard seat limit, the hourly soft hold limit, whether a
// solved challenge comes with the hold ('1'/'0') and how long to remember it as spent (ms).
// Returns, for each seat held by someone else, its 1-based position, its owner and the key's
// remaining TTL in ms (so a conflict needs no second round trip to judge the key); or
// {'limit', reason, seats the address would hold} when an address limit refuses; empty when every
// seat was set. Limits are checked here, with the seats, so holds through several API instances at
// once cannot pass a cap together. Counting reads only this address's entries (at most about the
// hard limit), each checked against the show's ledger, which releases keep current.
const ACQUIRE = `
local n = tonumber(ARGV[4])
local taken = {}
for i = 1, n do
  local key = KEYS[i]
  local owner = redis.call('GET', key)
  if owner and owner ~= ARGV[1] and owner ~= ARGV[3] then
    taken[#taken + 1] = i
    taken[#taken + 1] = owner
    taken[#taken + 1] = redis.call('PTTL', key)
  end
end
if #taken > 0 then return taken end
local address = ARGV[5]
local ledger, mine
local now = 0
if address then
  ledger, mine = KEYS[n + 1], KEYS[n + 2]
  now = tonumber(ARGV[6])
  local selected = {}
  for i = 1, n do selected[KEYS[i]] = true end
  -- Seats this address holds at this show once this hold replaces its previous one. An entry whose
  -- hold ended, or that the ledger no longer names (released, expired, taken over), is dropped.
  local count = n
  local entries = redis.call('HGETALL', mine)
  for j = 1, #entries, 2 do
    local field = entries[j]
    local booking, expires = string.match(entries[j + 1], '^(%S+) (%d+)$')
    local live = expires and tonumber(expires) > now
    if live then
      local entry = redis.call('HGET', ledger, field)
      live = entry and string.find(entry, ' ' .. booking .. ' ', 1, true)
    end
    if not live then
      redis.call('HDEL', mine, field)
    elseif booking ~= ARGV[3] and booking ~= ARGV[1] and not selected[field] then
      count = count + 1
    end
  end
  local made = KEYS[n + 3]
  redis.call('ZREMRANGEBYSCORE', made, '-inf', now - 3600000)
  local recent = redis.call('ZCARD', made)
  if count > tonumber(ARGV[8]) then return {'limit', 'address-seats-max', count} end
  if ARGV[10] == '1' then
    -- A solved challenge buys one hold, once.
    if not redis.call('SET', KEYS[n + 4], ARGV[1], 'NX', 'PX', ARGV[11]) then return {'limit', 'challenge-spent', count} end
  elseif count > tonumber(ARGV[7]) then
    return {'limit', 'address-seats', count}
  elseif recent >= tonumber(ARGV[9]) then
    return {'limit', 'address-holds-hourly', count}
  end
  redis.call('ZADD', made, now, ARGV[1])
  redis.call('PEXPIRE', made, 3600000)
end
local expires = now + tonumber(ARGV[2])
for i = 1, n do
  redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2])
  if ledger then
    redis.call('HSET', ledger, KEYS[i], address .. ' ' .. ARGV[1] .. ' ' .. expires)
    redis.call('HSET', mine, KEYS[i], ARGV[1] .. ' ' .. expires)
  end
end
if ledger then
  for _, key in ipairs({ ledger, mine }) do
    if redis.call('PTTL', key) < tonumber(ARGV[2]) then redis.call('PEXPIRE', key, ARGV[2]) end
  end
end
return taken
`;

// KEYS: seat keys, then the show's address ledger. ARGV: booking id. Deletes only the keys this
// booking still owns (n counts them), and the booking's entries in the ledger, so its seats stop
// counting against its address at once.
const RELEASE_KEYS = `
local ledger = KEYS[#KEYS]
local n = 0
for i = 1, #KEYS - 1 do
  local key = KEYS[i]
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key); n = n + 1 end
  local entry = redis.call('HGET', ledger, key)
  if entry and string.find(entry, ' ' .. ARGV[1] .. ' ', 1, true) then redis.call('HDEL', ledger, key) end
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

/** Per-address limits a web hold is checked against (kiosks have none). */
export interface TAddressLimits {
  address: string;
  softSeats: number;
  maxSeats: number;
  hourlySoftHolds: number;
  /** A verified, not yet spent challenge that comes with this hold. */
  challenge: { signature: string; expiresAt: number } | null;
  nowMs: number;
}

export type TAddressLimitReason = 'address-seats' | 'address-holds-hourly' | 'address-seats-max' | 'challenge-spent';

export async function acquireSeats(
  redis: Redis,
  opts: {
    showtimeId: string;
    seatIds: string[];
    bookingId: string;
    ttlMs: number;
    replacesBookingId?: string | null;
    limits?: TAddressLimits | null;
  },
): Promise<
  | { ok: true }
  | { ok: false; takenSeatIds: string[]; owners: string[]; ttlsMs: number[] }
  | { ok: false; limit: TAddressLimitReason; seats: number }
> {
  const keys = opts.seatIds.map((id) => holdKey(opts.showtimeId, id));
  const args: (string | number)[] = [opts.bookingId, opts.ttlMs, opts.replacesBookingId ?? '', keys.length];
  const limits = opts.limits;
  if (limits) {
    const challenge = limits.challenge;
    keys.push(
      addressSeatsKey(opts.showtimeId),
      addressOwnSeatsKey(opts.showtimeId, limits.address),
      addressHoldsKey(opts.showtimeId, limits.address),
      spentChallengeKey(opts.showtimeId, challenge?.signature ?? '-'),
    );
    args.push(
      limits.address,
      limits.nowMs,
      limits.softSeats,
      limits.maxSeats,
      limits.hourlySoftHolds,
      challenge ? '1' : '0',
      challenge ? Math.max(1, challenge.expiresAt * 1000 - limits.nowMs) : 1,
    );
  }
  const taken = await commands(redis).marqueeAcquireSeats(keys.length, ...keys, ...args);
  if (taken.length === 0) return { ok: true };
  if (taken[0] === 'limit') return { ok: false, limit: taken[1] as TAddressLimitReason, seats: Number(taken[2]) };
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
  const keys = [...opts.seatIds.map((id) => holdKey(opts.showtimeId, id)), addressSeatsKey(opts.showtimeId)];
  return commands(redis).marqueeReleaseSeats(keys.length, ...keys, opts.bookingId);
}

/** releaseSeats, then PUBLISH `message` on `channel`, in one script (a cluster forwards the PUBLISH to every node). */
export async function releaseSeatsAndPublish(
  redis: Redis,
  opts: { showtimeId: string; seatIds: string[]; bookingId: string; channel: string; message: string },
): Promise<number> {
  const keys = [...opts.seatIds.map((id) => holdKey(opts.showtimeId, id)), addressSeatsKey(opts.showtimeId)];
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
