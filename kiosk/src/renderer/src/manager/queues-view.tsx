import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Spinner } from '../components/layout';
import { useTRPC } from '../trpc';
import { problem } from './problem';
import { useStaffTimeZone } from '../components/use-cinema-time-zone';

const WHAT: Record<string, string> = {
  expiry: 'releases seats when a hold runs out',
  reconcile: 'asks Razorpay about unpaid orders',
  receipts: 'emails receipts with the tickets',
  reminders: 'emails show reminders',
  cleanup: 'deletes old data weekly',
  refunds: 'refunds and emails the bookings of a cancelled show',
};

export function QueuesView() {
  const zone = useStaffTimeZone();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queues = useQuery(trpc.queues.health.queryOptions(undefined, { refetchInterval: 5_000 }));
  const retry = useMutation(
    trpc.queues.retry.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.queues.health.queryKey() }),
    }),
  );
  if (queues.isPending) return <Spinner label="Loading queues…" />;
  if (queues.error)
    return (
      <p className="notice notice-error" role="alert">
        {problem(queues.error)}
      </p>
    );
  return (
    <section aria-labelledby="queues-title" className="manager-section">
      <h2 id="queues-title">Background queues</h2>
      <table className="manager-table">
        <thead>
          <tr>
            <th scope="col">Queue</th>
            <th scope="col">Waiting</th>
            <th scope="col">Running</th>
            <th scope="col">Scheduled</th>
            <th scope="col">Failed</th>
            <th scope="col">Done</th>
          </tr>
        </thead>
        <tbody>
          {queues.data.map((q) => (
            <tr key={q.name}>
              <th scope="row">
                {q.name} <span className="muted">({WHAT[q.name] ?? ''})</span>
              </th>
              <td>{q.counts.waiting}</td>
              <td>{q.counts.active}</td>
              <td>{q.counts.delayed}</td>
              <td className={q.counts.failed ? 'status-bad' : ''}>{q.counts.failed}</td>
              <td>{q.counts.completed}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {retry.error && (
        <p className="notice notice-error" role="alert">
          {problem(retry.error)}
        </p>
      )}
      <h3>Failed jobs</h3>
      <ul className="failed-jobs">
        {queues.data.flatMap((q) =>
          q.failed.map((job) => (
            <li key={`${q.name}/${job.id}`}>
              <strong>
                {q.name} / {job.name}
              </strong>{' '}
              ({job.attemptsMade} attempts
              {job.failedAt ? `, last ${new Date(job.failedAt).toLocaleString('en-IN', { timeZone: zone })}` : ''}
              ): {job.failedReason}
              <code className="muted"> {job.data}</code>{' '}
              <button
                type="button"
                className="button"
                disabled={retry.isPending}
                onClick={() => retry.mutate({ queue: q.name, jobId: job.id })}
              >
                Retry
              </button>
            </li>
          )),
        )}
        {queues.data.every((q) => q.failed.length === 0) && <li>No failed jobs.</li>}
      </ul>
    </section>
  );
}
