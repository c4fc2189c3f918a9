// The seat map comes over plain HTTP (GET /catalog/seat-maps/:id, answered from the server's kept
// JSON, the hottest read of all) but lives in the query cache under the tRPC key, where live updates
// (seats.onChange) patch it.
import type { TSeatMap } from '@marquee/shared';
import { queryOptions } from '@tanstack/react-query';
import { usePlatform } from '../../platform/platform-context';
import { useTRPC } from '../../trpc';

export class SeatMapUnavailable extends Error {}

export function useSeatMapQueryOptions(showtimeId: string) {
  const trpc = useTRPC();
  const platform = usePlatform();
  return queryOptions({
    queryKey: trpc.catalog.seatMap.queryKey({ showtimeId }),
    staleTime: 0,
    queryFn: async ({ signal }): Promise<TSeatMap> => {
      const res = await fetch(`${platform.apiOrigin}/catalog/seat-maps/${encodeURIComponent(showtimeId)}`, {
        headers: platform.authHeaders(),
        signal,
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new SeatMapUnavailable(body?.error?.message ?? `seat map unavailable (HTTP ${res.status})`);
      }
      return (await res.json()) as TSeatMap;
    },
  });
}
