// Scans admitted offline wait in a queue (kept in the browser) and go up to the server every 5 s
// until it answers; what it refused or found used at another door is kept to show staff.
import type { TCheckInSyncResult } from '@marquee/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useTRPC } from '../trpc';
import type { TQueuedScan } from './door-offline';
import { isOffline, loadStored, QUEUE_KEY } from './door-storage';

export function useScanQueue(
  door: string,
  setOnline: (online: boolean) => void,
): {
  queue: TQueuedScan[];
  /** The queue as of the last render, for callbacks that outlive it. */
  queueRef: RefObject<TQueuedScan[]>;
  enqueue: (scan: TQueuedScan) => void;
  reports: TCheckInSyncResult;
} {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [queue, setQueue] = useState<TQueuedScan[]>(() => loadStored(QUEUE_KEY, []));
  const [reports, setReports] = useState<TCheckInSyncResult>([]);
  const queueRef = useRef(queue);
  queueRef.current = queue;

  useEffect(() => localStorage.setItem(QUEUE_KEY, JSON.stringify(queue)), [queue]);

  const sync = useMutation(
    trpc.tickets.sync.mutationOptions({
      onSuccess: (results, input) => {
        const sent = new Set(input.scans.map((s) => s.token));
        setQueue((q) => q.filter((s) => !sent.has(s.token)));
        setReports((r) =>
          [...results.filter((x) => x.outcome === 'conflict' || x.outcome === 'refused'), ...r].slice(0, 20),
        );
        setOnline(true);
        void queryClient.invalidateQueries({ queryKey: trpc.tickets.doorPack.queryKey() });
      },
      onError: (err) => setOnline(!isOffline(err)),
    }),
  );
  // Queued scans go up as soon as the server answers again.
  useEffect(() => {
    const timer = setInterval(() => {
      if (queueRef.current.length && !sync.isPending)
        sync.mutate({ door, scans: queueRef.current.map(({ token, scannedAt }) => ({ token, scannedAt })) });
    }, 5_000);
    return () => clearInterval(timer);
  }, [door, sync]);

  const enqueue = useCallback((scan: TQueuedScan) => setQueue((q) => [...q, scan]), []);
  return { queue, queueRef, enqueue, reports };
}
