// The cinema's clock, from its row in the database (Cinema.timeZone), for every date and time the
// apps show: catalog.cinemas for customers, the signed-in staff member's cinema for the dashboard
// and the door. Until the answer is in (a first render), the device's own zone stands in; shows and
// bookings carry their own zone and never need this.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc';

export const deviceTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The customers' cinemas' time zone, for 'today' before any show is listed (a show carries its
 * own): the zone every cinema shares, as one deployment's cinemas usually do; where they differ,
 * the shows listed decide and this is the device's.
 */
export function useCinemaTimeZone(): string {
  const trpc = useTRPC();
  const cinemas = useQuery(trpc.catalog.cinemas.queryOptions(undefined, { staleTime: Infinity }));
  const zones = new Set(cinemas.data?.map((c) => c.timeZone));
  return zones.size === 1 ? [...zones][0]! : deviceTimeZone();
}

/** The signed-in staff member's cinema's time zone. */
export function useStaffTimeZone(): string {
  const trpc = useTRPC();
  const me = useQuery(trpc.manager.me.queryOptions(undefined, { staleTime: 60_000 }));
  return me.data?.cinemaTimeZone ?? deviceTimeZone();
}
