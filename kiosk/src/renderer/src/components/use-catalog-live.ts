import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useTRPC } from '../trpc';

/** Programme changes (a show cancelled or scheduled) refresh the lists on screen at once. */
export function useCatalogLive(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useSubscription(
    trpc.catalog.onChange.subscriptionOptions(undefined, {
      // (Re)connected, after a drop or at the stream's longest life: what was missed meanwhile is refetched.
      onStarted: () => void queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() }),
      onData: () => void queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() }),
    }),
  );
}
