// Finding a booking without its QR (the customer's phone died): staff type the booking code and the
// last 4 digits of the phone or the first 3 letters of the email, then admit its tickets one by one.
// Each "Admit" sends the ticket's own token through the same check as a scan, so a ticket enters
// once however it comes, and offline the door pack judges it as it judges a scan.
import { formatClock, type TDoorLookupResult } from '@marquee/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useStaffTimeZone } from '../components/use-cinema-time-zone';
import { problem } from '../manager/problem';
import { useTRPC } from '../trpc';
import type { TVerdict } from './use-ticket-check';

type TTicketState = { admitted: boolean; note: string };

export function DoorLookup({
  door,
  admit,
  onFound,
}: {
  door: string;
  /** Checks one ticket exactly as a scan is checked; its answer is also shown in the big verdict. */
  admit: (token: string) => Promise<TVerdict | null>;
  onFound: (showtimeId: string) => void;
}) {
  const trpc = useTRPC();
  const zone = useStaffTimeZone();
  const [code, setCode] = useState('');
  const [contact, setContact] = useState('');
  const [states, setStates] = useState<Record<string, TTicketState>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const lookup = useMutation(
    trpc.tickets.lookup.mutationOptions({
      onSuccess: (found) => {
        setStates(initialStates(found, zone));
        onFound(found.showtimeId);
      },
    }),
  );
  const fieldErrors = (lookup.error?.data as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors;
  const found = lookup.data;

  async function admitTicket(ticketId: string, token: string) {
    setBusy(ticketId);
    try {
      const v = await admit(token);
      if (!v) return;
      setStates((s) => ({
        ...s,
        [ticketId]: v.ok
          ? { admitted: true, note: `Admitted now at ${door}${v.offline ? ' (offline, will sync)' : ''}` }
          : { admitted: /^Already used/.test(v.detail), note: v.detail },
      }));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="door-lookup" aria-labelledby="door-lookup-title">
      <h2 id="door-lookup-title">No QR? Find the booking</h2>
      <form
        className="door-lookup-form"
        onSubmit={(e) => {
          e.preventDefault();
          lookup.mutate({ code, contact });
        }}
      >
        <div className="field">
          <label htmlFor="door-lookup-code">Booking code</label>
          <input
            id="door-lookup-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
            placeholder="K7M2QX"
            aria-invalid={fieldErrors?.code ? true : undefined}
            aria-describedby={fieldErrors?.code ? 'door-lookup-code-error' : undefined}
          />
          {fieldErrors?.code && (
            <small id="door-lookup-code-error" className="field-error">
              The booking code {fieldErrors.code}.
            </small>
          )}
        </div>
        <div className="field">
          <label htmlFor="door-lookup-contact">Phone last 4 digits or email first 3 letters</label>
          <input
            id="door-lookup-contact"
            value={contact}
            onChange={(e) => setContact(e.target.value)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={20}
            aria-invalid={fieldErrors?.contact ? true : undefined}
            aria-describedby={fieldErrors?.contact ? 'door-lookup-contact-error' : undefined}
          />
          {fieldErrors?.contact && (
            <small id="door-lookup-contact-error" className="field-error">
              Please {fieldErrors.contact}.
            </small>
          )}
        </div>
        <button type="submit" className="button button-primary" disabled={lookup.isPending}>
          {lookup.isPending ? 'Finding…' : 'Find booking'}
        </button>
      </form>
      {lookup.error && !fieldErrors && (
        <p className="notice notice-error" role="alert">
          {problem(lookup.error)}
        </p>
      )}
      {found && (
        <div className="door-lookup-found" role="region" aria-label={`Booking ${found.bookingCode}`}>
          <p>
            <strong>Booking {found.bookingCode}</strong> · {found.movieTitle}, {found.screenName},{' '}
            {formatClock(found.startsAt, zone)}
          </p>
          <ul className="door-lookup-tickets">
            {found.tickets.map((t) => {
              const state = states[t.ticketId];
              return (
                <li key={t.ticketId}>
                  <span className="door-lookup-seat">Seat {t.seatLabel}</span>
                  <span className="door-lookup-note">{state?.note ?? 'Not admitted yet'}</span>
                  <button
                    type="button"
                    className="button button-primary"
                    disabled={state?.admitted === true || busy !== null}
                    onClick={() => void admitTicket(t.ticketId, t.token)}
                    aria-label={state?.admitted ? `Seat ${t.seatLabel} admitted` : `Admit seat ${t.seatLabel}`}
                  >
                    {state?.admitted ? 'Admitted' : 'Admit'}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}

function initialStates(found: TDoorLookupResult, zone: string): Record<string, TTicketState> {
  return Object.fromEntries(
    found.tickets.map((t) => [
      t.ticketId,
      t.checkedInAt
        ? {
            admitted: true,
            note: `Already used at ${formatClock(t.checkedInAt, zone)}${t.checkedInDoor ? ` at ${t.checkedInDoor}` : ''}`,
          }
        : { admitted: false, note: 'Not admitted yet' },
    ]),
  );
}
