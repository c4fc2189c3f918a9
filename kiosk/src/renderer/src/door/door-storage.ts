// What a door keeps in this browser (its name, its door pack, its unsynced scans), so that a reload
// or a lost network does not lose them.
import { TRPCClientError } from '@trpc/client';

export const DOOR_KEY = 'marquee.door.name';
export const PACK_KEY = 'marquee.door.pack';
export const QUEUE_KEY = 'marquee.door.queue';

/** The value stored under `key`, or `fallback` when there is none or it cannot be read. */
export const loadStored = <T>(key: string, fallback: T): T => {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
};

/** A network failure (no answer at all), as opposed to the server refusing the ticket. */
export const isOffline = (err: unknown) => !(err instanceof TRPCClientError) || !err.data;
