import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../trpc';
import { useProblem } from './problem';

/** Choose a registered kiosk (offline ones shown, not choosable) and send something to it. */
export function KioskChooser({
  label,
  chooseLabel,
  buttonLabel,
  offlineName,
  busy,
  onSend,
}: {
  label: string;
  chooseLabel: string;
  buttonLabel: string;
  offlineName: (name: string) => string;
  busy: boolean;
  onSend: (kioskId: string) => void;
}) {
  const trpc = useTRPC();
  const problem = useProblem();
  // Every staff role may list them (a counter clerk prints a sale); the fleet page is managers' only.
  const fleet = useQuery(trpc.boxOffice.kiosks.queryOptions());
  const [kioskId, setKioskId] = useState('');
  const kiosks = fleet.data ?? [];
  return (
    <form
      className="manager-inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSend(kioskId);
      }}
    >
      <label className="field">
        <span>{label}</span>
        <select value={kioskId} onChange={(e) => setKioskId(e.target.value)} required>
          <option value="">{chooseLabel}</option>
          {kiosks.map((k) => (
            <option key={k.id} value={k.id} disabled={!k.online}>
              {k.online ? k.name : offlineName(k.name)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button" disabled={busy || !!fleet.error}>
        {buttonLabel}
      </button>
      {fleet.error && (
        <p className="notice notice-error" role="alert">
          {problem(fleet.error)}
        </p>
      )}
    </form>
  );
}
