// The door pack: fetched now and every minute while online, kept for when the network goes.
import type { TDoorPack } from '@marquee/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPC } from '../trpc';
import { loadStored, PACK_KEY } from './door-storage';

/** The newest door pack this door has, from the server or, until it answers, from the last visit. */
export function useDoorPack(): TDoorPack | null {
  const trpc = useTRPC();
  const [pack, setPack] = useState<TDoorPack | null>(() => loadStored(PACK_KEY, null));
  const packQuery = useQuery(trpc.tickets.doorPack.queryOptions(undefined, { refetchInterval: 60_000, retry: false }));
  useEffect(() => {
    if (!packQuery.data) return;
    setPack(packQuery.data);
    localStorage.setItem(PACK_KEY, JSON.stringify(packQuery.data));
  }, [packQuery.data]);
  return pack;
}
