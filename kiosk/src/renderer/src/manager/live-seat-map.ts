import type { TSeatMap } from '@marquee/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { applySeatChange } from '../screens/seat-map/seat-selection';
import { useSeatMapQueryOptions } from '../screens/seat-map/seat-map-query';
import { useTRPC } from '../trpc';

/** A show's seat map kept live by seats.onChange, as staff pages show it. */
export function useLiveSeatMap(showtimeId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mapOptions = useSeatMapQueryOptions(showtimeId);
  const map = useQuery(mapOptions);
  useSubscription(
    trpc.seats.onChange.subscriptionOptions(
      { showtimeId },
      {
        onStarted: () => void queryClient.invalidateQueries({ queryKey: mapOptions.queryKey }),
        onData: (event) => {
          const current = queryClient.getQueryData<TSeatMap>(mapOptions.queryKey);
          if (!current) return;
          const { map: next, stale } = applySeatChange(current, event);
          if (stale) void queryClient.invalidateQueries({ queryKey: mapOptions.queryKey });
          else queryClient.setQueryData(mapOptions.queryKey, next);
        },
      },
    ),
  );
  return { map, refresh: () => queryClient.invalidateQueries({ queryKey: mapOptions.queryKey }) };
}
