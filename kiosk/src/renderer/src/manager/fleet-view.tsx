import { formatRupees, type TFleet, type TFleetKiosk } from '@marquee/shared';
import { useMutation } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Spinner } from '../components/layout';
import { useTRPC } from '../trpc';
import { problem } from './problem';
import { updateLabel } from './update-label';
import { useStaffTimeZone } from '../components/use-cinema-time-zone';

const PRINTER: Record<TFleetKiosk['printerStatus'], string> = {
  UNKNOWN: 'unknown',
  OK: 'ok',
  PAPER_LOW: 'paper low',
  PAPER_OUT: 'paper out',
  OFFLINE: 'offline',
};

/** The kiosks, live: pushed by the server on every heartbeat, command and silence. */
export function FleetView({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const [fleet, setFleet] = useState<TFleet | null>(null);
  const live = useSubscription(trpc.fleet.onChange.subscriptionOptions(undefined, { onData: setFleet }));
  const service = useMutation(trpc.fleet.setOutOfService.mutationOptions());
  const revoke = useMutation(trpc.fleet.revoke.mutationOptions());
  // Revoking asks first, in the page.
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  if (!fleet)
    return live.error ? (
      <p className="notice notice-error" role="alert">
        {problem(live.error)}
      </p>
    ) : (
      <Spinner label="Loading kiosks…" />
    );
  const alerts = fleet.kiosks.flatMap((k) => k.alerts.map((a) => `${k.name}: ${a}`));
  return (
    <section aria-labelledby="fleet-title" className="manager-section">
      <h2 id="fleet-title">Kiosks</h2>
      {alerts.length > 0 && (
        <div className="notice notice-warning" role="alert" aria-label="Kiosk alerts">
          <ul>
            {alerts.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </div>
      )}
      {live.status === 'connecting' && <p className="notice">Reconnecting to live updates…</p>}
      {(service.error ?? revoke.error) && (
        <p className="notice notice-error" role="alert">
          {problem(service.error ?? revoke.error)}
        </p>
      )}
      {/* On a phone the table scrolls sideways in its box, not the page. */}
      <div className="manager-table-scroll" role="region" aria-label="Kiosk table" tabIndex={0}>
        <table className="manager-table">
          <thead>
            <tr>
              <th scope="col">Kiosk</th>
              <th scope="col">Status</th>
              <th scope="col">Screen</th>
              <th scope="col">Printer</th>
              <th scope="col">Version</th>
              <th scope="col">Last error</th>
              <th scope="col">Sold today</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {fleet.kiosks.map((k) => (
              <tr key={k.id} aria-label={`Kiosk ${k.name}`}>
                <th scope="row">{k.name}</th>
                <td>
                  <span className={`status status-${k.online ? 'ok' : 'bad'}`}>
                    {!k.registered ? 'not registered' : k.online ? 'online' : 'offline'}
                  </span>
                  {k.outOfService && <span className="status status-bad"> out of service</span>}
                </td>
                <td>{k.currentScreen ?? '—'}</td>
                <td className={k.printerStatus === 'OK' ? '' : 'status-bad'}>{PRINTER[k.printerStatus]}</td>
                <td>
                  {k.appVersion ?? '—'}
                  {k.updateState && (
                    <span className={`show-prices${k.updateState === 'error' ? ' status-bad' : ' muted'}`}>
                      {updateLabel(k.updateState, k.updateVersion)}
                    </span>
                  )}
                </td>
                <td>{k.lastError ?? '—'}</td>
                <td>
                  {k.todayTickets} tickets, {formatRupees(k.todaySalesPaise)}
                </td>
                <td>
                  <button
                    type="button"
                    className="button"
                    disabled={service.isPending}
                    onClick={() => service.mutate({ kioskId: k.id, outOfService: !k.outOfService })}
                  >
                    {k.outOfService ? `Put ${k.name} back in service` : `Take ${k.name} out of service`}
                  </button>
                  {isAdmin && k.registered && (
                    <button
                      type="button"
                      className="button"
                      disabled={revoke.isPending}
                      onClick={() => setRevoking({ id: k.id, name: k.name })}
                    >
                      {`Revoke ${k.name}`}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {revoking && (
        // A stolen or retired device: its token stops working at once; a new code registers it again.
        <ConfirmDialog
          title={`Revoke ${revoking.name}?`}
          message="It stops selling at once and needs a new registration code to sell again."
          confirmLabel={`Revoke ${revoking.name}`}
          keepLabel="Keep it"
          busy={revoke.isPending}
          onConfirm={() => revoke.mutate({ kioskId: revoking.id }, { onSettled: () => setRevoking(null) })}
          onKeep={() => setRevoking(null)}
        />
      )}
      {isAdmin && <AddKiosk />}
    </section>
  );
}

function AddKiosk() {
  const zone = useStaffTimeZone();
  const trpc = useTRPC();
  const [name, setName] = useState('');
  const issue = useMutation(trpc.fleet.issueCode.mutationOptions());
  return (
    <form
      className="manager-inline-form manager-card"
      onSubmit={(e) => {
        e.preventDefault();
        issue.mutate({ name });
      }}
    >
      <h3>Add or replace a kiosk</h3>
      <label className="field">
        <span>Kiosk name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} />
      </label>
      <button type="submit" className="button" disabled={issue.isPending}>
        Get a registration code
      </button>
      {issue.error && (
        <p className="notice notice-error" role="alert">
          {problem(issue.error)}
        </p>
      )}
      {issue.data && (
        <p className="notice" role="status">
          Type <strong className="booking-code">{`${issue.data.code.slice(0, 4)}-${issue.data.code.slice(4)}`}</strong>{' '}
          on the kiosk&apos;s setup screen before{' '}
          {new Date(issue.data.expiresAt).toLocaleString('en-IN', { timeZone: zone })}. It works once and is not shown
          again.
        </p>
      )}
    </form>
  );
}
