import { formatRupees, formatShowTime, maskContact, type TBookingSummary } from '@marquee/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Spinner } from '../components/layout';
import { useTRPC } from '../trpc';
import { problem } from './problem';
import { useStaffTimeZone } from '../components/use-cinema-time-zone';
import { BookingInvoice } from './booking-invoice';
import { BookingMoney } from './booking-money';
import { useDeskMessages } from './desk-messages';
import { ExchangePanel } from './exchange-panel';
import { KioskChooser } from './kiosk-chooser';
import { goesTo, SeatRefundPanel } from './seat-refund-panel';

const when = (iso: string, zone: string) =>
  new Date(iso).toLocaleString('en-IN', { timeZone: zone, dateStyle: 'medium', timeStyle: 'medium' });

/**
 * The booking desk: search, or (at /bookings?show=<id>) one show's bookings, from the Tonight
 * board; with &seat=<label> (a sold seat tapped on the seat map) that seat's booking opens.
 */
export function BookingsView() {
  const zone = useStaffTimeZone();
  const trpc = useTRPC();
  const params = new URLSearchParams(useSearch());
  const showId = params.get('show');
  const seat = params.get('seat');
  const [, navigate] = useLocation();
  const [query, setQuery] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const results = useQuery({
    ...trpc.bookingDesk.search.queryOptions({ query: submitted ?? '' }),
    enabled: submitted !== null,
  });
  const conflicts = useQuery(trpc.door.conflicts.queryOptions(undefined, { refetchInterval: 30_000 }));
  return (
    <section aria-labelledby="bookings-title" className="manager-section">
      <h2 id="bookings-title">Bookings</h2>
      {conflicts.data && conflicts.data.length > 0 && (
        <div className="notice notice-warning" role="alert" aria-label="Door conflicts">
          <p>Tickets scanned at two doors while a door was offline (last 7 days):</p>
          <ul>
            {conflicts.data.map((c) => (
              <li key={`${c.bookingId}-${c.secondAt}`}>
                Seat {c.seatLabel}: {c.firstDoor ?? 'a door'} at {when(c.firstAt, zone)}, again at {c.secondDoor} at{' '}
                {when(c.secondAt, zone)}{' '}
                <button type="button" className="button button-ghost" onClick={() => setOpenId(c.bookingId)}>
                  Open booking
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form
        className="manager-toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setOpenId(null);
          setSubmitted(query.trim());
          if (showId) navigate('/bookings');
        }}
      >
        <label className="field">
          <span>Booking code, email, phone or seat</span>
          <input value={query} onChange={(e) => setQuery(e.target.value)} minLength={2} required />
        </label>
        <button type="submit" className="button button-primary">
          Search
        </button>
      </form>
      {showId && !submitted && (
        <ShowBookings
          key={`${showId}-${seat ?? ''}`}
          showtimeId={showId}
          seat={seat}
          openId={openId}
          onOpen={setOpenId}
        />
      )}
      {results.error && (
        <p className="notice notice-error" role="alert">
          {problem(results.error)}
        </p>
      )}
      {results.data && results.data.length === 0 && <p role="status">No bookings match “{submitted}”.</p>}
      {results.data && results.data.length > 0 && (
        <ul className="booking-results" aria-label="Search results">
          {results.data.map((b) => (
            <li key={b.id}>
              <button
                type="button"
                className={`button ${openId === b.id ? 'button-primary' : ''}`}
                aria-expanded={openId === b.id}
                onClick={() => setOpenId(openId === b.id ? null : b.id)}
              >
                {summaryLine(b, zone)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {openId && <BookingDetail key={openId} bookingId={openId} onOpen={setOpenId} />}
    </section>
  );
}

/** One show's bookings as a table; a seat given opens the booking holding it. */
function ShowBookings({
  showtimeId,
  seat,
  openId,
  onOpen,
}: {
  showtimeId: string;
  seat: string | null;
  openId: string | null;
  onOpen: (id: string | null) => void;
}) {
  const zone = useStaffTimeZone();
  const trpc = useTRPC();
  const list = useQuery(trpc.bookingDesk.search.queryOptions(seat ? { showtimeId, query: seat } : { showtimeId }));
  const only = list.data?.length === 1 ? list.data[0]!.id : null;
  useEffect(() => {
    if (seat && only) onOpen(only);
  }, [seat, only, onOpen]);
  if (list.isPending) return <Spinner label="Loading the show’s bookings…" />;
  if (list.error)
    return (
      <p className="notice notice-error" role="alert">
        {problem(list.error)}
      </p>
    );
  const first = list.data[0];
  const title = seat ? `Seat ${seat}` : 'Bookings of the show';
  return (
    <div className="manager-table-scroll">
      <table className="manager-table" aria-label={title}>
        <caption className="show-bookings-caption">
          {title}
          {first && ` · ${first.movieTitle}, ${first.screenName}, ${formatShowTime(first.startsAt, zone)}`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Status</th>
            <th scope="col">Seats</th>
            <th scope="col" className="amount">
              Amount
            </th>
            <th scope="col">Channel</th>
            <th scope="col">Contact</th>
            <th scope="col">Admitted</th>
          </tr>
        </thead>
        <tbody>
          {list.data.length === 0 && (
            <tr>
              <td colSpan={7}>No bookings for this show yet.</td>
            </tr>
          )}
          {list.data.map((b) => (
            <tr key={b.id} aria-label={`Booking ${b.code}`}>
              <th scope="row">
                <button
                  type="button"
                  className={`button ${openId === b.id ? 'button-primary' : 'button-ghost'}`}
                  aria-expanded={openId === b.id}
                  onClick={() => onOpen(openId === b.id ? null : b.id)}
                >
                  <span className="booking-code">{b.code}</span>
                </button>
              </th>
              <td>{b.status.toLowerCase()}</td>
              <td>{b.seatLabels.join(', ')}</td>
              <td className="amount">{money(b)}</td>
              <td>{CHANNEL[b.channel]}</td>
              <td>
                {[b.customerEmail, b.customerPhone]
                  .filter((c): c is string => !!c)
                  .map(maskContact)
                  .join(' · ') || '—'}
              </td>
              <td>
                {b.admitted} / {b.status === 'CONFIRMED' ? b.seatLabels.length : 0}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const CHANNEL: Record<TBookingSummary['channel'], string> = { KIOSK: 'kiosk', WEB: 'online', BOX_OFFICE: 'box office' };

/** What was paid, and what of it went back already: a partly refunded booking no longer holds all it was paid. */
const money = (b: TBookingSummary) =>
  b.refundedPaise > 0
    ? `${formatRupees(b.amountPaise)} paid, ${formatRupees(b.refundedPaise)} refunded`
    : formatRupees(b.amountPaise);

const summaryLine = (b: TBookingSummary, zone: string) =>
  `${b.code} · ${b.status.toLowerCase()} · ${b.movieTitle}, ${formatShowTime(b.startsAt, zone)} · ${b.seatLabels.join(', ')} · ${money(b)}${b.customerEmail ? ` · ${b.customerEmail}` : ''}`;

function BookingDetail({ bookingId, onOpen }: { bookingId: string; onOpen: (id: string) => void }) {
  const t = useDeskMessages();
  const zone = useStaffTimeZone();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Polled: what a kiosk prints (a reprint sent from here, a customer collecting) joins the timeline.
  const detail = useQuery(trpc.bookingDesk.detail.queryOptions({ bookingId }, { refetchInterval: 5000 }));
  const [reason, setReason] = useState('');
  // One counter panel at a time: give back some seats, or move / exchange them.
  const [panel, setPanel] = useState<'refund-seats' | 'exchange' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The refund asks first, in the page: the amount and what happens to the seats.
  const [askRefund, setAskRefund] = useState(false);
  const confirmed = detail.data?.status === 'CONFIRMED';
  // A refund or a reprint changes the booking's story, the kiosks' sales today and the sales figures.
  const refresh = () =>
    Promise.all(
      [trpc.bookingDesk, trpc.fleet, trpc.sales, trpc.cashShifts].map((r) =>
        queryClient.invalidateQueries({ queryKey: r.pathKey() }),
      ),
    );
  const refund = useMutation(
    trpc.bookingDesk.refund.mutationOptions({
      onSuccess: (r) => (
        setDone(r.alreadyRefunded ? t.alreadyRefunded : t.refundedAll(formatRupees(r.amountPaise), goesTo(t, r))),
        refresh()
      ),
    }),
  );
  // What the refund gives back, as the server works it out when asked: the seats still standing
  // after any given back, their share of the fee, and where the money goes. Read afresh each time
  // the question is asked, and not while it is open or the refund runs, so the dialog offers no
  // figure but this one.
  const quote = useQuery({
    ...trpc.bookingDesk.refundQuote.queryOptions({ bookingId }),
    enabled: confirmed && askRefund && !refund.isPending,
    staleTime: 0,
    refetchOnWindowFocus: false,
  });
  const q = askRefund && !quote.isFetching ? quote.data : undefined;
  const resend = useMutation(
    trpc.bookingDesk.resendReceipt.mutationOptions({
      onSuccess: () => (setDone('The receipt is on its way again.'), refresh()),
    }),
  );
  const reprint = useMutation(
    trpc.bookingDesk.reprint.mutationOptions({
      onSuccess: () => (setDone('Sent to the kiosk for printing.'), refresh()),
    }),
  );
  const failure = refund.error ?? (askRefund ? quote.error : null) ?? resend.error ?? reprint.error;
  if (detail.isPending) return <Spinner label="Loading booking…" />;
  if (detail.error)
    return (
      <p className="notice notice-error" role="alert">
        {problem(detail.error)}
      </p>
    );
  const b = detail.data;
  return (
    <article className="booking-detail" aria-label={`Booking ${b.code}`}>
      <h3>
        Booking <span className="booking-code">{b.code}</span> — {b.status.toLowerCase()}
      </h3>
      <p>
        {b.movieTitle}, {b.screenName}, {formatShowTime(b.startsAt, zone)} · seats {b.seatLabels.join(', ')} ·{' '}
        {money(b)} · {b.channel === 'KIOSK' ? `kiosk ${b.kioskName ?? ''}` : CHANNEL[b.channel]}
        {b.customerEmail && ` · ${b.customerEmail}`}
        {b.customerPhone && ` · ${b.customerPhone}`}
      </p>
      {b.statusReason && <p>Why: {b.statusReason}</p>}
      <BookingMoney booking={b} onOpen={onOpen} />
      {b.invoice && <BookingInvoice invoice={b.invoice} />}
      <h4>Timeline</h4>
      <ol className="timeline">
        {b.timeline.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            <time dateTime={e.at}>{when(e.at, zone)}</time> <span className="timeline-kind">{e.kind}</span> {e.text}
          </li>
        ))}
      </ol>
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      {failure && (
        <p className="notice notice-error" role="alert">
          {problem(failure)}
        </p>
      )}
      {confirmed && (
        <div className="booking-actions">
          <form
            className="manager-inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (askRefund) void quote.refetch();
              else setAskRefund(true);
            }}
          >
            <label className="field">
              <span>{t.refundReason}</span>
              <input
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                minLength={3}
                maxLength={200}
                required
              />
            </label>
            <button
              type="submit"
              className="button button-danger"
              disabled={refund.isPending || (askRefund && quote.isFetching)}
            >
              {askRefund && quote.isFetching ? t.workingOutRefund : t.refundInFull}
            </button>
          </form>
          {q && (
            <ConfirmDialog
              title={t.refundAllTitle(formatRupees(q.amountPaise), b.code)}
              message={
                q.to.length > 0
                  ? t.refundHelp(
                      formatRupees(q.seatsPaise),
                      formatRupees(q.feePaise),
                      formatRupees(q.gstPaise),
                      goesTo(t, q),
                    )
                  : t.refundNothingHelp
              }
              confirmLabel={t.refundQuote(formatRupees(q.amountPaise))}
              keepLabel={t.keepBooking}
              busy={refund.isPending}
              onConfirm={() => refund.mutate({ bookingId: b.id, reason }, { onSettled: () => setAskRefund(false) })}
              onKeep={() => setAskRefund(false)}
            />
          )}
          <button
            type="button"
            className="button"
            disabled={resend.isPending || !b.customerEmail}
            onClick={() => resend.mutate({ bookingId: b.id })}
          >
            Resend receipt
          </button>
          <KioskChooser
            label="Reprint at"
            chooseLabel="Choose a kiosk"
            buttonLabel="Reprint"
            offlineName={(name) => `${name} (offline)`}
            busy={reprint.isPending}
            onSend={(kioskId) => reprint.mutate({ bookingId: b.id, kioskId })}
          />
        </div>
      )}
      {confirmed && (
        <div className="booking-actions" role="group" aria-label={`${t.refundSeats} · ${t.exchange}`}>
          {b.showStarted && (
            <p className="notice notice-warning" role="note">
              {t.showStarted}
            </p>
          )}
          {(
            [
              ['refund-seats', t.refundSeats],
              ['exchange', t.exchange],
            ] as const
          ).map(([id, label]) => (
            <button
              key={id}
              type="button"
              className={`button ${panel === id ? 'button-primary' : ''}`}
              aria-expanded={panel === id}
              disabled={b.showStarted}
              onClick={() => setPanel(panel === id ? null : id)}
            >
              {label}
            </button>
          ))}
        </div>
      )}
      {panel === 'refund-seats' && !b.showStarted && <SeatRefundPanel booking={b} onDone={() => void refresh()} />}
      {panel === 'exchange' && !b.showStarted && <ExchangePanel booking={b} onDone={() => void refresh()} />}
    </article>
  );
}
